import CircleGraph
import Testing

/// The source of every shortest distance, against brute force: one textbook Dijkstra per
/// facility, then per node the nearest facility, ties to the lower number. Both the Dijkstra and
/// the PHAST form, on random graphs (zero-weight and parallel arcs, many ties) and road-like grids.
@Suite struct NearestSourceSearchTests {
    typealias RNG = MultiSourceSearchTests.RNG

    /// Per node: (distance, facility) of the nearest facility, by one Dijkstra per facility.
    static func bruteForce(_ g: CSRGraph, _ w: [UInt32], _ seeds: [NearestSourceSearch.Seed], limit: UInt32) -> [String] {
        let facilities = Set(seeds.map(\.source)).sorted()
        var best = [(UInt32, UInt32)?](repeating: nil, count: g.nodeCount)
        for f in facilities {
            let mine = seeds.filter { $0.source == f }.map { (node: $0.node, label: $0.label) }
            let d = MultiSourceSearchTests.dijkstra(g, w, mine, limit: limit)
            for v in d.indices where d[v] != .max {
                if let b = best[v], (b.0, b.1) <= (d[v], f) { continue }
                best[v] = (d[v], f)
            }
        }
        return best.map { $0.map { "\($0.0)@\($0.1)" } ?? "-" }
    }

    static func labels(_ s: NearestSourceSearch) -> [String] {
        (0..<s.nodeCount).map { v in s.label(UInt32(v)).map { "\($0.distance)@\($0.source)" } ?? "-" }
    }

    /// Seeds of `facilities` facilities, each at 1–3 nodes (a park's entrances), with starting
    /// labels drawn from a few values so that equal distances are common.
    static func seeds(_ rng: inout RNG, nodes n: Int, facilities: Int) -> [NearestSourceSearch.Seed] {
        (0..<facilities).flatMap { f in
            (0..<(1 + rng.below(3))).map { _ in (node: UInt32(rng.below(n)), label: UInt32(rng.below(4) * 500), source: UInt32(f)) }
        }
    }

    @Test func dijkstraAndPHASTEqualBruteForceOnRandomGraphs() {
        var rng = RNG(state: 1212)
        var ties = 0
        for round in 0..<250 {
            let n = 2 + rng.below(50)
            var (g, w) = MultiSourceSearchTests.randomGraph(&rng, nodes: n)
            // Every other round, weights of a few values only: many equal distances from different facilities.
            if round % 2 == 0 { w = w.map { ($0 % 3) * 1000 } }
            let h = ContractionHierarchy.build(graph: g, weights: w, witnessSettleLimit: [1, 5, 400][round % 3])
            let seeds = Self.seeds(&rng, nodes: n, facilities: 1 + rng.below(6))
            let limit = UInt32(rng.below(20_000))
            let expected = Self.bruteForce(g, w, seeds, limit: limit)
            let plain = NearestSourceSearch(nodeCount: n)
            plain.run(graph: g, weights: w, sources: seeds, limit: limit, bucketWidth: [1, 7, 100, 2500, 100_000][round % 5])
            #expect(Self.labels(plain) == expected, "Dijkstra, round \(round)")
            let phast = NearestSourceSearch(nodeCount: n)
            phast.run(hierarchy: h, sources: seeds, limit: limit)
            #expect(Self.labels(phast) == expected, "PHAST, round \(round)")
            // The distances are exactly those of the search without sources.
            let distances = MultiSourceSearch(nodeCount: n)
            distances.run(graph: g, weights: w, sources: seeds.map { ($0.node, $0.label) }, limit: limit)
            #expect((0..<n).map { plain.label(UInt32($0))?.distance } == (0..<n).map { distances.label(UInt32($0)) })
            // Count the nodes where a higher-numbered facility is as near: the tie rule was exercised.
            for v in 0..<n {
                guard let l = plain.label(UInt32(v)) else { continue }
                let others = Set(seeds.map(\.source)).filter { $0 > l.source }
                for f in others {
                    let d = MultiSourceSearchTests.dijkstra(g, w, seeds.filter { $0.source == f }.map { ($0.node, $0.label) },
                                                             limit: limit)
                    if d[v] == l.distance { ties += 1 }
                }
            }
        }
        #expect(ties > 50, "ties exercised: \(ties)")
    }

    @Test func phastEqualsBruteForceOnRoadLikeGridsAndReuses() {
        var rng = RNG(state: 99)
        for round in 0..<8 {
            let (g, w) = ContractionHierarchyTests.grid(&rng, side: 6 + rng.below(10))
            let n = g.nodeCount
            let h = ContractionHierarchy.build(graph: g, weights: w)
            let seeds = Self.seeds(&rng, nodes: n, facilities: 2 + rng.below(12))
            let limit = [UInt32(40_000), 150_000, ContractionHierarchy.weightCap][round % 3]
            let expected = Self.bruteForce(g, w, seeds, limit: limit)
            // One object alternating between the two kinds of search.
            let s = NearestSourceSearch(nodeCount: n)
            for _ in 0..<2 {
                s.run(hierarchy: h, sources: seeds, limit: limit)
                #expect(Self.labels(s) == expected, "PHAST, round \(round)")
                s.run(graph: g, weights: w, sources: seeds, limit: limit)
                #expect(Self.labels(s) == expected, "Dijkstra, round \(round)")
            }
        }
    }
}
