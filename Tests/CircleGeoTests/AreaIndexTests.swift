@testable import CircleGeo
import Foundation
import Testing

/// Areas drawn on a 1° grid (y up):
///
///     4 +--3--+     +--3--+        3: a MultiPolygon of two squares
///     3 +-----+     +-----+
///     2 |  4 /              +-------+   2: (3,0)-(5,2) with a hole (3.5,0.5)-(4.5,1.5)
///     1 +---+---+           | [   ] |   0: (0,0)-(1,1), 1: (1,0)-(2,1), sharing x = 1
///     0 | 0 | 1 |           +-------+   4: triangle (0.5,-0.5) (4.2,1.2) (0.5,2.5) over 0, 1, 2
///       0   1   2   3   4   5
@Suite struct AreaIndexTests {
    static func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [[Double]] {
        [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]
    }

    static func feature(_ type: String, _ coordinates: Any, _ properties: [String: Any] = [:]) -> [String: Any] {
        ["type": "Feature", "properties": properties, "geometry": ["type": type, "coordinates": coordinates]]
    }

    static var fixtureFeatures: [[String: Any]] { [
        feature("Polygon", [square(0, 0, 1, 1)], ["name": "A", "code": 12, "open": true, "note": NSNull()]),
        feature("Polygon", [square(1, 0, 2, 1)], ["name": "B"]),
        feature("Polygon", [square(3, 0, 5, 2), square(3.5, 0.5, 4.5, 1.5)], ["name": "holed"]),
        feature("MultiPolygon", [[square(0, 3, 1, 4)], [square(2, 3, 3, 4)]], ["name": "pair"]),
        feature("Polygon", [[[0.5, -0.5], [4.2, 1.2], [0.5, 2.5], [0.5, -0.5]]], ["name": "triangle"]),
    ] }

