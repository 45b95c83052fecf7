import CircleGeo
import Foundation
import Testing

@Suite struct CoordinateSystemTests {
    @Test func parsesKeywordsInAnySpelling() throws {
        for value in ["wgs84", "WGS84", "WGS 84", "wgs-84", "EPSG:4326", "epsg:4326", "4326", "OGC:CRS84"] {
            #expect(try CoordinateSystem(parsing: value) == .wgs84, "\(value)")
        }
        for value in ["gcj02", "GCJ-02", "gcj_02", "GCJ", "火星坐标", "火星坐标系", "国测局坐标", " gcj02 "] {
            #expect(try CoordinateSystem(parsing: value) == .gcj02, "\(value)")
        }
        for value in ["bd09", "BD-09", "bd09ll", "Baidu", "百度坐标", "百度坐标系"] {
            #expect(try CoordinateSystem(parsing: value) == .bd09, "\(value)")
        }
        #expect(try CoordinateSystem(parsing: "EPSG:4549") == .proj("EPSG:4549"))
        #expect(try CoordinateSystem(parsing: "+proj=utm +zone=51 +datum=WGS84") == .proj("+proj=utm +zone=51 +datum=WGS84"))
        #expect(try CoordinateSystem(parsing: "EPSG:4549").name == "EPSG:4549")
        #expect(CoordinateSystem.gcj02.name == "gcj02" && CoordinateSystem.bd09.description.contains("BD-09"))
    }

    @Test func unknownValuesThrowNamingThem() {
        for value in ["EPSG:999999", "nonsense", "gcj03"] {
            #expect {
                _ = try CoordinateSystem(parsing: value)
            } throws: { error in
                (error as? ProjectionError)?.kind == .unknownCRS && "\(error)".contains(value)
            }
        }
        #expect(throws: ProjectionError.self) { _ = try CoordinateSystem(parsing: "  ") }
        #expect {
            _ = try CoordinateSystem(parsing: "bd09mc")
        } throws: { error in
            "\(error)".contains("--crs bd09")
        }
    }

    @Test func convertsToWGS84() throws {
        // eviltransform's Shanghai pair (see ChineseCoordinatesTests) and its BD-09 image.
        let wgs = (lon: 121.5272106, lat: 31.1774276)
        let gcj = try CoordinateSystem.gcj02.toWGS84(lon: [121.531541859215], lat: [31.17530398364597])
        #expect(abs(gcj.lon[0] - wgs.lon) < 1e-8 && abs(gcj.lat[0] - wgs.lat) < 1e-8)
        let bd = ChineseCoordinates.wgs84ToBD09(lon: wgs.lon, lat: wgs.lat)
        let fromBD = try CoordinateSystem.bd09.toWGS84(lon: [bd.lon], lat: [bd.lat])
        #expect(abs(fromBD.lon[0] - wgs.lon) < 1e-8 && abs(fromBD.lat[0] - wgs.lat) < 1e-8)
        let same = try CoordinateSystem.wgs84.toWGS84(lon: [1, 2], lat: [3, 4])
        #expect(same.lon == [1, 2] && same.lat == [3, 4])
        // People's Square in CGCS2000 / 3° GK CM 120E (cs2cs, see ProjectionTests).
        let gk = try CoordinateSystem(parsing: "EPSG:4549").toWGS84(lon: [640_412.315037], lat: [3_457_455.488582])
        #expect(abs(gk.lon[0] - 121.4737) < 1e-8 && abs(gk.lat[0] - 31.2304) < 1e-8)
        #expect(throws: ProjectionError.self) { _ = try CoordinateSystem.gcj02.toWGS84(lon: [1], lat: []) }
    }

    @Test func validateReportsPointsOutsideTheAreaOfUse() throws {
        // Inside: nothing thrown.
        try CoordinateSystem.wgs84.validate(lon: [121.5, -70], lat: [31.2, -33])
        try CoordinateSystem.gcj02.validate(lon: [121.5], lat: [31.2])
        try CoordinateSystem(parsing: "EPSG:4549").validate(lon: [640_412.3], lat: [3_457_455.5])

        func message(_ system: CoordinateSystem, _ lon: [Double], _ lat: [Double]) -> String? {
            do { try system.validate(lon: lon, lat: lat); return nil } catch let error as ProjectionError {
                return error.kind == .outsideAreaOfUse ? error.description : "wrong kind \(error)"
            } catch { return "wrong error \(error)" }
        }
        let wgs = try #require(message(.wgs84, [121.5, 200, 121.5, .nan], [31.2, 31.2, 91, 31.2]))
        #expect(wgs.contains("3 of 4 points") && wgs.contains("#1") && wgs.contains("200.000000"))
        // Paris in "GCJ-02": the offset does not apply there, so the data must be in another system.
        let paris = try #require(message(.gcj02, [121.5, 2.3522], [31.2, 48.8566]))
        #expect(paris.hasPrefix("gcj02:") && paris.contains("1 of 2 points") && paris.contains("#1"))
        #expect(message(.bd09, [2.3522], [48.8566]) != nil)
        // Lujiazui lies east of zone 40's 121.5°E edge; degrees given as metres fail too.
        let gk = try CoordinateSystem(parsing: "EPSG:4549")
        let east = try #require(message(gk, [640_412.3, 653_000, 121.47], [3_457_455.5, 3_458_000, 31.23]))
        #expect(east.hasPrefix("EPSG:4549:") && east.contains("2 of 3 points") && east.contains("#1")
                && east.contains("118°30'E"))
        // A CRS without a known area is still checked for convertible, finite points.
        let utm = try CoordinateSystem(parsing: "+proj=utm +zone=51 +datum=WGS84")
        try utm.validate(lon: [354_633.6], lat: [3_456_140.5])
        #expect(message(utm, [354_633.6, .infinity], [3_456_140.5, 0]) != nil)
    }

    @Test func concurrentConversionsAreIndependent() async throws {
        let system = try CoordinateSystem(parsing: "EPSG:4549")
        let results = try await withThrowingTaskGroup(of: Double.self) { group in
            for _ in 0..<4 {
                group.addTask { try system.toWGS84(lon: [640_412.315037], lat: [3_457_455.488582]).lon[0] }
            }
            return try await group.reduce(into: [Double]()) { $0.append($1) }
        }
        #expect(results.count == 4 && results.allSatisfy { abs($0 - 121.4737) < 1e-8 })
    }
}
