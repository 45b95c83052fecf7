/// Which side of a valid set of polygons a point lies on, answered exactly in Swift for points
/// clear of every ring, and left to GEOS (nil) otherwise.
///
/// GEOS's prepared `covers`/`contains` cast a ray from the point across the whole map, so a
/// point costs as many segments as a city-wide polygon has on its row. Here the rings' segments
/// are put in buckets of a grid; the side of each bucket's centre is found once, walking each row
/// from its east end, and a point takes the side of its bucket's centre, flipped at every ring
/// segment that the straight path between them crosses (only the bucket's own segments).
///
/// Every decision is exact or refused: the orientation of three positions is trusted only when
/// it exceeds the floating-point error bound of its computation (Shewchuk's bound with a wide
/// margin), so a path through a ring's vertex or along a segment, or a point or centre on (or
/// within rounding of) a ring, makes the answer nil. For a valid set (rings neither cross nor overlap, holes inside their
/// shells), the parity of the rings around a point is whether the point is inside the set.
struct PolygonSides {
    /// The rings' positions end to end; segment k runs from position k to k + 1 (k a segment start).
    private var xs: [Double] = [], ys: [Double] = []
    private let minX: Double, minY: Double, maxX: Double, maxY: Double
    private let size: Double
    private let columns: Int, rows: Int
    /// Segments of bucket b: `entries[start[b]..<start[b + 1]]`.
    private var start: [Int32] = [], entries: [Int32] = []
    /// Side of each bucket's centre: 0 outside, 1 inside, 2 unknown.
    private var centreSide: [UInt8] = []

    /// Relative margin on the orientation error bound (Shewchuk's is 3.3e-16).
    private static let bound = 1e-14

    /// - Parameter polygons: a valid set (as GEOS would find it), closed rings.
    init(_ polygons: [AreaPolygon]) {
        var segments: [Int32] = []   // the start position of each segment
        for polygon in polygons {
            for ring in polygon.rings where ring.lon.count >= 2 {
                for i in 0..<(ring.lon.count - 1) { segments.append(Int32(xs.count + i)) }
                xs.append(contentsOf: ring.lon)
                ys.append(contentsOf: ring.lat)
            }
        }
        let n = segments.count
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for k in 0..<xs.count {
            x0 = min(x0, xs[k]); x1 = max(x1, xs[k])
            y0 = min(y0, ys[k]); y1 = max(y1, ys[k])
        }
        guard n > 0, x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else {
            (minX, minY, maxX, maxY, size, columns, rows) = (0, 0, -1, -1, 1, 0, 0)
            return
        }
        (minX, minY, maxX, maxY) = (x0, y0, x1, y1)
        // About two segments a bucket, and at least the mean segment's extent.
        let width = x1 - x0, height = y1 - y0
        var extent = 0.0
        for k in segments.map(Int.init) { extent += max(abs(xs[k + 1] - xs[k]), abs(ys[k + 1] - ys[k])) }
        var s = max(((width * height) * 2 / Double(n)).squareRoot(), extent / Double(n))
        if !(s > 0) { s = max(width, height, 1e-9) }
        var c = Int(width / s) + 1, r = Int(height / s) + 1
        while c * r > 4 * n + 1024 {
            s *= 1.5
            c = Int(width / s) + 1
            r = Int(height / s) + 1
        }
        (size, columns, rows) = (s, c, r)
        // Counting sort of (bucket, segment): every bucket a segment's box (grown a little) meets.
        let grow = 1e-9 * max(1, abs(x0), abs(x1), abs(y0), abs(y1))
        var start = [Int32](repeating: 0, count: c * r + 1)
        let (xs, ys) = (xs, ys)
        func range(_ k: Int) -> (c0: Int, c1: Int, r0: Int, r1: Int) {
            func column(_ x: Double) -> Int { min(c - 1, max(0, Int((x - x0) / s))) }
            func row(_ y: Double) -> Int { min(r - 1, max(0, Int((y - y0) / s))) }
            return (column(min(xs[k], xs[k + 1]) - grow), column(max(xs[k], xs[k + 1]) + grow),
                    row(min(ys[k], ys[k + 1]) - grow), row(max(ys[k], ys[k + 1]) + grow))
        }
        for k in segments {
            let b = range(Int(k))
            for rr in b.r0...b.r1 { for cc in b.c0...b.c1 { start[rr * c + cc + 1] += 1 } }
        }
        for b in 0..<(c * r) { start[b + 1] += start[b] }
        var fill = start
        var entries = [Int32](repeating: 0, count: Int(start[c * r]))
        for k in segments {
            let b = range(Int(k))
            for rr in b.r0...b.r1 {
                for cc in b.c0...b.c1 {
                    entries[Int(fill[rr * c + cc])] = k
                    fill[rr * c + cc] += 1
                }
            }
        }
        self.start = start
        self.entries = entries
        var centreSide = [UInt8](repeating: 2, count: c * r)
        // Each row from the east: a point east of every segment is outside; each next centre west
        // flips at every segment the path from the last known point crosses.
        var stamp = [Int32](repeating: -1, count: xs.count)
        var mark: Int32 = 0
        for rr in 0..<r {
            let y = y0 + (Double(rr) + 0.5) * s
            var refX = x1 + s, refSide: UInt8 = 0, from = c   // buckets from..c-1 lie between ref and here
            for cc in stride(from: c - 1, through: 0, by: -1) {
                let x = x0 + (Double(cc) + 0.5) * s
                mark += 1
                var flips = 0, sure = true
                do {
                    scan: for q in cc..<min(from, c) {
                        let b = rr * c + q
                        for e in Int(start[b])..<Int(start[b + 1]) {
                            let k = Int(entries[e])
                            if stamp[k] == mark { continue }
                            stamp[k] = mark
                            guard let crosses = Self.crossing(x, y, refX, y, xs[k], ys[k], xs[k + 1], ys[k + 1]) else { sure = false; break scan }
                            if crosses { flips += 1 }
                        }
                    }
                }
                if sure {
                    let side = refSide ^ UInt8(flips & 1)
                    centreSide[rr * c + cc] = side
                    (refX, refSide, from) = (x, side, cc + 1)
                }
            }
        }
        self.centreSide = centreSide
    }

