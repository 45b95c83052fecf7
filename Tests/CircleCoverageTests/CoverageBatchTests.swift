@testable import CircleCoverage
import CircleGraph
import Testing

/// Coverage searches whose units share multi-lane sweeps (``BatchSweep``) give the same times
/// as each unit alone and as the bucket-queue Dijkstra, whatever the batch size, on both modes
/// at once; the plan really batches.
@Suite struct CoverageBatchTests {
    typealias RNG = CoverageSearchTests.RNG

    @Test func batchedSweepsGiveTheSameTimesAsSingleSearches() {
        var rng = RNG(state: 2027)
        var batched = 0
        for round in 0..<24 {
            var nets: [TravelMode: SearchNetwork] = [:], plain: [TravelMode: SearchNetwork] = [:]
            var networks: [TravelMode: RoadNetwork] = [:]
            let limit = Double(500 + rng.below(3000))
            for mode in TravelMode.allCases {
                var n = CoverageSearchTests.network(&rng, mode: mode, side: 6 + rng.below(12))
                plain[mode] = SearchNetwork(network: n, limitMetres: limit)
                n.hierarchy = SearchNetwork.hierarchy(for: n)
                nets[mode] = SearchNetwork(network: n, limitMetres: limit)
                networks[mode] = n
            }
            // Items with many facilities (they sweep), few (they may not), and none.
            let items = 2 + rng.below(30)
            var facilities: [[TravelMode: [SnappedPoint]]] = []
            for _ in 0..<items {
                var byMode: [TravelMode: [SnappedPoint]] = [:]
                for mode in TravelMode.allCases {
                    let count = [0, 1, 3, 40, 200][rng.below(5)]
                    let n = networks[mode]!
                    byMode[mode] = (0..<count).map { _ in CoverageSearchTests.randomPoint(&rng, n, rules: nets[mode]!.rules) }
                }
                facilities.append(byMode)
            }
            let origins: [(mode: TravelMode, snap: SnappedPoint?)] = (0..<300).map { _ in
                let mode: TravelMode = rng.below(2) == 0 ? .walk : .cycle
                return (mode, rng.below(12) == 0 ? nil : CoverageSearchTests.randomPoint(&rng, networks[mode]!, rules: nets[mode]!.rules))
            }
            let search = CoverageSearch(networks: nets)
            let want = CoverageSearch(networks: plain).run(origins: origins, facilities: facilities, workers: 2).times
            for lanes in [1, 3, 8, 16] {
                #expect(search.run(origins: origins, facilities: facilities, workers: 2, lanes: lanes).times == want,
                        "round \(round) lanes \(lanes)")
            }
            let units = facilities.indices.flatMap { i in TravelMode.allCases.map { (i, $0) } }
            let plan = search.plan(units, facilities: facilities, lanes: 8)
            #expect(plan.flatMap { $0 }.sorted() == Array(units.indices), "round \(round): every unit once")
            #expect(plan.allSatisfy { $0.count <= 8 && Set($0.map { units[$0].1 }).count == 1 })
            batched += plan.filter { $0.count > 1 }.count
        }
        #expect(batched > 20)   // batches really ran
    }
}
