import CircleGraph
import Testing

/// Several source-tracking searches in one sweep (``NearestBatchSweep``) against brute force (one
/// Dijkstra per facility, ties to the lower number) and against ``NearestSourceSearch``'s single
/// PHAST, lane by lane, on random graphs with zero-weight and parallel arcs and many ties, in
/// both hierarchy orders and every width.
@Suite struct NearestBatchSweepTests {
    typealias RNG = MultiSourceSearchTests.RNG

    @Test func everyLaneEqualsBruteForceAndASingleSearch() {
        var rng = RNG(state: 3131)
        for round in 0..<160 {
            let n = 2 + rng.below(45)
            var (g, w) = MultiSourceSearchTests.randomGraph(&rng, nodes: n)
            if round % 2 == 0 { w = w.map { ($0 % 3) * 1000 } }
            var h = ContractionHierarchy.build(graph: g, weights: w, witnessSettleLimit: [1, 5, 400][round % 3])
            if round % 4 == 1 { h = h.inSweepOrder() }
            let lanes = 1 + round % NearestBatchSweep.maxLanes
            let sources = (0..<lanes).map { _ in NearestSourceSearchTests.seeds(&rng, nodes: n, facilities: 1 + rng.below(6)) }
            let limit = [UInt32(rng.below(20_000)), ContractionHierarchy.weightCap][round % 5 == 0 ? 1 : 0]
            let batch = NearestBatchSweep(nodeCount: n)
            batch.run(hierarchy: h, sources: sources, limit: limit)
            #expect(batch.lanes == lanes)
            for (lane, seeds) in sources.enumerated() {
                let expected = NearestSourceSearchTests.bruteForce(g, w, seeds, limit: limit)
                let got = (0..<n).map { v in batch.label(UInt32(v), lane: lane).map { "\($0.distance)@\($0.source)" } ?? "-" }
                #expect(got == expected, "round \(round), lane \(lane) of \(lanes)")
                let single = NearestSourceSearch(nodeCount: n)
                single.run(hierarchy: h, sources: seeds, limit: limit)
                #expect(NearestSourceSearchTests.labels(single) == got, "round \(round), lane \(lane): single PHAST differs")
            }
        }
    }

    /// A sweep reused for fewer lanes and another bound keeps nothing of the run before.
    @Test func reuseForgetsTheRunBefore() {
        var rng = RNG(state: 77)
        let n = 40
        let (g, w) = MultiSourceSearchTests.randomGraph(&rng, nodes: n)
        let h = ContractionHierarchy.build(graph: g, weights: w)
        let batch = NearestBatchSweep(nodeCount: n)
        let many = (0..<8).map { _ in NearestSourceSearchTests.seeds(&rng, nodes: n, facilities: 4) }
        batch.run(hierarchy: h, sources: many, limit: ContractionHierarchy.weightCap)
        let few = [NearestSourceSearchTests.seeds(&rng, nodes: n, facilities: 2)]
        batch.run(hierarchy: h, sources: few, limit: 3_000)
        let expected = NearestSourceSearchTests.bruteForce(g, w, few[0], limit: 3_000)
        #expect((0..<n).map { v in batch.label(UInt32(v), lane: 0).map { "\($0.distance)@\($0.source)" } ?? "-" } == expected)
    }
}