    /// Whether the point lies inside the polygons; nil when it lies on a ring, or so close to one
    /// (or to the path to its bucket's centre) that the answer needs exact arithmetic.
    func isInside(x: Double, y: Double) -> Bool? {
        guard columns > 0 else { return false }
        if x < minX || x > maxX || y < minY || y > maxY { return false }
        let cc = column(x), rr = row(y), b = rr * columns + cc
        let side = centreSide[b]
        guard side != 2 else { return nil }
        let cx = minX + (Double(cc) + 0.5) * size, cy = minY + (Double(rr) + 0.5) * size
        var flips = 0
        for e in Int(start[b])..<Int(start[b + 1]) {
            let k = Int(entries[e])
            guard let crosses = Self.crossing(x, y, cx, cy, xs[k], ys[k], xs[k + 1], ys[k + 1]) else { return nil }
            if crosses { flips += 1 }
        }
        return (side ^ UInt8(flips & 1)) == 1
    }

    private func column(_ x: Double) -> Int { min(columns - 1, max(0, Int((x - minX) / size))) }
    private func row(_ y: Double) -> Int { min(rows - 1, max(0, Int((y - minY) / size))) }

    /// The sign of the orientation of (p, q, r), or nil when it is within the error bound.
    @inline(__always)
    static func orientation(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double, _ rx: Double, _ ry: Double) -> Int? {
        let l = (qx - px) * (ry - py), r = (qy - py) * (rx - px)
        let det = l - r
        guard abs(det) > bound * (abs(l) + abs(r)) else { return nil }
        return det > 0 ? 1 : -1
    }

    /// Whether the segments p–q and a–b cross at a single interior point of both; nil when some
    /// orientation is undecided (touching, collinear, or too close to tell).
    @inline(__always)
    static func crossing(_ px: Double, _ py: Double, _ qx: Double, _ qy: Double,
                         _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool? {
        // Boxes apart: no crossing, whatever the orientations.
        if max(px, qx) < min(ax, bx) || min(px, qx) > max(ax, bx) || max(py, qy) < min(ay, by) || min(py, qy) > max(ay, by) {
            return false
        }
        guard let o1 = orientation(px, py, qx, qy, ax, ay), let o2 = orientation(px, py, qx, qy, bx, by) else { return nil }
        if o1 == o2 { return false }
        guard let o3 = orientation(ax, ay, bx, by, px, py), let o4 = orientation(ax, ay, bx, by, qx, qy) else { return nil }
        return o3 != o4
    }
}
