@testable import CircleGIS
import CircleInput
import Foundation
import Testing

/// CSV and GeoJSON: ServiceCircle's own readers against GDAL's CSV and GeoJSON drivers, to the
/// same [InputPoint]. Runs only with CIRCLE_GIS_BENCH=N (points; docs/inputs-gis.md quotes it).
@Suite struct ReaderBenchmarkTests {
    static let count = Int(ProcessInfo.processInfo.environment["CIRCLE_GIS_BENCH"] ?? "") ?? 0

    static func median(_ body: () throws -> Int) rethrows -> (Double, Int) {
        var times: [Double] = [], n = 0
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            n = try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return (times.sorted()[2], n)
    }

    @Test(.enabled(if: count > 0)) func ownReadersAgainstGDAL() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("circle-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "id,name,kind,subdistrict,population,lon,lat\n"
        var features: [String] = []
        for i in 0..<Self.count {
            let lon = 121.4 + Double(i % 1000) * 0.0003, lat = 31.1 + Double(i / 1000) * 0.0001
            csv += "P\(i),示例社区\(i)居委,居委,示例一街道,\(1000 + i % 5000),\(lon),\(lat)\n"
            features.append(#"{"type":"Feature","properties":{"id":"P\#(i)","name":"示例社区\#(i)居委","kind":"居委","subdistrict":"示例一街道","population":\#(1000 + i % 5000)},"geometry":{"type":"Point","coordinates":[\#(lon),\#(lat)]}}"#)
        }
        let csvPath = dir.appendingPathComponent("p.csv").path, jsonPath = dir.appendingPathComponent("p.geojson").path
        try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        try (#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",\n") + "]}").write(toFile: jsonPath, atomically: true, encoding: .utf8)
        for (path, driver) in [(csvPath, "CSV"), (jsonPath, "GeoJSON")] {
            let (own, a) = try Self.median { try PointReader.read(path: path, fields: Columns.originFields).count }
            let (gdal, b) = try Self.median {
                let open = try OpenLayer(LayerSource(file: path, format: .flatgeobuf), drivers: [driver])
                return try LayerPoints.read(open, polygonSpacing: nil, crs: nil, encoding: nil, fields: Columns.originFields).count
            }
            #expect(a == Self.count && b == Self.count)
            print("reader benchmark \(driver) \(Self.count) points: own \(own) s, GDAL \(gdal) s (medians of 5)")
        }
    }
}
