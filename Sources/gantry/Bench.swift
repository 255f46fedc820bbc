import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// Benchmark helpers. `gantry bench bare-server` serves one JSON route on a bare Hummingbird router (no
/// middleware, no database): the ceiling Gantry's own routes are measured against by `scripts/bench-http.sh`.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmark helpers (see scripts/bench-http.sh).", subcommands: [BareServer.self])

    struct BareServer: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bare-server",
            abstract: "Serve GET /bare (a small JSON document) on a bare Hummingbird router, for comparison.")

        @Option(help: "The port to listen on.")
        var port: Int = 8081

        func run() async throws {
            let router = Router()
            router.get("bare") { _, _ in
                Response(status: .ok, headers: [.contentType: "application/json"],
                         body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
            }
            var logger = Logger(label: "bare")
            logger.logLevel = .warning
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
            try await app.runService()
        }
    }
}
