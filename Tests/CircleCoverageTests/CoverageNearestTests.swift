import CircleCoverage
import CircleGraph
import Foundation
import Testing

/// A coverage search asked for the nearest facilities too (``CoverageSearch/NearestRequest``)
/// gives the same times as without, and for every unit it searched by Dijkstra the nearest
/// facilities ``NearestFacility/unit`` finds on its own, whatever the order of the facilities'
/// points (ties between facilities go to the lower number). Units swept through a hierarchy are
/// not reported. On seeded random networks with one-way edges, loops and shared edges.
@Suite struct CoverageNearestTests {
    typealias RNG = CoverageSearchTests.RNG

    final class Found: @unchecked Sendable {
        private let lock = NSLock()
        private var units: [CoverageSearch.Unit: [NearestFacility.Nearest?]] = [:]
        func add(_ u: CoverageSearch.Unit, _ n: [NearestFacility.Nearest?]) {
            lock.lock()
            defer { lock.unlock() }
            #expect(units[u] == nil)
            units[u] = n
        }
        var all: [CoverageSearch.Unit: [NearestFacility.Nearest?]] {
            lock.lock()
            defer { lock.unlock() }
            return units
        }
    }

    @Test func nearestFromTheSearchEqualsItsOwnSearch() {
        var rng = RNG(state: 77)
        var reported = 0, ties = 0
        for round in 0..<80 {
            let mode: TravelMode = round % 2 == 0 ? .walk : .cycle
            let n = CoverageSearchTests.network(&rng, mode: mode, side: 3 + rng.below(14))
            guard n.edges.count > 0 else { continue }
            let net = SearchNetwork(network: n, limitMetres: Double(200 + rng.below(4000)))
            let rules = net.rules
            let items = 1 + rng.below(4)
            var facilities: [[TravelMode: [SnappedPoint]]] = [], owners: [[TravelMode: [UInt32]]] = []
            for _ in 0..<items {
                var points = (0..<rng.below(14)).map { _ in CoverageSearchTests.randomPoint(&rng, n, rules: rules) }
                // Entrances of one facility, and two facilities at the same place (a tie).
                if let p = points.first, rng.below(2) == 0 { points.append(p) }
                facilities.append([mode: points])
                owners.append([mode: points.map { _ in UInt32(rng.below(max(1, points.count / 2 + 1))) }])
            }
            var origins: [(mode: TravelMode, snap: SnappedPoint?)] = (0..<30).map { _ in
                (mode, rng.below(8) == 0 ? nil : CoverageSearchTests.randomPoint(&rng, n, rules: rules))
            }
            if let f = facilities[0][mode]?.first { origins.append((mode, SnappedPoint(edge: f.edge, offset: f.offset / 2, access: 3))) }
            // The points after the origins (gap cells): their times are kept, their nearest is not read.
            let originCount = origins.compactMap(\.snap).count
            origins += (0..<10).map { _ in (mode, CoverageSearchTests.randomPoint(&rng, n, rules: rules)) }
            let found = Found()
            let request = CoverageSearch.NearestRequest(owners: owners, originCounts: [mode: originCount]) { found.add($0, $1) }
            let want = CoverageSearch(networks: [mode: net]).run(origins: origins, facilities: facilities, workers: 2).times
            let got = CoverageSearch(networks: [mode: net]).run(origins: origins, facilities: facilities, workers: 2,
                                                                nearest: request).times
            #expect(got == want, "round \(round)")
            let snaps = origins.compactMap(\.snap)
            #expect(found.all.count == items, "round \(round)")   // no hierarchy: every unit by Dijkstra
            for (unit, nearest) in found.all {
                let points = facilities[unit.item][mode]!, own = owners[unit.item][mode]!
                // Its own search, from the points in another order.
                let order = Array(points.indices.reversed())
                let alone = NearestFacility.unit(net, NearestSourceSearch(nodeCount: n.nodes.count),
                                                 facilities: order.map { points[$0] }, owners: order.map { own[$0] },
                                                 origins: Array(snaps.prefix(originCount)))
                #expect(nearest == alone, "round \(round) item \(unit.item)")
                // The distances are the unit's times.
                #expect(nearest.map { $0?.centimetres ?? .max } == Array(got[unit.item].enumerated()
                    .filter { origins[$0.offset].snap != nil }.map(\.element).prefix(originCount)))
                reported += 1
                if Set(own).count < own.count { ties += 1 }
            }
        }
        #expect(reported > 100 && ties > 20)
    }

    /// With a hierarchy, units that sweep are searched as before and not reported.
    @Test func sweptUnitsAreNotReported() {
        var rng = RNG(state: 5)
        var n = CoverageSearchTests.network(&rng, mode: .walk, side: 30)
        n.hierarchy = SearchNetwork.hierarchy(for: n)
        let net = SearchNetwork(network: n, limitMetres: 5000)
        let rules = net.rules
        let points = (0..<400).map { _ in CoverageSearchTests.randomPoint(&rng, n, rules: rules) }
        #expect(net.prefersSweep(sources: 2 * points.count))
        let origins: [(mode: TravelMode, snap: SnappedPoint?)] = (0..<50).map { _ in
            (.walk, CoverageSearchTests.randomPoint(&rng, n, rules: rules))
        }
        let found = Found()
        let facilities: [[TravelMode: [SnappedPoint]]] = [[.walk: points], [.walk: points]]
        let request = CoverageSearch.NearestRequest(owners: facilities.map { $0.mapValues { $0.indices.map(UInt32.init) } },
                                                    originCounts: [.walk: 50]) { found.add($0, $1) }
        let want = CoverageSearch(networks: [.walk: net]).run(origins: origins, facilities: facilities).times
        let got = CoverageSearch(networks: [.walk: net]).run(origins: origins, facilities: facilities, nearest: request).times
        #expect(got == want)
        #expect(found.all.isEmpty)
    }
}
