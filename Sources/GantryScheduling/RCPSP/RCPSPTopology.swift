/// Topological order and loop detection over an instance's links (Kahn's algorithm; on a loop, a depth-first
/// walk names it).
enum RCPSPTopology {
    /// Activities in an order where every link points forward; among ready activities the smallest index first.
    /// `nil` when the links close a loop.
    static func order(count n: Int, precedences: [RCPSPInstance.Precedence]) -> [Int]? {
        var indegree = [Int](repeating: 0, count: n)
        var successors = [[Int]](repeating: [], count: n)
        for p in precedences {
            indegree[p.to] += 1
            successors[p.from].append(p.to)
        }
        var heap = MinHeap()
        for j in 0..<n where indegree[j] == 0 { heap.push(j) }
        var order: [Int] = []
        order.reserveCapacity(n)
        while let j = heap.pop() {
            order.append(j)
            for s in successors[j] {
                indegree[s] -= 1
                if indegree[s] == 0 { heap.push(s) }
            }
        }
        return order.count == n ? order : nil
    }

    /// A loop in the links, in link order with the first activity repeated at the end, or `nil`.
    static func cycle(count n: Int, precedences: [RCPSPInstance.Precedence]) -> [Int]? {
        if order(count: n, precedences: precedences) != nil { return nil }
        var successors = [[Int]](repeating: [], count: n)
        for p in precedences { successors[p.from].append(p.to) }
        for j in 0..<n { successors[j].sort() }
        // 0 new, 1 on the stack, 2 done.
        var state = [UInt8](repeating: 0, count: n)
        var stack: [(node: Int, next: Int)] = []
        for root in 0..<n where state[root] == 0 {
            stack.append((root, 0))
            state[root] = 1
            while let top = stack.last {
                if top.next < successors[top.node].count {
                    stack[stack.count - 1].next += 1
                    let s = successors[top.node][top.next]
                    if state[s] == 1 {
                        let path = stack.map(\.node)
                        let from = path.firstIndex(of: s)!
                        return Array(path[from...]) + [s]
                    }
                    if state[s] == 0 {
                        state[s] = 1
                        stack.append((s, 0))
                    }
                } else {
                    state[top.node] = 2
                    stack.removeLast()
                }
            }
        }
        return nil
    }
}
