@testable import CircleGeo
import Foundation
import Testing

@Suite struct GeoJSONWriterTests {
    typealias F = RasterFixtures

    static func fixed7(_ value: Double) -> String {
        var out: [UInt8] = []
        GeoJSONWriter.writeFixed7(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func sevenDecimals() {
        #expect(Self.fixed7(121.5) == "121.5000000")
        #expect(Self.fixed7(0) == "0.0000000")
        #expect(Self.fixed7(-0.00000004) == "0.0000000")
        #expect(Self.fixed7(-0.00000005) == "-0.0000001")
        #expect(Self.fixed7(-179.99999999) == "-180.0000000")
        #expect(Self.fixed7(31.123456789) == "31.1234568")
        #expect(Self.fixed7(5e-7) == "0.0000005")
        #expect(Self.fixed7(12_345_678.9) == "12345678.9000000")
    }

    /// writeFixed7 as first written: digits from the last, the point after the 7th, reversed.
    static func referenceFixed7(_ value: Double) -> String {
        guard abs(value) < 1e11 else { return String(format: "%.7f", value) }
        var out: [UInt8] = []
        var scaled = UInt64((abs(value) * 1e7).rounded(.toNearestOrAwayFromZero))
        if scaled != 0 && value < 0 { out.append(UInt8(ascii: "-")) }
        let start = out.count
        var written = 0
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(scaled % 10))
            scaled /= 10
            written += 1
            if written == 7 { out.append(UInt8(ascii: ".")) }
        } while scaled > 0 || written < 8
        out[start...].reverse()
        return String(decoding: out, as: UTF8.self)
    }

