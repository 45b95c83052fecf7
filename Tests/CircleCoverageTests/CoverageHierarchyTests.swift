import CircleCoverage
import CircleGraph
import Testing

/// Coverage searches over a network carrying a contraction hierarchy (PHAST sweeps) give the
/// same times as the bucket-queue Dijkstra, and the choice between the two follows the work.
@Suite struct CoverageHierarchyTests {
    typealias RNG = CoverageSearchTests.RNG

    @Test func sweepGivesTheSameTimesAsDijkstra() {
        var rng = RNG(state: 31)
        var swept = 0
        for round in 0..<60 {
            let mode: TravelMode = round % 2 == 0 ? .walk : .cycle
            var n = CoverageSearchTests.network(&rng, mode: mode, side: 4 + rng.below(14))
            guard n.edges.count > 0 else { continue }
            let limit = Double(300 + rng.below(4000))
            let plain = SearchNetwork(network: n, limitMetres: limit)
            n.hierarchy = SearchNetwork.hierarchy(for: n)
            let fast = SearchNetwork(network: n, limitMetres: limit)
            let rules = plain.rules
            let items = 1 + rng.below(3)
            var facilities: [[TravelMode: [SnappedPoint]]] = []
            for _ in 0..<items {
                facilities.append([mode: (0..<rng.below(12)).map { _ in CoverageSearchTests.randomPoint(&rng, n, rules: rules) }])
            }
            var origins: [(mode: TravelMode, snap: SnappedPoint?)] = (0..<40).map { _ in
                (mode, rng.below(10) == 0 ? nil : CoverageSearchTests.randomPoint(&rng, n, rules: rules))
            }
            if let f = facilities[0][mode]?.first { origins.append((mode, SnappedPoint(edge: f.edge, offset: f.offset / 2, access: 7))) }
            let want = CoverageSearch(networks: [mode: plain]).run(origins: origins, facilities: facilities, workers: 2).times
            let got = CoverageSearch(networks: [mode: fast]).run(origins: origins, facilities: facilities, workers: 2).times
            #expect(got == want, "round \(round)")
            if facilities.contains(where: { fast.prefersSweep(sources: 2 * ($0[mode]?.count ?? 0)) && !($0[mode] ?? []).isEmpty }) {
                swept += 1
            }
            // The unit siting calls, with one site, on the same search object as a sweep before it.
            let search = MultiSourceSearch(nodeCount: n.nodes.count)
            let snaps = origins.compactMap(\.snap)
            for f in facilities.compactMap({ $0[mode] }) {
                #expect(CoverageSearch.unit(fast, search, f, snaps) == CoverageSearch.unit(plain, search, f, snaps))
                #expect(CoverageSearch.unit(fast, search, Array(f.prefix(1)), snaps)
                        == CoverageSearch.unit(plain, MultiSourceSearch(nodeCount: n.nodes.count), Array(f.prefix(1)), snaps))
            }
        }
        #expect(swept > 20)   // the sweep really ran in most rounds
    }

    /// Without a hierarchy no sweep; with one, one local source under a short bound on a large
    /// network stays with Dijkstra, and many sources sweep.
    @Test func choiceFollowsTheWork() {
        var rng = RNG(state: 8)
        var n = CoverageSearchTests.network(&rng, mode: .walk, side: 60)
        #expect(!SearchNetwork(network: n, limitMetres: 200).prefersSweep(sources: 1000))
        n.hierarchy = SearchNetwork.hierarchy(for: n)
        let local = SearchNetwork(network: n, limitMetres: 200)
        #expect(local.reachPerSource > 0 && local.reachPerSource < 50)
        #expect(!local.prefersSweep(sources: 1))
        #expect(local.prefersSweep(sources: 3000))
    }
}
