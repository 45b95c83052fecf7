import CircleCatalog
import CircleGeo
import CircleGraph
import CircleSupport
import Foundation

/// One item's gap map: its polygons and the figures planners read off them.
struct GapMap: Sendable {
    var item: Item
    var polygons: GapPolygons
    var cells: Int
    var modes: [String]
    var subdistricts: [String]
    /// Residents of the origins that miss the item (they stand in the gap); nil when no origin has a population.
    var population: Double?
}

/// Builds each item's gap raster from the cells' times, with every origin's own cell taking the
/// origin's result, and turns it into polygons (SPEC §7).
enum GapMaps {
    struct Inputs: Sendable {
        var study: GapStudy
        var origins: [Origin]
        var items: [Item]
        /// `applies[origin][item]`.
        var applies: [[Bool]]
        /// `covered[origin][item]`: nil when the item does not apply.
        var covered: [[Bool?]]
        /// Each item's minutes per cell, `.infinity` when unreachable within the horizon or unsnapped.
        var cellMinutes: CellMinutes
        var simplifyTolerance: Double
    }

    /// The cells' listed minutes of the items to draw, made for one item at a time when its map is
    /// drawn: a table of them for every item at once would be cells × items floats (0.4 GB for
    /// 3 million cells and 33 items) beside the searches' own rows.
    struct CellMinutes: Sendable {
        private let table: [[Float]]?
        private let centimetres: [[UInt32]]
        private let first: Int
        private let speed: [Double]

        /// Minutes given per item and cell.
        init(_ table: [[Float]]) {
            self.table = table
            centimetres = []
            first = 0
            speed = []
        }

        /// From the searches' rows (`centimetres[item][first + cell]`, `UInt32.max` when not
        /// reached) and each cell's speed in metres a minute: listed minutes, rounded up as an
        /// origin's are (so a cell is a gap by the same rule as an origin's coverage).
        init(centimetres: [[UInt32]], first: Int, speed: [Double]) {
            table = nil
            self.centimetres = centimetres
            self.first = first
            self.speed = speed
        }

        /// Item `i`'s minutes, cell by cell.
        func row(_ i: Int) -> [Float] {
            if let table { return table[i] }
            let row = centimetres[i]
            return speed.indices.map { k in
                row[first + k] == .max ? .infinity : Float(ListedMinutes.roundedUp(Double(row[first + k]) / 100 / speed[k]))
            }
        }
    }

    /// The gap maps of the items at `indices` (all by default), in parallel.
    static func build(_ input: Inputs, indices: [Int]? = nil) throws -> [Int: GapMap] {
        let wanted = indices ?? Array(input.items.indices)
        let results = ResultSlots<Result<GapMap, Error>>(count: wanted.count)
        let shared = SharedCells(input)
        let projections = ProjectionPool(to: input.study.metricCRS)
        DispatchQueue.concurrentPerform(iterations: wanted.count) { k in
            results.store(k, Result {
                do { return try map(item: wanted[k], input, shared: shared, projections: projections) } catch let error as GapGeometryError {
                    // One item's geometry fails the run (exit 70, previous outputs untouched), naming the item.
                    let id = input.items[wanted[k]].id
                    throw error.description.contains(id) ? error : GapGeometryError("the gap map of \(id): \(error.description)")
                }
            })
        }
        var out: [Int: GapMap] = [:]
        for (k, r) in results.values.enumerated() { out[wanted[k]] = try r!.get() }
        return out
    }

    /// What every item's map shares: whether each origin shares its study cell with another origin,
    /// and the origins in the metric projection.
    struct SharedCells: Sendable {
        /// `crowded[origin]`: its cell holds another origin too (false when it has no cell).
        let crowded: [Bool]
        /// Every origin in the study's metric projection (projected once, not once per item); nil
        /// when the projection fails, which the consistency pass then reports.
        let projected: (x: [Double], y: [Double])?

        init(_ input: Inputs) {
            var perCell = [UInt8](repeating: 0, count: input.study.cells.count)
            for case let k? in input.study.originCell { perCell[k] = perCell[k] == 0 ? 1 : 2 }
            crowded = input.study.originCell.map { k in k.map { perCell[$0] > 1 } ?? false }
            var xs = input.origins.map(\.lon), ys = input.origins.map(\.lat)
            if let projection = try? Projection(from: "EPSG:4326", to: input.study.metricCRS),
               (try? projection.forward(&xs, &ys)) != nil {
                projected = (xs, ys)
            } else {
                projected = nil
            }
        }
    }

