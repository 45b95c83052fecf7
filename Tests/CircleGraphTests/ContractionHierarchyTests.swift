import CircleGraph
import Testing

/// PHAST over a contraction hierarchy against a plain Dijkstra and by certificate, on seeded
/// random graphs with parallel arcs, zero-weight arcs and self-loops, and on road-like grids.
@Suite struct ContractionHierarchyTests {
    typealias RNG = MultiSourceSearchTests.RNG

    /// A jittered grid with two-way and one-way streets, duplicated (parallel) streets and some
    /// zero-length arcs, like a city's search graph.
    static func grid(_ rng: inout RNG, side: Int) -> (CSRGraph, [UInt32]) {
        var tails: [UInt32] = [], heads: [UInt32] = [], weights: [UInt32] = []
        func arc(_ a: Int, _ b: Int, _ w: UInt32) { tails.append(UInt32(a)); heads.append(UInt32(b)); weights.append(w) }
        for y in 0..<side {
            for x in 0..<side {
                let v = y * side + x
                for u in [x + 1 < side ? v + 1 : -1, y + 1 < side ? v + side : -1] where u >= 0 && rng.below(6) > 0 {
                    let w = rng.below(20) == 0 ? 0 : UInt32(3000 + rng.below(20_000))
                    switch rng.below(5) {
                    case 0: arc(v, u, w)                                  // one-way
                    case 1: arc(u, v, w)
                    case 2: arc(v, u, w); arc(u, v, w); arc(v, u, w + UInt32(rng.below(3)))   // parallel
                    default: arc(v, u, w); arc(u, v, w)
                    }
                }
            }
        }
        let g = CSRGraph(nodeCount: side * side, tails: tails, heads: heads, edges: (0..<UInt32(tails.count)).map { $0 })
        return (g, g.edge.map { weights[Int($0)] })
    }

    static func phast(_ h: ContractionHierarchy, _ sources: [(node: UInt32, label: UInt32)], limit: UInt32) -> [UInt32] {
        let search = MultiSourceSearch(nodeCount: h.nodeCount)
        search.run(hierarchy: h, sources: sources, limit: limit)
        return search.labels()
    }

    @Test func equalsDijkstraOnRandomGraphs() {
        var rng = RNG(state: 4242)
        for round in 0..<300 {
            let n = 2 + rng.below(60)
            let (g, w) = MultiSourceSearchTests.randomGraph(&rng, nodes: n)
            let h = ContractionHierarchy.build(graph: g, weights: w, witnessSettleLimit: [1, 5, 400][round % 3])
            #expect(h.isConsistent)
            for _ in 0..<3 {
                let sources = (0..<(1 + rng.below(4))).map { _ in (node: UInt32(rng.below(n)), label: UInt32(rng.below(2000))) }
                let limit = UInt32(rng.below(20_000))
                #expect(Self.phast(h, sources, limit: limit) == MultiSourceSearchTests.dijkstra(g, w, sources, limit: limit),
                        "round \(round)")
            }
        }
    }

    @Test func equalsDijkstraOnRoadLikeGrids() {
        var rng = RNG(state: 77)
        for round in 0..<12 {
            let (g, w) = Self.grid(&rng, side: 8 + rng.below(20))
            let n = g.nodeCount
            let h = ContractionHierarchy.build(graph: g, weights: w)
            #expect(h.isConsistent)
            let sources = (0..<(1 + rng.below(30))).map { _ in (node: UInt32(rng.below(n)), label: UInt32(rng.below(5000))) }
            let limit = [UInt32(40_000), 150_000, ContractionHierarchy.weightCap][round % 3]
            #expect(Self.phast(h, sources, limit: limit) == MultiSourceSearchTests.dijkstra(g, w, sources, limit: limit),
                    "round \(round)")
        }
    }

    /// On a larger grid: every label within the bound is the minimum over its in-arcs of label +
    /// weight or its source's label, no arc leads to a lower label, and the same search object
    /// gives the bucket queue's labels when it alternates between the two kinds of search.
    @Test func certificateAndAlternationWithTheBucketQueue() {
        var rng = RNG(state: 5)
        let (g, w) = Self.grid(&rng, side: 120)
        let n = g.nodeCount
        let h = ContractionHierarchy.build(graph: g, weights: w)
        #expect(h.nodeCount == n && h.isConsistent)
        let search = MultiSourceSearch(nodeCount: n), plain = MultiSourceSearch(nodeCount: n)
        for round in 0..<6 {
            let sources = (0..<(1 + round * 40)).map { _ in (node: UInt32(rng.below(n)), label: UInt32(rng.below(3000))) }
            let limit = UInt32(60_000 + round * 50_000)
            plain.run(graph: g, weights: w, sources: sources, limit: limit)
            if round % 2 == 0 { search.run(graph: g, weights: w, sources: sources, limit: limit) }
            search.run(hierarchy: h, sources: sources, limit: limit)
            let d = search.labels()
            #expect(d == plain.labels(), "round \(round)")
            var best = [UInt64](repeating: .max, count: n)
            for s in sources where s.label <= limit { best[Int(s.node)] = min(best[Int(s.node)], UInt64(s.label)) }
            for u in 0..<n where d[u] != .max {
                for a in g.arcs(from: UInt32(u)) {
                    let v = Int(g.head[a])
                    best[v] = min(best[v], UInt64(d[u]) + UInt64(w[a]))
                }
            }
            for v in 0..<n {
                let want = best[v] <= UInt64(limit) ? UInt32(best[v]) : UInt32.max
                #expect(d[v] == want, "round \(round) node \(v)")
            }
        }
    }

    /// A damaged hierarchy (an up arc from a higher rank, a node position twice) is refused.
    @Test func consistencyCheckRefusesDamage() {
        var rng = RNG(state: 11)
        let (g, w) = Self.grid(&rng, side: 10)
        let h = ContractionHierarchy.build(graph: g, weights: w)
        #expect(h.isConsistent)
        var bad = h
        if let p = (0..<bad.nodeCount).first(where: { bad.upFirst[$0] < bad.upFirst[$0 + 1] }) {
            bad.upArcs[2 * Int(bad.upFirst[p])] = UInt32(p)   // tail at its own position: not a lower rank
            #expect(!bad.isConsistent)
        }
        var twice = h
        twice.position[1] = twice.position[0]
        #expect(!twice.isConsistent)
    }
}
