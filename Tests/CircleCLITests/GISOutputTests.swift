import CircleGeo
import Foundation
import Testing

/// The planners' GIS outputs on geodata/helsinki: run.gpkg read back by ogrinfo, every GeoJSON
/// converted to Shapefile by ogr2ogr, CSVs with a BOM and Chinese headers, the status of blank
/// times, --out-crs and coverage.xlsx (docs/outputs.md).
@Suite(.serialized) struct GISOutputTests {
    static let ogrinfo = "/usr/bin/ogrinfo", ogr2ogr = "/usr/bin/ogr2ogr"

    /// Two rectangles splitting the test origins at longitude 24.944: West and East.
    static func areas(in dir: URL) throws -> URL {
        func box(_ name: String, _ w: Double, _ e: Double) -> String {
            #"{"type":"Feature","properties":{"name":"\#(name)"},"geometry":{"type":"Polygon","coordinates":[[[\#(w),60.1],[\#(e),60.1],[\#(e),60.25],[\#(w),60.25],[\#(w),60.1]]]}}"#
        }
        let url = dir.appendingPathComponent("areas.geojson")
        try (#"{"type":"FeatureCollection","features":["# + box("West", 24.85, 24.944) + "," + box("East", 24.944, 25.05) + "]}")
            .write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// `ogrinfo -ro -so` of one layer: its feature count.
    static func featureCount(_ file: URL, _ layer: String, config: [String] = []) throws -> Int? {
        let r = try CLI.runTool(ogrinfo, config + ["-ro", "-so", file.path, layer])
        guard r.status == 0, let line = r.stdout.split(separator: "\n").first(where: { $0.hasPrefix("Feature Count: ") }) else { return nil }
        return Int(line.dropFirst("Feature Count: ".count))
    }

    /// The values of `column` that `ogrinfo` prints for an SQL query (one per feature).
    static func query(_ file: URL, _ sql: String, _ column: String) throws -> [String] {
        let r = try CLI.runTool(ogrinfo, ["-ro", "-q", file.path, "-sql", sql])
        return r.stdout.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("\(column) (") , let eq = t.range(of: " = ") else { return nil }
            return String(t[eq.upperBound...])
        }
    }

    /// Rows of a CSV we wrote (BOM dropped), split on commas (the test data has none quoted).
    static func rows(_ url: URL) throws -> [[String]] {
        try String(decoding: Data(contentsOf: url).dropFirst(3), as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func geoPackageHoldsEveryLayerWithTheTablesValues() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--gpkg", "--xlsx", "--areas", Self.areas(in: dir).path], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let gpkg = out.appendingPathComponent("run.gpkg")
        let times = try Self.rows(out.appendingPathComponent("times.csv"))
        let groups = try Self.rows(out.appendingPathComponent("subdistricts.csv"))
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as! [String: Any]
        let facilityPoints = (summary["items"] as! [[String: Any]]).map { $0["facilityPoints"] as! Int }.reduce(0, +)
        let catchments = try Self.rows(out.appendingPathComponent("facilities.csv"))
        let expected = ["origins": 400, "gaps": 6, "subdistricts": groups.count - 1, "facilities": facilityPoints,
                        "times": times.count - 1, "catchments": catchments.count - 1]
        for (layer, count) in expected {
            #expect(try Self.featureCount(gpkg, layer) == count, "\(layer)")
        }
        #expect((try Self.featureCount(gpkg, "parameters") ?? 0) >= 10)
        // Two subdistricts with their polygons, and the area-class and overall rows without.
        let named = try Self.query(gpkg, "SELECT name FROM subdistricts WHERE geom IS NOT NULL", "name")
        #expect(Set(named) == ["West", "East"], "\(named)")
        // A sample value: the first listed time equals times.csv, in the times table and the origins layer.
        let sample = try #require(times.dropFirst().first { !$0[3].isEmpty })
        let (id, item, minutes) = (sample[0], sample[1], sample[3])
        #expect(try Self.query(gpkg, "SELECT minutes FROM times WHERE origin_id = '\(id)' AND item = '\(item)'", "minutes")
            .map { Double($0)! } == [Double(minutes)!])
        #expect(try Self.query(gpkg, "SELECT \(item)_min FROM origins WHERE origin_id = '\(id)'", "\(item)_min")
            .map { Double($0)! } == [Double(minutes)!])
        #expect(try Self.query(gpkg, "SELECT status FROM times WHERE origin_id = '\(id)' AND item = '\(item)'", "status") == ["ok"])
        // Missing items are one joined string, as in origins.csv.
        let origins = try Self.rows(out.appendingPathComponent("origins.csv"))
        let missingColumn = origins[0].firstIndex(of: "missing_items")!
        let lacking = try #require(origins.dropFirst().first { $0[missingColumn].contains(";") })
        #expect(try Self.query(gpkg, "SELECT missing_items FROM origins WHERE origin_id = '\(lacking[0])'", "missing_items")
            == [lacking[missingColumn]])

