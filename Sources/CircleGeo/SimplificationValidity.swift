// A sufficient test that a topology-preserving simplification of traced raster outlines is valid,
// so that GEOS's validity check (GEOS 3.11's hole-in-shell test is linear in the shell per hole:
// most of the check's time on a city-wide gap polygon) is needed only when the test cannot tell.
//
// The input is a valid set of polygons with no T-junctions (no position in the interior of another
// segment), as `RasterPolygons` traces them. The simplifier (GEOS's algorithm) replaces a section
// of a ring by its chord only if the chord has no interior intersection with any segment in place
// (see TopologySimplifier), so in the result any two segments meet at most at a common end, the
// positions are a subset of the input's, and rings meet only at positions they shared before. What
// can still go wrong (libgeos/geos#857) is that a chord sweeps over another ring, changing which
// ring lies inside which, or that two rings sharing a position now cross there. So the result is
// shown valid when
//  1. every ring keeps at least 4 positions, none twice (the input's rings repeat none);
//  2. at every position kept by two or more rings, the rings' edges there do not interleave (and
//     none lies along another's);
//  3. for every ring, one of its positions that no other ring had is inside exactly the same rings
//     before and after simplification (ray crossings, with GEOS's orientation test).
// Then the rings form the same nesting with the same or fewer touching points as the valid input,
// which is valid. Any test it cannot decide (a position on a ray, collinear edges at a shared
// position) counts as "not shown", and GEOS decides.

extension TopologySimplifier.State {
    /// Whether the simplification whose kept positions per ring are `kept` (global position
    /// indices, closed) is shown valid by the test above.
    mutating func provesValidity(_ kept: [[Int]]) -> Bool {
        let ringCount = starts.count - 1
        var ringOf = [Int32](repeating: 0, count: xs.count)
        for r in 0..<ringCount {
            for g in starts[r]..<starts[r + 1] { ringOf[g] = Int32(r) }
        }
        // Positions the input's rings share (-1), else the one ring holding each.
        var holder = PositionTable(capacity: xs.count)
        for r in 0..<ringCount {
            for g in starts[r]..<(starts[r + 1] - 1) {
                let slot = holder.slot(xs[g], ys[g])
                let h = holder.values[slot]
                if h == PositionTable.empty {
                    holder.values[slot] = Int32(r)
                } else if h == Int32(r) {
                    return false   // a ring through one position twice: not the expected input
                } else {
                    holder.values[slot] = -1
                }
            }
        }
        var isShared = [Bool](repeating: false, count: xs.count)
        for g in 0..<xs.count { isShared[g] = holder.values[holder.slot(xs[g], ys[g])] == -1 }
        func shared(_ g: Int) -> Bool { isShared[g] }
        struct Key: Hashable {
            let x: UInt64, y: UInt64
            init(_ x: Double, _ y: Double) { (self.x, self.y) = ((x + 0.0).bitPattern, (y + 0.0).bitPattern) }
        }

        // 2. The edges at shared positions, per position: (the position in the ring, previous, next).
        var meetings: [Key: [(Int, Int, Int)]] = [:]
        var probe = [Int](repeating: -1, count: ringCount)
        for r in 0..<ringCount {
            let ring = kept[r], m = ring.count - 1
            guard m >= 3 else { return false }
            for v in 0..<m {
                let g = ring[v]
                if shared(g) {
                    meetings[Key(xs[g], ys[g]), default: []].append((g, ring[(v + m - 1) % m], ring[v + 1]))
                } else if probe[r] < 0 {
                    probe[r] = g
                }
            }
            if probe[r] < 0 { return false }
        }
        for (_, edges) in meetings where edges.count > 1 {
            for a in 0..<(edges.count - 1) {
                for b in (a + 1)..<edges.count {
                    guard !crossOrOverlap(edges[a], edges[b]) else { return false }
                }
            }
        }

        // 3. Every ring's probe inside the same rings before and after.
        var parity = [UInt8](repeating: 0, count: ringCount)
        var touched: [Int32] = []
        for r in 0..<ringCount {
            guard sameRingsAround(probe[r], ring: Int32(r), ringOf: ringOf, parity: &parity, touched: &touched) else { return false }
        }
        return true
    }

