import Foundation
import GantryModel
import GantryServices
import GantryStorage
import Logging
import Testing

/// The databases the contract suite runs on: SQLite always, PostgreSQL when `GANTRY_TEST_POSTGRES_URL` names a
/// server (e.g. `postgres://postgres@127.0.0.1:55432/postgres`, see shared/CI.md).
enum Backend: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgresql

    static let postgresURL: String? = ProcessInfo.processInfo.environment["GANTRY_TEST_POSTGRES_URL"]
        .flatMap { $0.isEmpty ? nil : $0 }

    static var available: [Backend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgresql] }

    var testDescription: String { rawValue }
}

struct StorageTestError: Error, CustomStringConvertible {
    var description: String
}

/// A fresh, empty database for one test: a new SQLite file in the temporary directory, or a new PostgreSQL database
/// (created and dropped on the server the URL names), so tests never see each other's rows.
enum TestDatabase {
    static let logger = Logger(label: "gantry.storage-tests")

    /// Runs `body` on a fresh store, migrated unless told otherwise, and removes the database afterwards.
    static func with<T>(
        _ backend: Backend, migrated: Bool = true, _ body: (SQLStore, _ url: String) async throws -> T
    ) async throws -> T {
        let url: String
        let cleanup: () async throws -> Void
        switch backend {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("gantry-test-\(UUID().uuidString).sqlite").path
            url = path
            cleanup = {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        case .postgresql:
            guard let admin = Backend.postgresURL, var components = URLComponents(string: admin) else {
                throw StorageTestError(description: "GANTRY_TEST_POSTGRES_URL is not a URL")
            }
            let name = "gantry_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await administer(admin, "CREATE DATABASE \(name)")
            components.path = "/" + name
            guard let own = components.string else { throw StorageTestError(description: "cannot build a URL") }
            url = own
            cleanup = { try await administer(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
        do {
            // A test server shared by many tests at once on a busy machine may be slow to answer: tests must not
            // fail because a machine is slow.
            let store = try await SQLStore.open(url: url, logger: logger, connectTimeout: Self.patience)
            do {
                if migrated { try await store.migrate() }
                let result = try await body(store, url)
                await store.close()
                try await cleanup()
                return result
            } catch {
                await store.close()
                throw error
            }
        } catch {
            try? await cleanup()
            throw error
        }
    }

    /// How long a test waits for the PostgreSQL server to answer.
    static let patience: Duration = .seconds(120)

    /// Runs one statement on the server `url` names, over a connection of its own (no subprocess: launching
    /// processes from many test threads at once crashed Foundation's Process.run).
    static func administer(_ url: String, _ statement: String) async throws {
        let store = try await SQLStore.open(url: url, logger: logger, connectTimeout: Self.patience)
        do {
            try await store.administer(statement)
            await store.close()
        } catch {
            await store.close()
            throw StorageTestError(description: "'\(statement)' failed: \(error)")
        }
    }
}

/// A clock that always says the same time, so stamps written by services can be checked exactly.
struct FixedClock: GantryServices.Clock {
    var time: Timestamp
    func now() -> Timestamp { time }
}

extension Timestamp {
    static func at(_ text: String) -> Timestamp {
        guard let t = Timestamp(iso: text) else { fatalError("\(text) is not a timestamp") }
        return t
    }
}

extension CalendarDate {
    static func at(_ text: String) -> CalendarDate {
        guard let d = CalendarDate(iso: text) else { fatalError("\(text) is not a date") }
        return d
    }
}
