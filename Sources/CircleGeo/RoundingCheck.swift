/// A sufficient test that rounding positions to the written grid keeps a valid polygon set valid,
/// without GEOS's validity check (whose hole-in-shell test is quadratic in GEOS 3.11).
///
/// If every position lies more than ``clearance`` from every segment it is not an end of (the
/// positions equal to a segment's end count as that end), moving each position by at most
/// `maximumShift` (< clearance / 2) cannot make two segments meet that did not, nor separate
/// segments that shared an end: the straight-line motion of every position to its rounded one
/// keeps every pair of segments apart, so rings neither cross, touch anew, collapse nor change
/// orientation or nesting. When the test fails, the caller asks GEOS.
enum RoundingCheck {
    /// Degrees: four times the largest shift of a rounded position (0.5e-7 in each coordinate).
    static let clearance = 3e-7

    /// Whether rounding every position of `polygons` (a valid set) by at most 0.71e-7 per position
    /// leaves the set valid, by the sufficient test above.
    static func roundingIsSafe(_ polygons: [AreaPolygon]) -> Bool {
        closePairs(polygons, limit: 0) != nil
    }

    /// A position and a segment closer than ``clearance`` (the segment not ending at the position):
    /// (polygon, ring, index) of the position, and of the segment's first position.
    struct ClosePair: Equatable {
        var position: (polygon: Int, ring: Int, index: Int)
        var segment: (polygon: Int, ring: Int, index: Int)
        static func == (a: ClosePair, b: ClosePair) -> Bool { a.position == b.position && a.segment == b.segment }
    }

    /// Every pair of a position and a segment closer than ``clearance`` (at most `limit` of them;
    /// nil when there are more, or when the test cannot be made): empty means rounding is safe.
    static func closePairs(_ polygons: [AreaPolygon], limit: Int) -> [ClosePair]? {
        var pairs: [ClosePair] = []
        var place: [(polygon: Int, ring: Int, index: Int)] = []
        for (p, polygon) in polygons.enumerated() {
            for (r, ring) in polygon.rings.enumerated() {
                for i in 0..<max(0, ring.lon.count - 1) { place.append((p, r, i)) }
            }
        }
        // Every ring's segments, end to end: segment k runs from position k to position next[k].
        var xs: [Double] = [], ys: [Double] = [], next: [Int32] = [], previous: [Int32] = []
        for polygon in polygons {
            for ring in polygon.rings {
                let n = ring.lon.count - 1   // the closing position repeats the first
                guard n >= 3 else { return nil }
                let base = xs.count
                for i in 0..<n {
                    xs.append(ring.lon[i])
                    ys.append(ring.lat[i])
                    next.append(Int32(base + (i + 1) % n))
                    previous.append(Int32(base + (i + n - 1) % n))
                }
            }
        }
        let count = xs.count
        guard count > 0 else { return [] }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for k in 0..<count {
            minX = min(minX, xs[k]); maxX = max(maxX, xs[k])
            minY = min(minY, ys[k]); maxY = max(maxY, ys[k])
        }
        guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { return nil }
        // Buckets of about one position each; a segment is entered in the bucket of every point
        // sampled along it at half a bucket's spacing, so a position within the clearance of a
        // segment finds it among the 3 × 3 buckets around its own.
        let width = maxX - minX, height = maxY - minY
        var size = max(((width * height) / Double(count)).squareRoot(), 8 * clearance)
        // Long segments would be sampled many times: at least the mean segment length.
        var total = 0.0
        for k in 0..<count {
            let j = Int(next[k])
            total += max(abs(xs[j] - xs[k]), abs(ys[j] - ys[k]))
        }
        size = max(size, total / Double(count))
        let columns = Int(width / size) + 1, rows = Int(height / size) + 1
        guard columns.multipliedReportingOverflow(by: rows).overflow == false, columns * rows <= 16 * count + 1024 else { return nil }
        func bucket(_ x: Double, _ y: Double) -> Int {
            min(rows - 1, max(0, Int((y - minY) / size))) * columns + min(columns - 1, max(0, Int((x - minX) / size)))
        }
        // Counting sort of (bucket, segment) entries, in two passes.
        var start = [Int32](repeating: 0, count: columns * rows + 1)
        func visit(_ k: Int, _ body: (Int) -> Void) {
            let j = Int(next[k])
            let dx = xs[j] - xs[k], dy = ys[j] - ys[k]
            let steps = Int(max(abs(dx), abs(dy)) / (size / 2)) + 1
            var last = -1
            for t in 0...steps {
                let f = Double(t) / Double(steps)
                let b = bucket(xs[k] + dx * f, ys[k] + dy * f)
                if b != last { body(b); last = b }
            }
        }
        for k in 0..<count { visit(k) { start[$0 + 1] += 1 } }
        for b in 0..<(columns * rows) { start[b + 1] += start[b] }
        var fill = start
        var entries = [Int32](repeating: 0, count: Int(start[columns * rows]))
        for k in 0..<count {
            visit(k) { b in
                entries[Int(fill[b])] = Int32(k)
                fill[b] += 1
            }
        }
        let closest = clearance * clearance
        for v in 0..<count {
            let x = xs[v], y = ys[v]
            let column = min(columns - 1, max(0, Int((x - minX) / size))), row = min(rows - 1, max(0, Int((y - minY) / size)))
            for r in max(0, row - 1)...min(rows - 1, row + 1) {
                for c in max(0, column - 1)...min(columns - 1, column + 1) {
                    let b = r * columns + c
                    for e in Int(start[b])..<Int(start[b + 1]) {
                        let k = Int(entries[e])
                        if k == v || k == Int(previous[v]) { continue }   // a segment of this position
                        let j = Int(next[k])
                        if Self.isClose(x, y, xs[k], ys[k], xs[j], ys[j], within: closest) {
                            let pair = ClosePair(position: place[v], segment: place[k])
                            if !pairs.contains(pair) { pairs.append(pair) }   // a segment can sit in two buckets
                            if pairs.count > limit { return nil }
                        }
                    }
                }
            }
        }
        return pairs
    }
}

