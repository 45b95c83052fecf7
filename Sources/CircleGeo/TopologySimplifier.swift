// GEOS 3.11's TopologyPreservingSimplifier, ported to Swift for polygons, with the same result to
// the bit (issue 14 §4: GEOS's simplification was a third of the gap maps' time).
//
// The algorithm is GEOS's (`simplify/TaggedLineStringSimplifier.cpp` of 3.11.1): every ring is a
// line whose end points stay; rings are taken in the order GEOS visits them (polygon by polygon,
// exterior then holes) and each is simplified by recursive Douglas–Peucker, where a section
// i…j is replaced by its chord when (1) the ring keeps its minimum size of 4 positions, (2) no
// position of the section lies further than the tolerance from the chord, and (3) the chord has no
// interior intersection with any segment of the current state (the original segments not yet
// replaced, outside the section itself, and the chords made so far). The predicates are GEOS's
// own arithmetic: its distance formula, its envelope tests, its line intersector's case analysis
// and its orientation test (a floating filter, then double-double arithmetic), operation for
// operation, so every decision is the same.
//
// Two differences, neither of which changes a decision: test (3) is made only when (1) and (2)
// pass (GEOS computes it always and ignores it), and the segments are found through a uniform grid
// of buckets instead of a quadtree (both find every segment whose envelope meets the chord's; a
// segment with an interior intersection always does). `TopologySimplifierTests` compares the
// result with GEOS's on random rasters of every kind.

internal import CGEOS

/// Topology-preserving Douglas–Peucker simplification of polygons, identical to GEOS 3.11's
/// `GEOSTopologyPreserveSimplify_r`.
enum TopologySimplifier {
    /// `polygons` simplified as `GEOSTopologyPreserveSimplify_r(multiPolygon(polygons), tolerance)`
    /// would, polygon by polygon in the same order; nil when GEOS would not return one polygon per
    /// input polygon with rings of at least 4 positions (then ask GEOS), or for empty or unclosed input.
    static func simplify(_ polygons: [AreaPolygon], tolerance: Double) -> [AreaPolygon]? {
        simplifyProving(polygons, tolerance: tolerance)?.polygons
    }

    /// ``simplify(_:tolerance:)``, and whether the result is shown valid without GEOS (see
    /// ``State/provesValidity(_:)``; false means "not shown", not "invalid").
    /// `polygons` must be a valid set without T-junctions, such as ``RasterPolygons``' outlines.
    static func simplifyProving(_ polygons: [AreaPolygon], tolerance: Double) -> (polygons: [AreaPolygon], valid: Bool)? {
        guard !polygons.isEmpty, tolerance >= 0 else { return nil }
        var xs: [Double] = [], ys: [Double] = [], starts: [Int] = [0]
        for polygon in polygons {
            guard !polygon.rings.isEmpty else { return nil }
            for ring in polygon.rings {
                let n = ring.lon.count
                guard n >= 4, ring.lat.count == n, ring.lon[0] == ring.lon[n - 1], ring.lat[0] == ring.lat[n - 1],
                      ring.lon.allSatisfy(\.isFinite), ring.lat.allSatisfy(\.isFinite) else { return nil }
                xs.append(contentsOf: ring.lon)
                ys.append(contentsOf: ring.lat)
                starts.append(xs.count)
            }
        }
        var state = State(xs: xs, ys: ys, starts: starts, tolerance: tolerance)
        var kept: [[Int]] = []
        kept.reserveCapacity(starts.count - 1)
        for r in 0..<(starts.count - 1) {
            let ring = state.simplifyRing(r)
            guard ring.count >= 4 else { return nil }
            kept.append(ring)
        }
        let valid = state.provesValidity(kept)
        var out: [AreaPolygon] = [], r = 0
        out.reserveCapacity(polygons.count)
        for polygon in polygons {
            var rings: [AreaRing] = []
            for _ in polygon.rings {
                rings.append(AreaRing(lon: kept[r].map { xs[$0] }, lat: kept[r].map { ys[$0] }))
                r += 1
            }
            out.append(AreaPolygon(rings: rings))
        }
        return (out, valid)
    }