    /// Writes a FeatureCollection to a fresh temporary file and returns its path.
    static func write(_ features: [[String: Any]]) throws -> String {
        try write(JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features]))
    }

    static func write(_ data: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("areas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent("areas.geojson")
        try data.write(to: url)
        return url.path
    }

    @Test func readsFeaturesAndProperties() throws {
        let areas = try AreaSet.read(path: Self.write(Self.fixtureFeatures))
        #expect(areas.count == 5)
        #expect(areas.features.map(\.index) == [0, 1, 2, 3, 4])
        #expect(areas.features[0].properties == ["name": "A", "code": "12", "open": "true"])
        #expect(areas.features[2].polygons[0].rings.count == 2)
        #expect(areas.features[3].polygons.count == 2)
        #expect(areas.features[1].polygons[0].rings[0] == AreaRing(lon: [1, 2, 2, 1, 1], lat: [0, 0, 1, 1, 0]))
    }

    @Test func locatesInsideHoleBoundaryAndOutside() throws {
        let locator = AreaLocator(try AreaSet.read(path: Self.write(Self.fixtureFeatures)))
        let cases: [(Double, Double, Int?)] = [
            (0.5, 0.5, 0), (1.5, 0.5, 1), (3.25, 1, 2), (0.5, 3.5, 3), (2.5, 3.5, 3), (0.7, 2.0, 4),
            (1.0, 0.5, 0), (1, 1, 0), (1, 0, 0),          // shared edge and corners: lowest index
            (2, 0, 1), (5, 2, 2), (0.25, 0, 0),           // vertex and edge of one area: covered
            (4, 1, nil), (4, 1.2, 4),                     // in the hole; in the hole but under the triangle
            (4.5, 0.7, 2), (4, 0.5, 2),                   // on the hole's boundary: still the area
            (1.5, 3.5, nil), (10, 10, nil), (-0.0001, 0.5, nil), (-170, -80, nil),
            (.nan, 0.5, nil), (0.5, .infinity, nil),
        ]
        for (lon, lat, expected) in cases {
            #expect(locator.locate(lon: lon, lat: lat) == expected, "(\(lon), \(lat))")
        }
        #expect(locator.locateAll(cases.map { (lon: $0.0, lat: $0.1) }) == cases.map(\.2))
    }

    @Test func randomPointsAgreeWithRayCasting() throws {
        let areas = try AreaSet.read(path: Self.write(Self.fixtureFeatures))
        let locator = AreaLocator(areas)
        var rng = SplitMix64(seed: 7)
        var compared = 0
        for _ in 0..<20_000 {
            let lon = rng.uniform(-1, 6), lat = rng.uniform(-1, 5)
            if BruteForce.nearBoundary(lon, lat, areas) { continue }
            #expect(locator.locate(lon: lon, lat: lat) == BruteForce.locate(lon, lat, areas), "(\(lon), \(lat))")
            compared += 1
        }
        #expect(compared > 19_900)
    }

    @Test func randomStarsAgreeWithRayCastingAndLocateManyPoints() async throws {
        let areas = try AreaSet(features: StarCity.features(seed: 11), path: "stars")
        #expect(areas.count == 36)
        let locator = AreaLocator(areas)
        var rng = SplitMix64(seed: 3)
        var hits = 0
        for _ in 0..<20_000 {
            let lon = rng.uniform(121.39, 121.47), lat = rng.uniform(31.19, 31.27)
            if BruteForce.nearBoundary(lon, lat, areas) { continue }
            let expected = BruteForce.locate(lon, lat, areas)
            #expect(locator.locate(lon: lon, lat: lat) == expected, "(\(lon), \(lat))")
            if expected != nil { hits += 1 }
        }
        #expect(hits > 5_000)

        // 1e5 points through locateAll, and the same answers from locators on other tasks.
        let points = (0..<100_000).map { _ in (lon: rng.uniform(121.39, 121.47), lat: rng.uniform(31.19, 31.27)) }
        let answers = locator.locateAll(points)
        #expect(answers.count == 100_000 && answers.contains { $0 != nil })
        let halves = await withTaskGroup(of: (Int, [Int?]).self) { group in
            for half in 0..<2 {
                group.addTask {
                    let own = AreaLocator(areas)
                    return (half, own.locateAll(Array(points[(half * 50_000)..<((half + 1) * 50_000)])))
                }
            }
            var out = [[Int?]](repeating: [], count: 2)
            for await (half, result) in group { out[half] = result }
            return out
        }
        #expect(halves[0] + halves[1] == answers)
    }

    @Test func emptySetLocatesNothing() throws {
        let areas = try AreaSet.read(data: Data(#"{"type":"FeatureCollection","features":[]}"#.utf8), path: "empty")
        #expect(areas.count == 0)
        #expect(AreaLocator(areas).locate(lon: 0, lat: 0) == nil)
    }

    @Test func contextCapturesGEOSErrors() throws {
        let context = GEOSContext()
        #expect(context.lastError == nil)
        let open = AreaPolygon(rings: [AreaRing(lon: [0, 1, 1, 0], lat: [0, 0, 1, 1])])   // not closed
        #expect(context.polygon(open) == nil && context.multiPolygon([open]) == nil)
        let message = "IllegalArgumentException: Points of LinearRing do not form a closed linestring"
        #expect(context.lastError == message)
        #expect(context.takeError(or: "none") == message && context.lastError == nil)
        let unit = AreaPolygon(rings: [AreaRing(lon: [0, 1, 1, 0, 0], lat: [0, 0, 1, 1, 0])])
        let square = try #require(context.polygon(unit))
        #expect(context.validityProblem(square) == nil)
        #expect(square.extent.map { [$0.minX, $0.minY, $0.maxX, $0.maxY] } == [0, 0, 1, 1])
    }

    // MARK: Bad input

    static let badFeatures: [(String, String, String)] = [
        ("point", #"{"type":"Point","coordinates":[0.5,0.5]}"#,
         "geometry type Point, expected Polygon or MultiPolygon"),
        ("unclosed", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}"#,
         "ring 1 of polygon 1 is not closed: it starts at (0.0, 0.0) and ends at (0.0, 1.0)"),
        ("short", #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#,
         "ring 1 of polygon 1 has 3 positions; a ring needs at least 4"),
        ("bow-tie", #"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#,
         "invalid polygon (GEOS): Self-intersection[0.5 0.5]"),
        ("hole outside",
         #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[2,2],[3,2],[3,3],[2,2]]]}"#,
         "invalid polygon (GEOS): Hole lies outside shell"),
        ("parts overlap",
         #"{"type":"MultiPolygon","coordinates":[[[[0,0],[2,0],[2,2],[0,0]]],[[[1,0],[3,0],[3,2],[1,0]]]]}"#,
         "invalid polygon (GEOS)"),
        ("lon range", #"{"type":"Polygon","coordinates":[[[200,0],[201,0],[201,1],[200,0]]]}"#,
         "coordinates (200.0, 0.0) in ring 1 of polygon 1 are not WGS84 longitude/latitude"),
        ("text coordinates", #"{"type":"Polygon","coordinates":[[["0","0"],[1,0],[1,1],[0,0]]]}"#,
         "not a [lon, lat] pair"),
        ("no polygons", #"{"type":"MultiPolygon","coordinates":[]}"#, "the geometry has no polygons"),
        ("null geometry", "null", "a feature without a geometry"),
    ]

    @Test(arguments: badFeatures.indices)
    func badFeatureIsNamed(_ k: Int) throws {
        let (name, geometry, problem) = Self.badFeatures[k]
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":"#
            + #"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},"#
            + #"{"type":"Feature","properties":{"name":"bad"},"geometry":\#(geometry)}]}"#
        let path = try Self.write(Data(text.utf8))
        let error = try #require(throws: AreaError.self, "\(name)") { try AreaSet.read(path: path) }
        #expect(error.path == path && error.location == "feature 2", "\(name)")
        #expect(error.problem.contains(problem), "\(name): \(error.problem)")
        #expect(error.description.hasPrefix("\(path), feature 2: "), "\(name)")
    }

    @Test func badFilesAreNamed() throws {
        for (text, location, problem) in [("{ not json", "line 1, column 3", "not valid JSON: a key must be a string in double quotes"),
                                          (#"{"type":"Feature"}"#, "", "not a GeoJSON FeatureCollection"),
                                          ("[1, 2]", "", "not a GeoJSON FeatureCollection")] {
            let path = try Self.write(Data(text.utf8))
            let error = try #require(throws: AreaError.self) { try AreaSet.read(path: path) }
            #expect(error.path == path && error.location == location && error.problem.contains(problem), "\(error)")
        }
        let missing = try #require(throws: AreaError.self) { try AreaSet.read(path: "/nonexistent/areas.geojson") }
        #expect(missing.description == "/nonexistent/areas.geojson: no such file")
    }
}

/// Even–odd ray casting over every ring of a feature, lowest feature first; points within 1e-9 of
/// any ring are left out of comparisons (there the answer depends on rounding).
private enum BruteForce {
    static func nearBoundary(_ x: Double, _ y: Double, _ areas: AreaSet) -> Bool {
        areas.features.contains { $0.polygons.contains { $0.rings.contains { distance(x, y, $0) < 1e-9 } } }
    }

    static func locate(_ x: Double, _ y: Double, _ areas: AreaSet) -> Int? {
        areas.features.first { f in f.polygons.flatMap(\.rings).reduce(false) { $0 != crossesOdd(x, y, $1) } }?.index
    }

    static func crossesOdd(_ x: Double, _ y: Double, _ ring: AreaRing) -> Bool {
        var inside = false
        for k in 0..<(ring.lon.count - 1) {
            let (xi, yi, xj, yj) = (ring.lon[k], ring.lat[k], ring.lon[k + 1], ring.lat[k + 1])
            if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { inside.toggle() }
        }
        return inside
    }

    static func distance(_ x: Double, _ y: Double, _ ring: AreaRing) -> Double {
        var best = Double.infinity
        for k in 0..<(ring.lon.count - 1) {
            let (ax, ay, bx, by) = (ring.lon[k], ring.lat[k], ring.lon[k + 1], ring.lat[k + 1])
            let (dx, dy) = (bx - ax, by - ay)
            let t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / max(dx * dx + dy * dy, .leastNormalMagnitude)))
            let (ex, ey) = (x - ax - t * dx, y - ay - t * dy)
            best = min(best, (ex * ex + ey * ey).squareRoot())
        }
        return best
    }
}

/// 36 random star-shaped polygons on a 6 × 6 grid of 0.01° cells near Shanghai; neighbours may
/// overlap, every third has a hole, every fifth is a MultiPolygon with a small satellite square.
private enum StarCity {
    static func features(seed: UInt64) -> [AreaFeature] {
        var rng = SplitMix64(seed: seed)
        return (0..<36).map { i in
            let cx = 121.405 + 0.01 * Double(i % 6), cy = 31.205 + 0.01 * Double(i / 6), r = 0.007
            let n = 12
            let angles = (0..<n).map { (Double($0) + rng.uniform(-0.25, 0.25)) * 2 * .pi / Double(n) }
            let radii = (0..<n).map { _ in r * rng.uniform(0.3, 1) }
            var rings = [ring(angles.indices.map { (cx + radii[$0] * cos(angles[$0]), cy + radii[$0] * sin(angles[$0])) })]
            if i % 3 == 0 {   // an octagon hole well inside the star's smallest radius
                let octagon = (0..<8).map { Double($0) * .pi / 4 }
                rings.append(ring(octagon.map { (cx + 0.15 * r * cos($0), cy + 0.15 * r * sin($0)) }))
            }
            var polygons = [AreaPolygon(rings: rings)]
            if i % 5 == 0 {
                let (sx, sy) = (cx + 0.0051, cy + 0.0051)   // 0.0051 · √2 ≈ 0.0072 > r: clear of the star
                let corners = [(sx, sy), (sx + 0.0004, sy), (sx + 0.0004, sy + 0.0004), (sx, sy + 0.0004)]
                polygons.append(AreaPolygon(rings: [ring(corners)]))
            }
            return AreaFeature(index: i, properties: ["id": "\(i)"], polygons: polygons)
        }
    }

    static func ring(_ points: [(Double, Double)]) -> AreaRing {
        AreaRing(lon: points.map(\.0) + [points[0].0], lat: points.map(\.1) + [points[0].1])
    }
}

private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * Double(next() >> 11) / 9_007_199_254_740_992
    }
}
