import CircleGeo
import Foundation
import Testing

/// Gap maps on geodata/helsinki: consistent with the origins (`circle verify`), readable by GDAL,
/// and input in other coordinate systems.
@Suite(.serialized) struct GapMapTests {
    static let geodata = AnalyzeTests.geodata
    static let ogrinfo = ["/usr/bin/ogrinfo", "/usr/local/bin/ogrinfo"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test func verifyPassesAndGDALReadsEveryLayer() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--gap-cell", "25"], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let v = try CLI.run(["verify", out.path])
        #expect(v.status == 0, "\(v.stdout)")
        #expect(v.stdout.contains("6 gap maps agree with 400 origins"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("gaps").path).sorted()
        #expect(files == AnalyzeTests.items.split(separator: ",").map { "\($0).geojson" }.sorted())
        guard let ogrinfo = Self.ogrinfo else {
            Issue.record("ogrinfo (Debian gdal-bin) is missing: Scripts/install-deps.sh installs it")
            return
        }
        for file in files + ["../gaps.geojson", "../origins.geojson"] {
            let path = out.appendingPathComponent("gaps").appendingPathComponent(file).standardizedFileURL.path
            let g = try CLI.runTool(ogrinfo, ["-ro", "-al", "-so", path])
            #expect(g.status == 0, "\(file): \(g.stderr)")
            #expect(g.stdout.contains("Feature Count:"), "\(file)")
            if file.hasPrefix("..") == false { #expect(g.stdout.contains("Multi Polygon") || g.stdout.contains("Polygon"), "\(file)") }
        }
    }

    @Test func isochronesAreValidAndBoundedByTheReach() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--isochrones"], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let path = out.appendingPathComponent("isochrones.geojson").path
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        let features = json["features"] as! [[String: Any]]
        #expect(features.count == 400)
        var containsOwnOrigin = 0, nonEmpty = 0
        let origins = try String(contentsOf: Self.geodata.appendingPathComponent("test-origins.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        for (k, f) in features.enumerated() {
            let p = f["properties"] as! [String: Any]
            let area = p["area_m2"] as! Double
            // Walking 15 min at 4 km/h covers at most a 1 km radius (plus a cell's slack).
            let radius = (p["mode"] as! String) == "walk" ? 1000.0 + 50 : 3000.0 + 50
            #expect(area <= Double.pi * radius * radius, "\(p["id"]!)")
            let coordinates = (f["geometry"] as! [String: Any])["coordinates"] as! [Any]
            guard !coordinates.isEmpty else { continue }
            nonEmpty += 1
            let one = try AreaSet.read(data: try JSONSerialization.data(withJSONObject: [
                "type": "FeatureCollection", "features": [f]]), path: path)
            if AreaLocator(one).locate(lon: Double(origins[k][3])!, lat: Double(origins[k][4])!) != nil { containsOwnOrigin += 1 }
        }
        // The 8 origins far outside the extract are unsnapped and have no isochrone; a couple of
        // cycling origins on one-way streets into dead ends at the clipped edge reach no cell.
        #expect((385...392).contains(nonEmpty), "\(nonEmpty)")
        #expect(containsOwnOrigin >= nonEmpty * 95 / 100, "\(containsOwnOrigin) of \(nonEmpty)")
    }

    @Test func verifyCatchesAContradiction() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        #expect(try AnalyzeTests.analyze(out: out).status == 0)
        // Claim every origin covers the kindergarten: those in its gap now contradict the map.
        let url = out.appendingPathComponent("origins.geojson")
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: #""missing":"kindergarten"#, with: #""missing":"x"#)
            .replacingOccurrences(of: #""covered":""#, with: #""covered":"kindergarten;"#)
        try text.write(to: url, atomically: true, encoding: .utf8)
        let v = try CLI.run(["verify", out.path])
        #expect(v.status == 3)
        #expect(v.stdout.contains("kindergarten: origin") && v.stdout.contains("lies inside its gap polygons"))
    }

    @Test func projectedInputGivesTheSameTimes() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The test origins and facilities in UTM zone 35N (EPSG:32635).
        let origins = try Self.reprojected("test-origins.csv", keep: 3, to: "EPSG:32635", in: dir)
        let facilities = try Self.reprojected("test-facilities.csv", keep: 2, to: "EPSG:32635", in: dir)
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--crs", "EPSG:32635", "--no-gaps"], origins: origins.path,
                                         facilities: facilities.path, out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let ours = try AnalyzeTests.table(out.appendingPathComponent("times.csv"))
        let golden = try AnalyzeTests.table(Self.geodata.appendingPathComponent("golden/run/times.csv"))
        #expect(ours.count == golden.count)
        let off = ours.filter { key, a in
            let b = golden[key] ?? "?"
            if a.isEmpty || b.isEmpty { return a != b }
            return abs(Double(a)! - Double(b)!) > 0.002
        }
        #expect(off.isEmpty, "\(off.prefix(5))")
    }

    /// A copy of a geodata CSV whose last two columns (lon, lat) are given in `crs` as x, y.
    static func reprojected(_ name: String, keep: Int, to crs: String, in dir: URL) throws -> URL {
        let rows = try String(contentsOf: geodata.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        var xs = rows.dropFirst().map { Double($0[keep])! }, ys = rows.dropFirst().map { Double($0[keep + 1])! }
        try Projection(from: "EPSG:4326", to: crs).forward(&xs, &ys)
        var csv = (rows[0].prefix(keep) + ["x", "y"]).joined(separator: ",") + "\n"
        for (k, row) in rows.dropFirst().enumerated() {
            csv += (row.prefix(keep) + [String(format: "%.4f", xs[k]), String(format: "%.4f", ys[k])]).joined(separator: ",") + "\n"
        }
        let url = dir.appendingPathComponent("projected-\(name)")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(arguments: [
        (["--crs", "EPSG:999999"], "EPSG:999999"),
        (["--crs", "EPSG:4549"], "area of use"),
        (["--gap-cell", "0"], "--gap-cell must be a cell side between 1 and 1000 metres, got 0"),
    ])
    func badGeometryOptions(extra: [String], message: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try AnalyzeTests.analyze(extra, out: dir.appendingPathComponent("run"))
        #expect(r.status == 1)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
