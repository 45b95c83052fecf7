import CircleGIS
import CircleGeo
import Foundation
import Testing

/// GISDatasetWriter: GeoPackage and XLSX files read back by GDAL's own ogrinfo, output frames, names.
@Suite struct WriteDatasetTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("circle-gis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func ogrinfo(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The WKT point ogrinfo prints for the layer's one feature.
    static func point(_ file: URL, _ layer: String) throws -> (Double, Double)? {
        let text = try ogrinfo(["-ro", "-q", file.path, layer])
        guard let line = text.split(separator: "\n").first(where: { $0.contains("POINT (") }) else { return nil }
        let numbers = line.split(whereSeparator: { " ()".contains($0) }).compactMap { Double($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : nil
    }

    static func pointLayer(lon: Double, lat: Double) -> GISLayer {
        var layer = GISLayer(name: "p", geometry: .point, fields: [GISField("id", .string), GISField("n", .integer)])
        layer.add(.point(lon: lon, lat: lat), [.string("a"), .integer(7)])
        return layer
    }

    /// coordtransform's published pair: WGS 84 (116.404, 39.915) is GCJ-02 (116.41024449916938, 39.91640428150164).
    @Test func gcj02FrameMovesAKnownPointByTheKnownOffset() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("gcj.gpkg")
        try GISDatasetWriter.write([Self.pointLayer(lon: 116.404, lat: 39.915)], to: file.path, format: .geoPackage,
                                   frame: try OutputFrame(parsing: "gcj02"))
        let p = try #require(try Self.point(file, "p"))
        #expect(abs(p.0 - 116.41024449916938) < 1e-9 && abs(p.1 - 39.91640428150164) < 1e-9, "\(p)")
        // Tagged EPSG:4326: GCJ-02 has no code of its own.
        #expect(try Self.ogrinfo(["-ro", "-so", file.path, "p"]).contains("WGS 84"))
    }

    @Test func bd09AndWGS84Frames() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bd = dir.appendingPathComponent("bd.gpkg"), wgs = dir.appendingPathComponent("wgs.gpkg")
        try GISDatasetWriter.write([Self.pointLayer(lon: 116.404, lat: 39.915)], to: bd.path, format: .geoPackage,
                                   frame: try OutputFrame(parsing: "bd09"))
        try GISDatasetWriter.write([Self.pointLayer(lon: 116.404, lat: 39.915)], to: wgs.path, format: .geoPackage)
        let gcj = ChineseCoordinates.wgs84ToGCJ02(lon: 116.404, lat: 39.915)
        let want = ChineseCoordinates.gcj02ToBD09(lon: gcj.lon, lat: gcj.lat)
        let p = try #require(try Self.point(bd, "p"))
        #expect(abs(p.0 - want.lon) < 1e-9 && abs(p.1 - want.lat) < 1e-9, "\(p)")
        let w = try #require(try Self.point(wgs, "p"))
        #expect(w.0 == 116.404 && w.1 == 39.915)
    }

    @Test func polygonsTablesAndSheetsReadBack() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outer = AreaRing(lon: [0, 1, 1, 0, 0], lat: [0, 0, 1, 1, 0]), hole = AreaRing(lon: [0.2, 0.2, 0.4, 0.2], lat: [0.2, 0.4, 0.2, 0.2])
        var gaps = GISLayer(name: "gaps", description: "test", geometry: .multiPolygon, fields: [GISField("item", .string)])
        gaps.add(.polygons([AreaPolygon(rings: [outer, hole])]), [.string("kindergarten")])
        gaps.add(.polygons([]), [.string("park")])
        var table = GISLayer(name: "缺项", geometry: .none, fields: [GISField("居村委编号", .string), GISField("分钟", .real)])
        table.add(nil, [.string("O1"), .real(12.5)])
        table.add(nil, [.string("O2"), .null])
        let gpkg = dir.appendingPathComponent("t.gpkg"), xlsx = dir.appendingPathComponent("t.xlsx")
        try GISDatasetWriter.write([gaps, table], to: gpkg.path, format: .geoPackage)
        try GISDatasetWriter.write([gaps, table], to: xlsx.path, format: .xlsx)
        let g = try Self.ogrinfo(["-ro", "-al", gpkg.path])
        #expect(g.contains("MULTIPOLYGON (((0 0,1 0,1 1,0 1,0 0),(0.2 0.2,0.2 0.4,0.4 0.2,0.2 0.2)))"), "\(g)")
        #expect(g.contains("Layer name: 缺项") && g.contains("分钟 (Real) = 12.5") && g.contains("分钟 (Real) = (null)"))
        let x = try Self.ogrinfo(["-ro", "-al", "--config", "OGR_XLSX_HEADERS", "FORCE", xlsx.path])
        #expect(x.contains("Layer name: gaps") && x.contains("item (String) = park") && !x.contains("POLYGON"))
        #expect(x.contains("Layer name: 缺项") && x.contains("居村委编号 (String) = O2"))
    }

    @Test func anUnwritablePlaceNamesTheFile() throws {
        let path = "/nonexistent-folder-\(UUID().uuidString)/run.gpkg"
        #expect {
            try GISDatasetWriter.write([Self.pointLayer(lon: 0, lat: 0)], to: path, format: .geoPackage)
        } throws: { error in
            "\(error)".hasPrefix("\(path): cannot create: ")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func fieldNamesAreQGISFriendly() {
        #expect(GISLayer.fieldName("kindergarten_min") == "kindergarten_min")
        #expect(GISLayer.fieldName("幼儿园 覆盖率/%") == "幼儿园_覆盖率__")
        #expect(GISLayer.fieldName("15min") == "f_15min")
        #expect(GISLayer.fieldName(String(repeating: "a", count: 80)).count == 63)
    }

    /// Items `a-b` and `a_b` give the same safe name: the second column is kept, as `a_b_min_2`.
    @Test func repeatedColumnNamesAreMadeUnique() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var layer = GISLayer(name: "t", geometry: .none, fields: [GISField(GISLayer.fieldName("a-b_min"), .real),
                                                                 GISField(GISLayer.fieldName("a_b_min"), .real)])
        layer.add(nil, [.real(1), .real(2)])
        let file = dir.appendingPathComponent("u.gpkg")
        try GISDatasetWriter.write([layer], to: file.path, format: .geoPackage)
        let text = try Self.ogrinfo(["-ro", "-q", file.path, "t"])
        #expect(text.contains("a_b_min (Real) = 1") && text.contains("a_b_min_2 (Real) = 2"), "\(text)")
    }
}
