@testable import CircleGraph
import Testing

/// The multi-lane PHAST sweep (``BatchSweep``) and the level order of hierarchies
/// (``ContractionHierarchy/inSweepOrder()``): every lane equals a brute-force Dijkstra and a
/// single sweep, on random graphs with parallel arcs, self-loops and zero weights, over the
/// level order and over the contraction order that graph caches written before it hold.
@Suite struct BatchSweepTests {
    typealias RNG = MultiSourceSearchTests.RNG
    typealias Sources = [(node: UInt32, label: UInt32)]

    /// The hierarchy in contraction order (position 0 = contracted last), as before the level order.
    static func contractionOrder(_ g: CSRGraph, _ w: [UInt32], _ tuning: ContractionHierarchy.Tuning = .init()) -> ContractionHierarchy {
        var builder = HierarchyBuilder(graph: g, weights: w, tuning: tuning)
        return builder.contractAll()
    }

    static func randomSources(_ rng: inout RNG, nodes n: Int, lanes: Int) -> [Sources] {
        (0..<lanes).map { _ in
            (0..<rng.below(6)).map { _ in (node: UInt32(rng.below(n)), label: UInt32(rng.below(4000))) }
        }
    }

    @Test func everyLaneEqualsDijkstraAndASingleSweep() {
        var rng = RNG(state: 909)
        let tunings = ContractionBuildTests.tunings
        for round in 0..<200 {
            let n = 1 + rng.below(60)
            let (g, w) = MultiSourceSearchTests.randomGraph(&rng, nodes: n)
            let h = ContractionHierarchy.build(graph: g, weights: w, tuning: tunings[round % tunings.count])
            #expect(h.isConsistent && h.inSweepOrder() == h, "round \(round)")
            let old = Self.contractionOrder(g, w, tunings[round % tunings.count])
            let batch = BatchSweep(nodeCount: n), single = MultiSourceSearch(nodeCount: n)
            for trial in 0..<3 {
                let lanes = 1 + rng.below(BatchSweep.maxLanes)
                let sources = Self.randomSources(&rng, nodes: n, lanes: lanes)
                let limit = [UInt32(rng.below(12_000)), 2500, ContractionHierarchy.weightCap][trial]
                for hierarchy in [h, old] {
                    batch.run(hierarchy: hierarchy, sources: sources, limit: limit)
                    #expect(batch.lanes == lanes)
                    for lane in 0..<lanes {
                        let want = MultiSourceSearchTests.dijkstra(g, w, sources[lane], limit: limit)
                        #expect(batch.labels(lane: lane) == want, "round \(round) lane \(lane) of \(lanes)")
                        single.run(hierarchy: hierarchy, sources: sources[lane], limit: limit)
                        #expect(single.labels() == want, "round \(round) lane \(lane)")
                    }
                }
            }
        }
    }

    /// `cheapest` (all lanes of many points at once) equals the least cost plus label read lane
    /// by lane, with absent ways in, costs that overflow and results above the bound.
    @Test func cheapestEqualsLabelsReadOneByOne() {
        var rng = RNG(state: 77)
        for round in 0..<60 {
            let n = 1 + rng.below(50)
            let (g, w) = MultiSourceSearchTests.randomGraph(&rng, nodes: n)
            let h = ContractionHierarchy.build(graph: g, weights: w)
            let batch = BatchSweep(nodeCount: n)
            let lanes = 1 + rng.below(BatchSweep.maxLanes)
            let limit = UInt32(rng.below(15_000))
            batch.run(hierarchy: h, sources: Self.randomSources(&rng, nodes: n, lanes: lanes), limit: limit)
            let q = rng.below(40)
            let nodes = (0..<(2 * q)).map { _ in UInt32(rng.below(n)) }
            let costs = (0..<(2 * q)).map { _ in [UInt32.max, UInt32.max - UInt32(rng.below(3)), UInt32(rng.below(3000)), 0][rng.below(4)] }
            let got = batch.cheapest(nodes: nodes, costs: costs)
            #expect(got.count == q * lanes)
            for k in 0..<q {
                for lane in 0..<lanes {
                    var best = UInt64.max
                    for e in 0..<2 where costs[2 * k + e] != .max {
                        if let l = batch.label(nodes[2 * k + e], lane: lane) { best = min(best, UInt64(l) + UInt64(costs[2 * k + e])) }
                    }
                    let want = best <= UInt64(limit) ? UInt32(best) : .max
                    #expect(got[k * lanes + lane] == want, "round \(round) point \(k) lane \(lane)")
                }
            }
        }
    }

