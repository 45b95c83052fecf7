import CircleCatalog
import CircleCoverage
import CircleGraph
import CircleScore
import CircleSupport
import Foundation

/// One facility's catchment (a row of `facilities.csv`, docs/outputs.md): who has it as the
/// nearest facility of its item, who reaches it within the item's reach, and, with a capacity,
/// its load and its two-step floating catchment area (2SFCA) figures. A plain value, for any
/// writer (CSV, GeoJSON, GeoPackage).
public struct FacilityCatchment: Sendable, Equatable {
    /// The facility's id (entrances, e.g. a park's boundary points, share it).
    public var id: String
    /// The item's id and Chinese name.
    public var item: String
    public var itemNameZh: String
    /// The facility's name from the input ("" when none).
    public var name: String
    /// The name of the file it came from (without its folder, so that outputs do not depend on
    /// where the inputs lie), or "osm".
    public var source: String
    /// Its position: the mean of its entrances (the point itself for a point facility).
    public var lon: Double
    public var lat: Double
    /// Its entrances, and how many snapped onto the network of some origin's mode.
    public var entrances: Int
    public var snappedEntrances: Int
    /// Origins whose nearest facility of the item this is (by their own mode, within the item's
    /// reach, where the item applies), and their residents (origins without a population add 0).
    public var catchmentOrigins: Int
    public var catchmentResidents: Double
    /// Origins (and residents) that reach this facility within the item's reach, nearest or not;
    /// nil unless some facility of the item has a capacity (they cost a search per facility).
    public var reachOrigins: Int?
    public var reachResidents: Double?
    /// The `capacity` column of the facility's row; nil when not given.
    public var capacity: Double?
    /// Catchment residents per unit of capacity; nil without a capacity or with capacity 0.
    public var residentsPerCapacity: Double?
    /// 2SFCA step 1: capacity per resident within reach (R_j = S_j / Σ P_k); nil without a
    /// capacity, or with no resident within reach.
    public var supplyRatio: Double?
    /// 2SFCA step 2 as the catchment sees it: the residents-weighted mean, over the origins of
    /// this catchment, of A_i = Σ R_j over the facilities of the item within reach of origin i.
    /// nil unless every facility of the item has a capacity, or with no resident in the catchment.
    public var catchmentAccess: Double?
}

/// Computes every facility's catchment from a scored run.
enum FacilityCatchments {
    /// One facility: the entrances (indices into the run's facility points) sharing item, file and id.
    struct Facility {
        var item: Int
        var points: [Int]
    }

    /// The facilities of the run, each item's in input order (their number within the item,
    /// which breaks ties between equally near facilities: the first listed wins).
    static func facilities(_ points: [FacilityPoint]) -> [Facility] {
        var index: [String: Int] = [:]
        var out: [Facility] = []
        for (k, p) in points.enumerated() {
            let key = "\(p.item)\u{1}\(p.source)\u{1}\(p.id)"
            if let f = index[key] { out[f].points.append(k) } else {
                index[key] = out.count
                out.append(Facility(item: p.item, points: [k]))
            }
        }
        // Stable: by item, then input order.
        return out.enumerated().sorted { ($0.element.item, $0.offset) < ($1.element.item, $1.offset) }.map(\.element)
    }

