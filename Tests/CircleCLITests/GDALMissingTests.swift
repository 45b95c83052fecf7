import Foundation
import Testing

/// A machine without libgdal (simulated with CIRCLE_GDAL_LIBRARY naming a file that is not
/// there): GIS options and GIS inputs fail with exit 1 and the loader's reason, before any work,
/// leaving no output and no staging folder behind; CSV/GeoJSON runs never need GDAL.
@Suite struct GDALMissingTests {
    static let missing = ["CIRCLE_GDAL_LIBRARY": "/nonexistent/libgdal.so.99"]

    static func analyze(_ extra: [String], out: URL) throws -> CLI.Result {
        try CLI.runTool(CLI.binary.path, ["analyze", "--network", CLI.helsinki,
                                          "--origins", AnalyzeTests.geodata.appendingPathComponent("test-origins.csv").path,
                                          "--facilities", AnalyzeTests.geodata.appendingPathComponent("test-facilities.csv").path,
                                          "--items", AnalyzeTests.items, "--out", out.path, "--quiet"] + extra,
                        environment: Self.missing)
    }

    @Test(arguments: ["--gpkg", "--xlsx"])
    func aGISOutputFailsBeforeAnyWork(option: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("run")
        let r = try Self.analyze([option], out: out)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(option): cannot open the GDAL library, needed to read or write GIS formats (/nonexistent/libgdal.so.99"),
                "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing written, no staging folder")
    }

    @Test func aGISInputFailsNamingTheFile() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let areas = dir.appendingPathComponent("areas.gpkg")
        let made = try CLI.runTool(GISOutputTests.ogr2ogr, ["-f", "GPKG", areas.path, GISOutputTests.areas(in: dir).path])
        try #require(made.status == 0, "\(made.stderr)")
        let out = dir.appendingPathComponent("run")
        let r = try Self.analyze(["--areas", areas.path], out: out)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(areas.path): cannot be read: cannot open the GDAL library"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["areas.geojson", "areas.gpkg"])
    }

    @Test func aCSVRunNeverOpensGDAL() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.analyze([], out: dir.appendingPathComponent("run"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("run/times.csv").path))
    }
}
