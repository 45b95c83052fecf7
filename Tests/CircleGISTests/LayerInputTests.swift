import CircleGIS
import CircleGeo
import CircleInput
import Foundation
import Testing

/// Fixtures made in the test with `ogr2ogr` (gdal-bin) from the synthetic district's CSVs.
enum GISFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let district = root.appendingPathComponent("geodata/pudong-synthetic")

    /// Runs `ogr2ogr` with `arguments` in `dir`; fails the test with its stderr otherwise.
    static func ogr2ogr(_ arguments: [String], in dir: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        process.arguments = arguments
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError(message: "ogr2ogr \(arguments): \(message)") }
    }

    struct FixtureError: Error { var message: String }

    /// A folder holding `origins.csv` (the district's first `count` origins) and the same points as
    /// origins.geojson, origins.shp (GBK .cpg), points.gpkg (layers origins and facilities),
    /// points.xlsx (sheets 居委 and 设施), origins.fgb, origins.kml, and areas.shp / areas.gpkg.
    static func make(origins count: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("circle-gis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let lines = try String(contentsOf: district.appendingPathComponent("origins.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        try (lines.prefix(count + 1).joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("origins.csv"),
                                                                           atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: district.appendingPathComponent("facilities.csv"),
                                         to: dir.appendingPathComponent("facilities.csv"))
        let xy = ["-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat", "-a_srs", "EPSG:4326"]
        try ogr2ogr(["-f", "GeoJSON", "origins.geojson", "origins.csv"] + xy, in: dir)
        try ogr2ogr(["-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "origins.shp", "origins.csv"] + xy, in: dir)
        try ogr2ogr(["-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "facilities.shp", "facilities.csv"] + xy, in: dir)
        try ogr2ogr(["-f", "GPKG", "-nln", "origins", "points.gpkg", "origins.csv"] + xy, in: dir)
        try ogr2ogr(["-update", "-nln", "facilities", "points.gpkg", "facilities.csv"] + xy, in: dir)
        try ogr2ogr(["-f", "XLSX", "-nln", "居委", "points.xlsx", "origins.csv"], in: dir)
        try ogr2ogr(["-update", "-nln", "设施", "points.xlsx", "facilities.csv"], in: dir)
        // Numeric cells (population, lon, lat) as a spreadsheet user types them.
        try ogr2ogr(["-f", "XLSX", "-oo", "AUTODETECT_TYPE=YES", "numbers.xlsx", "origins.csv"], in: dir)
        // Without a spatial index a FlatGeobuf keeps the features in their order.
        try ogr2ogr(["-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX=NO", "origins.fgb", "origins.csv"] + xy, in: dir)
        try ogr2ogr(["-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX=NO", "facilities.fgb", "facilities.csv"] + xy, in: dir)
        try ogr2ogr(["-f", "KML", "origins.kml", "origins.csv"] + xy, in: dir)
        try ogr2ogr(["-f", "KML", "facilities.kml", "facilities.csv"] + xy, in: dir)
        let areas = district.appendingPathComponent("subdistricts.geojson").path
        try ogr2ogr(["-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "areas.shp", areas], in: dir)
        try ogr2ogr(["-f", "GPKG", "-nln", "subdistricts", "areas.gpkg", areas], in: dir)
        return dir
    }
}

@Suite(.serialized) struct LayerInputTests {
    static let dir: URL = try! GISFixtures.make(origins: 40)
    static func file(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// The fields the analysis reads, as it reads them.
    static func summary(_ points: [InputPoint]) -> [String] {
        points.map { p in
            ([p.id, "\(p.lon)", "\(p.lat)"] + [Columns.name, Columns.kind, Columns.subdistrict, Columns.population]
                .map { Columns.value($0, in: p.attributes) ?? "-" }).joined(separator: "|")
        }
    }

    @Test func everyFormatGivesTheCSVsPoints() throws {
        let csv = try InputFiles.points(Self.file("origins.csv"), fields: Columns.originFields)
        #expect(csv.count == 40 && csv[0].id == "JW001" && Columns.value(Columns.name, in: csv[0].attributes) == "示例社区001居委")
        for spec in ["origins.geojson", "origins.shp", "points.gpkg:origins", "points.xlsx:居委", "numbers.xlsx", "origins.fgb", "origins.kml"] {
            let points = try InputFiles.points(Self.file(spec), fields: Columns.originFields)
            #expect(Self.summary(points) == Self.summary(csv), "\(spec)")
        }
    }

    @Test func facilitiesInEveryFormatMatchTheCSV() throws {
        let fields = Columns.facilityFields
        let csv = try InputFiles.points(Self.file("facilities.csv"), polygonSpacing: 50, fields: fields)
        #expect(csv.count == 2288)
        for spec in ["facilities.shp", "points.gpkg:facilities", "points.xlsx:设施", "facilities.fgb", "facilities.kml"] {
            let points = try InputFiles.points(Self.file(spec), polygonSpacing: 50, fields: fields)
            #expect(points.map { "\($0.id) \($0.lon) \($0.lat) \(Columns.value(Columns.type, in: $0.attributes) ?? "-")" }
                    == csv.map { "\($0.id) \($0.lon) \($0.lat) \(Columns.value(Columns.type, in: $0.attributes) ?? "-")" }, "\(spec)")
        }
    }

    @Test func theShapefileIsGBKAndItsCpgIsHonoured() throws {
        let dbf = try Data(contentsOf: URL(fileURLWithPath: Self.file("origins.dbf")))
        let gbk居委: [UInt8] = [0xBE, 0xD3, 0xCE, 0xAF]
        #expect(dbf.range(of: Data(gbk居委)) != nil, "the fixture's names must be GBK bytes")
        #expect(try String(contentsOfFile: Self.file("origins.cpg"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == "GBK")
        let points = try InputFiles.points(Self.file("origins.shp"), fields: Columns.originFields)
        #expect(Columns.value(Columns.kind, in: points[0].attributes) == "居委")
        #expect(Columns.value(Columns.subdistrict, in: points[0].attributes) == "示例一街道", "subdistric (cut to 10) is subdistrict")
    }

    /// Copies the Shapefile `name` (all its parts) to a new folder, leaving out the extensions in `without`.
    static func copyShapefile(_ name: String, without: [String]) throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("circle-gis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] where !without.contains(ext) {
            try FileManager.default.copyItem(at: dir.appendingPathComponent("\(name).\(ext)"), to: copy.appendingPathComponent("\(name).\(ext)"))
        }
        return copy
    }

    @Test func aShapefileWithoutCpgAndGBKBytesAsksForTheEncoding() throws {
        let copy = try Self.copyShapefile("origins", without: ["cpg"])
        defer { try? FileManager.default.removeItem(at: copy) }
        let path = copy.appendingPathComponent("origins.shp").path
        #expect(throws: InputError(path: path, location: "feature 1", problem: "field name is not UTF-8 text; the Shapefile has no "
                                   + ".cpg naming its encoding; give it, e.g. --encoding GBK (or GB18030)")) {
            try InputFiles.points(path, fields: Columns.originFields)
        }
        let withEncoding = try InputFiles.points(path, encoding: "GBK", fields: Columns.originFields)
        let withCpg = try InputFiles.points(Self.file("origins.shp"), fields: Columns.originFields)
        #expect(Self.summary(withEncoding) == Self.summary(withCpg))
        #expect(throws: InputError(path: path, problem: "--encoding 'NOPE-1' is not an encoding known to iconv (e.g. GBK, GB18030, UTF-8, BIG5)")) {
            try InputFiles.points(path, encoding: "NOPE-1", fields: Columns.originFields)
        }
    }

    @Test func aShapefileWithoutPrjNeedsCrs() throws {
        let copy = try Self.copyShapefile("origins", without: ["prj"])
        defer { try? FileManager.default.removeItem(at: copy) }
        let path = copy.appendingPathComponent("origins.shp").path
        #expect(throws: InputError(path: path, problem: "no .prj beside the .shp, so its coordinate system is unknown; "
                                   + "add --crs EPSG:4326 (or the file's system) or a .prj")) {
            try InputFiles.points(path, fields: Columns.originFields)
        }
        let given = try InputFiles.points(path, crs: .wgs84, fields: Columns.originFields)
        #expect(Self.summary(given) == Self.summary(try InputFiles.points(Self.file("origins.shp"), fields: Columns.originFields)))
    }

    @Test func aShapefileWithoutDbfIsRefused() throws {
        let copy = try Self.copyShapefile("origins", without: ["dbf"])
        defer { try? FileManager.default.removeItem(at: copy) }
        let path = copy.appendingPathComponent("origins.shp").path
        #expect(throws: InputError(path: path, problem: "no .dbf beside the .shp: a Shapefile's attributes are in origins.dbf; "
                                   + "copy the .shp, .shx, .dbf, .prj and .cpg files together")) {
            try InputFiles.points(path)
        }
    }

    @Test func aProjectedPrjIsConvertedThroughPROJ() throws {
        try GISFixtures.ogr2ogr(["-f", "ESRI Shapefile", "-t_srs", "EPSG:32651", "utm.shp", "origins.shp"], in: Self.dir)
        let utm = try InputFiles.points(Self.file("utm.shp"), fields: Columns.originFields)
        let csv = try InputFiles.points(Self.file("origins.csv"), fields: Columns.originFields)
        #expect(utm.count == csv.count)
        for (a, b) in zip(utm, csv) {
            #expect(a.id == b.id && abs(a.lon - b.lon) < 1e-8 && abs(a.lat - b.lat) < 1e-8, "\(a.id)")
        }
        // --crs overrides the .prj: metres read as degrees are refused, naming the system.
        #expect(throws: InputError.self) { try InputFiles.points(Self.file("utm.shp"), crs: .gcj02) }
    }

    @Test func layersAndSheetsAreNamedOrListed() throws {
        let gpkg = Self.file("points.gpkg"), xlsx = Self.file("points.xlsx")
        #expect(throws: InputError(path: gpkg + ":schools", problem: "no layer 'schools'; the GeoPackage has: 'origins', 'facilities'")) {
            try InputFiles.points(gpkg + ":schools")
        }
        #expect(throws: InputError(path: gpkg, problem: "the GeoPackage holds 2 layers ('origins', 'facilities'); name one: \(gpkg):origins")) {
            try InputFiles.points(gpkg)
        }
        #expect(throws: InputError(path: xlsx + ":Sheet1", problem: "no sheet 'Sheet1'; the workbook has: '居委', '设施'")) {
            try InputFiles.points(xlsx + ":Sheet1")
        }
        // One layer needs no name.
        #expect(try InputFiles.points(Self.file("areas.gpkg"), polygonSpacing: 50).count > 100)
    }

    @Test func aSheetWithoutLongitudeListsItsColumns() throws {
        try GISFixtures.ogr2ogr(["-f", "XLSX", "-nln", "名单", "-select", "id,name,lat", "nolon.xlsx", "origins.csv"], in: Self.dir)
        let path = Self.file("nolon.xlsx")
        #expect(throws: InputError(path: path, location: "row 1", problem: "no longitude column (accepted: lon, lng, long, longitude, x, 经度); "
                                   + "the sheet '名单' has 3 columns: 'id', 'name', 'lat'")) {
            try InputFiles.points(path)
        }
    }

    @Test func aBadCellIsNamedByItsSpreadsheetRow() throws {
        try "id,kind,lon,lat\nA,居委,121.5,31.2\nB,居委,\"121,5\",31.2\n".write(toFile: Self.file("bad.csv"), atomically: true, encoding: .utf8)
        try GISFixtures.ogr2ogr(["-f", "XLSX", "-nln", "表1", "bad.xlsx", "bad.csv"], in: Self.dir)
        let path = Self.file("bad.xlsx")
        #expect(throws: InputError(path: path, location: "row 3", problem: "field lon is not a number: '121,5' (write decimals with a point, not a comma)")) {
            try InputFiles.points(path)
        }
    }

    @Test func areasFromShapefileAndGeoPackageLocateLikeTheGeoJSON() throws {
        let geojson = try InputFiles.areas(GISFixtures.district.appendingPathComponent("subdistricts.geojson").path)
        let origins = try InputFiles.points(Self.file("origins.csv")).map { (lon: $0.lon, lat: $0.lat) }
        let expected = AreaLocator(geojson).locateAll(origins).map { $0.map { geojson.features[$0].properties["name"] } }
        #expect(expected.allSatisfy { $0 != nil })
        for spec in ["areas.shp", "areas.gpkg"] {
            let areas = try InputFiles.areas(Self.file(spec))
            #expect(areas.count == geojson.count)
            let found = AreaLocator(areas).locateAll(origins).map { $0.map { areas.features[$0].properties["name"] } }
            #expect(found == expected, "\(spec)")
        }
    }

    @Test func aGBKCSVIsDecodedWithEncodingAndAUTF8OneLeftAsItIs() throws {
        let gbk = Self.file("origins-gbk.csv")
        let iconv = Process()
        iconv.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        iconv.arguments = ["-f", "UTF-8", "-t", "GB18030", "-o", gbk, Self.file("origins.csv")]
        try iconv.run()
        iconv.waitUntilExit()
        #expect(iconv.terminationStatus == 0)
        #expect(throws: InputError(path: gbk, problem: "not UTF-8 text (save the file as UTF-8 CSV or GeoJSON)")) {
            try InputFiles.points(gbk)
        }
        let utf8 = try InputFiles.points(Self.file("origins.csv"), fields: Columns.originFields)
        #expect(Self.summary(try InputFiles.points(gbk, encoding: "GB18030", fields: Columns.originFields)) == Self.summary(utf8))
        #expect(Self.summary(try InputFiles.points(Self.file("origins.csv"), encoding: "GBK", fields: Columns.originFields)) == Self.summary(utf8))
    }

    @Test func polygonsAreReadAsBoundaryPointsLikeGeoJSON() throws {
        let geojson = try InputFiles.points(GISFixtures.district.appendingPathComponent("subdistricts.geojson").path, polygonSpacing: 50)
        let gpkg = try InputFiles.points(Self.file("areas.gpkg"), polygonSpacing: 50)
        #expect(geojson.count > 100)
        #expect(gpkg.map { "\($0.id) \($0.lon) \($0.lat)" } == geojson.map { "\($0.id) \($0.lon) \($0.lat)" })
        #expect(throws: InputError(path: Self.file("areas.gpkg"), location: "feature 1",
                                   problem: "geometry type Polygon, expected Point or MultiPoint")) {
            try InputFiles.points(Self.file("areas.gpkg"))
        }
    }

    @Test func sourcesAndTheirFiles() {
        #expect(InputFiles.isLayer("a.SHP") && InputFiles.isLayer("b.gpkg:x") && InputFiles.isLayer("c.xlsx:表1"))
        #expect(!InputFiles.isLayer("a.csv") && !InputFiles.isLayer("a.geojson") && !InputFiles.isLayer("a.json"))
        #expect(InputFiles.files(of: "x/p.gpkg:origins") == ["x/p.gpkg"] && InputFiles.files(of: "d.kml:学校") == ["d.kml"])
        #expect(!InputFiles.isLayer("a.shp:x"), "a Shapefile has one layer: no suffix")
        #expect(InputFiles.files(of: Self.file("origins.shp")) == ["shp", "shx", "dbf", "prj", "cpg"].map { Self.file("origins.\($0)") })
    }
}
