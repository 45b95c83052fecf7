import CircleGeo
import Foundation
import Testing

/// Expected coordinates of People's Square (121.4737°E, 31.2304°N, WGS 84) come from PROJ 9.1.1's
/// command-line tool, e.g. `echo "121.4737 31.2304" | cs2cs -f %.6f +proj=longlat +datum=WGS84 +to EPSG:4549`
/// (cs2cs prints northing first for the CGCS2000 zones; listed here easting first). The 32651 and 4549
/// values agree with docs/research feasibility §2 (E 354 633.6, N 3 456 140.5 and E 640 412.3, N 3 457 455.5).
@Suite struct ProjectionTests {
    static let square = (lon: 121.4737, lat: 31.2304)

    static let references: [(crs: String, x: Double, y: Double)] = [
        ("EPSG:32651", 354_633.648993, 3_456_140.529642),   // WGS 84 / UTM 51N
        ("EPSG:4549", 640_412.315037, 3_457_455.488582),    // CGCS2000 3° GK CM 120E
        ("EPSG:4550", 354_575.479184, 3_457_523.538959),    // CGCS2000 3° GK CM 123E
        ("EPSG:4547", 1_212_987.773573, 3_480_714.534156),  // CGCS2000 3° GK CM 114E (outside its area)
        ("EPSG:3857", 13_522_390.428775, 3_662_707.257050), // Web Mercator
        ("EPSG:4490", 121.4737, 31.2304),                   // CGCS2000 geographic: lat-first, normalised
    ]

    @Test func knownEPSGPairs() throws {
        for (crs, x, y) in Self.references {
            let projection = try Projection(from: "EPSG:4326", to: crs)
            let p = try projection.forward(x: Self.square.lon, y: Self.square.lat)
            let tolerance = crs == "EPSG:4490" ? 1e-9 : 1e-3
            #expect(abs(p.x - x) < tolerance && abs(p.y - y) < tolerance, "\(crs): \(p)")
            let back = try projection.inverse(x: p.x, y: p.y)
            #expect(abs(back.x - Self.square.lon) < 1e-8 && abs(back.y - Self.square.lat) < 1e-8, "\(crs)")
        }
    }

    @Test func projStringsWorkWithoutTypeCRS() throws {
        let utm = try Projection(from: "EPSG:4326", to: "+proj=utm +zone=51 +datum=WGS84 +units=m +no_defs")
        let p = try utm.forward(x: Self.square.lon, y: Self.square.lat)
        #expect(abs(p.x - 354_633.648993) < 1e-3 && abs(p.y - 3_456_140.529642) < 1e-3)
    }

    @Test func batchMatchesSinglePointsAndRoundTrips() throws {
        let projection = try Projection(from: "EPSG:4326", to: "EPSG:4549")
        let lon = (0..<500).map { 121.0 + Double($0 % 25) * 0.02 }
        let lat = (0..<500).map { 30.7 + Double($0 / 25) * 0.06 }
        var xs = lon, ys = lat
        try projection.forward(&xs, &ys)
        for i in stride(from: 0, to: 500, by: 37) {
            let single = try projection.forward(x: lon[i], y: lat[i])
            #expect(single.x == xs[i] && single.y == ys[i])
        }
        try projection.inverse(&xs, &ys)
        for i in lon.indices {
            #expect(abs(xs[i] - lon[i]) < 1e-8 && abs(ys[i] - lat[i]) < 1e-8)
        }
        var empty: [Double] = [], alsoEmpty: [Double] = []
        try projection.forward(&empty, &alsoEmpty)
    }

