@testable import CircleGeo
import Foundation
import Testing

/// PolygonSides, the exact point-in-polygon test of the consistency pass: wherever it answers,
/// it agrees with GEOS's prepared `contains` and `covers`; it refuses (nil) points on a ring.
@Suite struct PolygonSidesTests {
    typealias F = RasterFixtures
    typealias P = GapPropertyTests

    /// Seeded gap maps of every kind (written polygons: simplified, projected, rounded), probed at
    /// random points, cell corners, edge midpoints and the rings' own positions.
    @Test func agreesWithGEOSOnRandomGapMaps() throws {
        var answered = 0, refused = 0
        for seed in 1...160 as ClosedRange<UInt64> {
            var rng = F.Random(seed: seed &* 7919)
            let kind = P.Kind.allCases[Int(seed) % P.Kind.allCases.count]
            let columns = Int.random(in: 1...40, using: &rng), rows = Int.random(in: 1...40, using: &rng)
            let cells = P.raster(kind, columns: columns, rows: rows, rng: &rng)
            let cellSize = [50.0, 10, 2.5, 0.5][Int(seed) % 4]
            let traced = RasterPolygons.polygons(cells: cells, columns: columns, rows: rows)
            guard !traced.isEmpty else { continue }
            let grid = RasterGrid(originX: 0, originY: 0, cellSize: cellSize)
            let tolerance = seed % 3 == 0 ? 0 : 0.8 * cellSize
            let gaps = try GapGeometry.polygons(traced, grid: grid, simplifyTolerance: tolerance, inverseProjection: P.unproject)
            let polygons = gaps.polygons
            // Probes in metres, then longitude/latitude; plus the rings' own positions and midpoints.
            var xs: [Double] = [], ys: [Double] = []
            for _ in 0..<300 {
                xs.append(Double.random(in: -cellSize...(Double(columns + 1) * cellSize), using: &rng))
                ys.append(Double.random(in: -cellSize...(Double(rows + 1) * cellSize), using: &rng))
            }
            for _ in 0..<100 {
                let c = Double(Int.random(in: 0...columns, using: &rng)), r = Double(Int.random(in: 0...rows, using: &rng))
                let half = Bool.random(using: &rng) ? 0.5 : 0
                xs.append((c + half) * cellSize); ys.append(r * cellSize)
            }
            P.unproject(&xs, &ys)
            for polygon in polygons {
                for ring in polygon.rings {
                    for i in stride(from: 0, to: ring.lon.count - 1, by: 3) {
                        xs.append(ring.lon[i]); ys.append(ring.lat[i])
                        xs.append((ring.lon[i] + ring.lon[i + 1]) / 2); ys.append((ring.lat[i] + ring.lat[i + 1]) / 2)
                    }
                }
            }
            let sides = PolygonSides(polygons)
            let context = GEOSContext()
            let prepared = try #require(context.multiPolygon(polygons)?.prepared())
            for k in xs.indices {
                let point = try #require(context.point(x: xs[k], y: ys[k]))
                let contains = prepared.contains(point), covers = prepared.covers(point)
                guard let inside = sides.isInside(x: xs[k], y: ys[k]) else {
                    if k < 300 { refused += 1 }   // the random probes (the others lie on rings by design)
                    continue
                }
                if k < 300 { answered += 1 }
                #expect(inside == contains && inside == covers,
                        "seed \(seed): (\(xs[k]), \(ys[k])) inside \(inside), GEOS contains \(contains) covers \(covers)")
            }
        }
        // Almost every random probe gets an answer.
        #expect(answered > 20 * refused, "answered \(answered), refused \(refused)")
    }

    /// Points on a ring (a vertex, an edge) are refused; clear points inside a hole are outside;
    /// nested polygons alternate.
    @Test func boundaryHolesAndNesting() throws {
        func square(_ x0: Double, _ y0: Double, _ side: Double) -> AreaRing {
            AreaRing(lon: [x0, x0 + side, x0 + side, x0, x0], lat: [y0, y0, y0 + side, y0 + side, y0])
        }
        let sides = PolygonSides([AreaPolygon(rings: [square(0, 0, 10), square(2, 2, 6)]),
                                  AreaPolygon(rings: [square(4, 4, 2)])])
        #expect(sides.isInside(x: 1.2, y: 0.7) == true)
        #expect(sides.isInside(x: 3.1, y: 2.6) == false) // in the hole
        #expect(sides.isInside(x: 5.3, y: 4.6) == true) // the island in the hole
        #expect(sides.isInside(x: 11, y: 5) == false)
        #expect(sides.isInside(x: -1, y: 5) == false)
        #expect(sides.isInside(x: 0, y: 5) == nil)      // on the shell's edge
        #expect(sides.isInside(x: 2, y: 2) == nil)      // a hole's corner
        #expect(sides.isInside(x: 5, y: 4) == nil)      // the island's edge
        #expect(PolygonSides([]).isInside(x: 0, y: 0) == false)
    }

    /// wrongSide gives what GEOS alone gives, on gap maps and points of both sides.
    @Test func wrongSideMatchesGEOS() throws {
        for seed in 1...100 as ClosedRange<UInt64> {
            var rng = F.Random(seed: seed &+ 1000)
            let kind = P.Kind.allCases[Int(seed) % P.Kind.allCases.count]
            let columns = Int.random(in: 2...30, using: &rng), rows = Int.random(in: 2...30, using: &rng)
            let cells = P.raster(kind, columns: columns, rows: rows, rng: &rng)
            let traced = RasterPolygons.polygons(cells: cells, columns: columns, rows: rows)
            guard !traced.isEmpty else { continue }
            let gaps = try GapGeometry.polygons(traced, grid: RasterGrid(originX: 0, originY: 0, cellSize: 10),
                                                simplifyTolerance: 8, inverseProjection: P.unproject)
            var xs = (0..<200).map { _ in Double.random(in: 0...(Double(columns) * 10), using: &rng) }
            var ys = (0..<200).map { _ in Double.random(in: 0...(Double(rows) * 10), using: &rng) }
            // Some exactly on cell corners.
            for k in 0..<40 { xs[k] = (xs[k] / 10).rounded() * 10; ys[k] = (ys[k] / 10).rounded() * 10 }
            P.unproject(&xs, &ys)
            let points = xs.indices.map { k in
                GapGeometry.SidedPoint(lon: GapGeometry.writtenDegrees(xs[k]), lat: GapGeometry.writtenDegrees(ys[k]),
                                       x: 0, y: 0, inside: Bool.random(using: &rng))
            }
            let context = GEOSContext()
            let prepared = try #require(context.multiPolygon(gaps.polygons)?.prepared())
            let expected = try points.indices.filter { k in
                let point = try #require(context.point(x: points[k].lon, y: points[k].lat))
                return points[k].inside ? !prepared.contains(point) : prepared.covers(point)
            }
            #expect(try GapGeometry.wrongSide(gaps, points) == expected, "seed \(seed)")
        }
    }
}