    @Test func fixed7MatchesTheReverseDigitWriter() {
        var state: UInt64 = 7
        for _ in 0..<50_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let scale = [1e-6, 1, 9.99, 100, 999.9999, 5_000, 1e9, 2e11][Int(state >> 3) % 8]
            let value = (Double(state >> 11) / Double(1 << 53) - 0.5) * 2 * scale
            #expect(Self.fixed7(value) == Self.referenceFixed7(value))
        }
        for value in [0.0, -0.0, 9.99999995, 99.99999995, 999.99999995, -999.99999995, 1e10, 0.00000005] {
            #expect(Self.fixed7(value) == Self.referenceFixed7(value))
        }
    }

    @Test func propertiesWrittenMemberByMemberMatchJSONValues() throws {
        var viaValues = GeoJSONWriter(), direct = GeoJSONWriter()
        let ids = ["a\"b", "浦东", "tab\t"]
        for (k, population) in [Double?.none, 12.5, .nan].enumerated() {
            try viaValues.addPoint(lon: 121.5 + Double(k), lat: -31.25, orderedProperties: [
                "a": .string("x\\y"), "b": population.map { .number($0) } ?? .null,
                "c": .array(ids.prefix(k).map { .string($0) }), "d": .array([]), "e": .number(0.1234),
            ])
            try direct.addPoint(lon: 121.5 + Double(k), lat: -31.25) { p in
                p.add(JSONKey("a"), string: "x\\y")
                p.add(JSONKey("b"), number: population)
                p.beginArray(JSONKey("c"))
                for id in ids.prefix(k) { p.element(JSONString(id)) }
                p.endArray()
                p.beginArray(JSONKey("d"))
                p.endArray()
                p.add(JSONKey("e"), string: JSONString("0.1234"))
            }
        }
        var expected = viaValues.data
        // "e" was written as a string directly and as a number via JSONValue.
        expected = Data(String(decoding: expected, as: UTF8.self).replacingOccurrences(of: ":0.1234", with: ":\"0.1234\"").utf8)
        #expect(direct.data == expected)
        #expect(throws: GeoJSONWriterError.self) { try direct.addPoint(lon: .nan, lat: 0) { _ in } }
        #expect(direct.featureCount == 3)
    }

    @Test func propertiesSortedAndEscaped() throws {
        var writer = GeoJSONWriter()
        try writer.addPoint(lon: 121.5, lat: 31.25, properties: [
            "z": 1, "a": "quote \" backslash \\ newline \n tab \t bell \u{7} 浦东", "m": [true, nil, 2.5],
            "n": ["y": 1, "x": .number(.nan)],
        ])
        let text = String(decoding: writer.data, as: UTF8.self)
        #expect(text.contains(#"{"a":"quote \" backslash \\ newline \n tab \t bell \u0007 浦东","#
                              + #""m":[true,null,2.5],"n":{"x":null,"y":1},"z":1}"#))
        #expect(text.contains(#""geometry":{"type":"Point","coordinates":[121.5000000,31.2500000]}"#))
        #expect(!text.contains("crs"))
        let root = try #require(try JSONSerialization.jsonObject(with: writer.data) as? [String: Any])
        let feature = try #require((root["features"] as? [[String: Any]])?.first)
        #expect((feature["properties"] as? [String: Any])?["a"] as? String
                == "quote \" backslash \\ newline \n tab \t bell \u{7} 浦东")
    }

    @Test func emptyCollectionParses() throws {
        let root = try #require(try JSONSerialization.jsonObject(with: GeoJSONWriter().data) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection" && (root["features"] as? [Any])?.isEmpty == true)
    }

    @Test func nonFiniteCoordinatesThrow() {
        var writer = GeoJSONWriter()
        #expect(throws: GeoJSONWriterError.self) { try writer.addPoint(lon: .nan, lat: 0) }
        let ring = AreaRing(lon: [0, 1, .infinity, 0], lat: [0, 0, 1, 0])
        #expect(throws: GeoJSONWriterError.self) { try writer.addPolygons([AreaPolygon(rings: [ring])]) }
        #expect(writer.featureCount == 0)
    }

    /// Gap polygons written, parsed back: Polygon vs MultiPolygon, lon/lat order, CCW exteriors,
    /// CW holes, same bytes every time, and AreaSet (GEOS validity) accepts the file.
    @Test func gapPolygonsRoundTrip() throws {
        var rng = F.Random(seed: 11)
        let cells = F.blobs(columns: 80, rows: 60, fill: 0.45, maxRadius: 8, rng: &rng)
        let traced = RasterPolygons.polygons(cells: cells, columns: 80, rows: 60)
        let plane = LocalPlane(lon0: 121.5, lat0: 31.2)
        let gaps = try GapGeometry.polygons(traced, grid: RasterGrid(originX: 0, originY: 0, cellSize: 50),
                                            simplifyTolerance: 25) { x, y in
            for i in x.indices { (x[i], y[i]) = plane.unproject(x: x[i], y: y[i]) }
        }
        #expect(gaps.polygons.count > 1)
        func document() throws -> Data {
            var writer = GeoJSONWriter()
            try writer.addPolygons(gaps.polygons,
                                   properties: ["item": "clinic", "area_m2": .number(gaps.areaSquareMetres)])
            try writer.addPolygons([gaps.polygons[0]], properties: ["item": "first"])
            try writer.addPoint(lon: 121.5, lat: 31.2, properties: ["id": "o1"])
            #expect(writer.featureCount == 3)
            return writer.data
        }
        let data = try document()
        #expect(try document() == data)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(features.count == 3 && root["crs"] == nil)
        let geometries = features.compactMap { $0["geometry"] as? [String: Any] }
        #expect(geometries.map { $0["type"] as? String } == ["MultiPolygon", "Polygon", "Point"])
        let parts = try #require(geometries[0]["coordinates"] as? [[[[Double]]]])
        #expect(parts.count == gaps.polygons.count)
        for polygon in parts {
            for (r, ring) in polygon.enumerated() {
                let area = GapGeometry.signedArea(AreaRing(lon: ring.map { $0[0] }, lat: ring.map { $0[1] }))
                #expect(r == 0 ? area > 0 : area < 0)
                #expect(ring.allSatisfy { $0.count == 2 && abs($0[0] - 121.5) < 0.1 && abs($0[1] - 31.2) < 0.1 })
            }
        }
        // The polygons alone pass AreaSet's reader, which checks GEOS validity in lon/lat.
        var polygonsOnly = GeoJSONWriter()
        try polygonsOnly.addPolygons(gaps.polygons)
        #expect(try AreaSet.read(data: polygonsOnly.data, path: "gaps.geojson").count == 1)
    }
}
