import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleScore
import CircleSupport
import Foundation

/// Which origins reach each facility within its item's reach, where the item applies: every
/// (origin, facility) trip timed exactly as ``CoverageSearch/unit`` times it with that facility
/// alone, and coverage decided by ``Scoring/covers(_:reach:)``.
///
/// Per mode, whichever is fewer is searched: each facility (a backward search from its entrances,
/// read at the origins within straight-line reach of it) or each origin (a forward search from
/// the origin's exits, read at the entrances of the facilities within straight-line reach). Both
/// give the same integer trip: exit cost + network distance + entrance cost, or the direct trip
/// along a shared edge, minimised over exits and entrances, within the same bound.
/// `CIRCLE_CATCHMENT_REACH=facilities|origins` forces one direction (for tests).
enum CatchmentReach {
    enum Direction: String { case facilities, origins }

    /// Per facility of the items `only`, the origins that reach it (ascending); [] for the others.
    static func sets(_ p: Prepared, list: [FacilityCatchments.Facility], items: [Item], only: Set<Int>, originsOf: [TravelMode: [Int]],
                     modes: [TravelMode], scores: [OriginScore], log: StageLog) -> [[Int]] {
        let maxReach = items.map(\.reachMinutes).max() ?? 15
        let forced = ProcessInfo.processInfo.environment["CIRCLE_CATCHMENT_REACH"].flatMap(Direction.init(rawValue:))
        var reach = [[Int]](repeating: [], count: list.count)
        for m in modes {
            guard let members = originsOf[m], !members.isEmpty else { continue }
            let metres = maxReach * p.speeds[m]!
            // A bound a little past the reach: every trip within it is found exactly as the analysis finds it.
            let net = SearchNetwork(network: p.loaded.networks[m], limitMetres: metres * 1.001 + 1)
            let snaps = p.facilitySnaps[m]!
            let entrances = list.map { f in
                only.contains(f.item) ? f.points.compactMap { k in SnappedPoint(snaps[k]).map { (k, $0) } } : []
            }
            let searchable = entrances.filter { !$0.isEmpty }.count
            let direction = forced ?? (members.count < searchable ? .origins : .facilities)
            let found: [[Int]]
            let job = Job(p: p, list: list, entrances: entrances, members: members, net: net, radius: metres * 1.001 + 5,
                          reaches: items.map(\.reachMinutes), speed: p.speeds[m]!, scores: scores, log: log)
            switch direction {
            case .facilities: found = job.byFacility()
            case .origins: found = job.byOrigin()
            }
            for f in list.indices { reach[f] += found[f] }
        }
        return reach.map { $0.sorted() }
    }

    /// One mode's work, with read-only copies for the workers.
    struct Job: @unchecked Sendable {
        let list: [FacilityCatchments.Facility]
        /// Per facility, its entrances snapped on this mode: (facility point index, snap).
        let entrances: [[(Int, SnappedPoint)]]
        /// This mode's snapped origins.
        let members: [Int]
        let originSnaps: [SnappedPoint?]
        let originPositions: [(lon: Double, lat: Double)]
        let facilityPositions: [(lon: Double, lat: Double)]
        let net: SearchNetwork
        let radius: Double
        let reaches: [Double]
        let speed: Double
        let scores: [OriginScore]
        let log: StageLog

        init(p: Prepared, list: [FacilityCatchments.Facility], entrances: [[(Int, SnappedPoint)]], members: [Int],
             net: SearchNetwork, radius: Double, reaches: [Double], speed: Double, scores: [OriginScore], log: StageLog) {
            self.list = list
            self.entrances = entrances
            self.members = members
            originSnaps = p.originSnaps.map(SnappedPoint.init)
            originPositions = p.origins.map { ($0.lon, $0.lat) }
            facilityPositions = p.facilities.map { ($0.lon, $0.lat) }
            self.net = net
            self.radius = radius
            self.reaches = reaches
            self.speed = speed
            self.scores = scores
            self.log = log
        }

