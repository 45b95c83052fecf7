@testable import CircleGeo
import Foundation
import Testing

@Suite struct RasterPolygonsTests {
    typealias F = RasterFixtures

    static func trace(_ lines: [String]) -> [RasterPolygon] {
        let r = F.raster(lines)
        return RasterPolygons.polygons(cells: r.cells, columns: r.columns, rows: r.rows)
    }

    static func corners(_ list: [(Int, Int)]) -> [RasterCorner] { list.map { RasterCorner(x: $0.0, y: $0.1) } }

    /// Every ring simple, axis-parallel and free of collinear corners; exteriors CCW, holes CW;
    /// the whole set valid in GEOS.
    static func checkShape(_ polygons: [RasterPolygon], _ label: String = "") {
        for (i, p) in polygons.enumerated() {
            #expect(F.ringProblem(p.exterior) == nil, "\(label) polygon \(i) exterior: \(F.ringProblem(p.exterior)!)")
            #expect(RasterPolygons.doubleSignedArea(p.exterior) > 0, "\(label) polygon \(i) exterior not CCW")
            for hole in p.holes {
                #expect(F.ringProblem(hole) == nil, "\(label) polygon \(i) hole: \(F.ringProblem(hole) ?? "")")
                #expect(RasterPolygons.doubleSignedArea(hole) < 0, "\(label) polygon \(i) hole not CW")
            }
        }
        let problem = F.validityProblem(F.areaPolygons(polygons))
        #expect(problem == nil, "\(label) GEOS: \(problem ?? "")")
    }

    @Test func emptyAndAllUnset() {
        #expect(RasterPolygons.polygons(cells: [], columns: 0, rows: 0).isEmpty)
        #expect(RasterPolygons.polygons(cells: [false, false, false], columns: 3, rows: 1).isEmpty)
    }

    @Test func singleCell() {
        let polygons = Self.trace(["#"])
        #expect(polygons == [RasterPolygon(exterior: Self.corners([(1, 0), (1, 1), (0, 1), (0, 0), (1, 0)]))])
        #expect(polygons[0].cellCount == 1)
        Self.checkShape(polygons)
    }

    @Test func fullRasterIsOneRectangle() {
        let polygons = RasterPolygons.polygons(cells: Array(repeating: true, count: 12), columns: 4, rows: 3)
        #expect(polygons.count == 1)
        #expect(Set(polygons[0].exterior) == Set(Self.corners([(0, 0), (4, 0), (4, 3), (0, 3)])))
        #expect(polygons[0].exterior.count == 5 && polygons[0].holes.isEmpty && polygons[0].cellCount == 12)
    }

    @Test func lShape() {
        let polygons = Self.trace(["#.",
                                   "##"])
        #expect(polygons.count == 1)
        #expect(polygons[0].exterior.count == 7)   // 6 corners, closed
        #expect(Set(polygons[0].exterior) == Set(Self.corners([(0, 0), (2, 0), (2, 1), (1, 1), (1, 2), (0, 2)])))
        #expect(polygons[0].cellCount == 3 && polygons[0].holes.isEmpty)
        Self.checkShape(polygons)
    }

    @Test func squareWithHole() {
        let polygons = Self.trace(["###",
                                   "#.#",
                                   "###"])
        #expect(polygons.count == 1)
        let p = polygons[0]
        #expect(Set(p.exterior) == Set(Self.corners([(0, 0), (3, 0), (3, 3), (0, 3)])) && p.exterior.count == 5)
        #expect(p.holes.count == 1)
        #expect(Set(p.holes[0]) == Set(Self.corners([(1, 1), (2, 1), (2, 2), (1, 2)])) && p.holes[0].count == 5)
        #expect(RasterPolygons.doubleSignedArea(p.exterior) == 18 && RasterPolygons.doubleSignedArea(p.holes[0]) == -2)
        #expect(p.cellCount == 8)
        Self.checkShape(polygons)
    }

    /// The documented rule: cells touching only at a corner are separate polygons sharing that corner.
    @Test func diagonalCellsAreSeparatePolygons() {
        for lines in [[".#", "#."], ["#.", ".#"]] {
            let polygons = Self.trace(lines)
            #expect(polygons.count == 2)
            #expect(polygons.allSatisfy { $0.cellCount == 1 && $0.exterior.count == 5 && $0.holes.isEmpty })
            // The cell in row 0 comes first; the two squares share the corner (1, 1).
            #expect(polygons[0].exterior.allSatisfy { $0.y <= 1 } && polygons[1].exterior.allSatisfy { $0.y >= 1 })
            #expect(polygons.allSatisfy { $0.exterior.contains(RasterCorner(x: 1, y: 1)) })
            Self.checkShape(polygons)
        }
    }

    @Test func checkerboard() {
        let lines = (0..<6).map { r in String((0..<6).map { c in (r + c) % 2 == 0 ? "#" : "." }) }
        let polygons = Self.trace(lines)
        #expect(polygons.count == 18)
        #expect(polygons.allSatisfy { $0.cellCount == 1 && $0.exterior.count == 5 })
        Self.checkShape(polygons)
    }

