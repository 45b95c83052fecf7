@testable import CircleEngine
import CircleCatalog
import CircleGeo
import CircleGraph
import Foundation
import Testing

/// Issue 14 §4: with the local consistency repair, every origin's own cell still shows the
/// origin's result (a missing origin wins a shared cell), and every origin lies on its side of the
/// written gap polygons, as `circle verify` reads them: random grids, origins (some sharing a
/// cell and disagreeing), results and cell times, many seeds.
@Suite struct GapOriginCellTests {
    /// SplitMix64: reproducible across platforms.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func inputs(seed: UInt64) throws -> GapMaps.Inputs {
        var rng = Random(state: seed)
        let crs = Projection.localMetric(centreLon: 121.5, centreLat: 31.2)
        let projection = try Projection(from: "EPSG:4326", to: crs)
        let columns = Int.random(in: 8...40, using: &rng), rows = Int.random(in: 8...40, using: &rng), size = 50.0
        let grid = try CellGrid(minX: -Double(columns) * size / 2, minY: -Double(rows) * size / 2, size: size,
                                columns: columns, rows: rows)
        // Origins anywhere; every fifth one shares its predecessor's cell, at least 1 m away.
        var ox: [Double] = [], oy: [Double] = []
        for k in 0..<Int.random(in: 20...200, using: &rng) {
            if k % 5 == 4, let x = ox.last, let y = oy.last, let c = grid.cell(x: x, y: y) {
                let (cx, cy) = grid.centre(c)
                ox.append(cx + (x < cx ? 20 : -20))
                oy.append(cy + Double.random(in: -20...20, using: &rng))
            } else {
                ox.append(grid.minX + Double.random(in: 0.5..<(Double(columns) * size - 0.5), using: &rng))
                oy.append(grid.minY + Double.random(in: 0.5..<(Double(rows) * size - 0.5), using: &rng))
            }
        }
        var lon = ox, lat = oy
        try projection.inverse(&lon, &lat)
        let origins = lon.indices.map { k in
            Origin(id: "o\(k)", name: "o\(k)", kind: .residential, areaClass: "urban", areaClassSource: "catalog",
                   subdistrict: "s\(k % 3)", population: 100, lon: lon[k], lat: lat[k], mode: .walk, location: "line \(k + 2)")
        }
        let cells = Array(0..<grid.count)
        var clon = cells.map { grid.centre($0).x }, clat = cells.map { grid.centre($0).y }
        try projection.inverse(&clon, &clat)
        let territory = cells.map { c -> Int in
            let (x, y) = grid.centre(c)
            return ox.indices.min { hypot(ox[$0] - x, oy[$0] - y) < hypot(ox[$1] - x, oy[$1] - y) }!
        }
        let study = GapStudy(metricCRS: crs, grid: grid, cells: cells, lon: clon, lat: clat, territory: territory,
                             originCell: origins.indices.map { grid.cell(x: ox[$0], y: oy[$0]) })
        let items = [Item(id: "a", domain: "d", nameZh: "甲", nameEn: "A", reachMinutes: 15),
                     Item(id: "b", domain: "d", nameZh: "乙", nameEn: "B", reachMinutes: 10)]
        // Cell times in smooth blobs (realistic boundaries) with noise; origin results mostly
        // agreeing with their cell, sometimes not; item b does not apply to some origins.
        let centres = (0..<4).map { _ in (Double.random(in: 0..<Double(columns), using: &rng), Double.random(in: 0..<Double(rows), using: &rng)) }
        let cellMinutes = items.indices.map { i in
            cells.map { c -> Float in
                let col = Double(c % columns), row = Double(c / columns)
                let d = centres.map { hypot($0.0 - col, $0.1 - row) }.min()!
                return Float(d * (i == 0 ? 1.5 : 2.5) + Double.random(in: -3...3, using: &rng))
            }
        }
        var covered: [[Bool?]] = [], applies: [[Bool]] = []
        for o in origins.indices {
            let c = study.originCell[o]!
            let row = items.indices.map { i -> Bool? in
                if i == 1 && o % 7 == 3 { return nil }
                let fromCell = cellMinutes[i][c] <= Float(items[i].reachMinutes)
                return Int.random(in: 0..<6, using: &rng) == 0 ? !fromCell : fromCell
            }
            covered.append(row)
            applies.append(row.map { $0 != nil })
        }
        return GapMaps.Inputs(study: study, origins: origins, items: items, applies: applies, covered: covered,
                              cellMinutes: GapMaps.CellMinutes(cellMinutes), simplifyTolerance: 40)
    }

    @Test(arguments: Array(1...24) as [UInt64])
    func everyOriginsCellAndSideAgreeWithItsResult(seed: UInt64) throws {
        let input = try Self.inputs(seed: seed)
        let shared = GapMaps.SharedCells(input)
        for i in input.items.indices {
            let gap = GapMaps.raster(item: i, input)
            for (o, cell) in input.study.originCell.enumerated() {
                guard let k = cell, let covered = input.covered[o][i] else { continue }
                let c = input.study.cells[k]
                let sharing = input.origins.indices.filter { input.study.originCell[$0] == k && input.covered[$0][i] != nil }
                let anyMissing = sharing.contains { input.covered[$0][i] == false }
                #expect(gap[c] == anyMissing, "seed \(seed) item \(i): the cell of origin \(o) shows gap \(gap[c])")
                if !shared.crowded[o] { #expect(gap[c] == !covered) }
            }
            let map = try GapMaps.map(item: i, input, shared: shared)
            let polygons = map.polygons.polygons
            let locator = polygons.isEmpty ? nil : AreaLocator(try AreaSet(features: [AreaFeature(index: 0, polygons: polygons)]))
            for (o, origin) in input.origins.enumerated() {
                guard let covered = input.covered[o][i] else { continue }
                let inside = locator?.locate(lon: origin.lon, lat: origin.lat) != nil
                #expect(inside == !covered, "seed \(seed) item \(i): origin \(o) (covered \(covered)) lies \(inside ? "inside" : "outside") the gap")
            }
            // The figures count the raster's gap cells.
            #expect(map.cells == input.study.cells.filter { gap[$0] }.count)
        }
    }
}
