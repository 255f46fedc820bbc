extension PortfolioSelection {
    /// The index-based working form of a selection problem: arrays by candidate index, a trail of assignments
    /// for undo, running totals. One value per solve; nothing is shared.
    struct Search {
        enum State: UInt8 { case free, selected, rejected }

        let problem: PortfolioSelection
        let n: Int
        let values: [Double]
        let costs: [Double]
        /// The buckets that have a capacity, in a fixed order (role, then period).
        let buckets: [Bucket]
        let limits: [Double]
        /// `demand[i][b]`: candidate i's demand in bucket b.
        let demand: [[Double]]
        let requires: [[Int]]
        let requiredBy: [[Int]]
        let excludes: [[Int]]
        /// Free candidates in branching order: value per unit cost, higher first.
        let ratioOrder: [Int]
        /// For each resource dimension (budget first, if any, then buckets): candidates by value per unit of it.
        let boundOrders: [[Int]]

        var state: [State]
        var trail: [Int] = []
        var value = 0.0
        var cost = 0.0
        var usage: [Double]
        var nodes = 0

        var best: [Bool] = []
        var bestValue = -Double.infinity
        var bestCost = 0.0
        var bestCount = 0

        init(_ problem: PortfolioSelection) throws {
            self.problem = problem
            let candidates = problem.candidates
            n = candidates.count
            var index: [ID: Int] = [:]
            for (i, c) in candidates.enumerated() {
                guard index.updateValue(i, forKey: c.id) == nil else {
                    throw PortfolioError(code: "duplicate_candidate", message: "candidate \(c.id) appears twice")
                }
                guard c.value.isFinite else {
                    throw PortfolioError(code: "invalid_value", message: "candidate \(c.id) has value \(c.value)")
                }
                guard c.cost.isFinite, c.cost >= 0 else {
                    throw PortfolioError(code: "invalid_cost", message: "candidate \(c.id) has cost \(c.cost); costs are ≥ 0")
                }
                for (bucket, d) in c.demand where !(d.isFinite && d >= 0) {
                    throw PortfolioError(code: "invalid_demand",
                                         message: "candidate \(c.id) demands \(d) of \(bucket.role) in period \(bucket.period)")
                }
            }
            if let budget = problem.budget, !(budget.isFinite && budget >= 0) {
                throw PortfolioError(code: "invalid_budget", message: "the budget is \(budget); it must be ≥ 0")
            }
            for (bucket, limit) in problem.capacity where !(limit.isFinite && limit >= 0) {
                throw PortfolioError(code: "invalid_capacity",
                                     message: "capacity of \(bucket.role) in period \(bucket.period) is \(limit)")
            }
            func lookup(_ id: ID, _ rule: String) throws -> Int {
                guard let i = index[id] else {
                    throw PortfolioError(code: "unknown_project", message: "\(rule) names \(id), which is not a candidate")
                }
                return i
            }
            for id in problem.decisions.keys { _ = try lookup(id, "a decision") }
            var requires = Array(repeating: [Int](), count: n)
            var requiredBy = Array(repeating: [Int](), count: n)
            var excludes = Array(repeating: [Int](), count: n)
            for rule in problem.requirements {
                let p = try lookup(rule.project, "a requirement"), q = try lookup(rule.requires, "a requirement")
                if p != q { requires[p].append(q); requiredBy[q].append(p) }
            }
            for (a, b) in problem.exclusions {
                let i = try lookup(a, "an exclusion"), j = try lookup(b, "an exclusion")
                guard i != j else {
                    throw PortfolioError(code: "self_exclusion", message: "\(a) cannot exclude itself")
                }
                excludes[i].append(j)
                excludes[j].append(i)
            }
            self.requires = requires
            self.requiredBy = requiredBy
            self.excludes = excludes

            values = candidates.map(\.value)
            costs = candidates.map(\.cost)
            buckets = problem.capacity.keys.sorted { ($0.role, $0.period) < ($1.role, $1.period) }
            limits = buckets.map { problem.capacity[$0]! }
            let buckets = self.buckets
            demand = candidates.map { c in buckets.map { c.demand[$0] ?? 0 } }
            usage = Array(repeating: 0, count: buckets.count)
            state = Array(repeating: .free, count: n)

            let values = self.values, costs = self.costs
            /// Orders candidates by value per unit of `weight`, higher first; zero weight first; ties by higher
            /// value, then candidate order.
            let count = n
            func byRatio(_ weight: (Int) -> Double) -> [Int] {
                (0..<count).sorted { a, b in
                    let wa = weight(a), wb = weight(b)
                    let ra = wa > 0 ? values[a] / wa : (values[a] > 0 ? .infinity : values[a] == 0 ? 0 : -.infinity)
                    let rb = wb > 0 ? values[b] / wb : (values[b] > 0 ? .infinity : values[b] == 0 ? 0 : -.infinity)
                    if ra != rb { return ra > rb }
                    if values[a] != values[b] { return values[a] > values[b] }
                    return a < b
                }
            }
            ratioOrder = byRatio { costs[$0] }
            var orders: [[Int]] = []
            if problem.budget != nil { orders.append(ratioOrder) }
            let demand = self.demand
            for b in buckets.indices { orders.append(byRatio { demand[$0][b] }) }
            boundOrders = orders
        }

        // MARK: - Assignment with propagation

        func fits(_ used: Double, _ limit: Double) -> Bool { used <= limit + 1e-9 * max(1, abs(limit)) }

        /// Selects i and, transitively, what it requires; rejects what it excludes. False when that breaks a
        /// constraint or a decision (the caller undoes to its mark).
        mutating func select(_ i: Int) -> Bool {
            switch state[i] {
            case .selected: return true
            case .rejected: return false
            case .free: break
            }
            state[i] = .selected
            trail.append(i)
            value += values[i]
            cost += costs[i]
            for b in buckets.indices { usage[b] += demand[i][b] }
            if let budget = problem.budget, !fits(cost, budget) { return false }
            for b in buckets.indices where !fits(usage[b], limits[b]) { return false }
            for q in requires[i] where !select(q) { return false }
            for e in excludes[i] where !reject(e) { return false }
            return true
        }

        /// Rejects i and, transitively, whatever requires it.
        mutating func reject(_ i: Int) -> Bool {
            switch state[i] {
            case .rejected: return true
            case .selected: return false
            case .free: break
            }
            state[i] = .rejected
            trail.append(i)
            for p in requiredBy[i] where !reject(p) { return false }
            return true
        }

        mutating func undo(to mark: Int) {
            while trail.count > mark {
                let i = trail.removeLast()
                if state[i] == .selected {
                    value -= values[i]
                    cost -= costs[i]
                    for b in buckets.indices { usage[b] -= demand[i][b] }
                }
                state[i] = .free
            }
        }

        // MARK: - Forced decisions

        /// Applies the forced decisions, or says why they cannot hold together.
        mutating func applyDecisions() -> [Infeasibility] {
            let ids = problem.candidates.map(\.id)
            let forcedIn = (0..<n).filter { problem.decisions[ids[$0]] == .forcedIn }
            let forcedOut = Set((0..<n).filter { problem.decisions[ids[$0]] == .forcedOut })
            // What the forced-in projects bring with them, and which forced-in project brought it.
            var mustSelect: [Int: Int] = [:]
            for root in forcedIn {
                var stack = [root]
                while let i = stack.popLast() {
                    guard mustSelect[i] == nil else { continue }
                    mustSelect[i] = root
                    stack.append(contentsOf: requires[i])
                }
            }
            let must = mustSelect.keys.sorted()
            func name(_ i: Int) -> String { "\(ids[i])" }
            func list(_ indices: [Int], with number: (Int) -> Double) -> String {
                indices.map { "\(name($0)) (\(formatted(number($0))))" }.joined(separator: ", ")
            }
            var problems: [Infeasibility] = []
            for i in must where forcedOut.contains(i) {
                let root = mustSelect[i]!
                let how = root == i ? "is forced in" : "is required by forced-in \(name(root))"
                problems.append(Infeasibility(code: "forced_in_requires_forced_out", projects: [root, i].sorted().map { ids[$0] },
                                              message: "\(name(i)) \(how) but is forced out"))
            }
            for i in must {
                for j in excludes[i] where j > i && mustSelect[j] != nil {
                    problems.append(Infeasibility(code: "forced_in_excluded", projects: [ids[i], ids[j]],
                                                  message: "\(name(i)) and \(name(j)) exclude each other but both must be selected"))
                }
            }
            let forcedCost = must.reduce(0) { $0 + costs[$1] }
            if let budget = problem.budget, !fits(forcedCost, budget) {
                problems.append(Infeasibility(
                    code: "forced_in_over_budget", projects: must.map { ids[$0] },
                    message: "forced-in projects \(list(must) { costs[$0] }) cost \(formatted(forcedCost)), "
                        + "over the budget of \(formatted(budget)) by \(formatted(forcedCost - budget))"))
            }
            for b in buckets.indices {
                let using = must.filter { demand[$0][b] > 0 }
                let total = using.reduce(0) { $0 + demand[$1][b] }
                if !fits(total, limits[b]) {
                    problems.append(Infeasibility(
                        code: "forced_in_over_capacity", projects: using.map { ids[$0] },
                        message: "forced-in projects \(list(using) { demand[$0][b] }) need \(formatted(total)) of "
                            + "\(buckets[b].role) in period \(buckets[b].period), over its capacity of "
                            + "\(formatted(limits[b])) by \(formatted(total - limits[b]))"))
                }
            }
            guard problems.isEmpty else { return problems }
            for i in forcedIn where !select(i) {
                return [Infeasibility(code: "forced_decisions_conflict", projects: [ids[i]],
                                      message: "the forced decisions cannot all hold together with \(name(i)) selected")]
            }
            for i in forcedOut.sorted() where !reject(i) {
                return [Infeasibility(code: "forced_decisions_conflict", projects: [ids[i]],
                                      message: "the forced decisions cannot all hold together with \(name(i)) forced out")]
            }
            return []
        }

        // MARK: - Solving

        func result(_ status: Status, selected mask: [Bool], infeasibilities: [Infeasibility] = []) -> Result {
            let chosen = (0..<n).filter { mask[$0] }
            var used: [Bucket: Double] = [:]
            for (b, bucket) in buckets.enumerated() { used[bucket] = chosen.reduce(0) { $0 + demand[$1][b] } }
            return Result(status: status, selected: chosen.map { problem.candidates[$0].id },
                          value: chosen.reduce(0) { $0 + values[$1] }, cost: chosen.reduce(0) { $0 + costs[$1] },
                          usage: used, infeasibilities: infeasibilities, nodes: nodes)
        }

        /// Takes free candidates by ratio while they fit; leaves the state at the greedy selection.
        mutating func greedyFill() {
            for i in ratioOrder where state[i] == .free {
                let mark = trail.count
                if !select(i) { undo(to: mark) }
            }
        }

        mutating func greedy() -> Result {
            let problems = applyDecisions()
            guard problems.isEmpty else { return result(.infeasible, selected: Array(repeating: false, count: n), infeasibilities: problems) }
            greedyFill()
            return result(.optimal, selected: state.map { $0 == .selected }, infeasibilities: [])
        }

        mutating func optimal(nodeLimit: Int) -> Result {
            let problems = applyDecisions()
            guard problems.isEmpty else { return result(.infeasible, selected: Array(repeating: false, count: n), infeasibilities: problems) }
            let root = trail.count
            greedyFill()
            offer()
            undo(to: root)
            let complete = branch(from: 0, nodeLimit: nodeLimit)
            return result(complete ? .optimal : .nodeLimitReached, selected: best)
        }

        /// Offers the current selection (free candidates left out) as the incumbent.
        mutating func offer() {
            let count = state.reduce(0) { $0 + ($1 == .selected ? 1 : 0) }
            let tolerance = 1e-9 * max(1, abs(bestValue.isFinite ? bestValue : 0))
            let better: Bool
            if value > bestValue + tolerance { better = true }
            else if value < bestValue - tolerance { better = false }
            else if abs(cost - bestCost) > 1e-9 * max(1, abs(bestCost)) { better = cost < bestCost }
            else if count != bestCount { better = count < bestCount }
            else if let first = (0..<n).first(where: { (state[$0] == .selected) != best[$0] }) {
                better = state[first] == .selected
            } else { better = false }
            if better {
                best = state.map { $0 == .selected }
                bestValue = value
                bestCost = cost
                bestCount = count
            }
        }

        /// The LP bound: the current value plus the best fractional fill of every resource, taking the smallest.
        func bound() -> Double {
            var gain = Double.infinity
            var dimension = 0
            if let budget = problem.budget {
                gain = min(gain, fractionalFill(order: boundOrders[0], room: budget - cost) { costs[$0] })
                dimension = 1
            }
            for b in buckets.indices {
                gain = min(gain, fractionalFill(order: boundOrders[dimension + b], room: limits[b] - usage[b]) { demand[$0][b] })
            }
            if gain == .infinity { gain = (0..<n).reduce(0) { $0 + (state[$1] == .free ? max(0, values[$1]) : 0) } }
            return value + gain
        }

        func fractionalFill(order: [Int], room: Double, weight: (Int) -> Double) -> Double {
            var room = max(0, room)
            var gain = 0.0
            for i in order where state[i] == .free && values[i] > 0 {
                let w = weight(i)
                if w <= room { gain += values[i]; room -= w }
                else { gain += values[i] * room / w; break }
            }
            return gain
        }

        /// Depth-first over `ratioOrder[k...]`; false when the node limit stopped the search.
        mutating func branch(from start: Int, nodeLimit: Int) -> Bool {
            nodes += 1
            if nodes > nodeLimit { return false }
            var k = start
            while k < ratioOrder.count, state[ratioOrder[k]] != .free { k += 1 }
            guard k < ratioOrder.count else { offer(); return true }
            let tolerance = 1e-9 * max(1, abs(bestValue))
            if bound() < bestValue - tolerance { return true }
            let i = ratioOrder[k]
            let mark = trail.count
            let includeFirst = values[i] > 0
            for include in includeFirst ? [true, false] : [false, true] {
                let ok = include ? select(i) : reject(i)
                if ok, !branch(from: k + 1, nodeLimit: nodeLimit) { undo(to: mark); return false }
                undo(to: mark)
            }
            return true
        }
    }
}
