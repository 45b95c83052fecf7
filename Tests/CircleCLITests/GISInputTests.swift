import Foundation
import Testing

/// `circle analyze` with the planners' GIS files (issue 11, "Done when"): the same origins,
/// facilities and subdistricts as CSV, GeoJSON, Shapefile (GBK .cpg), GeoPackage, XLSX,
/// FlatGeobuf and KML give byte-identical times.csv and origins.csv. Fixtures are made here
/// with `ogr2ogr` from the synthetic district (its first 40 origins, every facility).
@Suite(.serialized) struct GISInputTests {
    static let district = CLI.root.appendingPathComponent("geodata/pudong-synthetic")
    static let dir: URL = try! makeFixtures()

    static func makeFixtures() throws -> URL {
        let dir = try CLI.temporaryFolder()
        let lines = try String(contentsOf: district.appendingPathComponent("origins.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        try (lines.prefix(41).joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("origins.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: district.appendingPathComponent("facilities.csv"), to: dir.appendingPathComponent("facilities.csv"))
        let process = { (arguments: [String]) throws in
            let r = try CLI.runTool("/usr/bin/ogr2ogr", arguments, in: dir)
            guard r.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: ["ogr2ogr": "\(arguments): \(r.stderr)"]) }
        }
        let xy = ["-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-a_srs", "EPSG:4326"]
        let areas = district.appendingPathComponent("subdistricts.geojson").path
        for name in ["origins", "facilities"] {
            try process(["-f", "GeoJSON", "\(name).geojson", "\(name).csv"] + xy)
            try process(["-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "\(name).shp", "\(name).csv"] + xy)
            try process(["-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX=NO", "\(name).fgb", "\(name).csv"] + xy)
            try process(["-f", "KML", "\(name).kml", "\(name).csv"] + xy)
        }
        try process(["-f", "GPKG", "-nln", "origins", "run.gpkg", "origins.csv"] + xy)
        try process(["-update", "-nln", "facilities", "run.gpkg", "facilities.csv"] + xy)
        try process(["-update", "-nln", "subdistricts", "run.gpkg", areas])
        try process(["-f", "XLSX", "-nln", "居委", "points.xlsx", "origins.csv"])
        try process(["-update", "-nln", "设施", "points.xlsx", "facilities.csv"])
        try process(["-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "areas.shp", areas])
        // The same GBK Shapefile without its .cpg and .prj.
        for ext in ["shp", "shx", "dbf"] {
            try FileManager.default.copyItem(at: dir.appendingPathComponent("origins.\(ext)"), to: dir.appendingPathComponent("bare.\(ext)"))
        }
        return dir
    }

    static func file(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Runs analyze with these inputs into a new folder; returns the result and the folder.
    static func analyze(_ origins: String, _ facilities: String, areas: String, _ extra: [String] = []) throws -> (CLI.Result, URL) {
        let out = dir.appendingPathComponent("run-\(UUID().uuidString)")
        let r = try CLI.run(["analyze", "--network", district.appendingPathComponent("network.osm.pbf").path,
                             "--origins", file(origins), "--facilities", file(facilities), "--areas", areas.hasPrefix("/") ? areas : file(areas),
                             "--no-gaps", "--out", out.path, "--quiet"] + extra)
        return (r, out)
    }

    static func bytes(_ out: URL, _ name: String) throws -> Data { try Data(contentsOf: out.appendingPathComponent(name)) }

    @Test func everyFormatGivesByteIdenticalTimes() throws {
        let geojsonAreas = Self.district.appendingPathComponent("subdistricts.geojson").path
        let (base, baseOut) = try Self.analyze("origins.csv", "facilities.csv", areas: geojsonAreas)
        #expect(base.status == 0, "\(base.stderr)")
        let times = try Self.bytes(baseOut, "times.csv"), origins = try Self.bytes(baseOut, "origins.csv")
        #expect(String(decoding: times, as: UTF8.self).split(separator: "\n").count > 40 * 20)
        #expect(String(decoding: origins, as: UTF8.self).contains("JW001,示例社区001居委,residential,示例一街道,urban,areas"))
        let runs: [(String, String, String, [String])] = [
            ("origins.geojson", "facilities.geojson", geojsonAreas, []),
            ("origins.shp", "facilities.shp", "areas.shp", []),
            ("bare.shp", "facilities.shp", "areas.shp", ["--encoding", "GBK", "--crs", "EPSG:4326"]),
            ("run.gpkg:origins", "run.gpkg:facilities", "run.gpkg:subdistricts", []),
            ("points.xlsx:居委", "points.xlsx:设施", geojsonAreas, []),
            ("origins.fgb", "facilities.fgb", geojsonAreas, []),
            ("origins.kml", "facilities.kml", geojsonAreas, []),
        ]
        for (o, f, a, extra) in runs {
            let (r, out) = try Self.analyze(o, f, areas: a, extra)
            #expect(r.status == 0, "\(o): \(r.stderr)")
            guard r.status == 0 else { continue }
            #expect(try Self.bytes(out, "times.csv") == times, "\(o): times.csv differs from the CSV run's")
            #expect(try Self.bytes(out, "origins.csv") == origins, "\(o): origins.csv differs from the CSV run's")
        }
    }

    @Test func aJobFileTakesTheEncoding() throws {
        let job = Self.dir.appendingPathComponent("job.yaml")
        try """
        network: \(Self.district.appendingPathComponent("network.osm.pbf").path)
        origins: bare.shp
        facilities: [facilities.csv]
        areas: areas.shp
        crs: EPSG:4326
        encoding: GBK
        gaps: false
        out: job-run
        """.write(to: job, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", job.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let (base, baseOut) = try Self.analyze("origins.csv", "facilities.csv", areas: "areas.shp")
        #expect(base.status == 0, "\(base.stderr)")
        #expect(try Self.bytes(Self.dir.appendingPathComponent("job-run"), "times.csv") == Self.bytes(baseOut, "times.csv"))
    }

    /// `--skip-unchanged` knows a Shapefile by all its parts: an edited `.cpg` is a change.
    @Test func aShapefilesCpgIsPartOfTheFingerprint() throws {
        let copy = Self.dir.appendingPathComponent("fp")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            try FileManager.default.copyItem(at: Self.dir.appendingPathComponent("origins.\(ext)"), to: copy.appendingPathComponent("o.\(ext)"))
        }
        let out = Self.dir.appendingPathComponent("fp-run").path
        let args = ["analyze", "--network", Self.district.appendingPathComponent("network.osm.pbf").path,
                    "--origins", copy.appendingPathComponent("o.shp").path, "--facilities", Self.file("facilities.csv"),
                    "--areas", Self.file("areas.shp"), "--no-gaps", "--skip-unchanged", "--out", out, "--quiet"]
        #expect(try CLI.run(args).status == 0)
        #expect(try CLI.run(args).status == 2, "the same Shapefile again: nothing changed")
        try "GB18030\n".write(to: copy.appendingPathComponent("o.cpg"), atomically: true, encoding: .utf8)
        let r = try CLI.run(args)
        #expect(r.status == 0, "an edited .cpg reruns: \(r.stderr)")
    }

    /// The message of a failed run: exit 1, one line naming the file.
    static func refused(_ origins: String, _ extra: [String] = []) throws -> String {
        let (r, _) = try analyze(origins, "facilities.csv", areas: district.appendingPathComponent("subdistricts.geojson").path, extra)
        #expect(r.status == 1, "\(origins): exit \(r.status), \(r.stderr)")
        return r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func badGISInputsAreRefusedNamingFileAndFix() throws {
        let bare = Self.file("bare.shp")
        #expect(try Self.refused("bare.shp") == "error: \(bare): no .prj beside the .shp, so its coordinate system is unknown; "
                + "add --crs EPSG:4326 (or the file's system) or a .prj")
        #expect(try Self.refused("bare.shp", ["--crs", "wgs84"]) == "error: \(bare), feature 1: field name is not UTF-8 text; "
                + "the Shapefile has no .cpg naming its encoding; give it, e.g. --encoding GBK (or GB18030)")
        let gpkg = Self.file("run.gpkg")
        #expect(try Self.refused("run.gpkg:committees") == "error: \(gpkg):committees: no layer 'committees'; "
                + "the GeoPackage has: 'origins', 'facilities', 'subdistricts'")
        #expect(try Self.refused("run.gpkg") == "error: \(gpkg): the GeoPackage holds 3 layers ('origins', 'facilities', "
                + "'subdistricts'); name one: \(gpkg):origins")
        let xlsx = Self.file("points.xlsx")
        #expect(try Self.refused("points.xlsx:Sheet1") == "error: \(xlsx):Sheet1: no sheet 'Sheet1'; the workbook has: '居委', '设施'")
    }
}
