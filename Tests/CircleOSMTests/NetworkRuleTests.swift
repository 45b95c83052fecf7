import CircleGraph
import CircleOSM
import Foundation
import Testing

/// One hand-written fixture per rule of SPEC §3, compared edge by edge with the independent
/// reference implementation in Tests/Fixtures/osm/expected.py (its output: expected.json).
@Suite struct NetworkRuleTests {
    static let fixtures = ["trunk", "motorway_permitted", "motorroad", "private_access", "area_square", "oneway",
                           "clipped", "repeated_refs", "parallel_edges", "same_coordinates", "split_shared",
                           "snapping"]

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
        let networks = try await Fixtures.networks(Fixtures.osm(fixture))
        let expected = Fixtures.expected[fixture] as! [String: Any]
        for mode in TravelMode.allCases {
            let want = expected[mode.rawValue] as! [String: Any]
            let n = networks[mode]
            #expect(Self.rows(n) == Self.expectedRows(want), "\(fixture) \(mode)")
            #expect(n.nodes.osmId.sorted() == (want["nodes"] as! [NSNumber]).map(\.int64Value), "\(fixture) \(mode) nodes")
            #expect(n.components.count == (want["components"] as! NSNumber).intValue, "\(fixture) \(mode) components")
            NetworkInvariants.check(n)
        }
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
