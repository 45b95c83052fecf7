// Which cells of a gap grid belong to the study area (SPEC §7, revised 2026-12-04): cell centres
// within a walking access distance of the network's edges, computed exactly; and cells near
// residential land (a mask), computed with a distance transform.

/// Line segments in a metric plane, bucketed for "is any segment within D of this point?".
public struct SegmentBuckets: Sendable {
    public let x0: [Double], y0: [Double], x1: [Double], y1: [Double]
    let minX: Double, minY: Double, bucket: Double
    let columns: Int, rows: Int
    let start: [Int32]
    let members: [Int32]

    /// Buckets the segments (x0[i], y0[i])–(x1[i], y1[i]) in squares of `bucket` metres.
    public init(x0: [Double], y0: [Double], x1: [Double], y1: [Double], bucket: Double) {
        precondition(x0.count == y0.count && x0.count == x1.count && x0.count == y1.count && bucket > 0)
        (self.x0, self.y0, self.x1, self.y1, self.bucket) = (x0, y0, x1, y1, bucket)
        let (lx, ly, hx, hy) = Self.extent(x0: x0, y0: y0, x1: x1, y1: y1) ?? (0, 0, 0, 0)
        minX = lx
        minY = ly
        columns = Int((hx - lx) / bucket) + 1
        rows = Int((hy - ly) / bucket) + 1
        var count = [Int32](repeating: 0, count: columns * rows + 1)
        func range(_ i: Int) -> (Int, Int, Int, Int) {
            (Int((min(x0[i], x1[i]) - lx) / bucket), Int((min(y0[i], y1[i]) - ly) / bucket),
             Int((max(x0[i], x1[i]) - lx) / bucket), Int((max(y0[i], y1[i]) - ly) / bucket))
        }
        for i in x0.indices {
            let (c0, r0, c1, r1) = range(i)
            for r in r0...r1 { for c in c0...c1 { count[r * columns + c + 1] += 1 } }
        }
        for k in 0..<(columns * rows) { count[k + 1] += count[k] }
        var fill = count
        var members = [Int32](repeating: 0, count: Int(count.last!))
        for i in x0.indices {
            let (c0, r0, c1, r1) = range(i)
            for r in r0...r1 {
                for c in c0...c1 {
                    members[Int(fill[r * columns + c])] = Int32(i)
                    fill[r * columns + c] += 1
                }
            }
        }
        start = count
        self.members = members
    }

    /// The number of segments.
    public var count: Int { x0.count }

    /// The smallest and largest x and y of the segments' ends (nil without segments).
    public static func extent(x0: [Double], y0: [Double], x1: [Double], y1: [Double])
        -> (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        guard !x0.isEmpty else { return nil }
        var lx = Double.infinity, ly = Double.infinity, hx = -Double.infinity, hy = -Double.infinity
        for i in x0.indices {
            lx = min(lx, min(x0[i], x1[i])); hx = max(hx, max(x0[i], x1[i]))
            ly = min(ly, min(y0[i], y1[i])); hy = max(hy, max(y0[i], y1[i]))
        }
        return (lx, ly, hx, hy)
    }