    /// The rings' positions, the segments of the current state and the bucket index over them.
    struct State {
        let xs: [Double], ys: [Double]
        /// Ring r holds positions starts[r]..<starts[r+1]; input segment g runs from position g to g + 1.
        let starts: [Int]
        let tolerance: Double
        /// Input segments not yet replaced (indexed by their first position).
        var alive: [Bool]
        /// The chords made so far: positions (first, last).
        var chords: [(Int, Int)] = []
        /// Segment ids per bucket: g >= 0 an input segment, -1 - k chord k.
        var buckets: [[Int32]]
        let minX: Double, minY: Double, side: Double, columns: Int, rows: Int
        /// Query stamps against duplicates from several buckets.
        var inputStamp: [UInt32], chordStamp: [UInt32] = [], stamp: UInt32 = 0

        init(xs: [Double], ys: [Double], starts: [Int], tolerance: Double) {
            self.xs = xs
            self.ys = ys
            self.starts = starts
            self.tolerance = tolerance
            alive = [Bool](repeating: true, count: xs.count)
            inputStamp = [UInt32](repeating: 0, count: xs.count)
            let x0 = xs.min()!, x1 = xs.max()!, y0 = ys.min()!, y1 = ys.max()!
            // About four segments per bucket on average, at most 4096 buckets a side.
            let area = max((x1 - x0) * (y1 - y0), 1e-300)
            var side = (area / Double(max(1, xs.count / 4))).squareRoot()
            side = max(side, max(x1 - x0, y1 - y0) / 4096, 1e-9)
            (minX, minY, self.side) = (x0, y0, side)
            columns = Int((x1 - x0) / side) + 1
            rows = Int((y1 - y0) / side) + 1
            buckets = [[Int32]](repeating: [], count: columns * rows)
            for r in 0..<(starts.count - 1) {
                for g in starts[r]..<(starts[r + 1] - 1) { insert(Int32(g), g, g + 1) }
            }
        }

        func column(_ x: Double) -> Int { min(columns - 1, max(0, Int((x - minX) / side))) }
        func row(_ y: Double) -> Int { min(rows - 1, max(0, Int((y - minY) / side))) }

        mutating func insert(_ id: Int32, _ a: Int, _ b: Int) {
            let c0 = column(min(xs[a], xs[b])), c1 = column(max(xs[a], xs[b]))
            let r0 = row(min(ys[a], ys[b])), r1 = row(max(ys[a], ys[b]))
            for r in r0...r1 {
                for c in c0...c1 { buckets[r * columns + c].append(id) }
            }
        }

        /// Ring r's kept positions (global indices), GEOS's `TaggedLineStringSimplifier::simplify`.
        mutating func simplifyRing(_ r: Int) -> [Int] {
            let base = starts[r], n = starts[r + 1] - base
            // The result's segments, as the first position of each (the last one closes it).
            var result: [Int] = []
            // Depth-first, as GEOS's recursion: (i, j, depth of the caller).
            var stack: [(Int, Int, Int)] = [(0, n - 1, 0)]
            while let (i, j, callerDepth) = stack.popLast() {
                let depth = callerDepth + 1
                if i + 1 == j {
                    result.append(base + i)
                    continue
                }
                var valid = true
                let resultSize = result.isEmpty ? 0 : result.count + 1
                if resultSize < 4 && depth + 1 < 4 { valid = false }
                let (furthest, distance) = furthestPoint(base + i, base + j)
                if distance > tolerance { valid = false }
                if valid && hasBadIntersection(ring: r, from: base + i, to: base + j) { valid = false }
                if valid {
                    for g in (base + i)..<(base + j) { alive[g] = false }
                    chords.append((base + i, base + j))
                    chordStamp.append(0)
                    insert(Int32(-chords.count), base + i, base + j)
                    result.append(base + i)
                    continue
                }
                stack.append((furthest - base, j, depth))
                stack.append((i, furthest - base, depth))
            }
            return result.map { $0 } + [base + n - 1]
        }

