import CircleGraph

extension CoverageSearch {
    /// Asks ``run(origins:facilities:workers:reuse:only:keep:lanes:nearest:unitResult:progress:)``
    /// for each origin's nearest facility as well, from the searches it runs anyway: a unit
    /// searched alone by Dijkstra then keeps each label's source (``NearestSourceSearch``, the
    /// same distances), so that facility catchments need not search the unit again.
    public struct NearestRequest: Sendable {
        /// Per item, per mode: the facility number of each of the item's snapped points, in the
        /// order of the `facilities` given to the run (``NearestFacility/unit``'s `owners`).
        public var owners: [[TravelMode: [UInt32]]]
        /// Per mode, how many of the mode's snapped points (in order) are origins: their nearest
        /// facility is read, not that of the points after them.
        public var originCounts: [TravelMode: Int]
        /// Called from the workers with each unit whose nearest facilities were found: what
        /// ``NearestFacility/unit`` gives for the mode's first `originCounts[mode]` points.
        /// Units swept through a hierarchy (and units reused) are not reported.
        public var result: @Sendable (Unit, [NearestFacility.Nearest?]) -> Void

        public init(owners: [[TravelMode: [UInt32]]], originCounts: [TravelMode: Int],
                    result: @escaping @Sendable (Unit, [NearestFacility.Nearest?]) -> Void) {
            self.owners = owners
            self.originCounts = originCounts
            self.result = result
        }
    }

    /// Whether ``unit(_:_:_:_:)`` runs a Dijkstra (not a PHAST sweep) for `seeds` seeds.
    static func searchesByDijkstra(_ net: SearchNetwork, seeds: Int) -> Bool {
        !(net.prefersSweep(sources: seeds) && net.network.hierarchy != nil)
    }

    /// How many seeds a unit from `facilities` starts from (each facility's edge ends).
    static func seedCount(_ net: SearchNetwork, _ facilities: [SnappedPoint]) -> Int {
        var n = 0
        for f in facilities {
            let ends = net.rules.seeds(facility: f)
            n += (ends.first == nil ? 0 : 1) + (ends.last == nil ? 0 : 1)
        }
        return n
    }

    /// One unit by Dijkstra, each label carrying its facility: the times ``unit(_:_:_:_:)`` gives
    /// for every point of `points`, and ``NearestFacility/unit`` of the first `originCount`.
    /// The distances are those of ``MultiSourceSearch`` (``NearestSourceSearch`` orders its labels
    /// by distance first), so the times are the same too.
    static func unitWithNearest(_ net: SearchNetwork, _ search: NearestSourceSearch, _ facilities: [SnappedPoint],
                                owners: [UInt32], _ points: [SnappedPoint],
                                originCount: Int) -> (times: [UInt32], nearest: [NearestFacility.Nearest?]) {
        precondition(originCount <= points.count)
        let start = UnitStart(net, facilities, origins: points.count)
        let (seeds, onEdge) = NearestFacility.sources(net, facilities: facilities, owners: owners)
        search.run(graph: net.network.backward, weights: net.weights.backward, sources: seeds, limit: net.limit)
        let times = start.times(net, points) { search.label($0)?.distance }
        let nearest = NearestFacility.readOff(net, search, onEdge: onEdge, origins: points[..<originCount])
        return (times, nearest)
    }
}