        func covers(_ centimetres: UInt32, item: Int) -> Bool {
            Scoring.covers(centimetres == .max ? nil : Double(centimetres) / 100 / speed, reach: reaches[item])
        }

        /// Runs `body` for `0..<count` on every core, each worker with its own search.
        func parallel(_ count: Int, _ body: @escaping @Sendable (Int, MultiSourceSearch) -> [Int]) -> [[Int]] {
            let nodes = net.network.nodes.count
            let slots = ResultSlots<[Int]>(count: count)
            let next = WorkCounter(), finished = WorkCounter()
            DispatchQueue.concurrentPerform(iterations: max(1, min(ProcessInfo.processInfo.activeProcessorCount, count))) { _ in
                let search = MultiSourceSearch(nodeCount: nodes)
                while let k = next.take(below: count) {
                    slots.store(k, body(k, search))
                    if let done = finished.take(below: count), done % 1024 == 1023 || done + 1 == count {
                        log.progress("facility catchments", done: done + 1, total: count)
                    }
                }
            }
            return slots.values.map { $0 ?? [] }
        }

        /// Each facility searched alone, backwards, over the origins within straight-line reach.
        func byFacility() -> [[Int]] {
            let index = NearPoints(members.map { originPositions[$0] }, radius: radius)
            return parallel(list.count) { f, search in
                let points = entrances[f]
                guard !points.isEmpty else { return [] }
                let item = list[f].item
                var nearby = Set<Int>()
                for (k, _) in points { nearby.formUnion(index.within(facilityPositions[k])) }
                let origins = nearby.sorted().map { members[$0] }.filter { scores[$0].covered[item] != nil }
                guard !origins.isEmpty else { return [] }
                let cm = CoverageSearch.unit(net, search, points.map(\.1), origins.map { originSnaps[$0]! })
                return origins.indices.filter { covers(cm[$0], item: item) }.map { origins[$0] }
            }
        }

        /// Each origin searched forwards, read at the entrances of the facilities within
        /// straight-line reach; results turned around to per facility.
        func byOrigin() -> [[Int]] {
            var owners: [Int] = [], points: [(lon: Double, lat: Double)] = []
            for (f, list) in entrances.enumerated() {
                for (k, _) in list { owners.append(f); points.append(facilityPositions[k]) }
            }
            let owner = owners
            let index = NearPoints(points, radius: radius)
            let flat = entrances.flatMap { $0.map(\.1) }
            let rules = net.rules
            // Per origin: the facilities it reaches.
            let perOrigin = parallel(members.count) { k, search in
                let o = members[k]
                let snap = originSnaps[o]!
                let near = index.within(originPositions[o])
                guard !near.isEmpty else { return [] }
                let exits = rules.exits(origin: snap).all
                search.run(graph: net.network.forward, weights: net.weights.forward, sources: exits.map { ($0.node, $0.cost) },
                           limit: net.limit)
                var best: [Int: UInt64] = [:]
                for e in near {
                    let f = owner[e]
                    guard scores[o].covered[list[f].item] != nil else { continue }
                    var d = UInt64.max
                    let seeds = rules.seeds(facility: flat[e])
                    for s in seeds.all { if let l = search.label(s.node) { d = min(d, UInt64(l) + UInt64(s.cost)) } }
                    if let direct = rules.direct(origin: snap, facility: flat[e]) { d = min(d, UInt64(direct)) }
                    best[f] = min(best[f] ?? .max, d)
                }
                return best.keys.sorted().filter { f in
                    let d = best[f]!
                    return d <= UInt64(net.limit) && covers(UInt32(d), item: list[f].item)
                }
            }
            var out = [[Int]](repeating: [], count: list.count)
            for (k, facilities) in perOrigin.enumerated() { for f in facilities { out[f].append(members[k]) } }
            return out
        }
    }
}
