import Crypto
import Foundation
public import GantryModel
public import GantryServices
import HummingbirdBcrypt

/// The real clock.
public struct SystemClock: Clock {
    public init() {}
    public func now() -> Timestamp {
        Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}

/// Secrets on the real primitives: the system's secure random generator, SHA-256 for token look-ups, bcrypt for
/// passwords.
public struct SystemSecrets: Secrets {
    /// bcrypt's cost: 2^cost rounds. 11 takes about a tenth of a second here.
    public let bcryptCost: UInt8

    public init(bcryptCost: UInt8 = 11) { self.bcryptCost = bcryptCost }

    public func newToken() -> String { randomToken() }

    public func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    public func hashPassword(_ password: String) -> String { Bcrypt.hash(password, cost: bcryptCost) }

    public func verifyPassword(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
