import CircleCoverage
import CircleGraph
import Testing

/// Coverage searches (one multi-source search per item and mode) against a brute-force Dijkstra
/// run from every origin, on hundreds of seeded random networks with one-way edges, loops,
/// points at nodes, shared edges and access legs.
@Suite struct CoverageSearchTests {
    struct RNG {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 17
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// A jittered grid street network; for cycling a third of the edges are one-way.
    static func network(_ rng: inout RNG, mode: TravelMode, side: Int) -> RoadNetwork {
        var nodes = NodeTable()
        for y in 0..<side {
            for x in 0..<side {
                nodes.append(osmId: Int64(y * side + x), lon: Int32(x * 1000 + rng.below(300)), lat: Int32(y * 1000 + rng.below(300)))
            }
        }
        var edges = EdgeTable()
        var way: Int64 = 0
        func add(_ a: Int, _ b: Int) {
            way += 1
            edges.shapeLon += [nodes.lon[a], (nodes.lon[a] + nodes.lon[b]) / 2 + Int32(rng.below(200)), nodes.lon[b]]
            edges.shapeLat += [nodes.lat[a], (nodes.lat[a] + nodes.lat[b]) / 2, nodes.lat[b]]
            var dirs = EdgeDirections.both
            if mode == .cycle { dirs = [.both, .both, .forward, .backward][rng.below(4)] }
            edges.closeEdge(from: UInt32(a), to: UInt32(b), length: Double(80 + rng.below(400)) + 0.37,
                            directions: dirs, wayId: way)
        }
        for y in 0..<side {
            for x in 0..<side {
                let v = y * side + x
                if x + 1 < side && rng.below(5) > 0 { add(v, v + 1) }
                if y + 1 < side && rng.below(5) > 0 { add(v, v + side) }
                if rng.below(30) == 0 { add(v, v) }   // a loop
            }
        }
        return RoadNetwork.assemble(mode: mode, nodes: nodes, edges: edges, minEligibleNodes: 1)
    }

    static func randomPoint(_ rng: inout RNG, _ n: RoadNetwork, rules: TripRules) -> SnappedPoint {
        let e = rng.below(n.edges.count)
        let length = rules.edgeLength[e]
        let offset: UInt32 = [0, length, UInt32(rng.below(Int(length) + 1))][rng.below(3)]
        return SnappedPoint(edge: UInt32(e), offset: offset, access: UInt32(rng.below(5000)))
    }

    /// Plain Dijkstra on the forward graph from one origin; returns centimetres to every node.
    static func dijkstra(_ n: RoadNetwork, _ rules: TripRules, from o: SnappedPoint) -> [UInt64] {
        var dist = [UInt64](repeating: .max, count: n.nodes.count)
        let e = Int(o.edge), length = UInt64(rules.edgeLength[e]), s = UInt64(o.offset)
        let dirs = n.edges.directions(of: e)
        // Leaving towards the first node travels backward, towards the last node forward.
        if dirs.contains(.backward) || s == 0 { dist[Int(n.edges.from[e])] = UInt64(o.access) + s }
        if dirs.contains(.forward) || s == length {
            let v = Int(n.edges.to[e])
            dist[v] = min(dist[v], UInt64(o.access) + length - s)
        }
        var done = [Bool](repeating: false, count: n.nodes.count)
        while let v = (0..<n.nodes.count).filter({ !done[$0] && dist[$0] != .max }).min(by: { dist[$0] < dist[$1] }) {
            done[v] = true
            for a in n.forward.arcs(from: UInt32(v)) {
                let w = UInt64(rules.edgeLength[Int(n.forward.edge[a])])
                let h = Int(n.forward.head[a])
                dist[h] = min(dist[h], dist[v] + w)
            }
        }
        return dist
    }

