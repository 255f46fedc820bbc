// swift-tools-version:6.1
import PackageDescription

/// Every Gantry target builds with the same strict settings: existential `any` spelled out, members visible
/// only through the imports that declare them, and imports internal unless marked otherwise. Together with
/// `--explicit-target-dependency-import-check error` in CI they keep the layering honest.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "gantry",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gantry", targets: ["gantry"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
    ],
    targets: [
        // Pure value types: no I/O, no clock, no globals.
        // Optimised in debug builds too: every record read from the database is decoded through it, and a debug
        // server (the end-to-end tests, the plan editor's edits) reads thousands per request.
        .target(name: "GantryModel", swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]),
        // Engines: values in, values out. The scheduling engine is optimised in debug builds too: its tests, the
        // Monte Carlo and leveling requests of a debug server (the end-to-end tests) would otherwise run tens of
        // times slower than users ever see.
        .target(
            name: "GantryScheduling", dependencies: ["GantryModel"],
            swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(name: "GantryAnalytics", dependencies: ["GantryModel"], swiftSettings: strict),
        .target(name: "GantryPortfolio", dependencies: ["GantryModel"], swiftSettings: strict),
        .target(name: "GantryGovernance", dependencies: ["GantryModel"], swiftSettings: strict),
        // Other tools' files in and out (MS Project XML, Primavera XER, GanttProject; CSV, XLSX, iCalendar): one
        // reader and one writer per format over `ProjectFile`. Bytes in, values out; never the engine.
        // Optimised in debug builds too, like the engine: a debug server and the tests read files of tens of
        // megabytes.
        .target(
            name: "GantryInterchange",
            dependencies: ["GantryModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict + [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        // Use cases and the ports they need (store, clock, password hashing, secrets).
        .target(
            name: "GantryServices",
            dependencies: [
                "GantryModel", "GantryScheduling", "GantryAnalytics", "GantryGovernance", "GantryPortfolio",
                "GantryInterchange",
            ],
            swiftSettings: strict
        ),
        // SQLite's C interface, declared for GantryStorage to call in-line (include/GantrySQLite.h says how).
        .target(name: "GantrySQLite"),
        // The store port on SQL: SQLite (embedded default) and PostgreSQL, one implementation.
        .target(
            name: "GantryStorage",
            dependencies: [
                "GantryModel", "GantryServices", "GantrySQLite",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // HTTP edge: JSON API, HTML UI, auth, error mapping, OpenAPI. Never imports storage.
        .target(
            name: "GantryWeb",
            dependencies: [
                "GantryModel", "GantryServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        // Composition root and CLI.
        .executableTarget(
            name: "gantry",
            dependencies: [
                "GantryModel", "GantryServices", "GantryStorage", "GantryWeb", "GantryScheduling", "GantryPortfolio",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "GantryModelTests", dependencies: ["GantryModel"], swiftSettings: strict),
        .testTarget(
            name: "GantrySchedulingTests", dependencies: ["GantryModel", "GantryScheduling"], swiftSettings: strict
        ),
        .testTarget(
            name: "GantryAnalyticsTests", dependencies: ["GantryModel", "GantryAnalytics"], swiftSettings: strict
        ),
        .testTarget(
            name: "GantryPortfolioTests", dependencies: ["GantryModel", "GantryPortfolio"], swiftSettings: strict
        ),
        .testTarget(
            name: "GantryInterchangeTests",
            dependencies: ["GantryModel", "GantryInterchange", "GantryScheduling", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GantryGovernanceTests", dependencies: ["GantryModel", "GantryGovernance"], swiftSettings: strict
        ),
        .testTarget(
            name: "GantryStorageTests",
            dependencies: [
                "GantryModel", "GantryServices", "GantryStorage", "GantryInterchange", "GantryGovernance", "GantryScheduling",
                "GantryPortfolio", "GantryAnalytics",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GantryServicesTests",
            dependencies: ["GantryModel", "GantryServices", "GantryInterchange", "GantryScheduling"],
            // Generated P6 networks with MPXJ's dates (scripts/p6-differential.py), read by P6DifferentialTests.
            exclude: ["p6-differential"], swiftSettings: strict
        ),
        .testTarget(
            name: "GantryCLITests",
            dependencies: [
                "gantry", "GantryModel", "GantryServices", "GantryStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "GantryWebTests",
            dependencies: [
                "GantryModel", "GantryServices", "GantryStorage", "GantryWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
    ]
)