    /// The gap cells of one item over the whole grid.
    static func raster(item i: Int, _ input: Inputs) -> [Bool] {
        let study = input.study, reach = Float(input.items[i].reachMinutes)
        var gap = [Bool](repeating: false, count: study.grid.count)
        let minutes = input.cellMinutes.row(i)
        gap.withUnsafeMutableBufferPointer { gap in
            for (k, c) in study.cells.enumerated() {
                let o = study.territory[k]
                guard input.applies[o][i] else { continue }
                // Both sides as Float: the listed minutes were stored as Float, and rounding is monotonic, so
                // a cell listed at exactly the reach (12.300 for a reach of 12.3) is covered, as an origin is.
                gap[c] = minutes[k] > reach
            }
        }
        // An origin's own cell shows the origin's result; if origins sharing a cell disagree, a
        // missing one wins (the consistency pass then carves the covered one out).
        var fixed = [Bool](repeating: false, count: study.cells.count)
        for (o, cell) in input.study.originCell.enumerated() {
            guard let k = cell, let covered = input.covered[o][i] else { continue }
            let c = study.cells[k]
            gap[c] = fixed[k] ? (gap[c] || !covered) : !covered
            fixed[k] = true
        }
        return gap
    }

    static func map(item i: Int, _ input: Inputs) throws -> GapMap {
        try map(item: i, input, shared: SharedCells(input))
    }

    static func map(item i: Int, _ input: Inputs, shared: SharedCells, projections: ProjectionPool? = nil) throws -> GapMap {
        let study = input.study
        let gap = raster(item: i, input)
        let projection = try projections?.take() ?? Projection(from: "EPSG:4326", to: study.metricCRS)
        defer { projections?.give(projection) }
        let traced = RasterPolygons.polygons(cells: gap, columns: study.grid.columns, rows: study.grid.rows)
        var polygons = try GapGeometry.polygons(
            traced, grid: RasterGrid(originX: study.grid.minX, originY: study.grid.minY, cellSize: study.grid.size),
            simplifyTolerance: input.simplifyTolerance) { x, y in try projection.inverse(&x, &y) }
        polygons = try GapConsistency.enforce(polygons, item: i, input: input, candidates: nearBoundary(gap, item: i, input, shared: shared),
                                              projection: projection, projected: shared.projected)
        var holdsGap = [Bool](repeating: false, count: input.origins.count), cells = 0
        for (k, c) in study.cells.enumerated() where gap[c] {
            cells += 1
            holdsGap[study.territory[k]] = true
        }
        let territories = input.origins.indices.filter { holdsGap[$0] }.map { input.origins[$0] }
        let modes = Set(territories.map(\.mode.rawValue))
        let subdistricts = Set(territories.map(\.subdistrict).filter { !$0.isEmpty })
        let missing = input.origins.indices.filter { input.covered[$0][i] == false }
        let known = input.origins.contains { $0.population != nil }
        return GapMap(item: input.items[i], polygons: polygons, cells: cells, modes: modes.sorted(),
                      subdistricts: subdistricts.sorted(),
                      population: known ? missing.reduce(0) { $0 + (input.origins[$1].population ?? 0) } : nil)
    }
}

extension GapMaps {
    /// The origins the polygons might place on the wrong side: those outside the study area, those
    /// sharing a cell, and those within the simplification tolerance (plus a cell) of a change
    /// between gap and no gap. Simplification moves a boundary by at most its tolerance, so every
    /// other origin keeps the side its own cell gives it.
    static func nearBoundary(_ gap: [Bool], item i: Int, _ input: Inputs, shared: SharedCells) -> [Int] {
        let grid = input.study.grid
        let reach = Int((input.simplifyTolerance / grid.size).rounded(.up)) + 1
        return gap.withUnsafeBufferPointer { gap in
            input.origins.indices.filter { o in
                guard input.covered[o][i] != nil else { return false }
                guard let k = input.study.originCell[o] else { return true }
                if shared.crowded[o] { return true }
                let c = input.study.cells[k], col = c % grid.columns, row = c / grid.columns
                let own = gap[c]
                for r in max(0, row - reach)...min(grid.rows - 1, row + reach) {
                    let base = r * grid.columns
                    for q in max(0, col - reach)...min(grid.columns - 1, col + reach) where gap[base + q] != own {
                        return true
                    }
                }
                return false
            }
        }
    }
}