    /// Whether some segment passes within `distance` metres of (x, y) (closed: exactly `distance` counts).
    public func any(within distance: Double, x: Double, y: Double) -> Bool {
        let c0 = max(0, Int(((x - distance - minX) / bucket).rounded(.down)))
        let c1 = min(columns - 1, Int(((x + distance - minX) / bucket).rounded(.down)))
        let r0 = max(0, Int(((y - distance - minY) / bucket).rounded(.down)))
        let r1 = min(rows - 1, Int(((y + distance - minY) / bucket).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return false }
        let d2 = distance * distance
        for r in r0...r1 {
            for c in c0...c1 {
                for m in Int(start[r * columns + c])..<Int(start[r * columns + c + 1]) {
                    let i = Int(members[m])
                    if Self.squaredDistance(x, y, x0[i], y0[i], x1[i], y1[i]) <= d2 { return true }
                }
            }
        }
        return false
    }

    /// Squared distance from (px, py) to the segment (ax, ay)–(bx, by).
    @inline(__always)
    static func squaredDistance(_ px: Double, _ py: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        let dx = bx - ax, dy = by - ay
        let length2 = dx * dx + dy * dy
        var t = length2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / length2 : 0
        t = min(1, max(0, t))
        let ex = ax + t * dx - px, ey = ay + t * dy - py
        return ex * ex + ey * ey
    }
}

/// Study-area rasters on a ``CellGrid``.
public enum StudyRaster {
    /// The cells whose centre lies within `distance` metres of a segment (exactly: closed, in the
    /// grid's plane).
    ///
    /// Cells the segments cross are marked (from points every half cell along each segment), an
    /// exact Euclidean distance transform over cell centres bounds every other cell's distance
    /// within ±(√2/2 + 1/4) cell, and only cells in that band (or within `distance` of the grid's
    /// border, for segments beyond it) are measured against the segments.
    ///
    /// - Complexity: O(cells + segment length / cell + band cells × nearby segments).
    public static func within(_ distance: Double, of segments: SegmentBuckets, grid: CellGrid) -> [Bool] {
        let s = grid.size
        var marked = [Bool](repeating: false, count: grid.count)
        for i in 0..<segments.count {
            let (ax, ay, bx, by) = (segments.x0[i], segments.y0[i], segments.x1[i], segments.y1[i])
            let n = max(1, Int((max(abs(bx - ax), abs(by - ay)) / (s / 2)).rounded(.up)))
            for j in 0...n {
                let t = Double(j) / Double(n)
                if let c = grid.cell(x: ax + t * (bx - ax), y: ay + t * (by - ay)) { marked[c] = true }
            }
        }
        let d2 = DistanceTransform.squared(marked: marked, columns: grid.columns, rows: grid.rows)
        marked = []
        let half = 0.5.squareRoot()
        let sure = distance / s - half, possible = distance / s + half + 0.25
        var inside = [Bool](repeating: false, count: grid.count)
        // Segments beyond the grid are not marked: cells that close to the border are measured.
        let border = Int((distance / s).rounded(.up))
        let columns = grid.columns, rows = grid.rows
        inside.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            ParallelRows.lines(rows) { row in
                for column in 0..<columns {
                    let c = row * columns + column
                    let d = d2[c].squareRoot()   // cells, to the nearest marked cell's centre
                    let nearBorder = column < border || row < border || columns - 1 - column < border || rows - 1 - row < border
                    if d <= sure {
                        out[c] = true
                    } else if d <= possible || nearBorder {
                        let (x, y) = grid.centre(c)
                        out[c] = segments.any(within: distance, x: x, y: y)
                    }
                }
            }
        }
        return inside
    }

    /// Marks the cells holding each point, then every cell whose centre is within `buffer`
    /// metres of a marked cell's centre (distance transform).
    public static func near(marked: [Bool], buffer: Double, grid: CellGrid) -> [Bool] {
        let d2 = DistanceTransform.squared(marked: marked, columns: grid.columns, rows: grid.rows)
        let limit = (buffer / grid.size) * (buffer / grid.size)
        return d2.map { $0 <= limit }
    }

    /// Marks, in `marked`, the cells whose centre lies inside the closed ring (even–odd rule) and
    /// the cells holding one of its positions (so that a building smaller than a cell still counts).
    public static func mark(ring xs: [Double], _ ys: [Double], on grid: CellGrid, into marked: inout [Bool]) {
        guard xs.count >= 3 else {
            for k in xs.indices { if let c = grid.cell(x: xs[k], y: ys[k]) { marked[c] = true } }
            return
        }
        for k in xs.indices { if let c = grid.cell(x: xs[k], y: ys[k]) { marked[c] = true } }
        guard let lx = xs.min(), let hx = xs.max(), let ly = ys.min(), let hy = ys.max() else { return }
        let s = grid.size
        let r0 = max(0, Int(((ly - grid.minY) / s - 0.5).rounded(.up)))
        let r1 = min(grid.rows - 1, Int(((hy - grid.minY) / s - 0.5).rounded(.down)))
        guard r0 <= r1 else { return }
        var crossings: [Double] = []
        for r in r0...r1 {
            let y = grid.minY + (Double(r) + 0.5) * s
            crossings.removeAll(keepingCapacity: true)
            for k in 0..<xs.count {
                let j = (k + 1) % xs.count
                let (ay, by) = (ys[k], ys[j])
                if (ay > y) != (by > y) { crossings.append(xs[k] + (y - ay) / (by - ay) * (xs[j] - xs[k])) }
            }
            crossings.sort()
            var p = 0
            while p + 1 < crossings.count {
                let c0 = max(0, Int(((crossings[p] - grid.minX) / s - 0.5).rounded(.up)))
                let c1 = min(grid.columns - 1, Int(((crossings[p + 1] - grid.minX) / s - 0.5).rounded(.down)))
                if c0 <= c1 { for c in c0...c1 { marked[r * grid.columns + c] = true } }
                p += 2
            }
        }
        _ = hx
        _ = lx
    }
}
