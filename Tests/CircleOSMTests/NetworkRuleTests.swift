import CircleGraph
import CircleOSM
import Foundation
import Testing

/// One hand-written fixture per rule of SPEC §3, compared edge by edge with the independent
/// reference implementation in Tests/Fixtures/osm/expected.py (its output: expected.json).
@Suite struct NetworkRuleTests {
    static let fixtures = ["trunk", "motorway_permitted", "motorroad", "private_access", "area_square", "oneway",
                           "clipped", "repeated_refs", "parallel_edges", "same_coordinates", "split_shared",
                           "snapping", "square_on_trunk", "roundabout", "self_loops"]

    struct EdgeRow: Equatable, CustomStringConvertible {
        var way: Int64, from: Int64, to: Int64, length: Double, forward: Bool, backward: Bool
        var description: String { "\(way): \(from)→\(to) \(String(format: "%.3f", length)) m \(forward ? "f" : "")\(backward ? "b" : "")" }
        static func == (a: EdgeRow, b: EdgeRow) -> Bool {
            a.way == b.way && a.from == b.from && a.to == b.to && abs(a.length - b.length) < 1e-4
                && a.forward == b.forward && a.backward == b.backward
        }
    }

    static func rows(_ n: RoadNetwork) -> [EdgeRow] {
        (0..<n.edges.count).map { e in
            let d = n.edges.directions(of: e)
            return EdgeRow(way: n.edges.wayId[e], from: n.nodes.osmId[Int(n.edges.from[e])],
                           to: n.nodes.osmId[Int(n.edges.to[e])], length: n.edges.length[e],
                           forward: d.contains(.forward), backward: d.contains(.backward))
        }
    }

    static func expectedRows(_ mode: [String: Any]) -> [EdgeRow] {
        (mode["edges"] as! [[String: Any]]).map {
            EdgeRow(way: ($0["way"] as! NSNumber).int64Value, from: ($0["from"] as! NSNumber).int64Value,
                    to: ($0["to"] as! NSNumber).int64Value, length: ($0["length_m"] as! NSNumber).doubleValue,
                    forward: $0["forward"] as! Bool, backward: $0["backward"] as! Bool)
        }
    }

    @Test(arguments: fixtures)
    func matchesReference(fixture: String) async throws {
        let data = try OSMData.read(path: Fixtures.osm(fixture))
        let networks = await NetworkBuilder.build(data)
        let expected = Fixtures.expected[fixture] as! [String: Any]
        for mode in TravelMode.allCases {
            let want = expected[mode.rawValue] as! [String: Any]
            let n = networks[mode]
            #expect(Self.rows(n) == Self.expectedRows(want), "\(fixture) \(mode)")
            #expect(n.nodes.osmId.sorted() == (want["nodes"] as! [NSNumber]).map(\.int64Value), "\(fixture) \(mode) nodes")
            #expect(n.components.count == (want["components"] as! NSNumber).intValue, "\(fixture) \(mode) components")
            NetworkInvariants.check(n)
            NetworkInvariants.everyEdgeKept(n, data)
        }
    }

    /// The invariants on a real extract: every edge kept, arcs as the edges allow.
    @Test func helsinkiKeepsEveryEdge() async throws {
        let data = try OSMData.read(path: Fixtures.helsinki)
        let networks = await NetworkBuilder.build(data)
        for mode in TravelMode.allCases {
            NetworkInvariants.check(networks[mode])
            NetworkInvariants.everyEdgeKept(networks[mode], data)
        }
    }

    /// A way through the same middle node twice, touching no other way (nodes 1,2,3,4,2,5), is
    /// three edges: 1→2, the loop 2→3→4→2 and 2→5 (SPEC §3). Not splitting at 2 would give one
    /// edge 1→5 of 542.85 m.
    @Test func wayThroughItsOwnNodeTwiceIsSplitThere() async throws {
        let n = try await Fixtures.networks(Fixtures.osm("self_loops"))
        for mode in TravelMode.allCases {
            let rows = Self.rows(n[mode]).filter { $0.way == 100 }
            #expect(rows.map { "\($0.from)→\($0.to)" } == ["1→2", "2→2", "2→5"], "\(mode)")
            // One grid step east is 95.112 m at latitude 31.200 (95.111 m at 31.201), one step north
            // 111.195 m; the loop goes north, east, then back along the diagonal (146.324 m).
            let want = [95.112298, 111.195080 + 95.111292 + 146.323612, 95.112298]
            #expect(rows.count == 3 && zip(rows, want).allSatisfy { abs($0.length - $1) < 1e-3 }, "\(rows)")
            #expect(abs(rows.map(\.length).reduce(0, +) - 542.854580) < 1e-3)
            // Two loops at one node (a figure of eight) are both kept.
            #expect(Self.rows(n[mode]).filter { $0.way == 101 }.map { "\($0.from)→\($0.to)" } == ["10→10", "10→10"])
            // Loops carry no search arc: they never shorten a path.
            let loops = Set((0..<n[mode].edges.count).filter { n[mode].edges.from[$0] == n[mode].edges.to[$0] }.map(UInt32.init))
            #expect(loops.count == 3)
            #expect(!n[mode].forward.edge.contains(where: loops.contains))
        }
    }

    /// Parallel edges are all kept, each with its own arcs; a search takes the cheapest.
    @Test func parallelEdgesKeepTheirArcs() async throws {
        let n = try await Fixtures.networks(Fixtures.osm("parallel_edges"))
        #expect(n.walk.edges.count == 6 && n.walk.forward.arcCount == 12)
        // Cycling: 103 (4→5) is one-way, every other edge two-way.
        #expect(n.cycle.edges.count == 6 && n.cycle.forward.arcCount == 11)
    }

    @Test func trunkIsWalkableMotorwayIsNot() async throws {
        let n = try await Fixtures.networks(Fixtures.osm("trunk"))
        let walkWays = Set(n.walk.edges.wayId)
        #expect(walkWays.isSuperset(of: [100, 101]))   // trunk and trunk_link
        #expect(!walkWays.contains(102))               // motorway
        #expect(Set(n.cycle.edges.wayId).contains(100))
    }

    @Test func onewayRulesForCycling() async throws {
        let n = try await Fixtures.networks(Fixtures.osm("oneway"))
        // Walking ignores every one-way tag.
        #expect(n.walk.edges.directions.allSatisfy { $0 == EdgeDirections.both.rawValue })
        // Cycling has one-way edges in both orientations, and two-way exceptions.
        let dirs = Set(n.cycle.edges.directions)
        #expect(dirs == [1, 2, 3])
        // The reverse search graph is the forward one reversed.
        #expect(n.cycle.forward != n.cycle.backward)
    }
}
