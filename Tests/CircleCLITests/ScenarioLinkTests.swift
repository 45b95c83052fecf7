import Foundation
import Testing

/// `circle analyze --scenario` with links (new streets): outputs equal a fresh run on the OSM file
/// with the ways really added (by osmium), the mode rules decide who may use a link, and bad links
/// stop the run naming file and line.
@Suite(.serialized) struct ScenarioLinkTests {
    /// A footbridge from node 5770350574 over a new point to a position next to node 60274121: it
    /// shortens origin O0201's walk to a kindergarten from 21.552 to 7.058 minutes (7.027 straight).
    static let footbridge = (from: Int64(5770350574), via: ("24.9415300", "60.1689100"), to: ("24.9411600", "60.1688700"),
                             joins: Int64(60274121))
    static let cyclePath = (from: Int64(297679987), to: Int64(288554482))
    static let closedWays: [Int64] = [25361147, 27572897, 86635967, 53185129]

    static func scenarioYAML() -> String {
        """
        links:
          - id: footbridge
            path:
              - node: \(footbridge.from)
              - {lon: \(footbridge.via.0), lat: \(footbridge.via.1)}
              - {lon: \(footbridge.to.0), lat: \(footbridge.to.1)}
          - id: cycle-path
            tags: {highway: cycleway, foot: "no"}
            path:
              - node: \(cyclePath.from)
              - node: \(cyclePath.to)
        close: [\(closedWays.map(String.init).joined(separator: ", "))]

        """
    }

    /// The OSM file a fresh run reads: Helsinki with node -1 and ways -1 and -2 added (osmium: the
    /// file as XML, the objects written in, back to PBF), then the closed ways removed.
    static func editedNetwork(in dir: URL) throws -> String {
        let xml = dir.appendingPathComponent("helsinki.osm"), linked = dir.appendingPathComponent("linked.osm.pbf")
        let out = dir.appendingPathComponent("edited.osm.pbf")
        let cat = try CLI.runTool("/usr/bin/env", ["osmium", "cat", "-f", "osm", "-o", xml.path, CLI.helsinki])
        #expect(cat.status == 0, "\(cat.stderr)")
        var text = try String(contentsOf: xml, encoding: .utf8)
        let node = "  <node id=\"-1\" version=\"1\" lat=\"\(footbridge.via.1)\" lon=\"\(footbridge.via.0)\"/>\n"
        text.insert(contentsOf: node, at: text.range(of: "  <way ")!.lowerBound)
        let ways = """
              <way id="-1" version="1">
                <nd ref="\(footbridge.from)"/>
                <nd ref="-1"/>
                <nd ref="\(footbridge.joins)"/>
                <tag k="highway" v="footway"/>
              </way>
              <way id="-2" version="1">
                <nd ref="\(cyclePath.from)"/>
                <nd ref="\(cyclePath.to)"/>
                <tag k="highway" v="cycleway"/>
                <tag k="foot" v="no"/>
              </way>

            """
        text.insert(contentsOf: ways, at: (text.range(of: "  <relation ") ?? text.range(of: "</osm>")!).lowerBound)
        try text.write(to: xml, atomically: true, encoding: .utf8)
        let pbf = try CLI.runTool("/usr/bin/env", ["osmium", "cat", "-o", linked.path, xml.path])
        #expect(pbf.status == 0, "\(pbf.stderr)")
        let removed = try CLI.runTool("/usr/bin/env", ["osmium", "removeid", "-o", out.path, linked.path] + closedWays.map { "w\($0)" })
        #expect(removed.status == 0, "\(removed.stderr)")
        return out.path
    }

    @Test func outputsEqualAFreshRunOnAnOSMFileWithTheWaysAdded() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = dir.appendingPathComponent("base"), scen = dir.appendingPathComponent("scen"), fresh = dir.appendingPathComponent("fresh")
        let scenario = dir.appendingPathComponent("what-if.yaml")
        try Self.scenarioYAML().write(to: scenario, atomically: true, encoding: .utf8)
        let network = try Self.editedNetwork(in: dir)
        try ScenarioTests.touch([scenario.path, network])

