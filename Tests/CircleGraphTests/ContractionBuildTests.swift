import CircleGraph
import Testing

/// Hierarchies built with every kind of witness limit (settled nodes, hops, neighbour updates)
/// give exactly Dijkstra's one-to-all distances, and no arc of a hierarchy is shorter than the
/// shortest path between its ends (a shortcut always stands for a real path).
@Suite struct ContractionBuildTests {
    typealias RNG = MultiSourceSearchTests.RNG

    static let tunings: [ContractionHierarchy.Tuning] = [
        .init(),
        .init(witnessSettleLimit: 1, simulationSettleLimit: 1, witnessHopLimit: 1, simulationHopLimit: 1),
        .init(witnessSettleLimit: 5, simulationSettleLimit: 2, witnessHopLimit: 2, simulationHopLimit: 1),
        .init(witnessSettleLimit: 1000, simulationSettleLimit: 1000, updateNeighbours: true, witnessHopLimit: 3,
              simulationHopLimit: 2),
        .init(witnessSettleLimit: 0, simulationSettleLimit: 0, witnessHopLimit: 0, simulationHopLimit: 0),
    ]

    /// The node at each position.
    static func nodes(_ h: ContractionHierarchy) -> [Int] {
        var node = [Int](repeating: 0, count: h.nodeCount)
        for (v, p) in h.position.enumerated() { node[Int(p)] = v }
        return node
    }

    @Test func oneToAllEqualsDijkstraOnRandomGraphsWithParallelArcsAndSelfLoops() {
        var rng = RNG(state: 2026)
        for round in 0..<250 {
            let n = 1 + rng.below(70)
            let (g, w) = MultiSourceSearchTests.randomGraph(&rng, nodes: n)
            let h = ContractionHierarchy.build(graph: g, weights: w, tuning: Self.tunings[round % Self.tunings.count])
            #expect(h.isConsistent && h.nodeCount == n, "round \(round)")
            let node = Self.nodes(h)
            for s in 0..<n {
                let sources = [(node: UInt32(s), label: UInt32(0))]
                let want = MultiSourceSearchTests.dijkstra(g, w, sources, limit: ContractionHierarchy.weightCap)
                #expect(ContractionHierarchyTests.phast(h, sources, limit: ContractionHierarchy.weightCap) == want,
                        "round \(round) source \(s)")
                // Arcs leaving s (up: tail s at a later position; down: into a later position
                // from s) are never shorter than the shortest path they stand for.
                let ps = Int(h.position[s])
                for p in 0..<n {
                    for a in Int(h.upFirst[p])..<Int(h.upFirst[p + 1]) where Int(h.upArcs[2 * a]) == ps {
                        #expect(h.upArcs[2 * a + 1] >= want[node[p]], "round \(round) up arc \(s)→\(node[p])")
                    }
                    for a in Int(h.downFirst[p])..<Int(h.downFirst[p + 1]) where Int(h.downArcs[2 * a]) == ps {
                        #expect(h.downArcs[2 * a + 1] >= want[node[p]], "round \(round) down arc \(s)→\(node[p])")
                    }
                }
            }
        }
    }

    /// A self-loop, two parallel arcs (the cheaper one counts) and a zero-weight arc.
    @Test func selfLoopAndParallelArcsByHand() {
        let tails: [UInt32] = [0, 0, 0, 1, 1, 2], heads: [UInt32] = [0, 1, 1, 2, 2, 3], weights: [UInt32] = [5, 7, 3, 0, 4, 9]
        let g = CSRGraph(nodeCount: 4, tails: tails, heads: heads, edges: [0, 1, 2, 3, 4, 5])
        let w = g.edge.map { weights[Int($0)] }
        for tuning in Self.tunings {
            let h = ContractionHierarchy.build(graph: g, weights: w, tuning: tuning)
            #expect(h.isConsistent)
            #expect(ContractionHierarchyTests.phast(h, [(node: 0, label: 0)], limit: 100) == [0, 3, 3, 12])
            #expect(ContractionHierarchyTests.phast(h, [(node: 2, label: 1)], limit: 100) == [.max, .max, 1, 10])
            #expect(ContractionHierarchyTests.phast(h, [(node: 0, label: 0)], limit: 11) == [0, 3, 3, .max])
        }
    }

    /// On a road-like grid, the default build and a hop-limited one give the same distances.
    @Test func hopLimitedBuildEqualsDefaultOnGrid() {
        var rng = RNG(state: 31)
        let (g, w) = ContractionHierarchyTests.grid(&rng, side: 40)
        let a = ContractionHierarchy.build(graph: g, weights: w)
        let b = ContractionHierarchy.build(graph: g, weights: w, tuning: .init(witnessHopLimit: 2, simulationHopLimit: 1))
        #expect(a.isConsistent && b.isConsistent)
        for _ in 0..<5 {
            let sources = (0..<(1 + rng.below(5))).map { _ in (node: UInt32(rng.below(g.nodeCount)), label: UInt32(rng.below(500))) }
            let want = MultiSourceSearchTests.dijkstra(g, w, sources, limit: 300_000)
            #expect(ContractionHierarchyTests.phast(a, sources, limit: 300_000) == want)
            #expect(ContractionHierarchyTests.phast(b, sources, limit: 300_000) == want)
        }
    }
}
