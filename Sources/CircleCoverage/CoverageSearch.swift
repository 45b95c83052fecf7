import CircleGraph
import CircleSupport
import Foundation

/// One mode's network prepared for coverage searches.
public struct SearchNetwork: Sendable {
    public let network: RoadNetwork
    public let weights: ArcWeights
    public let rules: TripRules
    /// Centimetres travelled within the horizon at this mode's speed: the search bound.
    public let limit: UInt32
    /// Nodes a search from one source reaches within `limit`, on average over a few sample
    /// sources (0 without a hierarchy): with the source count, it chooses between a bounded
    /// Dijkstra and a PHAST sweep, which cost the same labels.
    public let reachPerSource: Double

    public init(network: RoadNetwork, limitMetres: Double) {
        self.network = network
        weights = ArcWeights(network)
        rules = TripRules(network: network)
        limit = Centimetres.from(metres: limitMetres)
        reachPerSource = network.hierarchy == nil ? 0 : Self.sampleReach(network, weights.backward, limit)
    }

    /// A contraction hierarchy of `network`'s backward graph with the coverage weights, for
    /// ``RoadNetwork/hierarchy`` (`circle build-graph` keeps it in the graph cache).
    public static func hierarchy(for network: RoadNetwork) -> ContractionHierarchy {
        ContractionHierarchy.build(graph: network.backward, weights: ArcWeights(network).backward)
    }

    /// Whether a search from `sources` seeds runs faster as a PHAST sweep than as a bounded
    /// Dijkstra: when the nodes it would reach are a sizeable share of the sweep's work (a
    /// Dijkstra scan costs about 20 times a sweep's arc; measured on the benchmark cities).
    public func prefersSweep(sources: Int) -> Bool {
        guard let h = network.hierarchy, limit <= ContractionHierarchy.weightCap else { return false }
        let reached = min(Double(network.nodes.count), Double(sources) * reachPerSource)
        return reached * 20 >= Double(h.nodeCount + h.arcCount)
    }

    /// The mean number of nodes reached within `limit` from 8 nodes spread over the node order.
    static func sampleReach(_ network: RoadNetwork, _ weights: [UInt32], _ limit: UInt32) -> Double {
        let n = network.nodes.count
        guard n > 0 else { return 0 }
        let search = MultiSourceSearch(nodeCount: n)
        var total = 0
        for k in 0..<8 {
            let node = UInt32((n * (2 * k + 1)) / 16)
            search.run(graph: network.backward, weights: weights, sources: [(node, 0)], limit: limit)
            total += search.scanCount
        }
        return Double(total) / 8
    }
}

/// The distances from every origin to the nearest facility of every item, by the origin's mode.
///
/// One work unit per (item, mode): a single multi-source search from all the item's facilities on
/// the mode's reverse graph, bounded by the horizon, then each origin of that mode reads its
/// distance off its edge's end nodes (SPEC §5). Units of one mode that sweep a contraction
/// hierarchy share sweeps (``BatchSweep``, up to `lanes` per batch); batches and the other units
/// run in parallel, each worker reusing its own search state.
public struct CoverageSearch: Sendable {
    /// Networks by mode.
    public let networks: [TravelMode: SearchNetwork]

    public init(networks: [TravelMode: SearchNetwork]) { self.networks = networks }

    /// One work unit: an item searched on one mode's network.
    public struct Unit: Hashable, Sendable {
        public var item: Int
        public var mode: TravelMode
        public init(item: Int, mode: TravelMode) {
            self.item = item
            self.mode = mode
        }
    }

    /// What one unit did, for summaries and benchmarks.
    public struct UnitStats: Sendable {
        public var item: Int
        public var mode: TravelMode
        public var sources: Int
        public var scannedNodes: Int
        public var seconds: Double
    }