        /// GEOS's `findFurthestPoint`: the first position of i+1..<j furthest from the chord i–j.
        func furthestPoint(_ i: Int, _ j: Int) -> (Int, Double) {
            var maxDistance = -1.0, maxIndex = i
            let ax = xs[i], ay = ys[i], bx = xs[j], by = ys[j]
            for k in (i + 1)..<j {
                let d = GEOSArithmetic.pointToSegment(xs[k], ys[k], ax, ay, bx, by)
                if d > maxDistance {
                    maxDistance = d
                    maxIndex = k
                }
            }
            return (maxIndex, maxDistance)
        }

        /// Whether the chord i–j (positions of ring r) has an interior intersection with a chord
        /// made so far or with an input segment still in place outside the section.
        mutating func hasBadIntersection(ring r: Int, from i: Int, to j: Int) -> Bool {
            stamp &+= 1
            if stamp == 0 {
                for k in inputStamp.indices { inputStamp[k] = 0 }
                for k in chordStamp.indices { chordStamp[k] = 0 }
                stamp = 1
            }
            let cx0 = xs[i], cy0 = ys[i], cx1 = xs[j], cy1 = ys[j]
            let qx0 = min(cx0, cx1), qx1 = max(cx0, cx1), qy0 = min(cy0, cy1), qy1 = max(cy0, cy1)
            let c0 = column(qx0), c1 = column(qx1), r0 = row(qy0), r1 = row(qy1)
            for br in r0...r1 {
                for bc in c0...c1 {
                    for id in buckets[br * columns + bc] {
                        let a: Int, b: Int
                        if id >= 0 {
                            let g = Int(id)
                            guard alive[g], inputStamp[g] != stamp else { continue }
                            inputStamp[g] = stamp
                            // GEOS's isInLineSection: the section's own segments do not count.
                            if g >= i && g < j { continue }
                            (a, b) = (g, g + 1)
                        } else {
                            let k = Int(-1 - id)
                            guard chordStamp[k] != stamp else { continue }
                            chordStamp[k] = stamp
                            (a, b) = chords[k]
                        }
                        // GEOS: li.computeIntersection(querySeg.p0, querySeg.p1, candidate.p0, candidate.p1).
                        if GEOSArithmetic.hasInteriorIntersection(xs[a], ys[a], xs[b], ys[b], cx0, cy0, cx1, cy1) {
                            return true
                        }
                    }
                }
            }
            return false
        }
    }
}

