/// Connected components of a network, ignoring edge directions (weakly connected for cycling).
public struct Components: Sendable, Equatable {
    /// The component of each node. Components are numbered by their lowest node id.
    public var ofNode: [UInt32]
    /// The number of nodes of each component.
    public var size: [UInt32]
    /// Whether each component is eligible for snapping (SPEC §4): the largest one (the lowest
    /// numbered among equals) and every one with at least the minimum number of nodes.
    public var eligible: [Bool]

    public init(ofNode: [UInt32], size: [UInt32], eligible: [Bool]) {
        self.ofNode = ofNode
        self.size = size
        self.eligible = eligible
    }

    /// Finds the components with union–find over the edges.
    ///
    /// - Complexity: O((n + m) α(n)).
    public init(nodeCount: Int, edgeFrom: [UInt32], edgeTo: [UInt32], minEligibleNodes: Int) {
        var parent = (0..<UInt32(nodeCount)).map { $0 }
        func find(_ v: UInt32) -> UInt32 {
            var v = v
            while parent[Int(v)] != v {
                let p = parent[Int(v)]
                parent[Int(v)] = parent[Int(p)]
                v = p
            }
            return v
        }
        for i in edgeFrom.indices {
            let a = find(edgeFrom[i]), b = find(edgeTo[i])
            if a != b { parent[Int(max(a, b))] = min(a, b) }
        }
        var label = [UInt32](repeating: .max, count: nodeCount)
        var ofNode = [UInt32](repeating: 0, count: nodeCount)
        var size: [UInt32] = []
        for v in 0..<nodeCount {
            let r = Int(find(UInt32(v)))
            if label[r] == .max {
                label[r] = UInt32(size.count)
                size.append(0)
            }
            ofNode[v] = label[r]
            size[Int(label[r])] += 1
        }
        var eligible = size.map { Int($0) >= minEligibleNodes }
        if let largest = size.indices.max(by: { size[$0] < size[$1] || (size[$0] == size[$1] && $0 > $1) }) {
            eligible[largest] = true
        }
        self.init(ofNode: ofNode, size: size, eligible: eligible)
    }

    /// The number of components.
    public var count: Int { size.count }
}
