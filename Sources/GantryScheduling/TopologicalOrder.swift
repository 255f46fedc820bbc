/// A directed graph over activity indices `0..<count`, as the scheduling engine sees a network: no names, no dates.
public struct PrecedenceGraph: Sendable {
    public let count: Int
    /// `successors[i]` lists the nodes that depend on node `i`.
    public private(set) var successors: [[Int]]

    public init(count: Int, edges: [(from: Int, to: Int)]) {
        self.count = count
        var succ = Array(repeating: [Int](), count: count)
        for edge in edges { succ[edge.from].append(edge.to) }
        successors = succ
    }
}

/// The outcome of ordering a network: either every node in an order where predecessors come first,
/// or one cycle, named node by node in the order the links run (the first node repeats at the end).
public enum TopologicalOrder: Sendable, Equatable {
    case ordered([Int])
    case cycle([Int])

    /// Kahn's algorithm; ties are taken smallest index first so the order is deterministic.
    public static func of(_ graph: PrecedenceGraph) -> TopologicalOrder {
        var indegree = Array(repeating: 0, count: graph.count)
        for list in graph.successors { for s in list { indegree[s] += 1 } }
        var ready = MinHeap()
        for i in 0..<graph.count where indegree[i] == 0 { ready.push(i) }
        var order: [Int] = []
        order.reserveCapacity(graph.count)
        while let node = ready.pop() {
            order.append(node)
            for s in graph.successors[node] {
                indegree[s] -= 1
                if indegree[s] == 0 { ready.push(s) }
            }
        }
        if order.count == graph.count { return .ordered(order) }
        return .cycle(findCycle(in: graph, among: indegree.indices.filter { indegree[$0] > 0 }))
    }

    /// Depth-first search restricted to the nodes Kahn's algorithm could not place; one of them is on a cycle.
    private static func findCycle(in graph: PrecedenceGraph, among candidates: [Int]) -> [Int] {
        let allowed = Set(candidates)
        var state = [Int: Int]()  // 1 = on stack, 2 = done
        var stack: [Int] = []
        func visit(_ n: Int) -> [Int]? {
            state[n] = 1
            stack.append(n)
            for s in graph.successors[n] where allowed.contains(s) {
                if state[s] == 1, let start = stack.firstIndex(of: s) { return Array(stack[start...]) + [s] }
                if state[s] == nil, let found = visit(s) { return found }
            }
            stack.removeLast()
            state[n] = 2
            return nil
        }
        for c in candidates.sorted() where state[c] == nil {
            if let cycle = visit(c) { return cycle }
        }
        return []
    }
}

/// A small binary min-heap of indices.
struct MinHeap {
    private var items: [Int] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func push(_ x: Int) {
        items.append(x)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if items[p] <= items[i] { break }
            items.swapAt(p, i)
            i = p
        }
    }

    mutating func pop() -> Int? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < items.count && items[l] < items[m] { m = l }
                if r < items.count && items[r] < items[m] { m = r }
                if m == i { break }
                items.swapAt(m, i)
                i = m
            }
        }
        return top
    }
}
