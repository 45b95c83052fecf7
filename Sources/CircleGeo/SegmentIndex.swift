import CircleGraph
import Foundation

/// A uniform grid over the segments of a network's edge shapes, for nearest-segment queries.
///
/// The grid lives in a ``LocalPlane`` at the network's centre; each cell lists every segment whose
/// bounding box touches it (cell → segment lists in CSR form).
public struct SegmentIndex: Sendable {
    /// The plane of the grid.
    public let plane: LocalPlane
    /// Cell side in metres.
    public let cellSize: Double
    let minX: Double, minY: Double
    let columns: Int, rows: Int
    /// Lower bound of (query-plane metres / grid-plane metres) over the indexed area.
    let frameScale: Double
    let cellStart: [UInt32]
    let entryEdge: [UInt32]
    let entrySegment: [UInt32]

    /// Indexes every segment of `edges`.
    ///
    /// - Complexity: O(segments × cells each covers).
    public init(edges: EdgeTable, cellSize: Double = 100) {
        precondition(cellSize > 0)
        let lons = edges.shapeLon, lats = edges.shapeLat
        let bounds = Self.bounds(lons, lats)
        plane = LocalPlane(lon0: (bounds.minLon + bounds.maxLon) / 2, lat0: (bounds.minLat + bounds.maxLat) / 2)
        self.cellSize = cellSize
        let lo = plane.project(lon: bounds.minLon, lat: bounds.minLat)
        let hi = plane.project(lon: bounds.maxLon, lat: bounds.maxLat)
        minX = lo.x
        minY = lo.y
        columns = max(1, Int(((hi.x - lo.x) / cellSize).rounded(.down)) + 1)
        rows = max(1, Int(((hi.y - lo.y) / cellSize).rounded(.down)) + 1)
        let c0 = cos(plane.lat0 * Geodesy.radiansPerDegree)
        let cMin = min(cos(bounds.minLat * Geodesy.radiansPerDegree), cos(bounds.maxLat * Geodesy.radiansPerDegree))
        frameScale = min(1, cMin / max(c0, 1e-9))

        let grid = Grid(plane: plane, minX: minX, minY: minY, cellSize: cellSize, columns: columns, rows: rows)
        // Two passes: count entries per cell, then fill.
        var count = [UInt32](repeating: 0, count: columns * rows + 1)
        var cells: [(Int, Int, Int, Int)] = []
        cells.reserveCapacity(max(0, lons.count - edges.count))
        for e in 0..<edges.count {
            let r = edges.shape(of: e)
            for p in r.lowerBound..<max(r.lowerBound, r.upperBound - 1) {
                let box = grid.box(lons[p], lats[p], lons[p + 1], lats[p + 1])
                cells.append(box)
                for cy in box.1...box.3 { for cx in box.0...box.2 { count[cy * columns + cx + 1] += 1 } }
            }
        }
        for i in 0..<(columns * rows) { count[i + 1] += count[i] }
        var fill = count
        var entryEdge = [UInt32](repeating: 0, count: Int(count.last!))
        var entrySegment = [UInt32](repeating: 0, count: Int(count.last!))
        var k = 0
        for e in 0..<edges.count {
            let r = edges.shape(of: e)
            for p in r.lowerBound..<max(r.lowerBound, r.upperBound - 1) {
                let box = cells[k]
                k += 1
                for cy in box.1...box.3 {
                    for cx in box.0...box.2 {
                        let slot = Int(fill[cy * columns + cx])
                        fill[cy * columns + cx] += 1
                        entryEdge[slot] = UInt32(e)
                        entrySegment[slot] = UInt32(p - r.lowerBound)
                    }
                }
            }
        }
        cellStart = count
        self.entryEdge = entryEdge
        self.entrySegment = entrySegment
    }

    /// The grid cell of a point, possibly outside the grid.
    func cell(lon: Double, lat: Double) -> (Int, Int) {
        Grid(plane: plane, minX: minX, minY: minY, cellSize: cellSize, columns: columns, rows: rows)
            .cell(lon: lon, lat: lat)
    }

    /// The geometry of the grid, apart from its contents.
    struct Grid {
        let plane: LocalPlane
        let minX: Double, minY: Double, cellSize: Double
        let columns: Int, rows: Int

        func cell(lon: Double, lat: Double) -> (Int, Int) {
            let p = plane.project(lon: lon, lat: lat)
            return (Int(((p.x - minX) / cellSize).rounded(.down)), Int(((p.y - minY) / cellSize).rounded(.down)))
        }

        /// The clamped cell range covered by a segment's bounding box.
        func box(_ lon1: Int32, _ lat1: Int32, _ lon2: Int32, _ lat2: Int32) -> (Int, Int, Int, Int) {
            let a = cell(lon: Geodesy.degrees(lon1), lat: Geodesy.degrees(lat1))
            let b = cell(lon: Geodesy.degrees(lon2), lat: Geodesy.degrees(lat2))
            func cx(_ v: Int) -> Int { min(max(v, 0), columns - 1) }
            func cy(_ v: Int) -> Int { min(max(v, 0), rows - 1) }
            return (cx(min(a.0, b.0)), cy(min(a.1, b.1)), cx(max(a.0, b.0)), cy(max(a.1, b.1)))
        }
    }

    /// Calls `body(edge, segment)` for every entry of cell (`cx`, `cy`); cells outside the grid are empty.
    func forEachEntry(cx: Int, cy: Int, _ body: (UInt32, UInt32) -> Void) {
        guard cx >= 0, cy >= 0, cx < columns, cy < rows else { return }
        let c = cy * columns + cx
        for i in Int(cellStart[c])..<Int(cellStart[c + 1]) { body(entryEdge[i], entrySegment[i]) }
    }

    /// The number of (cell, segment) entries.
    public var entryCount: Int { entryEdge.count }

    static func bounds(_ lons: [Int32], _ lats: [Int32])
        -> (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        guard let x0 = lons.min(), let x1 = lons.max(), let y0 = lats.min(), let y1 = lats.max() else {
            return (0, 0, 0, 0)
        }
        return (Geodesy.degrees(x0), Geodesy.degrees(y0), Geodesy.degrees(x1), Geodesy.degrees(y1))
    }
}