    /// Whether two rings through one position (each given as the position in the ring, its
    /// previous and its next position) cross there or run along each other (true also when that
    /// cannot be told): their four edges, ordered by angle around the position with exact tests,
    /// must not alternate between the rings, and no two may point the same way.
    func crossOrOverlap(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Bool {
        let v = a.0
        // The upper half-plane (with the positive x axis) before the lower one, then counter-clockwise.
        func half(_ p: Int) -> Int { ys[p] > ys[v] || (ys[p] == ys[v] && xs[p] > xs[v]) ? 0 : 1 }
        var ends = [(a.1, 0), (a.2, 0), (b.1, 1), (b.2, 1)]
        var undecided = false
        ends.sort { p, q in
            let hp = half(p.0), hq = half(q.0)
            if hp != hq { return hp < hq }
            let o = GEOSArithmetic.orientationIndex(xs[v], ys[v], xs[p.0], ys[p.0], xs[q.0], ys[q.0])
            if o == 0 { undecided = true }
            return o > 0
        }
        // Two edges pointing the same way (one of them compared with the other gives 0) or a comparison
        // not made by the sort: check every neighbouring pair, and the wrap-around.
        for k in 0..<4 {
            let p = ends[k].0, q = ends[(k + 1) % 4].0
            if half(p) == half(q),
               GEOSArithmetic.orientationIndex(xs[v], ys[v], xs[p], ys[p], xs[q], ys[q]) == 0 { undecided = true }
        }
        if undecided { return true }
        return ends[0].1 != ends[1].1 && ends[1].1 != ends[2].1 && ends[2].1 != ends[3].1
    }

    /// Whether position `t` (of ring `ring`, on no other ring) lies inside the same other rings
    /// before and after simplification: crossings of a horizontal ray from `t` to the nearer side
    /// of the map, counted per ring in the input's segments and in the simplified ones in one pass.
    /// False also when a crossing cannot be told (a segment through `t`).
    mutating func sameRingsAround(_ t: Int, ring: Int32, ringOf: [Int32], parity: inout [UInt8], touched: inout [Int32]) -> Bool {
        stamp &+= 1
        if stamp == 0 {
            for k in inputStamp.indices { inputStamp[k] = 0 }
            for k in chordStamp.indices { chordStamp[k] = 0 }
            stamp = 1
        }
        let tx = xs[t], ty = ys[t]
        let r0 = row(ty), c0 = column(tx)
        let east = c0 >= columns / 2 ? false : true
        var undecided = false
        // Bit 0: parity before, bit 1: parity after, bit 2: listed in `touched`.
        func cross(_ a: Int, _ b: Int, _ owner: Int32, _ bits: UInt8) {
            guard owner != ring else { return }
            let ay = ys[a], by = ys[b]
            let upward = ay <= ty && by > ty
            guard upward || (by <= ty && ay > ty) else { return }
            let o = GEOSArithmetic.orientationIndex(xs[a], ay, xs[b], by, tx, ty)
            if o == 0 { undecided = true; return }
            // East of t: t left of an upward edge (right of a downward one); west: the other way round.
            guard (o > 0) == (upward == east) else { return }
            let k = Int(owner)
            if parity[k] & 4 == 0 { touched.append(owner) }
            parity[k] = (parity[k] ^ bits) | 4
        }
        for c in (east ? c0..<columns : 0..<(c0 + 1)) {
            for id in buckets[r0 * columns + c] {
                if id >= 0 {
                    let g = Int(id)
                    guard inputStamp[g] != stamp else { continue }
                    inputStamp[g] = stamp
                    cross(g, g + 1, ringOf[g], alive[g] ? 3 : 1)
                } else {
                    let k = Int(-1 - id)
                    guard chordStamp[k] != stamp else { continue }
                    chordStamp[k] = stamp
                    cross(chords[k].0, chords[k].1, ringOf[chords[k].0], 2)
                }
            }
            if undecided { break }
        }
        var same = !undecided
        for k in touched {
            let bits = parity[Int(k)]
            if (bits & 1) != ((bits >> 1) & 1) { same = false }
            parity[Int(k)] = 0
        }
        touched.removeAll(keepingCapacity: true)
        return same
    }
}

/// An open-addressing table from a position (exact coordinates) to a value, for the shared-position scan.
struct PositionTable {
    static let empty = Int32.min
    var xs: [UInt64], ys: [UInt64], values: [Int32]
    let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        xs = [UInt64](repeating: 0, count: size)
        ys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: Self.empty, count: size)
        mask = size - 1
    }

    /// The slot holding (x, y), or the empty slot where it goes (its key then written). -0 and 0 are one position.
    mutating func slot(_ x: Double, _ y: Double) -> Int {
        let kx = (x + 0.0).bitPattern, ky = (y + 0.0).bitPattern
        var h = Int(truncatingIfNeeded: (kx &* 0x9E37_79B9_7F4A_7C15) ^ (ky &* 0xC2B2_AE3D_27D4_EB4F) ^ (kx >> 29))
        h ^= h >> 32
        var i = h & mask
        while values[i] != Self.empty {
            if xs[i] == kx && ys[i] == ky { return i }
            i = (i + 1) & mask
        }
        xs[i] = kx
        ys[i] = ky
        return i
    }
}
