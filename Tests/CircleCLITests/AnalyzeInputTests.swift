import Foundation
import Testing

/// `circle analyze` with the inputs planners bring: Excel CSV in Chinese, OSM-tag facilities,
/// subdistrict polygons, park polygons, a graph cache; and `circle catalog`.
@Suite(.serialized) struct AnalyzeInputTests {
    static let geodata = AnalyzeTests.geodata

    func analyze(_ args: [String], in dir: URL) throws -> (CLI.Result, URL) {
        let out = dir.appendingPathComponent("run")
        return (try CLI.run(["analyze", "--network", CLI.helsinki, "--out", out.path, "--quiet"] + args), out)
    }

    func csv(_ url: URL) throws -> [[String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func excelCSVWithChineseHeadersAndValues() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let origins = dir.appendingPathComponent("居委.csv")
        try ("\u{FEFF}编号,名称,类型,地区类型,街镇,人口,经度,纬度\r\n"
             + "A1,中心居委,居委,城市化地区,陆家嘴街道,3200,24.9440,60.1700\r\n"
             + "A2,\"港口村委\",村委,城镇化拓展区,,,24.9500,60.1660\r\n"
             + "A3,远郊居委,居委会,远郊地区,,1500,24.9380,60.1760\r\n").write(to: origins, atomically: true, encoding: .utf8)
        let (r, out) = try analyze(["--origins", origins.path, "--facilities",
                                    Self.geodata.appendingPathComponent("test-facilities.csv").path,
                                    "--items", "幼儿园,Bus stop"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try csv(out.appendingPathComponent("origins.csv"))
        let header = rows[0]
        func field(_ row: Int, _ name: String) -> String { rows[row][header.firstIndex(of: name)!] }
        #expect(field(1, "kind") == "residential" && field(1, "area_class") == "urban" && field(1, "mode") == "walk")
        #expect(field(1, "subdistrict") == "陆家嘴街道" && field(1, "population") == "3200")
        #expect(field(2, "kind") == "village" && field(2, "area_class") == "expansion" && field(2, "mode") == "cycle")
        #expect(field(3, "mode") == "cycle")   // 远郊地区: everyone cycles
        let times = try csv(out.appendingPathComponent("times.csv"))
        #expect(times.count == 1 + 3 * 2)
        #expect(times[1][0...2] == ["A1", "kindergarten", "walk"] && times[2][1] == "bus_stop")
    }

    @Test func facilitiesFromOSMTagsAndAGraphCache() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("h.scgraph").path
        #expect(try CLI.run(["build-graph", "--network", CLI.helsinki, "--out", cache, "--quiet"]).status == 0)
        let out = dir.appendingPathComponent("run")
        let r = try CLI.run(["analyze", "--network", cache, "--origins", Self.geodata.appendingPathComponent("test-origins.csv").path,
                             "--facilities", "osm", "--items", "bus_stop,metro_station,community_park",
                             "--out", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        let items = summary["items"] as! [[String: Any]]
        // Helsinki's OSM data has bus stops, metro stations and parks (park outlines every 50 m).
        for item in items { #expect((item["facilityPoints"] as! Int) > 0, "\(item["id"]!)") }
        let parks = items.first { $0["id"] as? String == "community_park" }!
        #expect((parks["facilityPoints"] as! Int) > 100)
    }

    @Test func areasGiveSubdistrictAndClassAndPolygonFacilitiesAreReachedAtTheirBoundary() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // West half urban, east half remote.
        let areas = dir.appendingPathComponent("areas.geojson")
        try """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"name":"West","area_class":"urban"},"geometry":{"type":"Polygon",
              "coordinates":[[[24.93,60.16],[24.944,60.16],[24.944,60.18],[24.93,60.18],[24.93,60.16]]]}},
             {"type":"Feature","properties":{"name":"East","area_class":"远郊地区"},"geometry":{"type":"Polygon",
              "coordinates":[[[24.944,60.16],[24.96,60.16],[24.96,60.18],[24.944,60.18],[24.944,60.16]]]}}]}
            """.write(to: areas, atomically: true, encoding: .utf8)
        let origins = dir.appendingPathComponent("o.csv")
        try "id,kind,lon,lat\nW,residential,24.9400,60.1700\nE,residential,24.9480,60.1700\n".write(to: origins, atomically: true, encoding: .utf8)
        // A park as a polygon whose boundary passes near W.
        let parks = dir.appendingPathComponent("parks.geojson")
        try """
            {"type":"FeatureCollection","features":[{"type":"Feature","id":"park-1","properties":{"type":"community_park"},
             "geometry":{"type":"Polygon","coordinates":[[[24.9395,60.1695],[24.9405,60.1695],[24.9405,60.1705],[24.9395,60.1705],[24.9395,60.1695]]]}}]}
            """.write(to: parks, atomically: true, encoding: .utf8)
        let (r, out) = try analyze(["--origins", origins.path, "--areas", areas.path, "--facilities", parks.path,
                                    "--items", "community_park"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try csv(out.appendingPathComponent("origins.csv"))
        #expect(rows[1][3] == "West" && rows[1][4] == "urban" && rows[1][5] == "areas" && rows[1][6] == "walk")
        #expect(rows[2][3] == "East" && rows[2][4] == "remote" && rows[2][6] == "cycle")
        let times = try csv(out.appendingPathComponent("times.csv"))
        let w = Double(times[1][3])!
        #expect(w < 2, "W stands next to the park's outline: \(w) min")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        // A 0.001° × 0.001° square at 60.17° N is 55.4 m × 111.2 m, 333 m around: entrances at
        // 0, 50, …, 300 m along the ring.
        let points = ((summary["items"] as! [[String: Any]])[0]["facilityPoints"] as! Int)
        #expect(points == 7)
    }

    @Test func catalogCommand() throws {
        let r = try CLI.run(["catalog"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("21 basic") && r.stdout.contains("kindergarten") && r.stdout.contains("城市化地区"))
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.json")
        try #"{"id":"x","domains":[{"id":"education","name_zh":"教育","name_en":"Education","kind":"basic"}],"items":[{"id":"kg","domain":"helth","name_zh":"幼儿园","name_en":"Kindergarten"}]}"#
            .write(to: bad, atomically: true, encoding: .utf8)
        let b = try CLI.run(["catalog", "--catalog", bad.path])
        #expect(b.status == 1)
        #expect(b.stderr.contains(bad.path) && b.stderr.contains("items[0].domain"), "\(b.stderr)")
    }
}