    /// A ring of cells whose gap is a diagonal pinch: the outline would touch itself, so the inside
    /// becomes a hole touching the exterior at the pinch corner (2, 1).
    @Test func pinchedBayBecomesTouchingHole() {
        let polygons = Self.trace(["###",
                                   "#.#",
                                   "##."])
        #expect(polygons.count == 1)
        #expect(polygons[0].holes.count == 1)
        #expect(polygons[0].holes[0].contains(RasterCorner(x: 2, y: 1)))
        #expect(polygons[0].exterior.contains(RasterCorner(x: 2, y: 1)))
        #expect(polygons[0].cellCount == 7)
        Self.checkShape(polygons)
    }

    /// Two holes meeting at a corner stay two holes that share it.
    @Test func diagonalHolesStayApart() {
        let polygons = Self.trace(["####",
                                   "#.##",
                                   "##.#",
                                   "####"])
        #expect(polygons.count == 1)
        #expect(polygons[0].holes.count == 2)
        Self.checkShape(polygons)
    }

    /// An island in a hole, touching the hole's rim at its four corners.
    @Test func islandInDiamondHole() {
        let polygons = Self.trace(["#####",
                                   "##.##",
                                   "#.#.#",
                                   "##.##",
                                   "#####"])
        #expect(polygons.count == 2)
        #expect(polygons[0].holes.count == 1 && polygons[0].cellCount == 20)
        #expect(polygons[1].cellCount == 1)
        Self.checkShape(polygons)
    }

    @Test func polygonsOrderedByFirstCell() {
        let polygons = Self.trace(["#..#",
                                   "....",
                                   ".#.."])
        // Row 0 is the bottom line: (1, 0) first, then (0, 2), then (3, 2).
        #expect(polygons.map { $0.exterior.map(\.x).min()! } == [1, 0, 3])
        #expect(polygons.map { $0.exterior.map(\.y).min()! } == [0, 2, 2])
    }

    /// 200 seeded random rasters: valid, exact area, every cell centre in the right place.
    @Test func randomRasters() {
        var rng = F.Random(seed: 7)
        for trial in 0..<200 {
            let columns = Int.random(in: 1...40, using: &rng), rows = Int.random(in: 1...40, using: &rng)
            let fill = trial < 150 ? 0.5 : Double.random(in: 0.1...0.9, using: &rng)
            let cells = F.noise(columns: columns, rows: rows, fill: fill, rng: &rng)
            let polygons = RasterPolygons.polygons(cells: cells, columns: columns, rows: rows)
            let label = "trial \(trial) (\(columns)×\(rows))"
            Self.checkShape(polygons, label)
            #expect(polygons.reduce(0) { $0 + $1.cellCount } == cells.filter { $0 }.count, "\(label) area")
            for r in 0..<rows {
                for c in 0..<columns {
                    let hits = polygons.filter { F.inside(Double(c) + 0.5, Double(r) + 0.5, $0) }.count
                    #expect(hits == (cells[r * columns + c] ? 1 : 0), "\(label) cell (\(c), \(r)) in \(hits) polygons")
                }
            }
        }
    }

    /// Not an assertion: how long a 2000 × 400 blobby raster takes (meaningful in release builds).
    @Test func timingLargeRaster() throws {
        var rng = F.Random(seed: 42)
        let columns = 2000, rows = 400
        let cells = F.blobs(columns: columns, rows: rows, fill: 0.4, maxRadius: 25, rng: &rng)
        let clock = ContinuousClock()
        var polygons: [RasterPolygon] = []
        let traceTime = clock.measure { polygons = RasterPolygons.polygons(cells: cells, columns: columns, rows: rows) }
        let grid = RasterGrid(originX: -50_000, originY: -10_000, cellSize: 50)
        let plane = LocalPlane(lon0: 121.5, lat0: 31.2)
        var gaps = GapPolygons.empty
        let gapTime = try clock.measure {
            gaps = try GapGeometry.polygons(polygons, grid: grid, simplifyTolerance: 40) { x, y in
                for i in x.indices { (x[i], y[i]) = plane.unproject(x: x[i], y: y[i]) }
            }
        }
        var writer = GeoJSONWriter()
        var bytes = 0
        let writeTime = try clock.measure {
            try writer.addPolygons(gaps.polygons, properties: ["item": "clinic", "cells": .int(cells.count)])
            bytes = writer.data.count
        }
        let set = cells.filter { $0 }.count
        let corners = polygons.reduce(0) { $0 + $1.exterior.count + $1.holes.reduce(0) { $0 + $1.count } }
        let kept = gaps.polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.lon.count } }
        print("""
            RasterPolygons timing \(columns)×\(rows), \(set) set cells: trace \(traceTime) \
            → \(polygons.count) polygons, \
            \(corners) corners; GapGeometry (simplify 40 m, valid, project) \(gapTime) → \(kept) positions, \
            repaired \(gaps.repaired), area \(Int(gaps.areaSquareMetres)) of \(Int(gaps.cellAreaSquareMetres)) m²; \
            GeoJSON \(writeTime), \(bytes) bytes
            """)
        #expect(polygons.reduce(0) { $0 + $1.cellCount } == set)
    }
}
