import ArgumentParser
import Foundation
import GantryModel
import GantryServices
import GantryStorage
import GantryWeb
import Logging

extension Bench {
    /// The governance read paths a PMO opens every morning, timed on a demo database grown to a size: the ranked
    /// intake queue, the PMO director's inbox and the portfolio-wide RAID view.
    struct GovernanceBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "governance",
            abstract: "Time the intake queue, the inbox and the portfolio RAID view on a demo database with extra requests.",
            discussion: """
                Example:  gantry bench governance --requests 2000 --runs 20
                Builds a throw-away SQLite database in a temporary directory (the demo, plus N submitted requests
                rated on the first portfolio's scoring model) and prints the median and the fastest time per path.
                """)

        @Option(help: "Extra submitted requests in the first demo portfolio.")
        var requests = 1_000

        @Option(help: "Timed runs per path (after one warm-up).")
        var runs = 10

        func validate() throws {
            guard (0...100_000).contains(requests) else { throw ValidationError("--requests is between 0 and 100000") }
            guard (1...1_000).contains(runs) else { throw ValidationError("--runs is between 1 and 1000") }
        }

        func run() async throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gantry-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let logger = Runtime.bootstrapLogging(level: .warning)
            let store = try await SQLStore.open(url: dir.appendingPathComponent("bench.sqlite").path, logger: logger)
            try await store.migrate()
            let clock = SystemClock()
            say("loading the demo …")
            _ = try await DemoLoader(store: store, clock: clock, secrets: SystemSecrets(bcryptCost: 4)).load(DemoData.generate(today: clock.now().date))
            let portfolio = try requireValue(try await store.read { try await $0.list(Portfolio.self, ListQuery(limit: 1)) }.first)
            let model = try requireValue(try await store.read {
                try await $0.list(ScoringModel.self, ListQuery(filters: ["portfolio_id": .int(portfolio.id.rawValue)], limit: 1))
            }.first)
            let director = try requireValue(try await store.read {
                try await $0.list(User.self, ListQuery(filters: ["username": .text("dana.director")], limit: 1))
            }.first)
            let requester = try requireValue(try await store.read {
                try await $0.list(User.self, ListQuery(filters: ["username": .text("ray.requester")], limit: 1))
            }.first)
            say("adding \(requests) submitted requests …")
            let now = clock.now()
            var made = 0
            while made < requests {
                let batch = min(500, requests - made)
                let first = made
                try await store.write { s in
                    var rng = SystemRandomNumberGenerator()
                    for i in 0..<batch {
                        _ = try await s.insert(IntakeRequest(
                            portfolioId: portfolio.id, title: "Bench request \(first + i)", requesterId: requester.id,
                            problem: "p", goal: "g",
                            businessCase: BusinessCaseInput(periods: [CashFlowPeriod(cost: 100_000), CashFlowPeriod(benefit: 60_000),
                                                                      CashFlowPeriod(benefit: 70_000)]),
                            ratings: model.criteria.map {
                                CriterionRating(criterion: $0.key, rating: Double(Int.random(in: Int($0.scaleMin)...Int($0.scaleMax), using: &rng)))
                            },
                            status: .submitted, submittedAt: now, createdAt: now, updatedAt: now))
                    }
                }
                made += batch
            }
            let caller = Caller.user(director)
            let intake = Intake(store: store, clock: clock)
            let inbox = Inbox(store: store, clock: clock)
            let raid = RAIDLog(store: store, clock: clock)
            func time(_ name: String, _ body: () async throws -> Int) async throws {
                _ = try await body()
                var samples: [Double] = []
                var size = 0
                for _ in 0..<runs {
                    let start = ContinuousClock.now
                    size = try await body()
                    let elapsed = ContinuousClock.now - start
                    samples.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
                }
                samples.sort()
                say(String(format: "%-24@ %8.2f ms median %8.2f ms fastest  (%d items)", name as NSString,
                           samples[samples.count / 2], samples[0], size))
            }
            #if DEBUG
            say("note: a debug build; `swift build -c release` for representative figures")
            #endif
            try await time("intake queue (rank)") { try await intake.queue(portfolio.id, caller).entries.count }
            try await time("inbox (PMO director)") { try await inbox.items(caller).count }
            try await time("portfolio RAID view") { try await raid.portfolioView(portfolio.id, RAIDQuery(), caller).items.count }
            await store.close()
        }
    }
}

/// The value, or a CLI error naming what the demo lacked.
private func requireValue<T>(_ value: T?, _ what: String = "the demo data") throws -> T {
    guard let value else { throw CLIError("\(what) is missing something the benchmark needs") }
    return value
}
