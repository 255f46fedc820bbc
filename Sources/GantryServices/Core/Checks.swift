public import GantryModel

/// Collects field problems while a record is checked, then throws them all at once, so a user fixes every
/// field in one round trip.
public struct Checks: Sendable {
    public private(set) var problems: [FieldProblem] = []

    public init() {}

    public mutating func fail(_ field: String, _ message: String) {
        problems.append(FieldProblem(field: field, message: message))
    }

    public mutating func text(_ field: String, _ value: String, max: Int, required: Bool = true) {
        if required && value.trimmingCharacters(in: " \t\n").isEmpty {
            fail(field, "\(field) is required and must not be blank")
        } else if value.count > max {
            fail(field, "\(field) must be at most \(max) characters (it has \(value.count))")
        }
    }

    /// Codes are short identifiers people type: letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    public mutating func code(_ field: String, _ value: String, max: Int = 32) {
        text(field, value, max: max)
        guard !value.isEmpty, value.count <= max else { return }
        let ok = value.unicodeScalars.enumerated().allSatisfy { index, c in
            let alnum = (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9")
            return alnum || (index > 0 && (c == "." || c == "_" || c == "-"))
        }
        if !ok { fail(field, "\(field) '\(value)' may hold only letters, digits, '.', '_' and '-', starting with a letter or digit") }
    }

    public mutating func range(_ field: String, _ value: Double, _ range: ClosedRange<Double>) {
        if !value.isFinite || !range.contains(value) {
            fail(field, "\(field) must be between \(range.lowerBound.clean) and \(range.upperBound.clean) (it is \(value.clean))")
        }
    }

    /// A reference to another record in the request body must name one that exists.
    public mutating func exists<E: Entity>(_ field: String, _ id: E.ID?, _ type: E.Type, in session: any StoreSession)
        async throws
    {
        guard let id else { return }
        if try await session.get(type, id) == nil { fail(field, "\(field): \(E.kindName) \(id) does not exist") }
    }

    public func throwIfAny() throws(ServiceError) {
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
    }
}

extension Double {
    var clean: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
