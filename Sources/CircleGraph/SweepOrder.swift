extension ContractionHierarchy {
    /// The hierarchy with its nodes renumbered for fast sweeps: by *level*, the highest first,
    /// and within a level by node number (node numbers follow a Hilbert curve, so neighbours in
    /// a level sit near each other in memory). The same arcs and weights, so every search gives
    /// the same labels; only the memory order of the sweeps changes.
    ///
    /// A node's level is 0 when it has no hierarchy neighbour of lower rank, otherwise one more
    /// than the highest level among those neighbours (arcs in either direction). Every arc thus
    /// joins a lower level to a higher one, so the order is still one the sweeps may follow (up
    /// arcs from later positions, down arcs from earlier ones: ``isConsistent``). This is the
    /// reordering of PHAST (Delling et al. 2011, §4.1): the nodes of one level are independent,
    /// and a sweep over them reads their neighbours' labels from a few nearby places rather than
    /// anywhere. Returns `self` when it is already in this order.
    ///
    /// ``build(graph:weights:tuning:)`` returns hierarchies in this order, so graph caches
    /// written by `circle build-graph` hold it. A cache written before (contraction order) is
    /// used as it is: both orders give the same labels, the level order's sweeps are about 10 %
    /// faster on city1m, and reordering on every load would cost more than it saves.
    ///
    /// - Precondition: ``isConsistent``.
    /// - Complexity: O(nodes + arcs).
    public func inSweepOrder() -> ContractionHierarchy {
        let n = nodeCount
        guard n > 1 else { return self }
        // Levels by position, from the lowest rank (the last position) up: when position p is
        // reached, all its lower neighbours (later positions) have their final level.
        var level = [UInt32](repeating: 0, count: n)
        var p = n - 1
        while p >= 0 {
            var l = level[p]
            for a in Int(upFirst[p])..<Int(upFirst[p + 1]) { l = max(l, level[Int(upArcs[2 * a])] + 1) }
            level[p] = l
            // Down arcs into p come from higher ranks (earlier positions): p is their lower neighbour.
            for a in Int(downFirst[p])..<Int(downFirst[p + 1]) {
                let t = Int(downArcs[2 * a])
                level[t] = max(level[t], l + 1)
            }
            p -= 1
        }
        // New positions: levels from the highest, nodes in ascending order within a level.
        let top = Int(level.max() ?? 0)
        var start = [Int](repeating: 0, count: top + 2)
        for l in level { start[top - Int(l) + 1] += 1 }
        for k in 0...top { start[k + 1] += start[k] }
        var newPosition = [UInt32](repeating: 0, count: n)
        for node in 0..<n {
            let k = top - Int(level[Int(position[node])])
            newPosition[node] = UInt32(start[k])
            start[k] += 1
        }
        if newPosition == position { return self }
        // Old position of each new one, and new position of each old one.
        var oldAt = [Int](repeating: 0, count: n), moved = [UInt32](repeating: 0, count: n)
        for node in 0..<n {
            oldAt[Int(newPosition[node])] = Int(position[node])
            moved[Int(position[node])] = newPosition[node]
        }
        func remap(_ first: [UInt32], _ arcs: [UInt32]) -> ([UInt32], [UInt32]) {
            var newFirst = [UInt32](repeating: 0, count: n + 1)
            var newArcs = [UInt32]()
            newArcs.reserveCapacity(arcs.count)
            for q in 0..<n {
                let old = oldAt[q]
                for a in Int(first[old])..<Int(first[old + 1]) {
                    newArcs.append(moved[Int(arcs[2 * a])])
                    newArcs.append(arcs[2 * a + 1])
                }
                newFirst[q + 1] = UInt32(newArcs.count / 2)
            }
            return (newFirst, newArcs)
        }
        let (uf, ua) = remap(upFirst, upArcs)
        let (df, da) = remap(downFirst, downArcs)
        return ContractionHierarchy(position: newPosition, upFirst: uf, upArcs: ua, downFirst: df, downArcs: da)
    }
}
