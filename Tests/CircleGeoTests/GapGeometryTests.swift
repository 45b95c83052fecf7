@testable import CircleGeo
import Foundation
import Testing

@Suite struct GapGeometryTests {
    typealias F = RasterFixtures
    static let plane = LocalPlane(lon0: 121.5, lat0: 31.2)
    static let grid = RasterGrid(originX: -1_000, originY: -800, cellSize: 50)

    static func unproject(_ x: inout [Double], _ y: inout [Double]) {
        for i in x.indices { (x[i], y[i]) = plane.unproject(x: x[i], y: y[i]) }
    }

    /// Exteriors CCW and holes CW in lon/lat, every ring closed.
    static func checkWinding(_ polygons: [AreaPolygon], _ label: String) {
        for (i, p) in polygons.enumerated() {
            for (r, ring) in p.rings.enumerated() {
                let area = GapGeometry.signedArea(ring)
                #expect(r == 0 ? area > 0 : area < 0, "\(label) polygon \(i) ring \(r) winding \(area)")
                #expect(ring.lon.first == ring.lon.last && ring.lat.first == ring.lat.last && ring.lon.count >= 4)
            }
        }
    }

    @Test func squareWithHoleUnsimplified() throws {
        let raster = F.raster(["###", "#.#", "###"])
        let traced = RasterPolygons.polygons(cells: raster.cells, columns: raster.columns, rows: raster.rows)
        let gaps = try GapGeometry.polygons(traced, grid: Self.grid, simplifyTolerance: 0,
                                            inverseProjection: Self.unproject)
        #expect(gaps.polygons.count == 1 && gaps.polygons[0].rings.count == 2)
        #expect(gaps.cellAreaSquareMetres == 8 * 2_500)
        #expect(abs(gaps.areaSquareMetres - 20_000) < 1e-6)
        #expect(!gaps.repaired)
        Self.checkWinding(gaps.polygons, "square")
        // The south-west corner of the raster maps to the grid origin, rounded to the 7 decimals written.
        let sw = Self.plane.unproject(x: -1_000, y: -800)
        #expect(gaps.polygons[0].rings[0].lon.min()! == GapGeometry.writtenDegrees(sw.lon)
                && gaps.polygons[0].rings[0].lat.min()! == GapGeometry.writtenDegrees(sw.lat))
        // Valid in lon/lat too: AreaSet runs GEOSisValid_r.
        _ = try AreaSet(features: [AreaFeature(index: 0, polygons: gaps.polygons)])
    }

    @Test func emptyRaster() throws {
        let gaps = try GapGeometry.polygons([], grid: Self.grid, simplifyTolerance: 25,
                                            inverseProjection: Self.unproject)
        #expect(gaps == .empty)
    }

    /// Blobby and noisy rasters: simplification stays valid, keeps the area within a few per cent
    /// and drops corners; the lon/lat result is valid and RFC 7946 wound.
    @Test(arguments: [(1, 0.35), (2, 0.5), (3, 0.6), (4, 0.45)])
    func simplificationKeepsValidityAndArea(seed: Int, fill: Double) throws {
        var rng = F.Random(seed: UInt64(seed))
        let columns = 160, rows = 120
        var cells = F.blobs(columns: columns, rows: rows, fill: fill, maxRadius: 12, rng: &rng)
        if seed == 4 { cells = F.noise(columns: columns, rows: rows, fill: fill, rng: &rng) }
        let traced = RasterPolygons.polygons(cells: cells, columns: columns, rows: rows)
        for tolerance in [0.0, 25.0, 50.0] {
            let gaps = try GapGeometry.polygons(traced, grid: Self.grid, simplifyTolerance: tolerance,
                                                inverseProjection: Self.unproject)
            let label = "seed \(seed) tolerance \(tolerance)"
            let exact = Double(cells.filter { $0 }.count) * 2_500
            #expect(gaps.cellAreaSquareMetres == exact)
            let drift = abs(gaps.areaSquareMetres - exact) / exact
            #expect(drift < (seed == 4 ? 0.08 : 0.03), "\(label): area \(gaps.areaSquareMetres) vs \(exact)")
            if tolerance == 0 { #expect(abs(gaps.areaSquareMetres - exact) < 1e-3 * exact) }
            #expect(F.validityProblem(gaps.metricPolygons) == nil, "\(label) metric")
            #expect(F.validityProblem(gaps.polygons) == nil, "\(label) lon/lat")
            Self.checkWinding(gaps.polygons, label)
            if tolerance > 0 {
                let before = traced.reduce(0) { $0 + $1.exterior.count + $1.holes.reduce(0) { $0 + $1.count } }
                let after = gaps.polygons.reduce(0) { $0 + $1.rings.reduce(0) { $0 + $1.lon.count } }
                #expect(after < before, "\(label): \(after) positions, \(before) before")
            }
        }
    }

    /// A projection that mirrors x: rings come out of it clockwise, and are turned back.
    @Test func windingFixedAfterMirroringProjection() throws {
        let traced = RasterPolygons.polygons(cells: F.raster(["###", "#.#", "###"]).cells, columns: 3, rows: 3)
        let gaps = try GapGeometry.polygons(traced, grid: Self.grid, simplifyTolerance: 0) { x, y in
            Self.unproject(&x, &y)
            for i in x.indices { x[i] = 243 - x[i] }
        }
        Self.checkWinding(gaps.polygons, "mirrored")
    }

    @Test func badProjectionThrows() {
        let traced = RasterPolygons.polygons(cells: [true], columns: 1, rows: 1)
        #expect(throws: GapGeometryError.self) {
            try GapGeometry.polygons(traced, grid: Self.grid, simplifyTolerance: 0) { x, _ in x[0] = .infinity }
        }
        #expect(throws: GapGeometryError.self) {
            try GapGeometry.polygons(traced, grid: Self.grid, simplifyTolerance: 0) { x, _ in x.removeLast() }
        }
    }
}