    /// Times its two parts as the stages `catchments` (nearest) and `catchment reach` of `clock`.
    /// With `cache` (the search cache's entries), each unit's nearest facilities are taken from
    /// it when stored under the same key, and stored when searched (``NearestCache``).
    /// With `searched`, the units the run's searches already found the nearest facilities of
    /// are not searched again.
    static func compute(_ p: Prepared, run: RunTables, items: [Item], log: StageLog, clock: StageClock,
                        cache: EntryFolder? = nil, searched: SearchedNearest = SearchedNearest()) -> [FacilityCatchment] {
        let list = facilities(p.facilities)
        // Each facility's number within its item.
        var local = [Int](repeating: 0, count: list.count)
        var firstOfItem = [Int](repeating: list.count, count: items.count)
        var countOfItem = [Int](repeating: 0, count: items.count)
        for (f, fac) in list.enumerated() {
            local[f] = countOfItem[fac.item]
            if countOfItem[fac.item] == 0 { firstOfItem[fac.item] = f }
            countOfItem[fac.item] += 1
        }
        let modes = TravelMode.allCases.filter { m in p.origins.contains { $0.mode == m } && p.facilitySnaps[m] != nil }
        var originsOf: [TravelMode: [Int]] = [:]
        for o in p.origins.indices where p.originSnaps[o].status == .snapped { originsOf[p.origins[o].mode, default: []].append(o) }
        let originSnaps = p.originSnaps.map(SnappedPoint.init)
        let residents = p.origins.map { $0.population ?? 0 }
        let scores = run.scores

        // Nearest: one source-tracking search per (item, mode), from all the item's facilities.
        var catchOrigins = [Int](repeating: 0, count: list.count)
        var catchResidents = [Double](repeating: 0, count: list.count)
        // Each facility's capacity (its first entrance's that has one). 2SFCA reads which facility
        // is each origin's nearest only for an item every facility of which has a capacity.
        let capacityOf = list.map { f in f.points.lazy.compactMap { p.facilities[$0].capacity }.first }
        let allCapacities = items.indices.map { i in
            countOfItem[i] > 0 && capacityOf[firstOfItem[i]..<(firstOfItem[i] + countOfItem[i])].allSatisfy { $0 != nil }
        }
        var nearestOf = items.indices.map { allCapacities[$0] ? [Int](repeating: -1, count: p.origins.count) : [] }
        let nearestStart = DispatchTime.now().uptimeNanoseconds
        let units = items.indices.flatMap { i in modes.filter { originsOf[$0] != nil }.map { (i, $0) } }
        let slots = ResultSlots<[NearestFacility.Nearest?]>(count: units.count)
        let next = WorkCounter()
        let facilitySnaps = p.facilitySnaps
        let nets = p.nets
        let (firstFinal, countFinal) = (firstOfItem, countOfItem)
        // Per unit, the origins read: only those covered by the item (the others have no nearest
        // facility within reach, and no catchment counts them). A unit with none needs no search.
        let readers = scores.withUnsafeBufferPointer { scores in
            units.map { i, m in originsOf[m]!.filter { scores[$0].covered[i] == true } }
        }
        let unitKeys = cache == nil ? [:] : p.unitKeys
        let modeOrigins = originsOf
        DispatchQueue.concurrentPerform(iterations: max(1, min(ProcessInfo.processInfo.activeProcessorCount, units.count))) { _ in
            var searches: [TravelMode: NearestSourceSearch] = [:]
            while let u = next.take(below: units.count) {
                let (i, m) = units[u]
                var points: [SnappedPoint] = [], owners: [UInt32] = []
                let snaps = facilitySnaps[m]!
                for f in firstFinal[i]..<(firstFinal[i] + countFinal[i]) {
                    for k in list[f].points {
                        if let s = SnappedPoint(snaps[k]) { points.append(s); owners.append(UInt32(f - firstFinal[i])) }
                    }
                }
                let members = readers[u]
                if points.isEmpty || members.isEmpty { slots.store(u, members.map { _ in nil }); continue }
                let key = unitKeys[CoverageSearch.Unit(item: i, mode: m)].map {
                    NearestCache.key(unitKey: $0, points: points, owners: owners, origins: members)
                }
                if let cache, let key, let stored = NearestCache.load(cache, key: key, count: members.count) {
                    slots.store(u, stored)
                    continue
                }
                let found: [NearestFacility.Nearest?]
                if let all = searched[CoverageSearch.Unit(item: i, mode: m)], all.count == modeOrigins[m]!.count {
                    // The run's search found them: read at the members (a filter of the mode's origins).
                    let order = modeOrigins[m]!
                    var read: [NearestFacility.Nearest?] = []
                    read.reserveCapacity(members.count)
                    for j in order.indices where read.count < members.count && order[j] == members[read.count] {
                        read.append(all[j])
                    }
                    found = read
                } else {
                    let net = nets[m]!
                    let search = searches[m] ?? NearestSourceSearch(nodeCount: net.network.nodes.count)
                    searches[m] = search
                    found = NearestFacility.unit(net, search, facilities: points, owners: owners,
                                                 origins: members.map { originSnaps[$0]! })
                }
                if let cache, let key { try? NearestCache.store(cache, key: key, found) }
                slots.store(u, found)
            }
        }
        for (u, found) in slots.values.enumerated() {
            let i = units[u].0
            let found = found!, first = firstOfItem[i], keepNearest = allCapacities[i]
            for (k, o) in readers[u].enumerated() {
                // Covered means a facility within reach, so the search found the nearest one.
                guard let n = found[k] else { continue }
                let f = first + Int(n.facility)
                if keepNearest { nearestOf[i][o] = f }
                catchOrigins[f] += 1
                catchResidents[f] += residents[o]
            }
        }

        // Within reach, for the items some facility of which has a capacity: a search per facility
        // (or per origin), far dearer than the nearest (docs/outputs.md), for 2SFCA.
        clock.add("catchments", Double(DispatchTime.now().uptimeNanoseconds - nearestStart) / 1e9)
        var withCapacity = Set<Int>()
        for (f, fac) in list.enumerated() where capacityOf[f] != nil { withCapacity.insert(fac.item) }
        let wanted = withCapacity
        let reach = wanted.isEmpty ? list.map { _ in [] } : clock.time("catchment reach") {
            CatchmentReach.sets(p, list: list, items: items, only: wanted, originsOf: originsOf, modes: modes, scores: scores,
                                log: log)
        }

        // 2SFCA, item by item.
        var ratio = [Double?](repeating: nil, count: list.count), catchAccess = ratio
        for i in items.indices where countOfItem[i] > 0 {
            let range = firstOfItem[i]..<(firstOfItem[i] + countOfItem[i])
            let r = TwoStepFloatingCatchment.compute(capacity: Array(capacityOf[range]), reach: Array(reach[range]),
                                                     nearest: allCapacities[i] ? nearestOf[i].map { $0 >= 0 ? $0 - firstOfItem[i] : nil } : [],
                                                     residents: residents)
            for (k, f) in range.enumerated() {
                ratio[f] = r.supplyRatio[k]
                catchAccess[f] = r.catchmentAccess[k]
            }
        }
        let reachResidents = reach.map { $0.reduce(0) { $0 + residents[$1] } }

        // Each input file's name, once per file (not once per facility).
        var fileNames: [String: String] = [:]
        for f in p.facilities where fileNames[f.source] == nil {
            fileNames[f.source] = f.source == "osm" ? "osm" : URL(fileURLWithPath: f.source).lastPathComponent
        }
        return list.enumerated().map { f, fac in
            let pts = fac.points.map { p.facilities[$0] }
            let first = pts[0]
            let snapped = fac.points.filter { k in modes.contains { SnappedPoint(p.facilitySnaps[$0]![k]) != nil } }.count
            let capacity = capacityOf[f]
            return FacilityCatchment(
                id: first.id, item: items[fac.item].id, itemNameZh: items[fac.item].nameZh, name: first.name,
                source: fileNames[first.source]!,
                lon: pts.reduce(0) { $0 + $1.lon } / Double(pts.count), lat: pts.reduce(0) { $0 + $1.lat } / Double(pts.count),
                entrances: pts.count, snappedEntrances: snapped,
                catchmentOrigins: catchOrigins[f], catchmentResidents: catchResidents[f],
                reachOrigins: wanted.contains(fac.item) ? reach[f].count : nil,
                reachResidents: wanted.contains(fac.item) ? reachResidents[f] : nil, capacity: capacity,
                residentsPerCapacity: capacity.flatMap { $0 > 0 ? catchResidents[f] / $0 : nil },
                supplyRatio: ratio[f],
                catchmentAccess: catchAccess[f])
        }
    }
}
