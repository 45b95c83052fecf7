import CircleGraph
import Testing

/// Parallel edges, loops and search graphs of ``RoadNetwork/assemble``, on hand-made edge lists.
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

    @Test func walkKeepsEveryParallelEdge() {
        let n = network(.walk, [(120, .both, 1, false), (100, .both, 2, true), (100, .both, 3, false)])
        #expect(n.edges.wayId == [1, 2, 3])   // SPEC §3: every edge is kept, in edge-id order
        #expect(n.edges.length == [120, 100, 100])
        #expect(n.forward.arcCount == 6)      // each edge both ways; a search takes the cheapest
    }

    @Test func cyclingKeepsEveryEdgeWithItsOwnDirections() {
        let n = network(.cycle, [(100, .forward, 1, false), (150, .both, 2, false), (90, .backward, 3, true)])
        #expect(n.edges.wayId == [1, 2, 3])
        #expect(n.edges.directions == [EdgeDirections.forward, .both, .backward].map(\.rawValue))
        #expect(n.forward.arcCount == 4 && n.backward.arcCount == 4)
        // Edge 3 is drawn 1→0 and travelled backward, so it is a second arc 0→1.
        let zero = n.edges.from[0]
        #expect(n.forward.arcs(from: zero).map { n.forward.edge[$0] }.sorted() == [0, 1, 2])
    }

    @Test func loopsAreKeptWithoutArcs() {
        var nodes = NodeTable()
        nodes.append(osmId: 1, lon: 0, lat: 0)
        var edges = EdgeTable()
        for (length, way) in [(300.0, Int64(1)), (200, 2)] {
            edges.shapeLon += [0, 1_000, 0]
            edges.shapeLat += [0, 1_000, 0]
            edges.closeEdge(from: 0, to: 0, length: length, directions: .both, wayId: way)
        }
        let n = RoadNetwork.assemble(mode: .walk, nodes: nodes, edges: edges, minEligibleNodes: 500)
        #expect(n.edges.count == 2 && n.nodes.count == 1)   // two loops at one node, both kept
        #expect(n.forward.arcCount == 0)
        #expect(n.components.count == 1)
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