    /// Computes `result[item][origin]`: centimetres to the nearest facility of the item, or
    /// `UInt32.max` when none is within the horizon or the origin did not snap.
    ///
    /// - Parameters:
    ///   - origins: each origin's mode and snap on that mode's network (nil = unsnapped).
    ///   - facilities: per item, per mode, the snapped facility points.
    ///   - reuse: results of earlier runs for some units (item, mode): the times of that mode's
    ///     points in order, as `unitResult` gives them, or of the first so many (the rest stay
    ///     `UInt32.max`); those units run no search.
    ///   - only: search only these items (a shard's share); the others keep `UInt32.max` unless reused.
    ///   - keep: per item, how many leading points' times to return (nil: all); the times of a
    ///     run's origins, listed before its other points, are all scoring needs.
    ///   - lanes: at most this many units of one mode share a sweep (``BatchSweep``, up to
    ///     ``BatchSweep/maxLanes``); 1 sweeps each unit alone.
    ///   - nearest: also find each origin's nearest facility where a unit runs a Dijkstra
    ///     (``NearestRequest``).
    ///   - unitResult: called with each unit's results that were computed, from the workers.
    ///   - progress: called with (units done, units) after each unit, from the workers.
    public func run(origins: [(mode: TravelMode, snap: SnappedPoint?)],
                    facilities: [[TravelMode: [SnappedPoint]]],
                    workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                    reuse: [Unit: [UInt32]] = [:],
                    only: Set<Int>? = nil,
                    keep: [Int]? = nil,
                    lanes: Int = CoverageSearch.defaultLanes,
                    nearest: NearestRequest? = nil,
                    unitResult: (@Sendable (Unit, [UInt32]) -> Void)? = nil,
                    progress: (@Sendable (Int, Int) -> Void)? = nil) -> (times: [[UInt32]], stats: [UnitStats]) {
        var grouped: [TravelMode: [Int]] = [:]
        for (i, o) in origins.enumerated() where o.snap != nil { grouped[o.mode, default: []].append(i) }
        let byMode = grouped
        let units = facilities.indices.filter { only?.contains($0) ?? true }.flatMap { item in
            TravelMode.allCases.filter { byMode[$0] != nil && networks[$0] != nil }.map { (item, $0) }
        }.filter { (reuse[Unit(item: $0.0, mode: $0.1)]?.count ?? .max) > byMode[$0.1]!.count }
        let snaps = byMode.mapValues { $0.map { origins[$0].snap! } }
        // Each origin's exits, once per mode for all batches: (node, cost) twice, `UInt32.max` for none.
        var exitTable: [TravelMode: (nodes: [UInt32], costs: [UInt32])] = [:]
        for (mode, points) in snaps where networks[mode]?.network.hierarchy != nil {
            var nodes = [UInt32](repeating: 0, count: 2 * points.count), costs = [UInt32](repeating: .max, count: 2 * points.count)
            let rules = networks[mode]!.rules
            for (k, o) in points.enumerated() {
                let ends = rules.exits(origin: o)
                if let a = ends.first { nodes[2 * k] = a.node; costs[2 * k] = a.cost }
                if let b = ends.last { nodes[2 * k + 1] = b.node; costs[2 * k + 1] = b.cost }
            }
            exitTable[mode] = (nodes, costs)
        }
        let exits = exitTable
        let work = plan(units, facilities: facilities, lanes: lanes)
        let results = ResultSlots<([UInt32], UnitStats)>(count: units.count)
        let next = WorkCounter(), finished = WorkCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, work.count))) { _ in
            var searches: [TravelMode: MultiSourceSearch] = [:]
            var nearestSearches: [TravelMode: NearestSourceSearch] = [:]
            var sweeps: [TravelMode: BatchSweep] = [:]
            func finish(_ u: Int, _ times: [UInt32], _ stats: UnitStats) {
                results.store(u, (times, stats))
                unitResult?(Unit(item: stats.item, mode: stats.mode), times)
                if let progress, let done = finished.take(below: units.count) { progress(done + 1, units.count) }
            }
            while let w = next.take(below: work.count) {
                let batch = work[w]
                let mode = units[batch[0]].1
                let net = networks[mode]!
                let t0 = DispatchTime.now().uptimeNanoseconds
                if batch.count == 1 {
                    let (item, _) = units[batch[0]]
                    if let nearest, let owners = nearest.owners[item][mode], let points = facilities[item][mode],
                       owners.count == points.count, Self.searchesByDijkstra(net, seeds: Self.seedCount(net, points)) {
                        let search = nearestSearches[mode] ?? NearestSourceSearch(nodeCount: net.network.nodes.count)
                        nearestSearches[mode] = search
                        let found = Self.unitWithNearest(net, search, points, owners: owners, snaps[mode]!,
                                                         originCount: min(nearest.originCounts[mode] ?? 0, snaps[mode]!.count))
                        nearest.result(Unit(item: item, mode: mode), found.nearest)
                        finish(batch[0], found.times, UnitStats(item: item, mode: mode, sources: points.count, scannedNodes: 0,
                                                                seconds: Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9))
                        continue
                    }
                    let search = searches[mode] ?? MultiSourceSearch(nodeCount: net.network.nodes.count)
                    searches[mode] = search
                    let points = facilities[item][mode] ?? []
                    let times = Self.unit(net, search, points, snaps[mode]!)
                    finish(batch[0], times, UnitStats(item: item, mode: mode, sources: points.count, scannedNodes: search.scanCount,
                                                      seconds: Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9))
                    continue
                }
                // Several units of one mode in one multi-lane sweep, then each lane's read-off.
                let sweep = sweeps[mode] ?? BatchSweep(nodeCount: net.network.nodes.count)
                sweeps[mode] = sweep
                let starts = batch.map { UnitStart(net, facilities[units[$0].0][mode] ?? [], origins: snaps[mode]!.count) }
                sweep.run(hierarchy: net.network.hierarchy!, sources: starts.map(\.seeds), limit: net.limit)
                let ways = exits[mode]!
                let cheapest = sweep.cheapest(nodes: ways.nodes, costs: ways.costs)
                let lanesTimes = starts.indices.map { lane in
                    starts[lane].times(net, snaps[mode]!, cheapest: { k in cheapest[k * batch.count + lane] })
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 / Double(batch.count)
                for (lane, u) in batch.enumerated() {
                    let item = units[u].0
                    finish(u, lanesTimes[lane], UnitStats(item: item, mode: mode, sources: facilities[item][mode]?.count ?? 0,
                                                          scannedNodes: net.network.nodes.count, seconds: seconds))
                }
            }
        }
        var times = facilities.indices.map { [UInt32](repeating: .max, count: min(origins.count, keep?[$0] ?? .max)) }
        for (unit, values) in reuse {
            guard unit.item < facilities.count, let members = byMode[unit.mode], values.count <= members.count else { continue }
            let length = times[unit.item].count
            for k in values.indices where members[k] < length { times[unit.item][members[k]] = values[k] }
        }
        let done = results.values.map { $0! }
        for (u, (item, mode)) in units.enumerated() {
            let length = times[item].count
            for (k, i) in byMode[mode]!.enumerated() where i < length { times[item][i] = done[u].0[k] }
        }
        return (times, done.map(\.1))
    }

    /// Units of one mode that share a sweep when nothing else is asked: measured on city1m
    /// (Benchmarks/README.md, "The search core").
    public static let defaultLanes = 8

    /// The work: lists of units (indices into `units`), each list run together. The units of a
    /// mode that would sweep (``SearchNetwork/prefersSweep(sources:)``) are split into as few
    /// lists of at most `lanes` as possible, of even sizes; every other unit runs alone.
    func plan(_ units: [(Int, TravelMode)], facilities: [[TravelMode: [SnappedPoint]]], lanes: Int) -> [[Int]] {
        let lanes = max(1, min(lanes, BatchSweep.maxLanes))
        var alone: [[Int]] = [], sweeping: [TravelMode: [Int]] = [:]
        for (u, (item, mode)) in units.enumerated() {
            let net = networks[mode]!
            var seeds = 0
            for f in facilities[item][mode] ?? [] {
                let ends = net.rules.seeds(facility: f)
                seeds += (ends.first == nil ? 0 : 1) + (ends.last == nil ? 0 : 1)
            }
            if lanes > 1 && net.network.hierarchy != nil && net.prefersSweep(sources: seeds) {
                sweeping[mode, default: []].append(u)
            } else {
                alone.append([u])
            }
        }
        var batches: [[Int]] = []
        for mode in TravelMode.allCases {
            guard let list = sweeping[mode] else { continue }
            let count = (list.count + lanes - 1) / lanes
            var start = 0
            for k in 0..<count {
                let size = list.count / count + (k < list.count % count ? 1 : 0)
                batches.append(Array(list[start..<(start + size)]))
                start += size
            }
        }
        return batches + alone
    }

    /// One (item, mode) unit: search from the facilities, then read each origin's distance
    /// (centimetres, `UInt32.max` beyond `net.limit`). Siting calls it with one candidate site as
    /// the facilities, so a site covers exactly what `circle analyze` would find with it added.
    public static func unit(_ net: SearchNetwork, _ search: MultiSourceSearch, _ facilities: [SnappedPoint],
                     _ origins: [SnappedPoint]) -> [UInt32] {
        let start = UnitStart(net, facilities, origins: origins.count)
        if net.prefersSweep(sources: start.seeds.count), let h = net.network.hierarchy {
            search.run(hierarchy: h, sources: start.seeds, limit: net.limit)
        } else {
            search.run(graph: net.network.backward, weights: net.weights.backward, sources: start.seeds, limit: net.limit)
        }
        return start.times(net, origins) { search.label($0) }
    }

    /// What a unit's search starts from and what its read-off needs besides the labels: the
    /// seeds, and the facilities by edge (an origin on a facility's edge may reach it directly).
    struct UnitStart {
        var seeds: [(node: UInt32, label: UInt32)] = []
        var onEdge: [UInt32: [SnappedPoint]] = [:]
        /// Edges holding a facility, as a bitset: most origins share no edge with one and skip the
        /// dictionary. Only when the origins outnumber the bitset's words: a siting unit (one
        /// candidate, a few origins near it) would spend more zeroing it than it saves.
        var shared: [UInt64] = []

        init(_ net: SearchNetwork, _ facilities: [SnappedPoint], origins: Int) {
            let rules = net.rules
            seeds.reserveCapacity(facilities.count * 2)
            let words = (net.network.edges.count + 63) / 64
            shared = [UInt64](repeating: 0, count: facilities.isEmpty || origins < words ? 0 : words)
            for f in facilities {
                let ends = rules.seeds(facility: f)
                if let a = ends.first { seeds.append((a.node, a.cost)) }
                if let b = ends.last { seeds.append((b.node, b.cost)) }
                onEdge[f.edge, default: []].append(f)
                if !shared.isEmpty { shared[Int(f.edge) >> 6] |= 1 << (UInt64(f.edge) & 63) }
            }
        }

        /// Each origin's time after a batch: `cheapest(k)` (the better of origin `k`'s exits plus
        /// their labels, ``BatchSweep/cheapest(nodes:costs:)``) or any direct trip along its
        /// edge; `UInt32.max` beyond the bound.
        @inline(__always)
        func times(_ net: SearchNetwork, _ origins: [SnappedPoint], cheapest: (Int) -> UInt32) -> [UInt32] {
            let rules = net.rules
            return origins.indices.map { k in
                let o = origins[k]
                var best = UInt64(cheapest(k))
                if !shared.isEmpty && shared[Int(o.edge) >> 6] & (1 << (UInt64(o.edge) & 63)) == 0 {
                    return best <= UInt64(net.limit) ? UInt32(best) : .max
                }
                for f in onEdge[o.edge] ?? [] {
                    if let d = rules.direct(origin: o, facility: f) { best = min(best, UInt64(d)) }
                }
                return best <= UInt64(net.limit) ? UInt32(best) : .max
            }
        }

        /// Each origin's time: the better of its exits plus their labels and any direct trip
        /// along its edge; `UInt32.max` beyond the bound.
        @inline(__always)
        func times(_ net: SearchNetwork, _ origins: [SnappedPoint], label: (UInt32) -> UInt32?) -> [UInt32] {
            let rules = net.rules
            return origins.map { o in
                var best = UInt64.max
                let ends = rules.exits(origin: o)
                if let a = ends.first, let l = label(a.node) { best = min(best, UInt64(a.cost) + UInt64(l)) }
                if let b = ends.last, let l = label(b.node) { best = min(best, UInt64(b.cost) + UInt64(l)) }
                if shared.isEmpty || shared[Int(o.edge) >> 6] & (1 << (UInt64(o.edge) & 63)) != 0, let fs = onEdge[o.edge] {
                    for f in fs {
                        if let d = rules.direct(origin: o, facility: f) { best = min(best, UInt64(d)) }
                    }
                }
                return best <= UInt64(net.limit) ? UInt32(best) : .max
            }
        }
    }
}
