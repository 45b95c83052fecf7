// Joining network lines into chains: an index of line ends by grid point (open addressing, no
// per-point arrays) and the greedy walk over it.

extension MapGeometry {
    /// Joins lines that meet end to end into longer ones (greedily, in input order, reversing
    /// lines as needed), then simplifies the joined lines again: a network drawn as one stroked
    /// path looks the same and needs one move per chain instead of one per edge.
    ///
    /// At a point where several lines end, the walk continues along the first unused one, in
    /// the order the ends were listed (each line's first point, then its last, line by line).
    ///
    /// - Complexity: O(points) expected.
    static func chain(_ lines: [[GridPoint]], tolerance: Double) -> [[GridPoint]] {
        let ends = LineEnds(lines)
        var used = [Bool](repeating: false, count: lines.count)
        var cursor = ends.start   // per end group: the first entry not yet known to be used
        // The walk's current end is always an end of the line added last, so its group is known
        // without looking the point up.
        func next(inGroup g: Int) -> Int? {
            var k = cursor[g]
            let end = ends.start[g + 1]
            while k < end && used[Int(ends.lines[k])] { k += 1 }
            cursor[g] = k
            return k < end ? Int(ends.lines[k]) : nil
        }
        var out: [[GridPoint]] = []
        var scratch = SimplifyScratch()
        for i in lines.indices where !used[i] && lines[i].count >= 2 {
            used[i] = true
            var current = lines[i]
            var group = ends.lastGroup(i)
            for pass in 0..<2 {
                if pass == 1 { current.reverse(); group = ends.firstGroup(i) }
                while let j = next(inGroup: group) {
                    used[j] = true
                    let line = lines[j]
                    if line[0] == current[current.count - 1] {
                        current.append(contentsOf: line[1...])
                        group = ends.lastGroup(j)
                    } else {
                        var k = line.count - 2
                        while k >= 0 { current.append(line[k]); k -= 1 }
                        group = ends.firstGroup(j)
                    }
                }
            }
            out.append(simplify(current, tolerance: tolerance, scratch: &scratch))
        }
        return out
    }
}

/// The lines (of at least two points) ending at each grid point, grouped by point: group `g`
/// holds `lines[start[g]..<start[g + 1]]`, in the order the ends were listed.
struct LineEnds {
    private(set) var start: [Int] = []
    private(set) var lines: [Int32] = []
    /// Per line: the groups of its first and last points (-1 for a line of fewer than two points).
    private var endGroups: [Int32] = []
    private var table: GridPointTable

    init(_ polylines: [[GridPoint]]) {
        table = GridPointTable(capacity: 2 * polylines.count)
        endGroups = [Int32](repeating: -1, count: 2 * polylines.count)
        var count: [Int] = []
        for (i, line) in polylines.enumerated() where line.count >= 2 {
            for e in 0..<2 {
                let g = table.insert(line[e == 0 ? 0 : line.count - 1])
                if g == count.count { count.append(0) }
                count[g] += 1
                endGroups[2 * i + e] = Int32(g)
            }
        }
        start = [Int](repeating: 0, count: count.count + 1)
        for g in count.indices { start[g + 1] = start[g] + count[g] }
        var fill = start
        lines = [Int32](repeating: 0, count: start[count.count])
        for e in endGroups.indices where endGroups[e] >= 0 {
            let g = Int(endGroups[e])
            lines[fill[g]] = Int32(e / 2)
            fill[g] += 1
        }
    }

    /// The group of line `i`'s first point (the line has at least two points).
    func firstGroup(_ i: Int) -> Int { Int(endGroups[2 * i]) }

    /// The group of line `i`'s last point (the line has at least two points).
    func lastGroup(_ i: Int) -> Int { Int(endGroups[2 * i + 1]) }

    /// The group of lines ending at `p`, if any.
    func group(of p: GridPoint) -> Int? { table.find(p) }
}

/// Grid points numbered densely in order of first insertion: an open-addressing hash table of
/// numbers (small, so probes stay in cache more often), the points themselves kept densely by number.
struct GridPointTable {
    private var points: [GridPoint] = []
    private var slots: [Int32]
    private let mask: Int

    /// A table for up to `capacity` points.
    init(capacity: Int) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        points.reserveCapacity(capacity)
    }

    private func home(_ p: GridPoint) -> Int {
        var h = UInt64(bitPattern: Int64(p.x)) &* 0x9E37_79B9_7F4A_7C15
        h ^= UInt64(bitPattern: Int64(p.y)) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 31
        return Int(truncatingIfNeeded: h) & mask
    }

    /// Points inserted so far.
    var count: Int { points.count }

    /// The number of `p`, given the next free number if it is new. At most `capacity` points.
    mutating func insert(_ p: GridPoint) -> Int {
        var k = home(p)
        while true {
            let s = Int(slots[k])
            if s < 0 { break }
            if points[s] == p { return s }
            k = (k + 1) & mask
        }
        slots[k] = Int32(points.count)
        points.append(p)
        return points.count - 1
    }

    /// The number of `p`, or nil when it was never inserted.
    func find(_ p: GridPoint) -> Int? {
        var k = home(p)
        while true {
            let s = Int(slots[k])
            if s < 0 { return nil }
            if points[s] == p { return s }
            k = (k + 1) & mask
        }
    }
}