/// GEOS 3.11.1's floating-point predicates, operation for operation.
enum GEOSArithmetic {
    /// `Distance::pointToSegment(p, A, B)`.
    static func pointToSegment(_ px: Double, _ py: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Double {
        if ax == bx && ay == by { return distance(px, py, ax, ay) }
        let r = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) * (bx - ax) + (by - ay) * (by - ay))
        if r <= 0.0 { return distance(px, py, ax, ay) }
        if r >= 1.0 { return distance(px, py, bx, by) }
        let s = ((ay - py) * (bx - ax) - (ax - px) * (by - ay)) / ((bx - ax) * (bx - ax) + (by - ay) * (by - ay))
        return abs(s) * ((bx - ax) * (bx - ax) + (by - ay) * (by - ay)).squareRoot()
    }

    /// `Coordinate::distance`.
    static func distance(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Double {
        let dx = x0 - x1, dy = y0 - y1
        return (dx * dx + dy * dy).squareRoot()
    }

    /// `Envelope::intersects(p1, p2, q)`: q in the box of p1–p2.
    static func inBox(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double, _ qx: Double, _ qy: Double) -> Bool {
        (qx >= (p1x < p2x ? p1x : p2x)) && (qx <= (p1x > p2x ? p1x : p2x))
            && (qy >= (p1y < p2y ? p1y : p2y)) && (qy <= (p1y > p2y ? p1y : p2y))
    }

    /// `std::min`/`std::max` as GEOS's static `Envelope::intersects(p1, p2, q1, q2)` uses them.
    @inline(__always) static func cmin(_ a: Double, _ b: Double) -> Double { b < a ? b : a }
    @inline(__always) static func cmax(_ a: Double, _ b: Double) -> Double { a < b ? b : a }

    /// `Envelope::intersects(p1, p2, q1, q2)`.
    static func boxesMeet(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
                          _ q1x: Double, _ q1y: Double, _ q2x: Double, _ q2y: Double) -> Bool {
        var minq = cmin(q1x, q2x), maxq = cmax(q1x, q2x), minp = cmin(p1x, p2x), maxp = cmax(p1x, p2x)
        if minp > maxq || maxp < minq { return false }
        minq = cmin(q1y, q2y)
        maxq = cmax(q1y, q2y)
        minp = cmin(p1y, p2y)
        maxp = cmax(p1y, p2y)
        if minp > maxq || maxp < minq { return false }
        return true
    }

    /// `LineIntersector::computeIntersection(p1, p2, q1, q2)` followed by `isInteriorIntersection()`:
    /// whether an intersection point is not an end point of both segments.
    static func hasInteriorIntersection(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
                                        _ q1x: Double, _ q1y: Double, _ q2x: Double, _ q2y: Double) -> Bool {
        if !boxesMeet(p1x, p1y, p2x, p2y, q1x, q1y, q2x, q2y) { return false }
        let pq1 = orientationIndex(p1x, p1y, p2x, p2y, q1x, q1y)
        let pq2 = orientationIndex(p1x, p1y, p2x, p2y, q2x, q2y)
        if (pq1 > 0 && pq2 > 0) || (pq1 < 0 && pq2 < 0) { return false }
        let qp1 = orientationIndex(q1x, q1y, q2x, q2y, p1x, p1y)
        let qp2 = orientationIndex(q1x, q1y, q2x, q2y, p2x, p2y)
        if (qp1 > 0 && qp2 > 0) || (qp1 < 0 && qp2 < 0) { return false }
        typealias P = (x: Double, y: Double)
        let p1: P = (p1x, p1y), p2: P = (p2x, p2y), q1: P = (q1x, q1y), q2: P = (q2x, q2y)
        func same(_ a: P, _ b: P) -> Bool { a.x == b.x && a.y == b.y }
        /// `isInteriorIntersection()` over the intersection points found.
        func interior(_ points: [P]) -> Bool {
            points.contains { !(same($0, p1) || same($0, p2)) } || points.contains { !(same($0, q1) || same($0, q2)) }
        }
        if pq1 == 0 && pq2 == 0 && qp1 == 0 && qp2 == 0 {
            // computeCollinearIntersection
            let q1inP = inBox(p1x, p1y, p2x, p2y, q1x, q1y), q2inP = inBox(p1x, p1y, p2x, p2y, q2x, q2y)
            let p1inQ = inBox(q1x, q1y, q2x, q2y, p1x, p1y), p2inQ = inBox(q1x, q1y, q2x, q2y, p2x, p2y)
            if q1inP && q2inP { return interior([q1, q2]) }
            if p1inQ && p2inQ { return interior([p1, p2]) }
            if q1inP && p1inQ { return interior(same(q1, p1) && !q2inP && !p2inQ ? [q1] : [q1, p1]) }
            if q1inP && p2inQ { return interior(same(q1, p2) && !q2inP && !p1inQ ? [q1] : [q1, p2]) }
            if q2inP && p1inQ { return interior(same(q2, p1) && !q1inP && !p2inQ ? [q2] : [q2, p1]) }
            if q2inP && p2inQ { return interior(same(q2, p2) && !q1inP && !p1inQ ? [q2] : [q2, p2]) }
            return false
        }
        if pq1 == 0 || pq2 == 0 || qp1 == 0 || qp2 == 0 {
            let p: P
            if same(p1, q1) || same(p1, q2) { p = p1 } else if same(p2, q1) || same(p2, q2) { p = p2 }
            else if pq1 == 0 { p = q1 } else if pq2 == 0 { p = q2 } else if qp1 == 0 { p = p1 } else { p = p2 }
            return interior([p])
        }
        // A proper intersection: all four orientations non-zero, so no end point of one segment lies
        // on the other and the computed point cannot equal an end point of both.
        return true
    }

    /// `CGAlgorithmsDD::orientationIndex`: 1 left, -1 right, 0 collinear.
    static func orientationIndex(_ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
                                 _ qx: Double, _ qy: Double) -> Int {
        let index = orientationIndexFilter(p1x, p1y, p2x, p2y, qx, qy)
        if index <= 1 { return index }
        let dx1 = DD(p2x) + DD(-p1x)
        let dy1 = DD(p2y) + DD(-p1y)
        let dx2 = DD(qx) + DD(-p2x)
        let dy2 = DD(qy) + DD(-p2y)
        let d = dx1 * dy2 - dy1 * dx2
        if d.hi < 0 || (d.hi == 0 && d.lo < 0) { return -1 }
        if d.hi > 0 || (d.hi == 0 && d.lo > 0) { return 1 }
        return 0
    }

    /// `CGAlgorithmsDD::orientationIndexFilter`: the sign, or 2 when double precision cannot tell.
    static func orientationIndexFilter(_ pax: Double, _ pay: Double, _ pbx: Double, _ pby: Double,
                                       _ pcx: Double, _ pcy: Double) -> Int {
        let detleft = (pax - pcx) * (pby - pcy)
        let detright = (pay - pcy) * (pbx - pcx)
        let det = detleft - detright
        let detsum: Double
        if detleft > 0.0 {
            if detright <= 0.0 { return sign(det) }
            detsum = detleft + detright
        } else if detleft < 0.0 {
            if detright >= 0.0 { return sign(det) }
            detsum = -detleft - detright
        } else {
            return sign(det)
        }
        let errbound = 1e-15 * detsum
        if (det >= errbound) || (-det >= errbound) { return sign(det) }
        return 2
    }

    static func sign(_ x: Double) -> Int { x < 0 ? -1 : (x > 0 ? 1 : 0) }

    /// GEOS's `DD` (double-double) with the operations the orientation test uses.
    struct DD {
        var hi: Double, lo: Double
        init(_ x: Double) { (hi, lo) = (x, 0) }
        init(_ hi: Double, _ lo: Double) { (self.hi, self.lo) = (hi, lo) }

        /// `DD::selfAdd(yhi, ylo)`.
        static func + (a: DD, b: DD) -> DD {
            let yhi = b.hi, ylo = b.lo
            var H: Double, h: Double, T: Double, t: Double, S: Double, s: Double, e: Double, f: Double
            S = a.hi + yhi
            T = a.lo + ylo
            e = S - a.hi
            f = T - a.lo
            s = S - e
            t = T - f
            s = (yhi - e) + (a.hi - s)
            t = (ylo - f) + (a.lo - t)
            e = s + T; H = S + e; h = e + (S - H); e = t + h
            let zhi = H + e
            let zlo = e + (H - zhi)
            return DD(zhi, zlo)
        }

        /// `DD::selfSubtract(DD)`: `selfAdd(-1 * hi, -1 * lo)`.
        static func - (a: DD, b: DD) -> DD { a + DD(-1 * b.hi, -1 * b.lo) }

        /// `DD::selfMultiply(yhi, ylo)`.
        static func * (a: DD, b: DD) -> DD {
            let split = 134217729.0
            let hi = a.hi, lo = a.lo, yhi = b.hi, ylo = b.lo
            var hx: Double, tx: Double, hy: Double, ty: Double, C: Double, c: Double
            C = split * hi; hx = C - hi; c = split * yhi
            hx = C - hx; tx = hi - hx; hy = c - yhi
            C = hi * yhi; hy = c - hy; ty = yhi - hy
            c = ((((hx * hy - C) + hx * ty) + tx * hy) + tx * ty) + (hi * ylo + lo * yhi)
            let zhi = C + c; hx = C - zhi
            let zlo = c + hx
            return DD(zhi, zlo)
        }
    }
}

extension GEOSContext {
    /// GEOS's own orientation test (`GEOSOrientationIndex_r`): 1 left, -1 right, 0 collinear; 2 on error.
    /// For comparing ``GEOSArithmetic/orientationIndex(_:_:_:_:_:_:)`` with it.
    func orientationIndex(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ px: Double, _ py: Double) -> Int {
        Int(GEOSOrientationIndex_r(handle, ax, ay, bx, by, px, py))
    }
}