    /// The trip from an origin (with its node distances) to one facility, brute force.
    static func trip(_ n: RoadNetwork, _ rules: TripRules, _ dist: [UInt64], _ o: SnappedPoint, _ f: SnappedPoint) -> UInt64 {
        let e = Int(f.edge), length = UInt64(rules.edgeLength[e]), t = UInt64(f.offset)
        let dirs = n.edges.directions(of: e)
        var best = UInt64.max
        let a = dist[Int(n.edges.from[e])], b = dist[Int(n.edges.to[e])]
        if (dirs.contains(.forward) || t == 0) && a != .max { best = min(best, a + t + UInt64(f.access)) }
        if (dirs.contains(.backward) || t == length) && b != .max { best = min(best, b + length - t + UInt64(f.access)) }
        if o.edge == f.edge {
            let s = UInt64(o.offset)
            if t == s || (t > s && dirs.contains(.forward)) || (t < s && dirs.contains(.backward)) {
                best = min(best, UInt64(o.access) + (t > s ? t - s : s - t) + UInt64(f.access))
            }
        }
        return best
    }

    @Test func equalsPerOriginDijkstra() {
        var rng = RNG(state: 7)
        for round in 0..<200 {
            let mode: TravelMode = round % 2 == 0 ? .walk : .cycle
            let n = Self.network(&rng, mode: mode, side: 3 + rng.below(5))
            guard n.edges.count > 0 else { continue }
            let net = SearchNetwork(network: n, limitMetres: Double(500 + rng.below(3000)))
            let rules = net.rules
            let items = 1 + rng.below(3)
            var facilities: [[TravelMode: [SnappedPoint]]] = []
            for _ in 0..<items {
                facilities.append([mode: (0..<rng.below(5)).map { _ in Self.randomPoint(&rng, n, rules: rules) }])
            }
            var origins: [(mode: TravelMode, snap: SnappedPoint?)] = (0..<12).map { _ in
                (mode, rng.below(10) == 0 ? nil : Self.randomPoint(&rng, n, rules: rules))
            }
            // Force shared edges: an origin on a facility's edge.
            if let f = facilities[0][mode]?.first {
                origins.append((mode, SnappedPoint(edge: f.edge, offset: UInt32(rng.below(Int(rules.edgeLength[Int(f.edge)]) + 1)), access: 10)))
            }
            let search = CoverageSearch(networks: [mode: net])
            let (times, stats) = search.run(origins: origins, facilities: facilities, workers: 2)
            #expect(stats.count == items)
            for (i, o) in origins.enumerated() {
                for item in 0..<items {
                    var want = UInt64.max
                    if let snap = o.snap {
                        let dist = Self.dijkstra(n, rules, from: snap)
                        for f in facilities[item][mode] ?? [] { want = min(want, Self.trip(n, rules, dist, snap, f)) }
                    }
                    let expected = want <= UInt64(net.limit) ? UInt32(want) : UInt32.max
                    #expect(times[item][i] == expected, "round \(round) origin \(i) item \(item)")
                }
            }
        }
    }

    /// A network from (from, to, metres, directions) edges over `nodes` nodes on a line; edge ids
    /// follow the list (node ids are renumbered, edge ids are not).
    static func small(_ mode: TravelMode, nodes count: Int, _ list: [(Int, Int, Double, EdgeDirections)]) -> RoadNetwork {
        var nodes = NodeTable()
        for k in 0..<count { nodes.append(osmId: Int64(k), lon: Int32(k * 10_000), lat: 0) }
        var edges = EdgeTable()
        for (way, (a, b, metres, dirs)) in list.enumerated() {
            // Two shape points at the end nodes, plus one off the line for a loop.
            edges.shapeLon += a == b ? [nodes.lon[a], nodes.lon[a] + 5_000, nodes.lon[a]] : [nodes.lon[a], nodes.lon[b]]
            edges.shapeLat += a == b ? [0, 5_000, 0] : [0, 0]
            edges.closeEdge(from: UInt32(a), to: UInt32(b), length: metres, directions: dirs, wayId: Int64(way + 1))
        }
        return RoadNetwork.assemble(mode: mode, nodes: nodes, edges: edges, minEligibleNodes: 1)
    }