        // The catchments layer carries facilities.csv's figures.
        let catchmentColumn = catchments[0].firstIndex(of: "catchment_origins")!
        let busiest = try #require(catchments.dropFirst().max { Int($0[catchmentColumn])! < Int($1[catchmentColumn])! })
        #expect(Int(busiest[catchmentColumn])! > 0)
        #expect(try Self.query(gpkg, "SELECT catchment_origins FROM catchments WHERE facility_id = '\(busiest[0])' AND item = '\(busiest[1])'",
                               "catchment_origins") == [busiest[catchmentColumn]])

        // coverage.xlsx: its four sheets (the headers forced, as Excel shows them).
        let xlsx = out.appendingPathComponent("coverage.xlsx")
        let force = ["--config", "OGR_XLSX_HEADERS", "FORCE"]
        #expect(try Self.featureCount(xlsx, "origins", config: force) == 400)
        let missingCount = origins[0].firstIndex(of: "missing_count")!
        #expect(try Self.featureCount(xlsx, "缺项", config: force) == origins.dropFirst().map { Int($0[missingCount])! }.reduce(0, +))
        #expect(try Self.featureCount(xlsx, "subdistricts", config: force) == groups.count - 1)
        #expect((try Self.featureCount(xlsx, "parameters", config: force) ?? 0) >= 10)
    }

    @Test func everyGeoJSONConvertsToShapefile() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--isochrones"], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        var files = ["gaps.geojson", "origins.geojson", "isochrones.geojson"]
        files += try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("gaps").path).map { "gaps/\($0)" }
        #expect(files.count == 9)
        for (k, file) in files.enumerated() {
            let shp = dir.appendingPathComponent("shp\(k)")
            let c = try CLI.runTool(Self.ogr2ogr, ["-f", "ESRI Shapefile", shp.path, out.appendingPathComponent(file).path])
            #expect(c.status == 0 && !c.stderr.contains("StringList"), "\(file): \(c.stderr)")
            #expect(FileManager.default.fileExists(atPath: shp.path), "\(file)")
        }
        // The joined lists read back as text.
        let text = try String(contentsOf: out.appendingPathComponent("origins.geojson"), encoding: .utf8)
        #expect(!text.contains(#""missing":["#) && text.contains(#""missing_basic":""#))
    }

    @Test func csvsCarryABOMAndHeadersFollowAnExplicitLang() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let en = dir.appendingPathComponent("en"), zh = dir.appendingPathComponent("zh")
        #expect(try AnalyzeTests.analyze(["--no-gaps"], out: en).status == 0)
        #expect(try AnalyzeTests.analyze(["--no-gaps", "--lang", "zh"], out: zh).status == 0)
        for folder in [en, zh] {
            for file in ["times.csv", "origins.csv", "subdistricts.csv"] {
                let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
                #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(folder.lastPathComponent)/\(file)")
            }
        }
        #expect(try Self.rows(en.appendingPathComponent("times.csv"))[0] == ["origin_id", "item", "mode", "minutes", "status"])
        #expect(try Self.rows(zh.appendingPathComponent("times.csv"))[0] == ["居村委编号", "设施项", "出行方式", "分钟", "状态"])
        let zhGroups = try Self.rows(zh.appendingPathComponent("subdistricts.csv"))[0]
        #expect(zhGroups.contains("幼儿园覆盖率_%") && zhGroups.contains("基本项全覆盖率_%"), "\(zhGroups)")
        // Only the headers differ.
        #expect(try Self.rows(en.appendingPathComponent("times.csv")).dropFirst() == Self.rows(zh.appendingPathComponent("times.csv")).dropFirst())
        // Percent columns are the shares × 100.
        let groups = try Self.rows(en.appendingPathComponent("subdistricts.csv"))
        let share = groups[0].firstIndex(of: "share_kindergarten")!, pct = groups[0].firstIndex(of: "kindergarten_pct")!
        let overall = groups.last!
        #expect(abs(Double(overall[share])! * 100 - Double(overall[pct])!) < 0.051, "\(overall[share]) \(overall[pct])")
    }

    @Test func statusSaysWhyATimeIsBlank() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        // junior_middle_school has no facility; a 5-minute horizon leaves most facilities beyond it;
        // 8 origins lie off the network.
        let r = try CLI.run(["analyze", "--network", CLI.helsinki,
                             "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                             "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                             "--items", AnalyzeTests.items + ",junior_middle_school", "--reach", "5", "--horizon", "5",
                             "--no-gaps", "--out", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let origins = try Self.rows(out.appendingPathComponent("origins.csv"))
        let snap = origins[0].firstIndex(of: "snap_status")!
        let offNetwork = Set(origins.dropFirst().filter { $0[snap] != "snapped" }.map { $0[0] })
        #expect(offNetwork.count == 8)
        var seen: [String: Int] = [:]
        for row in try Self.rows(out.appendingPathComponent("times.csv")).dropFirst() {
            let (id, item, minutes, status) = (row[0], row[1], row[3], row[4])
            seen[status, default: 0] += 1
            #expect((status == "ok") == !minutes.isEmpty, "\(row)")
            if offNetwork.contains(id) { #expect(status == "unsnapped", "\(row)") }
            else if item == "junior_middle_school" { #expect(status == "no_facility", "\(row)") }
            else if !minutes.isEmpty { #expect(Double(minutes)! <= 5) }
            else { #expect(status == "over_horizon", "\(row)") }
        }
        #expect(Set(seen.keys) == ["ok", "over_horizon", "no_facility", "unsnapped"], "\(seen)")
        #expect(seen["unsnapped"] == 8 * 7 && seen["no_facility"] == 392)
        // The item without facilities is "no data" in the percent columns, not 0 %.
        let groups = try Self.rows(out.appendingPathComponent("subdistricts.csv"))
        let share = groups[0].firstIndex(of: "share_junior_middle_school")!, pct = groups[0].firstIndex(of: "junior_middle_school_pct")!
        #expect(groups.last![pct] == "" && groups.last![share] == "0.0000")
    }

    @Test func outCRSProjectsTheGeoPackageAndKeepsGeoJSONInWGS84() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--gpkg", "--out-crs", "EPSG:32635"], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        // O0001 at (24.9437242, 60.1731080) in WGS 84, in UTM 35N.
        let (x, y) = try Projection(from: "EPSG:4326", to: "EPSG:32635").forward(x: 24.9437242, y: 60.1731080)
        let g = try CLI.runTool(Self.ogrinfo, ["-ro", "-q", out.appendingPathComponent("run.gpkg").path, "-sql",
                                               "SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM origins WHERE origin_id = 'O0001'"])
        let values = g.stdout.split(separator: "\n").compactMap { line -> Double? in
            guard let eq = line.range(of: " = ") else { return nil }
            return Double(line[eq.upperBound...].trimmingCharacters(in: .whitespaces))
        }
        #expect(values.count == 2 && abs(values[0] - x) < 0.01 && abs(values[1] - y) < 0.01, "\(g.stdout) want \(x) \(y)")
        let srs = try CLI.runTool(Self.ogrinfo, ["-ro", "-so", out.appendingPathComponent("run.gpkg").path, "gaps"])
        #expect(srs.stdout.contains("32635") && srs.stdout.contains("UTM zone 35N"), "\(srs.stdout)")
        // GeoJSON stays RFC 7946 (WGS 84).
        let text = try String(contentsOf: out.appendingPathComponent("origins.geojson"), encoding: .utf8)
        #expect(text.contains("[24.9437242,60.1731080]"))
        // The report's origin cards give the coordinates in the output frame.
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains(String(format: "\"%.1f, %.1f (EPSG", x, y)), "no card coordinates")
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains(#""out_crs":"EPSG:32635""#) || summary.contains(#""out_crs" : "EPSG:32635""#))
    }

    @Test func aJobWritesTheGISOutputs() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run"), job = dir.appendingPathComponent("job.yaml")
        try RunJobTests.write(RunJobTests.goldenJob(out: out) + "\ngaps: false\ngpkg: true\nxlsx: true\nout_crs: EPSG:32635\nlang: zh\n",
                              to: job)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.featureCount(out.appendingPathComponent("run.gpkg"), "origins") == 400)
        #expect(try Self.featureCount(out.appendingPathComponent("coverage.xlsx"), "origins", config: ["--config", "OGR_XLSX_HEADERS", "FORCE"]) == 400)
        #expect(try Self.layerInfo(out.appendingPathComponent("run.gpkg"), "origins").contains("UTM zone 35N"))
        #expect(try Self.rows(out.appendingPathComponent("times.csv"))[0] == ["居村委编号", "设施项", "出行方式", "分钟", "状态"])
    }

    static func layerInfo(_ file: URL, _ layer: String) throws -> String {
        try CLI.runTool(ogrinfo, ["-ro", "-so", file.path, layer]).stdout
    }

    /// run.gpkg is written before times.csv: a file-size limit stops the run there, exit 1 naming
    /// the file where it would have been published, and nothing is left behind.
    @Test func aGeoPackageThatCannotBeWrittenIsExit1() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let command = ([CLI.binary.path, "analyze", "--network", CLI.helsinki,
                        "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                        "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                        "--no-gaps", "--gpkg", "--out", out.path, "--quiet"]).map { "'\($0)'" }.joined(separator: " ")
        let r = try CLI.runTool("/bin/bash", ["-c", "ulimit -f 64; exec \(command)"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.contains("\(out.path)/run.gpkg"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func badOutCRSIsRefusedBeforeAnyWork() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try AnalyzeTests.analyze(["--gpkg", "--out-crs", "EPSG:999999"], out: dir.appendingPathComponent("run"))
        #expect(r.status == 1)
        #expect(r.stderr.contains("--out-crs: EPSG:999999"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// In Pudong the GCJ-02 offset is a few hundred metres: run.gpkg's origins and sites.gpkg's
    /// sites are moved by it exactly, the CSV and GeoJSON stay WGS 84.
    @Test func outCRSGCJ02MovesPudongPointsByTheOffset() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = dir.appendingPathComponent("plan"), out = dir.appendingPathComponent("run")
        #expect(try SiteTests.site(["--item", "kindergarten", "--count", "2", "--spacing", "400", "--gpkg", "--out-crs", "gcj02"],
                                   out: plan).status == 0)
        let r = try CLI.run(["analyze", "--network", SiteTests.file("network.osm.pbf"), "--origins", SiteTests.file("origins.csv"),
                             "--facilities", SiteTests.file("facilities.csv"), "--areas", SiteTests.file("subdistricts.geojson"),
                             "--items", "kindergarten", "--no-gaps",
                             "--gpkg", "--out-crs", "gcj02", "--out", out.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        func point(_ file: URL, _ sql: String) throws -> (Double, Double) {
            let g = try CLI.runTool(Self.ogrinfo, ["-ro", "-q", file.path, "-sql", sql])
            let v = g.stdout.split(separator: "\n").compactMap { line -> Double? in
                guard let eq = line.range(of: " = ") else { return nil }
                return Double(line[eq.upperBound...].trimmingCharacters(in: .whitespaces))
            }
            return v.count == 2 ? (v[0], v[1]) : (.nan, .nan)
        }
        // JW001 at WGS 84 (121.5328129, 31.2153398).
        let want = ChineseCoordinates.wgs84ToGCJ02(lon: 121.5328129, lat: 31.2153398)
        let got = try point(out.appendingPathComponent("run.gpkg"), "SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM origins WHERE origin_id = 'JW001'")
        #expect(abs(got.0 - want.lon) < 1e-9 && abs(got.1 - want.lat) < 1e-9, "\(got) want \(want)")
        let shift = Geodesy.haversine(lon1: 121.5328129, lat1: 31.2153398, lon2: got.0, lat2: got.1)
        #expect((300...700).contains(shift), "\(shift) m")
        let site = try #require(try Self.rows(plan.appendingPathComponent("sites.csv")).dropFirst().first)
        let (lon, lat) = (Double(site[3])!, Double(site[4])!)
        let moved = ChineseCoordinates.wgs84ToGCJ02(lon: lon, lat: lat)
        let s = try point(plan.appendingPathComponent("sites.gpkg"), "SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM sites WHERE rank = 1 AND site_id = '\(site[2])'")
        #expect(abs(s.0 - moved.lon) < 1e-9 && abs(s.1 - moved.lat) < 1e-9, "\(s) want \(moved)")
    }

    /// Helsinki lies outside China, where GCJ-02 has no offset: the card says the frame, and the
    /// coordinates equal WGS 84's (the offset itself: WriteDatasetTests).
    @Test func reportCardsNameTheFrameOnlyWithOutCRS() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain"), gcj = dir.appendingPathComponent("gcj")
        #expect(try AnalyzeTests.analyze(["--no-gaps"], out: plain).status == 0)
        #expect(try AnalyzeTests.analyze(["--no-gaps", "--out-crs", "gcj02"], out: gcj).status == 0)
        let a = try String(contentsOf: plain.appendingPathComponent("report.html"), encoding: .utf8)
        let b = try String(contentsOf: gcj.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!a.contains("\"xy\":") && b.contains("\"24.943724, 60.173108 (GCJ-02)\""))
    }
}
