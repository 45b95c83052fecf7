import CircleCoverage
import CircleGraph
import CircleSupport
import Foundation

/// Each origin's nearest facility as the run's own searches found it (``CoverageSearch/NearestRequest``):
/// per (item, mode) unit searched by Dijkstra, what ``NearestFacility/unit`` gives for the
/// mode's snapped origins in order. Facility catchments read them instead of searching those
/// units again, then let them go (``release()``); units swept through a hierarchy, or reused,
/// are absent and searched there. Filled from the search workers.
final class SearchedNearest: @unchecked Sendable {
    private let lock = NSLock()
    private var found: [CoverageSearch.Unit: [NearestFacility.Nearest?]] = [:]

    init() {}

    /// The unit's nearest facilities, if its search found them.
    subscript(unit: CoverageSearch.Unit) -> [NearestFacility.Nearest?]? {
        lock.lock()
        defer { lock.unlock() }
        return found[unit]
    }

    func add(_ unit: CoverageSearch.Unit, _ nearest: [NearestFacility.Nearest?]) {
        lock.lock()
        defer { lock.unlock() }
        found[unit] = nearest
    }

    /// Lets them go (the catchments are counted; the gap maps want the memory).
    func release() {
        lock.lock()
        defer { lock.unlock() }
        found = [:]
    }

    /// The facility numbers ``FacilityCatchments`` gives each of `p.perItem`'s points: per item,
    /// per mode, in the order of the snapped points the search starts from.
    static func owners(_ p: Prepared) -> [[TravelMode: [UInt32]]] {
        let list = FacilityCatchments.facilities(p.facilities)
        var ownerOfPoint = [UInt32](repeating: 0, count: p.facilities.count)
        var count = [UInt32](repeating: 0, count: p.perItem.count)
        for fac in list where fac.item < count.count {
            for k in fac.points { ownerOfPoint[k] = count[fac.item] }
            count[fac.item] += 1
        }
        var pointsOf = [[Int]](repeating: [], count: p.perItem.count)
        for (k, f) in p.facilities.enumerated() where f.item < pointsOf.count { pointsOf[f.item].append(k) }
        return pointsOf.map { points in
            Dictionary(uniqueKeysWithValues: p.facilitySnaps.map { mode, snaps in
                (mode, points.filter { SnappedPoint(snaps[$0]) != nil }.map { ownerOfPoint[$0] })
            })
        }
    }

    /// A request for `p`'s searches, and where its results go.
    static func request(_ p: Prepared) -> (CoverageSearch.NearestRequest, SearchedNearest) {
        let found = SearchedNearest()
        let request = CoverageSearch.NearestRequest(owners: owners(p), originCounts: p.originPoints) { unit, nearest in
            found.add(unit, nearest)
        }
        return (request, found)
    }
}