        #expect(try ScenarioTests.analyze([], out: base).status == 0)
        let r = try ScenarioTests.analyze(["--scenario", scenario.path, "--baseline", base.path], out: scen)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try ScenarioTests.analyze([], network: network, out: fresh).status == 0)

        let freshFiles = try ScenarioTests.files(fresh)
        #expect(try ScenarioTests.files(scen) == (freshFiles + ["scenario_diff.csv", "scenario_diff.json", "scenario_diff.txt"]).sorted())
        for name in freshFiles where !["run.json", "summary.json", "report.html"].contains(name) {
            let same = try ScenarioTests.comparable(scen, name) == ScenarioTests.comparable(fresh, name)
            #expect(same, "\(name) differs from the fresh run's")
        }
        #expect(try ScenarioTests.summaryWithoutInputs(scen) == ScenarioTests.summaryWithoutInputs(fresh))
        #expect(try ScenarioTests.reportWithoutInputs(scen) == ScenarioTests.reportWithoutInputs(fresh))
        let times = try String(contentsOf: scen.appendingPathComponent("times.csv"), encoding: .utf8)
        #expect(times.contains("\nO0201,kindergarten,walk,7.058,ok\n"))
        let diff = try String(contentsOf: scen.appendingPathComponent("scenario_diff.csv"), encoding: .utf8)
        #expect(diff.contains("\nnewly_covered,O0201,kindergarten,"), "\(diff)")

        // The links are part of the networks' identity: the same closures without them fingerprint otherwise.
        let closuresOnly = dir.appendingPathComponent("closures.yaml"), other = dir.appendingPathComponent("other")
        try "close: [\(Self.closedWays.map(String.init).joined(separator: ", "))]\n".write(to: closuresOnly, atomically: true, encoding: .utf8)
        #expect(try ScenarioTests.analyze(["--scenario", closuresOnly.path], out: other).status == 0)
        func fingerprint(_ f: URL) throws -> String {
            (try JSONSerialization.jsonObject(with: Data(contentsOf: f.appendingPathComponent("summary.json"))) as! [String: Any])["runFingerprint"] as! String
        }
        #expect(try fingerprint(other) != fingerprint(scen))
        #expect(try String(contentsOf: other.appendingPathComponent("times.csv"), encoding: .utf8).contains("\nO0201,kindergarten,walk,21.552,ok\n"))
    }

    /// O0201's walking times with a CSV scenario of one link from node 5770350574 to node 60274121 with these tags.
    static func walkTimes(tags: String, in dir: URL) throws -> [String] {
        let scenario = dir.appendingPathComponent("link.csv"), out = dir.appendingPathComponent("out-\(tags.count)")
        try "action,id,node,lon,lat,tags\nlink,bridge,\(footbridge.from),,,\(tags)\nlink,bridge,\(footbridge.joins),,,\n"
            .write(to: scenario, atomically: true, encoding: .utf8)
        let r = try ScenarioTests.analyze(["--scenario", scenario.path], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        return try String(contentsOf: out.appendingPathComponent("times.csv"), encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("O0201,") && $0.contains(",walk,") }
            .map { $0.split(separator: ",")[3].description }
    }

    @Test func theModeRulesDecideWhoMayUseALink() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = ["21.552", "21.900", "21.501", "2.840", "24.287", "20.145"]
        let bridged = ["7.027", "6.224", "14.523", "2.840", "9.873", "4.136"]
        // A footway (the default tags, and given) and a cycleway carry walkers; a cycleway with
        // foot=no does not, exactly as for a way of the OSM file.
        #expect(try Self.walkTimes(tags: "", in: dir) == bridged)
        #expect(try Self.walkTimes(tags: "highway=footway", in: dir) == bridged)
        #expect(try Self.walkTimes(tags: "highway=cycleway", in: dir) == bridged)
        #expect(try Self.walkTimes(tags: "highway=cycleway;foot=no", in: dir) == before)
    }

    func fails(_ scenario: String, name: String = "bad.yaml", _ message: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name)
        try scenario.write(to: file, atomically: true, encoding: .utf8)
        let r = try ScenarioTests.analyze(["--scenario", file.path], out: dir.appendingPathComponent("out"))
        #expect(r.status == 1)
        #expect(r.stderr.contains(file.path + message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test func badLinksNameFileAndLine() throws {
        let h = CLI.helsinki
        try fails("links:\n  - path:\n      - node: 5770350574\n      - node: 12\n",
                  ":4: link 'link-1': node 12 is not a node of \(h)")
        try fails("links:\n  - path:\n      - node: 1377210146\n      - node: 5770350574\n",
                  ":3: link 'link-1': node 1377210146 is on no street of \(h) (no way that walking or cycling may use passes through it)")
        try fails("links:\n  - id: pier\n    path:\n      - node: 5770350574\n      - {lon: 24.9500, lat: 60.1600}\n",
                  ":5: link 'pier': its last point (24.95, 60.16) is 463 m from the nearest street node (node 945724448); "
                  + "an end joins the network at a street node within 25 m: move it or give a node id")
        try fails("links:\n  - path:\n      - {lon: 24.9411600, lat: 60.1688700}\n      - node: 60274121\n",
                  ":2: link 'link-1': its points all join node 60274121; a link needs two different points")
        try fails("links:\n  - id: short\n    path: [{node: 5770350574}]\n",
                  ":2: link 'short': a link needs at least 2 points, got 1")
        try fails("links:\n  - tags: {highway: footway, bycicle: \"yes\"}\n    path: [{node: 5770350574}, {node: 60274121}]\n",
                  ":2: link 'link-1': tag 'bycicle' is not read by the mode rules; did you mean 'bicycle'? the keys are highway, foot,")
        try fails("links:\n  - tags: {highway: motorway}\n    path: [{node: 5770350574}, {node: 60274121}]\n",
                  ":2: link 'link-1': with the tags highway=motorway neither walking nor cycling may use it")
        try fails("links:\n  - tags: {foot: \"yes\"}\n    path: [{node: 5770350574}, {node: 60274121}]\n",
                  ":2: link 'link-1': the tags need a highway key (e.g. highway=footway)")
        try fails("links:\n  - path: [{node: 5770350574}, {lon: 24.94, lat: 95}]\n",
                  ":2: link 'link-1': position (24.94, 95.0) is not a valid")
        try fails("links:\n  - path: [{node: 5770350574}, {node: 60274121, lon: 24.94, lat: 60.17}]\n",
                  ":2: link 'link-1': a point is a node or a position (lon, lat), not both")
        try fails("links:\n  - path: [{node: 5770350574}, {way: 60274121}]\n",
                  ":2: link 'link-1': unknown point field 'way'; the fields are node, lon and lat")
        try fails("action,id,node,lon,lat,tags\nlink,a,5770350574,,,\nlink,a,,24.94,,\n", name: "bad.csv",
                  ":3: link 'a': the point has no lat")
        try fails("action,id,node,tags\nlink,a,5770350574,\nlink,a,60274121,highway=path\n", name: "bad.csv",
                  ":3: link 'a': give its tags on its first row (line 2)")
        try fails("action,id,node,way\nlink,a,5770350574,\nclose,,,25361147\nlink,a,60274121,\n", name: "bad.csv",
                  ":4: link 'a' continues after other rows; a link's rows follow one another (its first row is line 2)")
        try fails("action,id,node,tags\nlink,a,5770350574,highway\nlink,a,60274121,\n", name: "bad.csv",
                  ":2: link 'a': tags are key=value pairs separated by ';', got 'highway'")
        try fails("action,id,node\nlink,,5770350574\n", name: "bad.csv", ":2: link: the 'id' field is empty")
    }
}
