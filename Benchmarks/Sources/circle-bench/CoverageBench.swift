import CircleCoverage
import CircleEngine
import CircleGeo
import CircleGraph
import CircleInput
import Foundation

/// `circle-bench coverage CACHE FACILITIES ORIGINS`: the search stage alone, on inputs from
/// `gen_city.py --pois --origins` (facilities `id,type,lon,lat`; origins with `kind`, `area_class`).
enum CoverageBench {
    static func run(cache: String, facilities: String, origins: String, runs: Int) async throws {
        var loaded = try await NetworkLoader.load(path: cache)
        // NO_HIERARCHY=1: the bucket-queue Dijkstra for every unit, as without a hierarchy.
        if ProcessInfo.processInfo.environment["NO_HIERARCHY"] == "1" {
            loaded.networks.walk.hierarchy = nil
            loaded.networks.cycle.hierarchy = nil
        }
        let nets: [TravelMode: SearchNetwork] = [
            .walk: SearchNetwork(network: loaded.networks.walk, limitMetres: 30 * 4000.0 / 60),
            .cycle: SearchNetwork(network: loaded.networks.cycle, limitMetres: 30 * 12000.0 / 60),
        ]
        let facilityPoints = try PointReader.read(path: facilities)
        let originPoints = try PointReader.read(path: origins)
        let items = Array(Set(facilityPoints.map { $0.attributes["type"] ?? "" })).sorted()
        let (prepared, snapSeconds) = measure { () -> ([(mode: TravelMode, snap: SnappedPoint?)], [[TravelMode: [SnappedPoint]]]) in
            let snappers = nets.mapValues { Snapper(network: $0.network) }
            var originModes: [TravelMode] = originPoints.map { p in
                let cls = p.attributes["area_class"] ?? "urban", kind = p.attributes["kind"] ?? "residential"
                return cls == "urban" || (cls == "expansion" && kind == "residential") ? .walk : .cycle
            }
            var originSnaps = [SnappedPoint?](repeating: nil, count: originPoints.count)
            for mode in TravelMode.allCases {
                let idx = originModes.indices.filter { originModes[$0] == mode }
                let snaps = snappers[mode]!.snapAll(idx.map { (originPoints[$0].lon, originPoints[$0].lat) })
                for (k, i) in idx.enumerated() { originSnaps[i] = SnappedPoint(snaps[k]) }
            }
            var perItem: [[TravelMode: [SnappedPoint]]] = []
            for item in items {
                let pts = facilityPoints.filter { $0.attributes["type"] == item }.map { ($0.lon, $0.lat) }
                var byMode: [TravelMode: [SnappedPoint]] = [:]
                for mode in TravelMode.allCases { byMode[mode] = snappers[mode]!.snapAll(pts).compactMap(SnappedPoint.init) }
                perItem.append(byMode)
            }
            originModes = []
            return (zip(originPoints.indices, originSnaps).map { (i, s) in
                let p = originPoints[i]
                let cls = p.attributes["area_class"] ?? "urban", kind = p.attributes["kind"] ?? "residential"
                return (cls == "urban" || (cls == "expansion" && kind == "residential") ? .walk : .cycle, s)
            }, perItem)
        }
        let search = CoverageSearch(networks: nets)
        // SWEEP_LANES=k: at most k units of a mode per sweep (1: every unit alone, as before batching).
        let lanes = Int(ProcessInfo.processInfo.environment["SWEEP_LANES"] ?? "") ?? CoverageSearch.defaultLanes
        var times: [Double] = []
        var last: [CoverageSearch.UnitStats] = []
        var covered = 0
        for _ in 0..<runs {
            let ((result, stats), seconds) = measure { search.run(origins: prepared.0, facilities: prepared.1, lanes: lanes) }
            times.append(seconds)
            last = stats
            covered = result.reduce(0) { $0 + $1.filter { $0 != .max }.count }
        }
        times.sort()
        let scanned = last.reduce(0) { $0 + $1.scannedNodes }
        let unitSeconds = last.reduce(0) { $0 + $1.seconds }
        print(String(format: "coverage: %d units (%d items × modes), %d origins; search median %.3f s (min %.3f, max %.3f, %d runs); "
                     + "snapping %.3f s; %d node scans, %.1f ns/scan (sum of unit times %.3f s); %d (origin, item) pairs reached",
                     last.count, items.count, originPoints.count, times[times.count / 2], times.first!, times.last!, runs,
                     snapSeconds, scanned, unitSeconds / Double(max(scanned, 1)) * 1e9, unitSeconds, covered))
    }
}
