#!/usr/bin/env bash
# Gantry's test command (README.md): builds once with the layering check on, runs every Swift suite, then the
# end-to-end tests (headless Chromium, schemathesis) against a real `gantry serve --demo`.
#
#   GANTRY_TEST_POSTGRES_URL=postgres://...  also runs the storage contract suite on PostgreSQL
#   CI=true                                  makes PostgreSQL and the browser test mandatory instead of skipped
set -euo pipefail
cd "$(dirname "$0")/.."

ci=${CI:-false}
if [ -z "${GANTRY_TEST_POSTGRES_URL:-}" ]; then
  if [ "$ci" = true ]; then
    echo "error: CI needs GANTRY_TEST_POSTGRES_URL so the storage suite runs on PostgreSQL too (.ci/run sets it)" >&2
    exit 1
  fi
  echo "note: GANTRY_TEST_POSTGRES_URL is not set; the storage contract suite runs on SQLite only"
fi

echo "== build (with --explicit-target-dependency-import-check error: an undeclared import fails the build)"
swift build --build-tests --explicit-target-dependency-import-check error

echo "== swift test"
swift test --skip-build

echo "== end-to-end tests (browser, API fuzzing)"
if command -v chromium >/dev/null && command -v chromedriver >/dev/null && python3 -c "import selenium, pytest" 2>/dev/null \
   && { [ "$ci" != true ] || { command -v st >/dev/null && python3 -c "import openpyxl, mpxj, jpype, axe_selenium_python" 2>/dev/null; }; }; then
  GANTRY_BIN="$(swift build --show-bin-path)/gantry" GANTRY_SCREENSHOTS="${GANTRY_SCREENSHOTS:-.build/screenshots}" \
    python3 -m pytest -q -p no:cacheprovider Tests/e2e
elif [ "$ci" = true ]; then
  echo "error: the end-to-end tests need chromium, chromium-driver, Java and python3 -m pip install selenium pytest schemathesis openpyxl mpxj JPype1 axe-selenium-python" >&2
  exit 1
else
  echo "skipped: install Debian's chromium and chromium-driver and 'python3 -m pip install selenium pytest schemathesis' to run them"
fi
