import CircleGraph

/// Which of a set of points one origin reaches within a bound (its isochrone, sampled), by the
/// same trip rules as coverage (SPEC §5) run forwards: out of the origin's edge, along the network,
/// into each point's edge, plus the direct way along a shared edge.
public enum Reachability {
    /// Whether the origin reaches each target (`nil` targets, unsnapped, are never reached).
    ///
    /// - Parameters:
    ///   - limit: centimetres, access legs included.
    ///   - search: a search for `net`'s node count, reused between calls.
    public static func reached(from origin: SnappedPoint, targets: [SnappedPoint?], net: SearchNetwork,
                               search: MultiSourceSearch, limit: UInt32) -> [Bool] {
        let rules = net.rules
        let ends = rules.exits(origin: origin)
        let seeds = [ends.first, ends.last].compactMap { $0 }.map { (node: $0.node, label: $0.cost) }
        search.run(graph: net.network.forward, weights: net.weights.forward, sources: seeds, limit: limit)
        return targets.map { target in
            guard let t = target else { return false }
            var best = UInt64.max
            let into = rules.seeds(facility: t)
            if let a = into.first, let label = search.label(a.node) { best = min(best, UInt64(label) + UInt64(a.cost)) }
            if let b = into.last, let label = search.label(b.node) { best = min(best, UInt64(label) + UInt64(b.cost)) }
            if let d = rules.direct(origin: origin, facility: t) { best = min(best, UInt64(d)) }
            return best <= UInt64(limit)
        }
    }
}
