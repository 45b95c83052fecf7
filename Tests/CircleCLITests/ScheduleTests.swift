import Foundation
import Testing

/// The run's overlapped stages (areas and origins read while the network loads, the basemap
/// read beside the searches, nearest facilities kept by the searches, catchments beside the
/// report model) give the same outputs on every path, and fail as the stages one after another
/// did: the network's error first, then the origins'.
@Suite(.serialized) struct ScheduleTests {
    static let district = CLI.root.appendingPathComponent("geodata/pudong-synthetic")
    static func file(_ name: String) -> String { district.appendingPathComponent(name).path }
    static let inputs = ["--origins", file("origins.csv"), "--facilities", file("facilities.csv"),
                         "--areas", file("subdistricts.geojson"), "--quiet"]
    static let tables = ["times.csv", "origins.csv", "subdistricts.csv", "facilities.csv", "facilities.geojson"]

    static func read(_ out: URL, _ files: [String]) throws -> [Data] {
        try files.map { try Data(contentsOf: out.appendingPathComponent($0)) }
    }

    @Test func everyPathGivesTheSameOutputs() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pbf = Self.file("network.osm.pbf")
        // From the OSM file (Dijkstra units keep the nearest facilities), without gap maps.
        let plain = dir.appendingPathComponent("plain")
        var r = try CLI.run(["analyze", "--network", pbf, "--no-gaps", "--out", plain.path] + Self.inputs)
        #expect(r.status == 0, "\(r.stderr)")
        let want = try Self.read(plain, Self.tables)
        // The basemap read on its own thread is drawn.
        let html = try String(contentsOf: plain.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<path class=\"water\" d=\"") || html.contains("<path class=\"green\" d=\""))
        // From a graph cache with hierarchies: swept units, catchments searched by PHAST.
        let graph = dir.appendingPathComponent("d.scgraph").path
        r = try CLI.run(["build-graph", "--network", pbf, "--out", graph, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let cached = dir.appendingPathComponent("graph")
        r = try CLI.run(["analyze", "--network", graph, "--no-gaps", "--out", cached.path] + Self.inputs)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.read(cached, Self.tables) == want)
        // With the search cache: the first run stores nearest facilities and basemap, the second
        // takes units, catchments and basemap from it; the report too is the same.
        let cache = dir.appendingPathComponent("cache").path
        var reports: [Data] = []
        for k in 0..<2 {
            let out = dir.appendingPathComponent("cached-\(k)")
            r = try CLI.run(["analyze", "--network", pbf, "--no-gaps", "--cache", cache, "--out", out.path] + Self.inputs)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try Self.read(out, Self.tables) == want, "cached run \(k)")
            reports.append(try Data(contentsOf: out.appendingPathComponent("report.html")))
        }
        #expect(reports[0] == reports[1])
        #expect(reports[0] == (try Data(contentsOf: plain.appendingPathComponent("report.html"))))
        // With gap maps (catchments in line, the basemap's features let go before the maps).
        let gaps = dir.appendingPathComponent("gaps")
        r = try CLI.run(["analyze", "--network", pbf, "--gap-cell", "200", "--out", gaps.path] + Self.inputs)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.read(gaps, ["facilities.csv", "subdistricts.csv"]) == Self.read(plain, ["facilities.csv", "subdistricts.csv"]))
    }

    /// A broken network and broken origins: the network's error, as when it loaded first; a good
    /// network and broken origins: the origins' error naming the file and line. Nothing written.
    @Test func errorsComeInTheOrderOfTheStages() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let origins = dir.appendingPathComponent("origins.csv")
        try "id,lon,lat\na,121.5,not-a-number\n".write(to: origins, atomically: true, encoding: .utf8)
        let network = dir.appendingPathComponent("broken.osm.pbf")
        try Data("not osm at all".utf8).write(to: network)
        let out = dir.appendingPathComponent("out")
        let args = ["--origins", origins.path, "--facilities", Self.file("facilities.csv"), "--no-gaps", "--out", out.path, "--quiet"]
        var r = try CLI.run(["analyze", "--network", network.path] + args)
        #expect(r.status == 1)
        #expect(r.stderr.contains(network.path) && !r.stderr.contains("not-a-number"), "\(r.stderr)")
        r = try CLI.run(["analyze", "--network", Self.file("network.osm.pbf")] + args)
        #expect(r.status == 1)
        #expect(r.stderr.contains(origins.path) && r.stderr.contains("not-a-number"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }
}
