@testable import CircleGeo
import Foundation
import Testing

/// `Projection.forwardSplit` / `inverseSplit` (two halves at once, two PROJ objects) give every
/// point the bits one `forward` / `inverse` call gives.
@Suite struct ProjectionSplitTests {
    @Test func splitEqualsOneCall() throws {
        let crs = Projection.localMetric(centreLon: 121.5, centreLat: 31.2)
        let p = try Projection(from: "EPSG:4326", to: crs)
        var rng = SystemRandomNumberGenerator()
        let n = Projection.parallelMinimum + 12_345
        let lon = (0..<n).map { _ in 121.0 + Double.random(in: 0..<1, using: &rng) }
        let lat = (0..<n).map { _ in 30.8 + Double.random(in: 0..<0.8, using: &rng) }
        var (x1, y1) = (lon, lat), (x2, y2) = (lon, lat)
        try p.forward(&x1, &y1)
        try p.forwardSplit(&x2, &y2)
        #expect(x1.map(\.bitPattern) == x2.map(\.bitPattern) && y1.map(\.bitPattern) == y2.map(\.bitPattern))
        try p.inverse(&x1, &y1)
        try p.inverseSplit(&x2, &y2)
        #expect(x1.map(\.bitPattern) == x2.map(\.bitPattern) && y1.map(\.bitPattern) == y2.map(\.bitPattern))
        // Few points: one call.
        var (a, b) = (Array(lon.prefix(10)), Array(lat.prefix(10))), (c, d) = (a, b)
        try p.forwardSplit(&a, &b)
        try p.forward(&c, &d)
        #expect(a == c && b == d && a[0] != lon[0])
    }

    @Test func aFailingPointIsNamed() throws {
        let p = try Projection(from: "EPSG:4326", to: Projection.localMetric(centreLon: 121.5, centreLat: 31.2))
        let n = Projection.parallelMinimum + 2
        var lon = [Double](repeating: 121.5, count: n), lat = [Double](repeating: 31.2, count: n)
        lat[n - 7] = 200   // beyond the pole
        #expect(throws: ProjectionError.self) { try p.forwardSplit(&lon, &lat) }
        do { try p.forwardSplit(&lon, &lat) } catch let error as ProjectionError {
            #expect(error.description.contains("forward transformation failed for point #\(n - 7)"))
        }
    }
}
