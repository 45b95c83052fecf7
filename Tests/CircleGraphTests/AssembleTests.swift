import CircleGraph
import Testing

/// Parallel edges and search graphs of ``RoadNetwork/assemble``, on hand-made edge lists.
@Suite struct AssembleTests {
    /// Nodes 0 and 1, 100 m apart, joined by the given (length, directions, way) edges from 0 to 1.
    func network(_ mode: TravelMode, _ list: [(Double, EdgeDirections, Int64, reversed: Bool)]) -> RoadNetwork {
        var nodes = NodeTable()
        nodes.append(osmId: 1, lon: 0, lat: 0)
        nodes.append(osmId: 2, lon: 10_000, lat: 0)
        var edges = EdgeTable()
        for (length, dirs, way, reversed) in list {
            let (a, b): (UInt32, UInt32) = reversed ? (1, 0) : (0, 1)
            edges.shapeLon += [nodes.lon[Int(a)], nodes.lon[Int(b)]]
            edges.shapeLat += [0, 0]
            edges.closeEdge(from: a, to: b, length: length, directions: dirs, wayId: way)
        }
        return RoadNetwork.assemble(mode: mode, nodes: nodes, edges: edges, minEligibleNodes: 500)
    }

    @Test func walkKeepsOnlyTheShortest() {
        let n = network(.walk, [(120, .both, 1, false), (100, .both, 2, true), (100, .both, 3, false)])
        #expect(n.edges.wayId == [2])          // shortest; the equal-length later edge loses the tie
        #expect(n.forward.arcCount == 2)
    }

    @Test func cyclingDecidesPerDirection() {
        // A short one-way 0→1 and a longer two-way: the two-way keeps only 1→0.
        let n = network(.cycle, [(100, .forward, 1, false), (150, .both, 2, false)])
        #expect(n.edges.wayId == [1, 2])
        #expect(n.edges.directions == [EdgeDirections.forward.rawValue, EdgeDirections.backward.rawValue])
        // A short one-way drawn 1→0 but travelled backward (so 0→1) beats a longer 0→1 one-way.
        let m = network(.cycle, [(150, .forward, 1, false), (100, .backward, 2, true)])
        #expect(m.edges.wayId == [2])
    }

    @Test func piecesOfOneWayAreNotParallel() {
        let n = network(.walk, [(100, .both, 7, false), (300, .both, 7, true)])
        #expect(n.edges.count == 2)
    }

    @Test func reverseGraphMirrorsForward() {
        let n = network(.cycle, [(100, .forward, 1, false)])
        #expect(n.forward.arcCount == 1 && n.backward.arcCount == 1)
        let u = n.edges.from[0], v = n.edges.to[0]
        #expect(n.forward.head[n.forward.arcs(from: u).first!] == v)
        #expect(n.backward.head[n.backward.arcs(from: v).first!] == u)
        #expect(n.backward.arcs(from: u).isEmpty)
    }
}
