/// Nearest-point queries over a fixed set of points in a metric plane, by uniform buckets
/// searched ring by ring. Ties go to the lowest point index.
public struct NearestIndex: Sendable {
    let xs: [Double], ys: [Double]
    let minX: Double, minY: Double, bucket: Double
    let columns: Int, rows: Int
    let start: [Int32]
    let members: [Int32]

    /// Indexes `points` (their positions in the given arrays are the ids returned).
    public init(x xs: [Double], y ys: [Double]) {
        precondition(xs.count == ys.count)
        self.xs = xs
        self.ys = ys
        let x0 = xs.min() ?? 0, x1 = xs.max() ?? 0, y0 = ys.min() ?? 0, y1 = ys.max() ?? 0
        // About two points per bucket.
        let area = max((x1 - x0) * (y1 - y0), 1)
        let size = max((area / Double(max(xs.count, 1)) * 2).squareRoot(), 1)
        let cols = Int((x1 - x0) / size) + 1, rws = Int((y1 - y0) / size) + 1
        bucket = size
        minX = x0
        minY = y0
        columns = cols
        rows = rws
        var count = [Int32](repeating: 0, count: cols * rws + 1)
        func b(_ i: Int) -> Int { Int((ys[i] - y0) / size) * cols + Int((xs[i] - x0) / size) }
        for i in xs.indices { count[b(i) + 1] += 1 }
        for k in 0..<(cols * rws) { count[k + 1] += count[k] }
        var fill = count
        var members = [Int32](repeating: 0, count: xs.count)
        for i in xs.indices {
            let k = b(i)
            members[Int(fill[k])] = Int32(i)
            fill[k] += 1
        }
        start = count
        self.members = members
    }

    /// The index of the point nearest to (`x`, `y`), or nil when there are none.
    public func nearest(x: Double, y: Double) -> Int? {
        guard !xs.isEmpty else { return nil }
        // Start from the bucket holding the point, clamped into the grid: for a point outside, every
        // bucket at Chebyshev distance ≥ r from the clamped one is still more than (r - 1) buckets away.
        let cx = min(max(Int(((x - minX) / bucket).rounded(.down)), 0), columns - 1)
        let cy = min(max(Int(((y - minY) / bucket).rounded(.down)), 0), rows - 1)
        var best = -1
        var bestD = Double.infinity
        var ring = 0
        while true {
            // Buckets of this ring are at least (ring - 1) buckets away.
            if best >= 0 {
                let reach = Double(ring - 1) * bucket
                if reach > 0 && reach * reach > bestD { break }
            }
            if ring > max(columns, rows) { break }
            for by in (cy - ring)...(cy + ring) where by >= 0 && by < rows {
                let edgeRow = by == cy - ring || by == cy + ring
                var bx = cx - ring
                while bx <= cx + ring {
                    if bx >= 0 && bx < columns {
                        let k = by * columns + bx
                        for m in Int(start[k])..<Int(start[k + 1]) {
                            let i = Int(members[m])
                            let dx = xs[i] - x, dy = ys[i] - y, d = dx * dx + dy * dy
                            if d < bestD || (d == bestD && i < best) { bestD = d; best = i }
                        }
                    }
                    bx += edgeRow || ring == 0 ? 1 : 2 * ring
                }
            }
            ring += 1
        }
        return best
    }
}
