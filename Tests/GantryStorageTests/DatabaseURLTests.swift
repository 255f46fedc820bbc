import GantryServices
import GantryStorage
import Logging
import Testing

@Suite("Database URLs")
struct DatabaseURLTests {
    static let logger = Logger(label: "url-tests")

    @Test("an unknown sslmode is refused, naming the value and the choices")
    func unknownSSLMode() async {
        await #expect {
            _ = try await SQLStore.open(url: "postgres://u@127.0.0.1:1/db?sslmode=sometimes", logger: Self.logger)
        } throws: { error in
            guard let e = error as? ServiceError else { return false }
            return e.code == .badRequest && e.message.contains("sometimes") && e.message.contains("verify-full")
        }
    }

    @Test("a SQLite path in a folder that does not exist is refused with the path named")
    func missingFolder() async {
        await #expect {
            _ = try await SQLStore.open(url: "/nonexistent-gantry-folder/x.sqlite", logger: Self.logger)
        } throws: { error in
            (error as? ServiceError)?.message.contains("/nonexistent-gantry-folder/x.sqlite") == true
        }
    }

    @Test("passwords never appear in the URL Gantry logs")
    func redaction() {
        #expect(SQLStore.redactedURL("postgres://gantry:s3cret@db:5432/gantry") == "postgres://gantry:***@db:5432/gantry")
        #expect(SQLStore.redactedURL("gantry.sqlite") == "gantry.sqlite")
    }
}