extension RoundingCheck {
    /// ``closePairs(_:limit:)`` of `polygons` restricted to the pairs rounding to `rounded` can
    /// change: a position that moves or whose ring neighbour moves, against any segment, and any
    /// position against a segment with an end that moves. A pair with neither keeps both its
    /// position and its segment, and so does every pair of segments built only of such pairs;
    /// every pair of segments of which one moves has all four of its position–segment pairs among
    /// the listed ones. After an overlay of polygons already on the grid only the new positions
    /// move, so this looks at a few places instead of the whole set. Falls back to the full scan
    /// when much of the set moves.
    static func movedClosePairs(_ polygons: [AreaPolygon], rounded: [AreaPolygon], limit: Int) -> [ClosePair]? {
        var xs: [Double] = [], ys: [Double] = [], next: [Int] = [], previous: [Int] = [], moved: [Bool] = []
        var place: [(polygon: Int, ring: Int, index: Int)] = []
        for (p, polygon) in polygons.enumerated() {
            guard rounded[p].rings.count == polygon.rings.count else { return nil }
            for (r, ring) in polygon.rings.enumerated() {
                let n = ring.lon.count - 1
                guard n >= 3, rounded[p].rings[r].lon.count == n + 1 else { return nil }
                let base = xs.count
                for i in 0..<n {
                    xs.append(ring.lon[i])
                    ys.append(ring.lat[i])
                    next.append(base + (i + 1) % n)
                    previous.append(base + (i + n - 1) % n)
                    moved.append(ring.lon[i] != rounded[p].rings[r].lon[i] || ring.lat[i] != rounded[p].rings[r].lat[i])
                    place.append((p, r, i))
                }
            }
        }
        let count = xs.count
        let movedCount = moved.reduce(0) { $0 + ($1 ? 1 : 0) }
        if movedCount == 0 { return [] }
        if movedCount * 8 > count { return closePairs(polygons, limit: limit) }
        let activePosition = (0..<count).map { moved[$0] || moved[next[$0]] || moved[previous[$0]] }
        let activeSegment = (0..<count).map { moved[$0] || moved[next[$0]] }
        func segmentBox(_ k: Int) -> LocalRepair.Box {
            let j = next[k]
            return LocalRepair.Box(x0: min(xs[k], xs[j]), y0: min(ys[k], ys[j]), x1: max(xs[k], xs[j]), y1: max(ys[k], ys[j]))
        }
        var region: [LocalRepair.Box] = []
        for k in 0..<count {
            if activePosition[k] { region.append(LocalRepair.Box(x0: xs[k], y0: ys[k], x1: xs[k], y1: ys[k]).grown(clearance)) }
            if activeSegment[k] { region.append(segmentBox(k).grown(clearance)) }
        }
        let index = BoxIndex(region)
        let segments = (0..<count).filter { index.anyIntersecting(segmentBox($0).grown(clearance)) }
        let positions = (0..<count).filter { index.anyIntersecting(LocalRepair.Box(x0: xs[$0], y0: ys[$0], x1: xs[$0], y1: ys[$0])) }
        if segments.count * positions.count > 4_000_000 { return closePairs(polygons, limit: limit) }
        var pairs: [ClosePair] = []
        let closest = clearance * clearance
        for v in positions {
            let x = xs[v], y = ys[v]
            for k in segments where activePosition[v] || activeSegment[k] {
                if k == v || k == previous[v] { continue }   // a segment of this position
                let j = next[k]
                if Self.isClose(x, y, xs[k], ys[k], xs[j], ys[j], within: closest) {
                    pairs.append(ClosePair(position: place[v], segment: place[k]))
                    if pairs.count > limit { return nil }
                }
            }
        }
        return pairs
    }

    /// Whether (x, y) lies within √`closest` of the segment a–b and is not one of its ends.
    @inline(__always)
    static func isClose(_ x: Double, _ y: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double,
                        within closest: Double) -> Bool {
        if (ax == x && ay == y) || (bx == x && by == y) { return false }   // shared end
        let dx = bx - ax, dy = by - ay
        let length2 = dx * dx + dy * dy
        var t = length2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / length2 : 0
        t = min(1, max(0, t))
        let px = ax + t * dx - x, py = ay + t * dy - y
        return px * px + py * py <= closest
    }
}
