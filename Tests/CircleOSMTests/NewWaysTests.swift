import CircleOSM
import Foundation
import Testing

/// `OSMData.adding(nodes:ways:)` (scenario links) gives exactly what reading the file with those
/// nodes and ways written into it gives, and so the same networks.
@Suite struct NewWaysTests {
    @Test func addingEqualsReadingTheEditedFile() async throws {
        let data = try OSMData.read(path: Fixtures.helsinki)
        // Ids before every id of the file, and between two of its ids (merged in the middle).
        let midNode = data.nodeIds[1000] + 1, midWay = data.wayIds[500] + 1
        #expect(data.nodeIndex(of: midNode) == nil && !data.refIds.contains(midNode))
        #expect(!data.wayIds.contains(midWay))
        let (a, b, c) = (data.nodeIds[10], data.nodeIds[20_000], data.refIds[data.wayRefStart[7]])
        let nodes = [NewNode(id: midNode, lon: 249_400_000, lat: 601_700_000), NewNode(id: -1, lon: 249_412_345, lat: 601_687_654)]
        let ways = [NewWay(id: midWay, refs: [a, midNode, c], tags: ["highway": "residential", "oneway": "yes", "bicycle": "no"]),
                    NewWay(id: -1, refs: [c, -1, b], tags: ["highway": "footway"])]
        let added = data.adding(nodes: nodes, ways: ways)

        let dir = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let xml = dir.appendingPathComponent("edited.osm")
        let osmium = Process()
        osmium.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        osmium.arguments = ["osmium", "cat", "-f", "osm", "-o", xml.path, Fixtures.helsinki]
        try osmium.run()
        osmium.waitUntilExit()
        #expect(osmium.terminationStatus == 0)
        var text = try String(contentsOf: xml, encoding: .utf8)
        func fixed(_ v: Int32) -> String { String(format: "%.7f", Double(v) / 1e7) }
        text.insert(contentsOf: nodes.map { "<node id=\"\($0.id)\" version=\"1\" lat=\"\(fixed($0.lat))\" lon=\"\(fixed($0.lon))\"/>\n" }.joined(),
                    at: text.range(of: "  <way ")!.lowerBound)
        text.insert(contentsOf: ways.map { w in
            "<way id=\"\(w.id)\" version=\"1\">" + w.refs.map { "<nd ref=\"\($0)\"/>" }.joined()
                + w.tags.map { "<tag k=\"\($0.key)\" v=\"\($0.value)\"/>" }.joined() + "<tag k=\"name\" v=\"new\"/></way>\n"
        }.joined(), at: text.range(of: "</osm>")!.lowerBound)
        try text.write(to: xml, atomically: true, encoding: .utf8)
        let read = try OSMData.read(path: xml.path)

        #expect(added.nodeIds == read.nodeIds)
        #expect(added.nodeLon == read.nodeLon && added.nodeLat == read.nodeLat)
        #expect(added.wayIds == read.wayIds && added.wayRefStart == read.wayRefStart)
        #expect(added.refIds == read.refIds && added.refIndex == read.refIndex)
        let tags = { (d: OSMData) in d.wayIds.indices.flatMap { w in OSMData.wayKeys.indices.map { d.tag(w, $0) } } }
        #expect(tags(added) == tags(read))
        #expect(added.nodeIds.count == data.nodeIds.count + 2 && added.wayIds.first == -1)
        let (x, y) = await (NetworkBuilder.build(added), NetworkBuilder.build(read))
        #expect(x == y)
        #expect(x.walk.edges.count > (await NetworkBuilder.build(data)).walk.edges.count)
    }

    @Test func streetNodesAndModesFollowTheRules() throws {
        let data = try OSMData.read(path: Fixtures.osm("split_shared"))
        let street = data.streetNodes()
        #expect(street.filter { $0 }.count > 0)
        #expect(OSMData.modes(of: ["highway": "footway"]) == (true, false))
        #expect(OSMData.modes(of: ["highway": "footway", "bicycle": "yes"]) == (true, true))
        #expect(OSMData.modes(of: ["highway": "cycleway", "foot": "no"]) == (false, true))
        #expect(OSMData.modes(of: ["highway": "motorway"]) == (false, false))
        let i = data.nodeIndex(of: data.nodeIds[3])!
        let near = data.nearestNode(lon: data.nodeLon[i] + 5, lat: data.nodeLat[i], among: [Bool](repeating: true, count: data.nodeIds.count))
        #expect(near?.index == i && near!.metres < 0.1)
        #expect(data.nodeIndex(of: 12) == nil)
    }
}