    /// Metres from an origin at (edge, offset m) to the nearest of the facilities at (edge, offset m),
    /// access legs 0; nil when unreachable.
    static func metres(_ n: RoadNetwork, from o: (Int, Double), to facilities: [(Int, Double)]) -> Double? {
        let net = SearchNetwork(network: n, limitMetres: 10_000)
        func point(_ p: (Int, Double)) -> SnappedPoint {
            SnappedPoint(edge: UInt32(p.0), offset: Centimetres.from(metres: p.1), access: 0)
        }
        let (times, _) = CoverageSearch(networks: [n.mode: net])
            .run(origins: [(n.mode, point(o))], facilities: [[n.mode: facilities.map(point)]], workers: 1)
        return times[0][0] == .max ? nil : Double(times[0][0]) / 100
    }

    /// SPEC §5 on a loop (an edge from a node to itself): a point on it leaves by its node at
    /// either end, in the allowed directions, and is reached the same way. Loop A→A of 400 m
    /// (edge 0), stub A→B of 100 m (edge 1); the facility or origin at B is the stub's end.
    @Test func loopsAreLeftAndReachedThroughTheirNodeBothWays() {
        let atB = (1, 100.0)
        for (dirs, mode) in [(EdgeDirections.both, TravelMode.walk), (.forward, .cycle), (.backward, .cycle)] {
            let n = Self.small(mode, nodes: 2, [(0, 0, 400, dirs), (0, 1, 100, .both)])
            #expect(n.forward.arcCount == 2)   // the stub's two arcs; the loop carries none
            // Forward along the loop runs towards its end (offset 400), backward towards offset 0;
            // a point at either end stands at the node.
            func leave(_ s: Double) -> Double {
                if s == 0 || s == 400 { return 0 }
                return dirs == .forward ? 400 - s : dirs == .backward ? s : min(s, 400 - s)
            }
            func reach(_ t: Double) -> Double { t == 0 || t == 400 ? 0 : leave(400 - t) }
            for s in [0.0, 100, 200, 300, 400] {
                // The origin on the loop and the facility at B; then the other way round.
                #expect(Self.metres(n, from: (0, s), to: [atB]) == leave(s) + 100, "\(mode) \(dirs) origin at \(s)")
                #expect(Self.metres(n, from: atB, to: [(0, s)]) == 100 + reach(s), "\(mode) \(dirs) facility at \(s)")
            }
            // Both on the loop: along it, or around through its node.
            for (s, t) in [(50.0, 350.0), (350.0, 50.0), (100.0, 150.0), (150.0, 100.0)] {
                let along: Double? = switch dirs {
                case .forward: t >= s ? t - s : 400 - s + t
                case .backward: t <= s ? s - t : s + 400 - t
                default: min(abs(t - s), 400 - abs(t - s))
                }
                #expect(Self.metres(n, from: (0, s), to: [(0, t)]) == along, "\(mode) \(dirs) \(s) → \(t)")
            }
        }
    }

    /// Parallel edges all stay; a search takes the cheapest arc between two nodes, and a point on
    /// the longer one still leaves it both ways. A→B long two-way (300 m, edge 0), A→B short
    /// (100 m, edge 1; one-way A→B for cycling), B→C 10 m (edge 2), A→D 20 m (edge 3).
    @Test func parallelEdgesTakeTheCheapestArc() {
        for mode in TravelMode.allCases {
            let short: EdgeDirections = mode == .walk ? .both : .forward
            let n = Self.small(mode, nodes: 4, [(0, 1, 300, .both), (0, 1, 100, short), (1, 2, 10, .both), (0, 3, 20, .both)])
            #expect(n.edges.count == 4)
            let atC = (2, 10.0), atD = (3, 20.0)
            // From the long edge 50 m from A: back to A and over the short edge, not on along the long one.
            let viaShort: Double = 50 + 100 + 10, back: Double = 10 + (mode == .walk ? 100 : 300) + 20
            #expect(Self.metres(n, from: (0, 50), to: [atC]) == viaShort)
            // From C to D: over the short edge when it may be taken B→A, else the long one.
            #expect(Self.metres(n, from: atC, to: [atD]) == back)
            // From D to a facility on the long edge 50 m from B: A→B by the short edge then back 50 m.
            let onLong: Double = 20 + 100 + 50
            #expect(Self.metres(n, from: atD, to: [(0, 250)]) == onLong)
        }
    }
}
