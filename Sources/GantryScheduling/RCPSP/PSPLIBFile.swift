/// A single-mode instance in one of the PSPLIB text formats (Kolisch & Sprecher 1996): `.sm` (j30, j60, j90,
/// j120) or Patterson's `.rcp`. Links are finish-to-start (`delta = d[from]`); jobs are numbered from 1 in the
/// files and from 0 in ``instance``.
public struct PSPLIBFile: Sendable, Equatable {
    public enum Format: String, Sendable { case sm, rcp }

    public var name: String
    public var format: Format
    /// Jobs including the dummy source and sink.
    public var jobs: Int
    /// The `horizon` header (`.sm` only).
    public var horizon: Int?
    /// The `MPM-Time` header: the critical-path length (`.sm` only).
    public var mpmTime: Int?
    /// Renewable resource capacities.
    public var capacities: [Int]
    public var instance: RCPSPInstance

    /// Reads `.sm` when the text has PSPLIB's section headers, `.rcp` otherwise.
    public static func parse(_ text: String, name: String) throws(PSPLIBError) -> PSPLIBFile {
        if text.contains("PRECEDENCE RELATIONS") || name.hasSuffix(".sm") {
            return try parseSM(text, name: name)
        }
        return try parseRCP(text, name: name)
    }

    // MARK: .sm

    private static func parseSM(_ text: String, name: String) throws(PSPLIBError) -> PSPLIBFile {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        func error(_ line: Int, _ expected: String) -> PSPLIBError {
            PSPLIBError(file: name, line: line + 1, expected: expected, found: line < lines.count ? String(lines[line]) : "end of file")
        }
        func find(_ prefix: String, from start: Int = 0) throws(PSPLIBError) -> Int {
            var i = start
            while i < lines.count {
                if lines[i].trimmingLeadingSpaces.hasPrefix(prefix) { return i }
                i += 1
            }
            throw PSPLIBError(file: name, line: lines.count, expected: "a line starting '\(prefix)'", found: "end of file")
        }
        func headerValue(_ prefix: String) throws(PSPLIBError) -> Int {
            let i = try find(prefix)
            let parts = lines[i].split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let v = parts[1].split(separator: " ").first.flatMap({ Int($0) }) else {
                throw error(i, "'\(prefix) : NUMBER'")
            }
            return v
        }
        func ints(_ i: Int) -> [Int]? {
            var out: [Int] = []
            for token in lines[i].split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                guard let v = Int(token) else { return nil }
                out.append(v)
            }
            return out
        }

        let jobs = try headerValue("jobs")
        guard jobs > 0 else { throw error(try find("jobs"), "a positive job count") }
        let horizon = try? headerValue("horizon")
        let renewable = try headerValue("- renewable")
        for other in ["- nonrenewable", "- doubly constrained"] {
            if let v = try? headerValue(other), v != 0 {
                throw error(try find(other), "0 \(other.dropFirst(2)) resources (only renewable resources are supported)")
            }
        }
        var mpm: Int?
        if let p = try? find("pronr.") {
            guard p + 1 < lines.count, let row = ints(p + 1), row.count >= 6 else {
                throw error(p + 1, "pronr. #jobs rel.date duedate tardcost MPM-Time (six numbers)")
            }
            mpm = row[5]
        }

        // PRECEDENCE RELATIONS: jobnr. #modes #successors successors…
        var row = try find("jobnr.", from: try find("PRECEDENCE RELATIONS")) + 1
        var successors: [[Int]] = []
        for job in 1...jobs {
            guard row < lines.count, let values = ints(row), values.count >= 3 else {
                throw error(row, "job \(job): jobnr. #modes #successors successors…")
            }
            guard values[0] == job else { throw error(row, "job number \(job)") }
            guard values[1] == 1 else { throw error(row, "job \(job) with 1 mode (multi-mode files are not supported)") }
            let count = values[2]
            guard values.count == 3 + count else { throw error(row, "job \(job): \(count) successors") }
            let list = Array(values[3...])
            if let bad = list.first(where: { $0 < 1 || $0 > jobs }) { throw error(row, "successor numbers 1…\(jobs), not \(bad)") }
            successors.append(list.map { $0 - 1 })
            row += 1
        }

        // REQUESTS/DURATIONS: jobnr. mode duration R 1 … then a dashed line.
        row = try find("jobnr.", from: try find("REQUESTS/DURATIONS")) + 1
        if row < lines.count, lines[row].trimmingLeadingSpaces.hasPrefix("-") { row += 1 }
        var durations: [Int] = []
        var demands: [Int] = []
        for job in 1...jobs {
            guard row < lines.count, let values = ints(row), values.count == 3 + renewable else {
                throw error(row, "job \(job): jobnr. mode duration and \(renewable) resource requests")
            }
            guard values[0] == job else { throw error(row, "job number \(job)") }
            guard values[2] >= 0, values[3...].allSatisfy({ $0 >= 0 }) else { throw error(row, "non-negative duration and requests") }
            durations.append(values[2])
            demands += values[3...]
            row += 1
        }