    /// A self-loop, two parallel arcs (the cheaper one counts) and a zero-weight arc, in lanes
    /// of every width, lanes without sources and sources above the bound.
    @Test func byHandInEveryWidth() {
        let tails: [UInt32] = [0, 0, 0, 1, 1, 2], heads: [UInt32] = [0, 1, 1, 2, 2, 3], weights: [UInt32] = [5, 7, 3, 0, 4, 9]
        let g = CSRGraph(nodeCount: 4, tails: tails, heads: heads, edges: [0, 1, 2, 3, 4, 5])
        let h = ContractionHierarchy.build(graph: g, weights: g.edge.map { weights[Int($0)] })
        let batch = BatchSweep(nodeCount: 4)
        for lanes in [1, 3, 4, 5, 8, 9, 16] {
            var sources = [Sources](repeating: [], count: lanes)
            sources[0] = [(node: 0, label: 0)]
            sources[lanes - 1] += [(node: 2, label: 1), (node: 3, label: 200)]
            batch.run(hierarchy: h, sources: sources, limit: 11)
            #expect(batch.labels(lane: 0) == (lanes == 1 ? [0, 3, 1, 10] : [0, 3, 3, .max]), "lanes \(lanes)")
            if lanes > 1 {
                #expect(batch.labels(lane: lanes - 1) == [.max, .max, 1, 10])
                #expect(batch.labels(lane: 1) == [.max, .max, .max, .max])
            }
            #expect(batch.label(3, lane: 0) == (lanes == 1 ? 10 : nil))
        }
    }

    /// On a road-like grid: a full batch of 16 lanes with many sources each equals 16 single
    /// sweeps, and labels hold the certificate (each label is the minimum over its in-arcs and
    /// its sources, so no arc leads to a lower label).
    @Test func fullBatchOnAGridHoldsTheCertificate() {
        var rng = RNG(state: 12)
        let (g, w) = ContractionHierarchyTests.grid(&rng, side: 70)
        let n = g.nodeCount
        let h = ContractionHierarchy.build(graph: g, weights: w)
        let batch = BatchSweep(nodeCount: n), single = MultiSourceSearch(nodeCount: n)
        let sources: [Sources] = (0..<16).map { lane in
            (0..<(1 + lane * 7)).map { _ in (node: UInt32(rng.below(n)), label: UInt32(rng.below(3000))) }
        }
        let limit: UInt32 = 120_000
        batch.run(hierarchy: h, sources: sources, limit: limit)
        for lane in 0..<16 {
            let d = batch.labels(lane: lane)
            single.run(hierarchy: h, sources: sources[lane], limit: limit)
            #expect(d == single.labels(), "lane \(lane)")
            var best = [UInt64](repeating: .max, count: n)
            for s in sources[lane] where s.label <= limit { best[Int(s.node)] = min(best[Int(s.node)], UInt64(s.label)) }
            for u in 0..<n where d[u] != .max {
                for a in g.arcs(from: UInt32(u)) { best[Int(g.head[a])] = min(best[Int(g.head[a])], UInt64(d[u]) + UInt64(w[a])) }
            }
            #expect((0..<n).allSatisfy { d[$0] == (best[$0] <= UInt64(limit) ? UInt32(best[$0]) : .max) }, "lane \(lane)")
        }
    }

    /// The level order keeps the hierarchy's arcs and weights, renumbered: every node keeps its
    /// up and down arcs (as node pairs with weights), the order passes the consistency check, and a
    /// hierarchy in contraction order comes out the same as one built in level order.
    @Test func levelOrderKeepsTheArcs() {
        var rng = RNG(state: 4)
        for round in 0..<40 {
            let (g, w) = round % 2 == 0 ? MultiSourceSearchTests.randomGraph(&rng, nodes: 2 + rng.below(80))
                                        : ContractionHierarchyTests.grid(&rng, side: 3 + rng.below(12))
            let old = Self.contractionOrder(g, w), new = old.inSweepOrder()
            #expect(new.isConsistent && new == ContractionHierarchy.build(graph: g, weights: w), "round \(round)")
            #expect(new.inSweepOrder() == new)
            #expect(Self.arcsByNode(old) == Self.arcsByNode(new), "round \(round)")
        }
    }

    /// Each hierarchy arc as (tail node, head node, weight, up or down), sorted.
    static func arcsByNode(_ h: ContractionHierarchy) -> [[UInt32]] {
        var node = [UInt32](repeating: 0, count: h.nodeCount)
        for (v, p) in h.position.enumerated() { node[Int(p)] = UInt32(v) }
        var out: [[UInt32]] = []
        for p in 0..<h.nodeCount {
            for a in Int(h.upFirst[p])..<Int(h.upFirst[p + 1]) { out.append([node[Int(h.upArcs[2 * a])], node[p], h.upArcs[2 * a + 1], 0]) }
            for a in Int(h.downFirst[p])..<Int(h.downFirst[p + 1]) { out.append([node[Int(h.downArcs[2 * a])], node[p], h.downArcs[2 * a + 1], 1]) }
        }
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
