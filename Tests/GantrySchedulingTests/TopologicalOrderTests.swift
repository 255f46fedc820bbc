import GantryScheduling
import Testing

@Suite("Topological order")
struct TopologicalOrderTests {
    static func order(_ count: Int, _ edges: [(Int, Int)]) -> TopologicalOrder {
        TopologicalOrder.of(PrecedenceGraph(count: count, edges: edges.map { (from: $0.0, to: $0.1) }))
    }

    @Test("an empty network has an empty order")
    func empty() {
        #expect(Self.order(0, []) == .ordered([]))
    }

    @Test("nodes without links come in index order")
    func noLinks() {
        #expect(Self.order(5, []) == .ordered([0, 1, 2, 3, 4]))
    }

    @Test("a chain comes in link order, whatever the indices")
    func chain() {
        #expect(Self.order(4, [(3, 1), (1, 0), (0, 2)]) == .ordered([3, 1, 0, 2]))
    }

    /// Kahn's algorithm, smallest ready index first, worked by hand for 3→1, 3→0, 1→2, 0→2 and a lone 4:
    /// ready {3, 4} → take 3 → ready {0, 1, 4} → take 0 → ready {1, 4} → take 1 → 2 becomes ready → {2, 4}
    /// → take 2 → take 4.
    @Test("ties are broken by the smallest index")
    func ties() {
        #expect(Self.order(5, [(3, 1), (3, 0), (1, 2), (0, 2)]) == .ordered([3, 0, 1, 2, 4]))
        // 2 is ready from the start and smaller than 3's successors: 2, then 3, then 0 and 1.
        #expect(Self.order(4, [(3, 1), (3, 0)]) == .ordered([2, 3, 0, 1]))
    }

    @Test("every link runs forwards in the order of a generated network", arguments: 0..<20)
    func linksRespected(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let n = rng.int(in: 1...40)
        let rank = rng.permutation(n)  // a hidden order; links only go from lower to higher rank
        var edges: [(Int, Int)] = []
        for _ in 0..<rng.int(in: 0...(n * 2)) {
            let a = rng.int(in: 0...(n - 1)), b = rng.int(in: 0...(n - 1))
            if rank[a] < rank[b] { edges.append((a, b)) }
        }
        guard case .ordered(let order) = Self.order(n, edges) else {
            Issue.record("an acyclic network was reported as a cycle")
            return
        }
        #expect(order.sorted() == Array(0..<n), "every node exactly once")
        var position = Array(repeating: 0, count: n)
        for (i, node) in order.enumerated() { position[node] = i }
        for (a, b) in edges { #expect(position[a] < position[b], "\(a) → \(b)") }
    }

    @Test("a cycle is named in link order with the first node repeated at the end", arguments: [
        // A ring: the search starts at the smallest index on it.
        (3, [(0, 1), (1, 2), (2, 0)], [0, 1, 2, 0]),
        (3, [(2, 0), (0, 1), (1, 2)], [0, 1, 2, 0]),
        // Two nodes linked both ways.
        (2, [(1, 0), (0, 1)], [0, 1, 0]),
        // A self-link is a cycle of one node.
        (2, [(0, 0)], [0, 0]),
        // 0 is placed; 1 → 2 → 3 → 1 cannot be.
        (4, [(0, 1), (1, 2), (2, 3), (3, 1)], [1, 2, 3, 1]),
        // 0 hangs below the loop 2 ⇄ 3 and is not on it, so the loop is named from 2.
        (4, [(2, 3), (3, 2), (3, 0)], [2, 3, 2]),
        // The loop runs 1 → 3 → 2 → 1: link order, not index order.
        (4, [(1, 3), (3, 2), (2, 1), (0, 1)], [1, 3, 2, 1]),
    ] as [(Int, [(Int, Int)], [Int])])
    func cycle(count: Int, edges: [(Int, Int)], expected: [Int]) {
        #expect(Self.order(count, edges) == .cycle(expected))
    }

    @Test("a named cycle is made of the network's own links", arguments: 0..<20)
    func cycleIsReal(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 7000)
        let n = rng.int(in: 2...30)
        var edges: [(Int, Int)] = []
        for _ in 0..<(n * 2) {
            let a = rng.int(in: 0...(n - 1)), b = rng.int(in: 0...(n - 1))
            if a < b { edges.append((a, b)) }
        }
        // Close at least one loop: a back link from a node to one of its ancestors.
        let (a, b) = edges.randomElement(using: &rng) ?? (0, 1)
        if edges.isEmpty { edges.append((0, 1)) }
        edges.append((b, a))
        guard case .cycle(let cycle) = Self.order(n, edges) else {
            Issue.record("a network with the loop \(a) → \(b) → \(a) was ordered")
            return
        }
        try #require(cycle.count >= 2)
        #expect(cycle.first == cycle.last)
        #expect(Set(cycle.dropLast()).count == cycle.count - 1, "no node twice before the end")
        let linkSet = Set(edges.map { [$0.0, $0.1] })
        for (x, y) in zip(cycle, cycle.dropFirst()) { #expect(linkSet.contains([x, y]), "\(x) → \(y) is a link") }
    }
}