    @Test func unknownCRSThrowsNamingIt() {
        for crs in ["EPSG:999999", "nonsense", "+proj=nonsense"] {
            #expect {
                _ = try Projection(from: "EPSG:4326", to: crs)
            } throws: { error in
                guard let error = error as? ProjectionError else { return false }
                return error.kind == .unknownCRS && error.crs == crs && error.description.contains(crs)
            }
            #expect(throws: ProjectionError.self) { _ = try Projection(from: crs, to: "EPSG:4326") }
            #expect(throws: ProjectionError.self) { _ = try Projection.areaOfUse(of: crs) }
        }
        // An operation is not a CRS.
        #expect(throws: ProjectionError.self) { _ = try Projection(from: "EPSG:4326", to: "EPSG:9807") }
    }

    @Test func failedPointsAndBadInputAreReported() throws {
        let projection = try Projection(from: "EPSG:4326", to: "EPSG:32651")
        var xs = [121.0, 121.0], ys = [31.0, 95.0]
        #expect {
            try projection.forward(&xs, &ys)
        } throws: { error in
            guard let error = error as? ProjectionError else { return false }
            return error.kind == .transformFailed && error.message.contains("#1") && error.crs.contains("EPSG:32651")
        }
        var short = [121.0]
        #expect(throws: ProjectionError(.invalidInput, crs: "EPSG:4326 → EPSG:32651",
                                        message: "1 x values but 2 y values")) {
            try projection.forward(&short, &ys)
        }
    }

    @Test func areaOfUse() throws {
        let gk = try #require(try Projection.areaOfUse(of: "EPSG:4549"))
        #expect(gk.west == 118.5 && gk.east == 121.5 && gk.south == 24.43 && gk.north == 53.33)
        #expect(gk.name.contains("118°30'E"))
        let world = try #require(try Projection.areaOfUse(of: "EPSG:4326"))
        #expect(world.west == -180 && world.east == 180 && world.south == -90 && world.north == 90)
        #expect(try Projection.areaOfUse(of: Projection.localMetric(centreLon: 121.5, centreLat: 31.2)) == nil)

        // People's Square (121.47°E) is inside 4549's zone; Lujiazui (121.50°E) and Guangzhou are not.
        let outside = try #require(try Projection.pointsOutsideAreaOfUse(
            of: "EPSG:4549", lon: [121.4737, 121.5055, 113.26], lat: [31.2304, 31.2397, 23.13]))
        #expect(outside.count == 2 && outside.total == 3 && outside.firstIndex == 1)
        #expect(outside.firstX == 121.5055 && outside.firstY == 31.2397)
        #expect(try Projection.pointsOutsideAreaOfUse(of: "EPSG:4549", lon: [121.0], lat: [31.0]) == nil)

        // An area crossing the antimeridian.
        let pacific = AreaOfUse(west: 170, south: -50, east: -170, north: 0)
        #expect(pacific.contains(lon: 179, lat: -10) && pacific.contains(lon: -175, lat: -10))
        #expect(!pacific.contains(lon: 0, lat: -10) && !pacific.contains(lon: .nan, lat: -10))
    }

    @Test func localMetricAgreesWithHaversine() throws {
        let centre = (lon: 121.6, lat: 31.2)   // Pudong
        let crs = Projection.localMetric(centreLon: centre.lon, centreLat: centre.lat)
        #expect(crs == "+proj=tmerc +lat_0=31.2000000 +lon_0=121.6000000 +k=1 +x_0=0 +y_0=0 +R=6371008.8 +units=m +no_defs")
        let sphere = try Projection(from: "EPSG:4326", to: crs)
        let ellipsoid = try Projection(from: "EPSG:4326", to: Projection.localMetric(
            centreLon: centre.lon, centreLat: centre.lat, surface: .wgs84Ellipsoid))
        let origin = try sphere.forward(x: centre.lon, y: centre.lat)
        #expect(abs(origin.x) < 1e-6 && abs(origin.y) < 1e-6)

        // Pairs up to ~40 km apart across the district.
        let points = [(121.45, 31.05), (121.75, 31.35), (121.95, 31.05), (121.5, 31.4), (121.62, 31.21), (121.8, 30.9)]
        for a in points {
            for b in points where a != b {
                let h = Geodesy.haversine(lon1: a.0, lat1: a.1, lon2: b.0, lat2: b.1)
                for (projection, tolerance) in [(sphere, 5e-5), (ellipsoid, 4e-3)] {
                    let pa = try projection.forward(x: a.0, y: a.1), pb = try projection.forward(x: b.0, y: b.1)
                    let planar = ((pa.x - pb.x) * (pa.x - pb.x) + (pa.y - pb.y) * (pa.y - pb.y)).squareRoot()
                    #expect(abs(planar - h) < tolerance * h, "\(a)–\(b): \(planar) vs \(h)")
                }
            }
        }
        // Why the sphere: on the WGS 84 ellipsoid a north–south metre at 31°N is 0.3 % shorter than on
        // the haversine sphere, beyond the 0.1 % the project allows.
        let north = try ellipsoid.forward(x: centre.lon, y: centre.lat + 0.1)
        let h = Geodesy.haversine(lon1: centre.lon, lat1: centre.lat, lon2: centre.lon, lat2: centre.lat + 0.1)
        #expect(north.y / h < 0.998 && north.y / h > 0.996)
    }

    @Test func localMetricCentresOnTheData() {
        let crs = Projection.localMetric(lon: [121.4, 121.8, .nan], lat: [31.0, 31.4, 31.2])
        #expect(crs.contains("+lat_0=31.2000000 +lon_0=121.6000000"))
        #expect(Projection.localMetric(lon: [], lat: []).contains("+lat_0=0.0000000 +lon_0=0.0000000"))
    }

    @Test func independentProjectionsRunConcurrently() async throws {
        let sums = try await withThrowingTaskGroup(of: Double.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let projection = try Projection(from: "EPSG:4326", to: "EPSG:32651")
                    var xs = [Double](repeating: 121.4737, count: 10_000), ys = [Double](repeating: 31.2304, count: 10_000)
                    try projection.forward(&xs, &ys)
                    return xs.reduce(0, +) / Double(xs.count)
                }
            }
            return try await group.reduce(into: [Double]()) { $0.append($1) }
        }
        #expect(sums.count == 4 && sums.allSatisfy { abs($0 - 354_633.648993) < 1e-3 })
    }
}