        // RESOURCEAVAILABILITIES: a header (R 1 R 2 …) and one row of capacities.
        row = try find("RESOURCEAVAILABILITIES") + 2
        guard row < lines.count, let capacities = ints(row), capacities.count == renewable, capacities.allSatisfy({ $0 >= 0 }) else {
            throw error(row, "\(renewable) resource capacities")
        }
        return try build(
            name: name, format: .sm, durations: durations, demands: demands, capacities: capacities,
            successors: successors, horizon: horizon, mpm: mpm, line: row)
    }

    // MARK: .rcp

    /// Patterson: `jobs resources`, the capacities, then per job `duration requests… #successors successors…`.
    private static func parseRCP(_ text: String, name: String) throws(PSPLIBError) -> PSPLIBFile {
        var tokens: [(value: Int, line: Int)] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
                guard let v = Int(token) else {
                    throw PSPLIBError(file: name, line: lineNumber, expected: "whole numbers", found: String(line))
                }
                tokens.append((v, lineNumber))
            }
        }
        var at = 0
        func next(_ expected: String) throws(PSPLIBError) -> Int {
            guard at < tokens.count else {
                throw PSPLIBError(file: name, line: lineNumber, expected: expected, found: "end of file")
            }
            defer { at += 1 }
            return tokens[at].value
        }
        func failure(_ expected: String) -> PSPLIBError {
            let t = tokens[max(0, min(at - 1, tokens.count - 1))]
            return PSPLIBError(file: name, line: t.line, expected: expected, found: String(t.value))
        }
        let jobs = try next("the number of jobs")
        guard jobs > 0 else { throw failure("a positive number of jobs") }
        let resources = try next("the number of resources")
        guard resources >= 0 else { throw failure("a number of resources ≥ 0") }
        var capacities: [Int] = []
        for k in 0..<resources {
            let c = try next("the capacity of resource \(k + 1)")
            guard c >= 0 else { throw failure("a capacity ≥ 0") }
            capacities.append(c)
        }
        var durations: [Int] = [], demands: [Int] = [], successors: [[Int]] = []
        for job in 1...jobs {
            let d = try next("job \(job): duration")
            guard d >= 0 else { throw failure("job \(job): a duration ≥ 0") }
            durations.append(d)
            for k in 0..<resources {
                let r = try next("job \(job): request for resource \(k + 1)")
                guard r >= 0 else { throw failure("job \(job): a request ≥ 0") }
                demands.append(r)
            }
            let count = try next("job \(job): number of successors")
            guard count >= 0 else { throw failure("job \(job): a number of successors ≥ 0") }
            var list: [Int] = []
            for _ in 0..<count {
                let s = try next("job \(job): a successor")
                guard s >= 1, s <= jobs else { throw failure("job \(job): successor numbers 1…\(jobs)") }
                list.append(s - 1)
            }
            successors.append(list)
        }
        if at < tokens.count {
            throw PSPLIBError(file: name, line: tokens[at].line, expected: "end of file after \(jobs) jobs", found: String(tokens[at].value))
        }
        return try build(
            name: name, format: .rcp, durations: durations, demands: demands, capacities: capacities,
            successors: successors, horizon: nil, mpm: nil, line: lineNumber)
    }

    private static func build(
        name: String, format: Format, durations: [Int], demands: [Int], capacities: [Int], successors: [[Int]],
        horizon: Int?, mpm: Int?, line: Int
    ) throws(PSPLIBError) -> PSPLIBFile {
        var links: [RCPSPInstance.Precedence] = []
        for (from, list) in successors.enumerated() {
            for to in list { links.append(.init(from: from, to: to, delta: durations[from])) }
        }
        let instance = RCPSPInstance(durations: durations, capacities: capacities, demands: demands, precedences: links)
        do {
            try instance.validate()
        } catch {
            // Name jobs as the file does (from 1).
            let job = error.activity.map { " (job \($0 + 1))" } ?? ""
            throw PSPLIBError(file: name, line: line, expected: "a schedulable instance", found: error.description + job)
        }
        return PSPLIBFile(
            name: name, format: format, jobs: durations.count, horizon: horizon, mpmTime: mpm, capacities: capacities,
            instance: instance)
    }
}

/// A PSPLIB file that cannot be read: where (1-based line), what was expected, what was there.
public struct PSPLIBError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var expected: String
    public var found: String

    public init(file: String, line: Int, expected: String, found: String) {
        self.file = file; self.line = line; self.expected = expected; self.found = found
    }

    public var description: String { "\(file):\(line): expected \(expected), found '\(found)'" }
}

extension Substring {
    fileprivate var trimmingLeadingSpaces: Substring { drop { $0 == " " || $0 == "\t" } }
}
