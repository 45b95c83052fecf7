/// Parallel-edge removal (SPEC §3, with the same-way exception of docs/rules.md): between the same
/// two nodes, per direction of travel, the shortest edge wins (ties to the lower edge id); every
/// other edge loses that direction unless it comes from the same OSM way as the winner (the
/// halves of a ring, such as a square walked along its outline). An edge left with no direction
/// is dropped, for snapping too.
enum ParallelEdges {
    /// The edges to keep, ascending, and the directions each keeps (indexed by original edge id).
    ///
    /// - Complexity: O(n + m) plus the square of the largest group of edges sharing a lower node.
    static func winners(nodeCount: Int, edges: EdgeTable) -> (keep: [Int], directions: [UInt8]) {
        let m = edges.count
        // Bucket edges by their lower end node (counting sort), then group by upper end within.
        var first = [Int](repeating: 0, count: nodeCount + 1)
        for e in 0..<m { first[Int(min(edges.from[e], edges.to[e])) + 1] += 1 }
        for v in 0..<nodeCount { first[v + 1] += first[v] }
        var fill = first
        var bucket = [Int](repeating: 0, count: m)
        for e in 0..<m {
            let lo = Int(min(edges.from[e], edges.to[e]))
            bucket[fill[lo]] = e
            fill[lo] += 1
        }
        var dirs = edges.directions
        for v in 0..<nodeCount where first[v + 1] - first[v] > 1 {
            let list = bucket[first[v]..<first[v + 1]]
            var done = Set<UInt32>()
            for e in list {
                let upper = max(edges.from[e], edges.to[e])
                guard done.insert(upper).inserted else { continue }
                let group = list.filter { max(edges.from[$0], edges.to[$0]) == upper }
                if group.count > 1 { resolve(group: group, edges: edges, dirs: &dirs) }
            }
        }
        let keep = (0..<m).filter { dirs[$0] != 0 }
        return (keep, dirs)
    }

    /// Decides both directions of travel between one pair of nodes. Directions are taken in the
    /// orientation lower node → upper node (a self-loop's own orientation).
    static func resolve(group: [Int], edges: EdgeTable, dirs: inout [UInt8]) {
        func canonical(_ e: Int) -> EdgeDirections {
            let d = EdgeDirections(rawValue: edges.directions[e])
            return edges.from[e] <= edges.to[e] ? d : d.reversed
        }
        for direction in [EdgeDirections.forward, .backward] {
            let allowing = group.filter { canonical($0).contains(direction) }
            guard let winner = allowing.min(by: { (edges.length[$0], $0) < (edges.length[$1], $1) }) else { continue }
            for e in allowing where e != winner && edges.wayId[e] != edges.wayId[winner] {
                let own = edges.from[e] <= edges.to[e] ? direction : direction.reversed
                dirs[e] &= ~own.rawValue
            }
        }
    }
}
