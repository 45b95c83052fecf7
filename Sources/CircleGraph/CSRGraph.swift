/// A directed graph in compressed sparse row form: the arcs leaving node `v` are
/// `firstOut[v] ..< firstOut[v + 1]`, each with its head node and the network edge it runs along.
///
/// Node and edge ids are dense `UInt32`s; the arrays are flat so that searches touch memory in order.
public struct CSRGraph: Sendable, Equatable {
    /// `nodeCount + 1` offsets into `head` and `edge`.
    public var firstOut: [UInt32]
    /// The node each arc leads to.
    public var head: [UInt32]
    /// The network edge each arc travels (its geometry and length live in ``RoadNetwork``).
    public var edge: [UInt32]

    /// The number of nodes.
    public var nodeCount: Int { firstOut.count - 1 }
    /// The number of arcs.
    public var arcCount: Int { head.count }

    /// Creates a graph from its arrays; `firstOut` must be non-decreasing, start at 0 and end at `head.count`.
    public init(firstOut: [UInt32], head: [UInt32], edge: [UInt32]) {
        precondition(firstOut.first == 0 && Int(firstOut.last ?? 0) == head.count && head.count == edge.count)
        self.firstOut = firstOut
        self.head = head
        self.edge = edge
    }

    /// Builds a graph by counting sort of arcs on their tail node; arcs of one tail keep input order.
    ///
    /// - Complexity: O(nodeCount + arcs).
    public init(nodeCount: Int, tails: [UInt32], heads: [UInt32], edges: [UInt32]) {
        precondition(tails.count == heads.count && heads.count == edges.count)
        var first = [UInt32](repeating: 0, count: nodeCount + 1)
        for t in tails { first[Int(t) + 1] &+= 1 }
        for v in 0..<nodeCount { first[v + 1] &+= first[v] }
        var fill = first
        var head = [UInt32](repeating: 0, count: tails.count)
        var edge = [UInt32](repeating: 0, count: tails.count)
        for i in tails.indices {
            let t = Int(tails[i])
            let slot = Int(fill[t])
            fill[t] = UInt32(slot + 1)
            head[slot] = heads[i]
            edge[slot] = edges[i]
        }
        self.init(firstOut: first, head: head, edge: edge)
    }

    /// The arcs leaving `node`, as a range of arc indices.
    @inlinable
    public func arcs(from node: UInt32) -> Range<Int> {
        Int(firstOut[Int(node)])..<Int(firstOut[Int(node) + 1])
    }
}
