import CircleEngine
import CircleGeo
import Foundation
import Testing

/// Issue 15 §2 (gaps only where people can live) and issue 10 §4–5 (memory checked before it is
/// spent, no exit 70 for an absurd cell): the gap maps' study area, its masks and its guards.
@Suite(.serialized) struct GapStudyTests {
    static let pudong = CLI.root.appendingPathComponent("geodata/pudong-synthetic")

    static func json(_ url: URL) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// Every position of every polygon of every gap map in `out`.
    static func gapPositions(_ out: URL) throws -> [(lon: Double, lat: Double)] {
        let gaps = out.appendingPathComponent("gaps")
        var positions: [(lon: Double, lat: Double)] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: gaps.path) where file.hasSuffix(".geojson") {
            let polygons = try AreaSet.read(path: gaps.appendingPathComponent(file).path).features.flatMap(\.polygons)
            for polygon in polygons { for ring in polygon.rings { positions += zip(ring.lon, ring.lat).map { ($0, $1) } } }
        }
        return positions
    }

    /// Every walking edge of the Helsinki sample as segments in a local plane.
    static func streetSegments(plane: LocalPlane) async throws -> SegmentBuckets {
        let walk = try await NetworkLoader.load(path: CLI.helsinki).networks.walk
        var x0: [Double] = [], y0: [Double] = [], x1: [Double] = [], y1: [Double] = []
        let e = walk.edges
        for k in 0..<e.count {
            let r = e.shape(of: k)
            for p in r.lowerBound..<(r.upperBound - 1) {
                let a = plane.project(lon: Geodesy.degrees(e.shapeLon[p]), lat: Geodesy.degrees(e.shapeLat[p]))
                let b = plane.project(lon: Geodesy.degrees(e.shapeLon[p + 1]), lat: Geodesy.degrees(e.shapeLat[p + 1]))
                x0.append(a.x); y0.append(a.y); x1.append(b.x); y1.append(b.y)
            }
        }
        return SegmentBuckets(x0: x0, y0: y0, x1: x1, y1: y1, bucket: 250)
    }

    /// The Helsinki sample's gap maps stay within the access distance of its streets: every
    /// vertex of every gap polygon lies within the access distance plus a cell's half diagonal of
    /// a walking edge (cells are in the study area when their centre is within the access
    /// distance), except around an origin's own cell (always inside, even off the network).
    @Test func helsinkiGapsStayNearTheStreets() async throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let summary = try Self.json(out.appendingPathComponent("summary.json"))
        let study = try #require(summary["gapStudy"] as? [String: Any])
        #expect(study["accessM"] as? Double == 200 && study["mask"] as? String == "none" && study["cellM"] as? Double == 50)
        let km2 = try #require(study["areaKm2"] as? Double)
        #expect(km2 > 1 && km2 < 20, "\(km2)")
        #expect((summary["parameters"] as! [String: String])["gap_study_area_km2"] == String(format: "%.2f", km2))
        #expect(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8).contains("gap_study_area_km2"))

        let positions = try Self.gapPositions(out)
        #expect(!positions.isEmpty)
        let plane = LocalPlane(lon0: positions[0].lon, lat0: positions[0].lat)
        let streets = try await Self.streetSegments(plane: plane)
        let origins = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-origins.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
            .map { plane.project(lon: Double($0[3])!, lat: Double($0[4])!) }
        let bound = 200 + 50 * 0.5.squareRoot() + 0.05   // access + half a cell's diagonal + rounding
        var far = 0
        for p in positions {
            let q = plane.project(lon: p.lon, lat: p.lat)
            if streets.any(within: bound, x: q.x, y: q.y) { continue }
            if origins.contains(where: { max(abs($0.x - q.x), abs($0.y - q.y)) <= 50 + 0.6 }) { continue }   // an own cell
            far += 1
        }
        #expect(far == 0, "\(far) of \(positions.count) gap vertices lie beyond \(bound) m of every street")

        // Each feature: its area within the study area (its cells) and the population in it.
        let kindergarten = try Self.json(out.appendingPathComponent("gaps/kindergarten.geojson"))
        let properties = (kindergarten["features"] as! [[String: Any]])[0]["properties"] as! [String: Any]
        #expect(properties["area_m2"] as? Double == Double(properties["cells"] as! Int) * 2500)
        #expect(properties["polygon_area_m2"] is Double && properties.keys.contains("population"))
    }

    /// `--gap-mask FILE` keeps the study area inside the mask's polygons; `circle verify` holds.
    @Test func maskFileRestrictsTheStudyArea() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain"), masked = dir.appendingPathComponent("masked")
        #expect(try AnalyzeTests.analyze(out: plain).status == 0)
        // The west half of the district's extent.
        let positions = try Self.gapPositions(plain)
        let lon0 = positions.map(\.lon).min()! - 0.01, lon1 = positions.map(\.lon).max()! + 0.01
        let lat0 = positions.map(\.lat).min()! - 0.01, lat1 = positions.map(\.lat).max()! + 0.01
        let mid = (lon0 + lon1) / 2
        let mask = dir.appendingPathComponent("mask.geojson")
        try """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon",
        "coordinates":[[[\(lon0),\(lat0)],[\(mid),\(lat0)],[\(mid),\(lat1)],[\(lon0),\(lat1)],[\(lon0),\(lat0)]]]}}]}
        """.write(to: mask, atomically: true, encoding: .utf8)
        let r = try AnalyzeTests.analyze(["--gap-mask", mask.path], out: masked)
        #expect(r.status == 0, "\(r.stderr)")
        let a = try Self.json(plain.appendingPathComponent("summary.json"))["gapStudy"] as! [String: Any]
        let b = try Self.json(masked.appendingPathComponent("summary.json"))["gapStudy"] as! [String: Any]
        #expect(b["mask"] as? String == mask.path)
        #expect((b["areaKm2"] as! Double) < (a["areaKm2"] as! Double))
        // Every gap vertex east of the mask belongs to an origin's own cell.
        let origins = try String(contentsOf: AnalyzeTests.geodata.appendingPathComponent("test-origins.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",") }.map { (Double($0[3])!, Double($0[4])!) }
        let east = try Self.gapPositions(masked).filter { p in
            p.lon > mid + 0.001 && !origins.contains { abs($0.0 - p.lon) < 0.001 && abs($0.1 - p.lat) < 0.0006 }
        }
        #expect(east.isEmpty, "\(east.prefix(3))")
        let v = try CLI.run(["verify", masked.path])
        #expect(v.status == 0, "\(v.stdout)")
    }

    /// `--gap-mask osm`: residential land and buildings of the OSM file; with a graph cache whose
    /// OSM file is gone, a clear error.
    @Test func maskFromOSM() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try AnalyzeTests.analyze(["--gap-mask", "osm"], out: out)
        #expect(r.status == 0, "\(r.stderr)")
        let study = try Self.json(out.appendingPathComponent("summary.json"))["gapStudy"] as! [String: Any]
        #expect(study["mask"] as? String == "osm")
        #expect((study["basis"] as! String).contains("residential land or buildings"))
        #expect(try CLI.run(["verify", out.path]).status == 0)

        // A graph cache built from a copy of the OSM file that is then removed.
        let copy = dir.appendingPathComponent("copy.osm.pbf")
        try FileManager.default.copyItem(atPath: CLI.helsinki, toPath: copy.path)
        let graph = dir.appendingPathComponent("g.scgraph")
        #expect(try CLI.run(["build-graph", "--network", copy.path, "--out", graph.path, "--quiet"]).status == 0)
        try FileManager.default.removeItem(at: copy)
        let g = try CLI.run(["analyze", "--network", graph.path,
                             "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                             "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                             "--items", "kindergarten", "--gap-mask", "osm", "--out", dir.appendingPathComponent("g").path, "--quiet"])
        #expect(g.status == 1)
        #expect(g.stderr.contains("--gap-mask osm reads residential land and buildings from the OSM file the network came from, \(copy.path), which is gone"), "\(g.stderr)")
    }

    /// A cell too large to mean anything is refused with the valid range (it used to end in exit 70,
    /// `the gap map of … still contradicts 14 origins`); so are a bad access distance and mask.
    @Test(arguments: [
        (["--gap-cell", "1e7"], "error: --gap-cell must be a cell side between 1 and 1000 metres, got 1e+07"),
        (["--gap-cell", "0"], "error: --gap-cell must be a cell side between 1 and 1000 metres, got 0"),
        (["--gap-cell", "0.05"], "error: --gap-cell must be a cell side between 1 and 1000 metres, got 0.05"),
        (["--gap-access", "0.5"], "error: --gap-access must be a distance between 1 and 5000 metres, got 0.5"),
        (["--gap-mask", "/nonexistent/mask.geojson"],
         "error: --gap-mask must be 'osm' or a GeoJSON file of polygons; /nonexistent/mask.geojson: no such file"),
        (["--max-memory", "lots"], "error: --max-memory must be an amount of memory of at least 1M, such as 8G or 512M, got 'lots'"),
    ])
    func outOfRangeGapOptionsAreRefused(extra: [String], message: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try AnalyzeTests.analyze(extra, out: dir.appendingPathComponent("run"))
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == message)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    /// `--gap-cell 2.1` on the synthetic district (56 million cells) is refused before any cell is
    /// laid out, naming the smallest cell size that fits; that size fits and a slightly smaller one does not.
    @Test func memoryIsCheckedBeforeItIsSpent() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ cell: String) throws -> (CLI.Result, Double) {
            let start = Date()
            let r = try CLI.run(["analyze", "--network", Self.pudong.appendingPathComponent("network.osm.pbf").path,
                                 "--origins", Self.pudong.appendingPathComponent("origins.csv").path,
                                 "--facilities", Self.pudong.appendingPathComponent("facilities.csv").path,
                                 "--areas", Self.pudong.appendingPathComponent("subdistricts.geojson").path,
                                 "--gap-cell", cell, "--max-memory", "8G", "--out", dir.appendingPathComponent("run").path,
                                 "--quiet"])
            return (r, Date().timeIntervalSince(start))
        }
        let (r, seconds) = try run("2.1")
        #expect(r.status == 1, "\(r.stderr)")
        #expect(seconds < 60, "refused after \(seconds) s")
        let text = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(text.hasPrefix("error: --gap-cell 2.1: the gap maps would need about "), "\(text)")
        #expect(text.contains(" GB (55592058 grid cells of 2.1 m, about "), "\(text)")
        let tail = " of them in the study area), more than the limit of 8.0 GB (--max-memory, default half the physical memory): the smallest --gap-cell that fits is "
        #expect(text.contains(tail), "\(text)")
        let fits = try #require(Double(text.components(separatedBy: tail).last!.dropLast(2)), "\(text)")
        #expect(fits > 2.1 && fits < 10, "\(fits)")
        #expect(text.hasSuffix(" m"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        // Just below the size named, still refused (the guard and its advice agree).
        let (below, _) = try run(String(format: "%g", fits - 0.1))
        #expect(below.status == 1 && below.stderr.contains("the gap maps would need about"), "\(below.stderr)")
    }

    /// The study cache and the gap maps' keys follow the access distance and the mask: a rerun
    /// with another of either lays the study area out again and draws every map again.
    @Test func studyCacheKeysFollowTheNewOptions() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("cache").path
        func run(_ name: String, _ extra: [String]) throws -> (summary: [String: Any], timings: [String: Double]) {
            let out = dir.appendingPathComponent(name)
            let r = try AnalyzeTests.analyze(["--cache", cache] + extra, out: out)
            #expect(r.status == 0, "\(r.stderr)")
            let record = try Self.json(out.appendingPathComponent("run.json"))
            return (try Self.json(out.appendingPathComponent("summary.json")), record["timings"] as! [String: Double])
        }
        let a = try run("a", [])
        let again = try run("again", [])
        #expect(again.timings["snap cells"] == nil && again.summary["gapMapsReused"] as? Int == 6)
        let b = try run("b", ["--gap-access", "120"])
        #expect(b.timings["snap cells"] != nil && b.summary["gapMapsReused"] as? Int == 0)
        let areaA = (a.summary["gapStudy"] as! [String: Any])["areaKm2"] as! Double
        let areaB = (b.summary["gapStudy"] as! [String: Any])["areaKm2"] as! Double
        #expect(areaB < areaA)
        let c = try run("c", ["--gap-mask", "osm"])
        #expect(c.timings["snap cells"] != nil && (c.summary["gapStudy"] as! [String: Any])["mask"] as? String == "osm")
        // --max-memory decides whether a run starts, not what it writes: nothing is redone.
        let d = try run("d", ["--max-memory", "4G"])
        #expect(d.timings["snap cells"] == nil && d.summary["gapMapsReused"] as? Int == 6)
        #expect(d.summary["runFingerprint"] as? String == a.summary["runFingerprint"] as? String)
    }

    /// The job file's keys: gap_access, gap_mask (relative to the job file), max_memory.
    @Test func jobFileKeys() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let mask = dir.appendingPathComponent("zones/mask.geojson")
        try FileManager.default.createDirectory(at: mask.deletingLastPathComponent(), withIntermediateDirectories: true)
        try """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon",
        "coordinates":[[[24.0,60.0],[26.0,60.0],[26.0,61.0],[24.0,61.0],[24.0,60.0]]]}}]}
        """.write(to: mask, atomically: true, encoding: .utf8)
        let job = dir.appendingPathComponent("job.yaml")
        try (RunJobTests.goldenJob(out: out) + "\ngap_access: 150\ngap_mask: zones/mask.geojson\nmax_memory: 2G\n")
            .write(to: job, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let study = try Self.json(out.appendingPathComponent("summary.json"))["gapStudy"] as! [String: Any]
        #expect(study["accessM"] as? Double == 150 && study["mask"] as? String == mask.path)
        try (RunJobTests.goldenJob(out: out) + "\nmax_memory: plenty\n").write(to: job, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["run", job.path, "--quiet"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("max_memory") && bad.stderr.contains("must be an amount of memory of at least 1M, such as 8G or 512M, got 'plenty'"),
                "\(bad.stderr)")
    }
}
