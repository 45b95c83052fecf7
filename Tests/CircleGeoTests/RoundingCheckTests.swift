@testable import CircleGeo
import Foundation
import Testing

/// The sufficient test that lets the gap maps skip GEOS's validity check after rounding to the
/// written 7 decimals: whenever it says "safe", GEOS finds the rounded set valid; it says "not
/// safe" for rings that come within centimetres, and "safe" for ordinary gap maps.
@Suite struct RoundingCheckTests {
    typealias F = RasterFixtures
    typealias P = GapPropertyTests

    /// Seeded rasters of every kind, simplified and projected: "safe" implies valid when rounded.
    @Test func safeMeansValidAfterRounding() throws {
        var safe = 0
        for seed in 1...150 as ClosedRange<UInt64> {
            var rng = F.Random(seed: seed)
            let kind = P.Kind.allCases[Int(seed) % P.Kind.allCases.count]
            let columns = Int.random(in: 1...50, using: &rng), rows = Int.random(in: 1...50, using: &rng)
            let cells = P.raster(kind, columns: columns, rows: rows, rng: &rng)
            let cellSize = [50.0, 10, 2.5, 0.5][Int(seed) % 4]
            let traced = RasterPolygons.polygons(cells: cells, columns: columns, rows: rows)
            guard !traced.isEmpty else { continue }
            let grid = RasterGrid(originX: 0, originY: 0, cellSize: cellSize)
            let tolerance = seed % 2 == 0 ? 0 : 0.8 * cellSize
            let gaps = try GapGeometry.polygons(traced, grid: grid, simplifyTolerance: tolerance, inverseProjection: P.unproject)
            var lon = gaps.metricPolygons.flatMap { $0.rings.flatMap(\.lon) }, lat = gaps.metricPolygons.flatMap { $0.rings.flatMap(\.lat) }
            P.unproject(&lon, &lat)
            var k = 0
            let projected = gaps.metricPolygons.map { p in
                AreaPolygon(rings: p.rings.map { ring in
                    defer { k += ring.lon.count }
                    return AreaRing(lon: Array(lon[k..<(k + ring.lon.count)]), lat: Array(lat[k..<(k + ring.lon.count)]))
                })
            }
            if RoundingCheck.roundingIsSafe(projected) {
                safe += 1
                let problem = F.validityProblem(projected.map(GapGeometry.rounded))
                #expect(problem == nil, "seed \(seed): said safe, but rounded: \(problem ?? "")")
            }
            #expect(F.validityProblem(gaps.polygons) == nil, "seed \(seed): written polygons invalid")
        }
        // Ordinary maps (cells of 2.5 m and more) pass the test; tiny cells may not.
        #expect(safe >= 75, "only \(safe) of 150 maps passed the rounding test")
    }

    /// Rings a few centimetres apart, or a hole's corner on its shell's edge: not safe.
    @Test func closeRingsAreNotSafe() {
        func square(_ x0: Double, _ y0: Double, _ side: Double) -> AreaRing {
            AreaRing(lon: [x0, x0 + side, x0 + side, x0, x0], lat: [y0, y0, y0 + side, y0 + side, y0])
        }
        let apart = [AreaPolygon(rings: [square(0, 0, 0.001)]), AreaPolygon(rings: [square(0.001 + 2e-7, 0, 0.001)])]
        #expect(!RoundingCheck.roundingIsSafe(apart))
        let far = [AreaPolygon(rings: [square(0, 0, 0.001)]), AreaPolygon(rings: [square(0.002, 0, 0.001)])]
        #expect(RoundingCheck.roundingIsSafe(far))
        // A diamond hole whose west corner touches the shell's west edge.
        let hole = AreaRing(lon: [0, 0.0005, 0.001, 0.0005, 0], lat: [0.001, 0.0015, 0.001, 0.0005, 0.001])
        #expect(!RoundingCheck.roundingIsSafe([AreaPolygon(rings: [square(0, 0, 0.002), hole])]))
        // Diagonal neighbours sharing a corner position exactly: safe.
        let corner = [AreaPolygon(rings: [square(0, 0, 0.001)]), AreaPolygon(rings: [square(0.001, 0.001, 0.001)])]
        #expect(RoundingCheck.roundingIsSafe(corner))
    }
}
