import CircleInput
import Foundation
import Testing

@Suite struct PointReaderTests {
    func write(_ text: String, _ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pr-\(UUID().uuidString)-\(name)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func excelCSVWithBOMChineseHeadersAndQuotes() throws {
        let path = try write("\u{FEFF}编号,名称,经度,纬度\r\n1,\"张江, 居委\",121.60,31.20\r\n2,\"\"\"quoted\"\"\",121.61,31.21\r\n", "a.csv")
        let points = try PointReader.read(path: path)
        #expect(points.count == 2)
        #expect(points[0].id == "1" && points[0].lon == 121.60 && points[0].lat == 31.20)
        #expect(points[0].attributes["名称"] == "张江, 居委")
        #expect(points[1].attributes["名称"] == "\"quoted\"")
        #expect(points[1].location == "line 3")
    }

    @Test func geoJSONPointsAndMultiPoints() throws {
        let path = try write("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","id":"a","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[121.5,31.2]}},
              {"type":"Feature","properties":{"id":7},"geometry":{"type":"MultiPoint","coordinates":[[121.6,31.3],[121.7,31.4]]}}
            ]}
            """, "b.geojson")
        let points = try PointReader.read(path: path)
        #expect(points.map(\.id) == ["a", "7", "7"])
        #expect(points[2].lon == 121.7 && points[2].location == "feature 2")
    }

    @Test(arguments: [
        ("id,x_coord,lat\n1,2,3\n", "line 1", "no longitude column"),
        ("id,lon,lat\n1,121.5\n", "line 2", "2 fields, the header has 3"),
        ("id,lon,lat\n1,121.5,31.2\n2,abc,31.2\n", "line 3", "field lon is not a number"),
        ("id,lon,lat\n1,31.2,121.5\n", "line 2", "not WGS84"),
        ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[]}}]}",
         "feature 1", "expected Point"),
        ("{\"type\":\"Feature\"}", "", "not a GeoJSON FeatureCollection"),
        ("", "", "empty"),
    ])
    func badInputNamesFileLineAndField(text: String, location: String, problem: String) throws {
        let path = try write(text, "bad.csv")
        #expect {
            _ = try PointReader.read(path: path)
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.path == path && e.location == location && e.problem.contains(problem)
        }
    }

    @Test func missingFile() {
        #expect(throws: InputError(path: "/nonexistent/p.csv", problem: "no such file")) {
            _ = try PointReader.read(path: "/nonexistent/p.csv")
        }
    }
}
