import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleScore
import CircleSupport
import Foundation

/// Which origins lacking an item each candidate would cover, by each origin's own mode and the
/// item's reach. Each candidate is searched as the only facility with ``CoverageSearch/unit`` —
/// the analysis's own search and trip rules — over the origins within straight-line reach of it
/// (no trip is shorter than the straight line), and coverage is decided by the analysis's rule
/// (``Scoring/covers(_:reach:)``).
enum SiteCoverage {
    struct Result {
        /// Per item, per candidate: origin indices covered, ascending.
        var covers: [[[Int]]]
        /// Candidates with an entrance that did not snap on a mode some origin uses, for warnings.
        var unsnapped: Int
    }

    static func compute(p: Prepared, items: [Item], demands: [[Int]], candidates: [Candidate], log: StageLog) throws -> Result {
        let modes = TravelMode.allCases.filter { m in demands.contains { $0.contains { p.origins[$0].mode == m } } }
        let maxReach = items.map(\.reachMinutes).max() ?? 15
        // Origins lacking some item, per mode, with the items each lacks.
        var lacking: [TravelMode: [Int]] = [:]
        var lacks = [[Int]](repeating: [], count: p.origins.count)
        for (i, list) in demands.enumerated() { for o in list { lacks[o].append(i) } }
        for o in p.origins.indices where !lacks[o].isEmpty && p.originSnaps[o].status == .snapped {
            lacking[p.origins[o].mode, default: []].append(o)
        }
        var near: [TravelMode: NearPoints] = [:]
        var nets: [TravelMode: SearchNetwork] = [:]
        for m in modes {
            let metres = maxReach * p.speeds[m]!
            near[m] = NearPoints((lacking[m] ?? []).map { (p.origins[$0].lon, p.origins[$0].lat) }, radius: metres * 1.001 + 5)
            // A bound a little past the reach: every trip within it is found exactly as the analysis finds it.
            nets[m] = SearchNetwork(network: p.loaded.networks[m], limitMetres: metres * 1.001 + 1)
        }
        // Every candidate entrance snapped on each mode, as facilities are.
        let entrances = candidates.enumerated().flatMap { c, cand in
            cand.points.map { FacilityPoint(item: 0, id: "\(c)", lon: $0.lon, lat: $0.lat, source: "candidates") }
        }
        let owner = candidates.enumerated().flatMap { c, cand in cand.points.map { _ in c } }
        let snaps = p.snapStage.facilities(entrances, modes: Set(modes))
        var perCandidate = [[TravelMode: [SnappedPoint]]](repeating: [:], count: candidates.count)
        for m in modes {
            for (k, s) in snaps[m]!.enumerated() {
                if let sp = SnappedPoint(s) { perCandidate[owner[k]][m, default: []].append(sp) }
            }
        }
        // Read-only copies for the workers.
        let (perCandidateFinal, nearFinal, lackingFinal, netsFinal, lacksFinal) = (perCandidate, near, lacking, nets, lacks)
        let originSnaps = p.originSnaps.map(SnappedPoint.init)
        let speeds = p.speeds
        let reaches = items.map(\.reachMinutes)
        let slots = ResultSlots<[[Int]]>(count: candidates.count)
        let next = WorkCounter(), finished = WorkCounter()
        let workers = ProcessInfo.processInfo.activeProcessorCount
        let total = candidates.count
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, total))) { _ in
            var searches: [TravelMode: MultiSourceSearch] = [:]
            while let c = next.take(below: total) {
                var covered = [[Int]](repeating: [], count: reaches.count)
                for m in modes {
                    guard let points = perCandidateFinal[c][m], !points.isEmpty, let index = nearFinal[m] else { continue }
                    var nearby = Set<Int>()
                    for pt in candidates[c].points { nearby.formUnion(index.within(pt)) }
                    guard !nearby.isEmpty else { continue }
                    let origins = nearby.sorted().map { lackingFinal[m]![$0] }
                    let net = netsFinal[m]!
                    let search = searches[m] ?? MultiSourceSearch(nodeCount: net.network.nodes.count)
                    searches[m] = search
                    let cm = CoverageSearch.unit(net, search, points, origins.map { originSnaps[$0]! })
                    let speed = speeds[m]!
                    for (k, o) in origins.enumerated() {
                        let minutes: Double? = cm[k] == .max ? nil : Double(cm[k]) / 100 / speed
                        for i in lacksFinal[o] where Scoring.covers(minutes, reach: reaches[i]) { covered[i].append(o) }
                    }
                }
                slots.store(c, covered.map { $0.sorted() })
                if let done = finished.take(below: total), done % 256 == 255 || done + 1 == total {
                    log.progress("site coverage", done: done + 1, total: total)
                }
            }
        }
        let values = slots.values.map { $0 ?? [[Int]](repeating: [], count: items.count) }
        let covers = items.indices.map { i in values.map { $0[i] } }
        let unsnapped = perCandidate.filter { $0.isEmpty }.count
        return Result(covers: covers, unsnapped: unsnapped)
    }
}
