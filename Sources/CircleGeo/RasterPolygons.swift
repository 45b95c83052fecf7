// Boundary tracing of a binary raster into polygons with holes, in cell-corner coordinates.
//
// Cell (column c, row r) is the unit square [c, c+1] × [r, r+1]; row 0 is the southernmost.
// Every unit edge between a set and an unset cell (cells outside the raster are unset) is
// directed with the set cell on its left, so outlines run counter-clockwise and holes clockwise.
// At a corner, the next edge is the left-most one available: where two set cells touch only
// diagonally (a "saddle"), the outline turns around the cell it is following, so diagonal
// neighbours stay apart and a polygon is a 4-connected group of cells.
// A ring can still touch itself at a saddle (a bay whose mouth is a diagonal pinch, or two holes
// meeting diagonally); such a ring is cut there into simple rings that share that one vertex,
// which is how OGC/GEOS wants it (a hole may touch its shell, or another hole, at one point).

/// A corner of the raster grid: `x` counts columns from the west edge, `y` rows from the south edge.
public struct RasterCorner: Hashable, Sendable {
    /// Column index of the corner, 0…columns.
    public var x: Int
    /// Row index of the corner, 0…rows.
    public var y: Int

    /// Creates a corner.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// One polygon traced from a raster: a 4-connected group of set cells, in corner coordinates.
///
/// Rings are closed (the last corner repeats the first), simple, and have no collinear
/// intermediate corners; rings of the same polygon, or of different polygons, may touch at
/// single corners where cells meet diagonally.
public struct RasterPolygon: Hashable, Sendable {
    /// The outline, counter-clockwise (y up).
    public var exterior: [RasterCorner]
    /// The holes, each clockwise, in the order they were traced (by their lowest edge).
    public var holes: [[RasterCorner]]

    /// Creates a polygon from a closed counter-clockwise exterior and closed clockwise holes.
    public init(exterior: [RasterCorner], holes: [[RasterCorner]] = []) {
        self.exterior = exterior
        self.holes = holes
    }

    /// The number of cells covered: the exterior's area minus the holes' areas.
    public var cellCount: Int {
        holes.reduce(RasterPolygons.doubleSignedArea(exterior)) { $0 + RasterPolygons.doubleSignedArea($1) } / 2
    }
}

/// Converts a binary raster into polygons by tracing cell boundaries (linear in the raster size).
public enum RasterPolygons {
    /// The polygons covering the set cells of a `columns × rows` raster.
    ///
    /// - Parameters:
    ///   - cells: `columns * rows` flags in row-major order, row 0 first (the south, lowest y);
    ///     cell (c, r) is `cells[r * columns + c]`.
    /// - Returns: One polygon per 4-connected group of set cells, ordered by each group's first cell
    ///   in `cells` (lowest row, then lowest column). Cells touching only at a corner belong to
    ///   different polygons, which then share that corner.
    /// - Complexity: O(columns × rows).
    public static func polygons(cells: [Bool], columns: Int, rows: Int) -> [RasterPolygon] {
        precondition(columns >= 0 && rows >= 0 && cells.count == columns * rows,
                     "RasterPolygons: \(cells.count) cells for a \(columns) × \(rows) raster")
        guard columns > 0, rows > 0 else { return [] }
        var tracer = RasterTracer(cells: cells, columns: columns, rows: rows)
        return tracer.run()
    }

    /// Twice the signed area of a closed ring (shoelace): positive when counter-clockwise.
    public static func doubleSignedArea(_ ring: [RasterCorner]) -> Int {
        guard ring.count > 2 else { return 0 }
        var sum = 0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
        }
        return sum
    }
}

/// The working state of one tracing run.
///
/// Directions are 0 east, 1 north, 2 west, 3 south (counter-clockwise). Around a corner the four
/// cells are numbered the same way: 0 north-east, 1 north-west, 2 south-west, 3 south-east, and a
/// corner's mask has bit q set when cell q is set. The edge leaving a corner in direction d has
/// cell d on its left and cell (d + 3) % 4 on its right, so it is a boundary edge exactly when
/// bit d is set and bit (d + 3) % 4 is not.
struct RasterTracer {
    let columns: Int
    let rows: Int
    /// The raster with a one-cell unset border: width columns + 2; cell (c, r) at (r + 1) * width + c + 1.
    private var padded: [UInt8]
    private let width: Int
    /// Per corner (y * (columns + 1) + x): bit d set once the edge leaving it in direction d is traced.
    private var traced: [UInt8]
    /// Per corner: 1 + the position of this saddle corner in `path`, or 0 when not on it.
    private var onPath: [Int32]
    /// The corners of the ring being traced, as corner indices; pinched-off loops leave it.
    private var path: [Int32] = []
    /// For each (mask, heading): the direction to leave in, or 255 when there is no boundary edge.
    private let next: [UInt8]
    /// 4-connected group label per cell (unpadded, row-major), numbered by first cell; -1 unset.
    private var group: [Int32]
    private var groupCount = 0
    private var exteriors: [[RasterCorner]?] = []
    private var holes: [[[RasterCorner]]] = []

    init(cells: [Bool], columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        width = columns + 2
        padded = [UInt8](repeating: 0, count: width * (rows + 2))
        for r in 0..<rows {
            let row = (r + 1) * width + 1
            for c in 0..<columns where cells[r * columns + c] { padded[row + c] = 1 }
        }
        traced = [UInt8](repeating: 0, count: (columns + 1) * (rows + 1))
        onPath = [Int32](repeating: 0, count: (columns + 1) * (rows + 1))
        var table = [UInt8](repeating: 255, count: 64)
        for mask in 0..<16 {
            for heading in 0..<4 {
                // Left turn first (hug the cell being followed), then straight on, then right.
                for d in [(heading + 1) & 3, heading, (heading + 3) & 3]
                where mask & (1 << d) != 0 && mask & (1 << ((d + 3) & 3)) == 0 {
                    table[mask * 4 + heading] = UInt8(d)
                    break
                }
            }
        }
        next = table
        group = []
    }

    /// The x step of direction d: 1, 0, -1, 0.
    @inline(__always) private static func dx(_ d: Int) -> Int { d & 1 == 0 ? 1 - d : 0 }
    /// The y step of direction d: 0, 1, 0, -1.
    @inline(__always) private static func dy(_ d: Int) -> Int { d & 1 == 1 ? 2 - d : 0 }

    /// The four-cell mask around corner (x, y).
    @inline(__always)
    private func mask(_ x: Int, _ y: Int) -> Int {
        let ne = (y + 1) * width + x + 1
        return Int(padded[ne]) | Int(padded[ne - 1]) << 1 | Int(padded[ne - width - 1]) << 2
            | Int(padded[ne - width]) << 3
    }

    mutating func run() -> [RasterPolygon] {
        labelGroups()
        exteriors = Array(repeating: nil, count: groupCount)
        holes = Array(repeating: [], count: groupCount)
        // Every ring has a horizontal edge; start each ring at its first untraced one in row-major order.
        for y in 0...rows {
            for x in 0..<columns {
                let above = padded[(y + 1) * width + x + 1], below = padded[y * width + x + 1]
                if above != 0, below == 0, traced[y * (columns + 1) + x] & 1 == 0 {
                    trace(fromX: x, y: y, direction: 0, group: group[y * columns + x])
                } else if below != 0, above == 0, traced[y * (columns + 1) + x + 1] & 4 == 0 {
                    trace(fromX: x + 1, y: y, direction: 2, group: group[(y - 1) * columns + x])
                }
            }
        }
        return (0..<groupCount).map { g in
            guard let exterior = exteriors[g] else { fatalError("RasterPolygons: group \(g) has no outline") }
            return RasterPolygon(exterior: exterior, holes: holes[g])
        }
    }

    /// Labels the 4-connected groups of set cells (union-find), numbered in row-major order of first cell.
    private mutating func labelGroups() {
        var parent: [Int32] = []
        func find(_ a: Int32) -> Int32 {
            var a = a
            while parent[Int(a)] != a {
                parent[Int(a)] = parent[Int(parent[Int(a)])]
                a = parent[Int(a)]
            }
            return a
        }
        var label = [Int32](repeating: -1, count: columns * rows)
        for r in 0..<rows {
            for c in 0..<columns where padded[(r + 1) * width + c + 1] != 0 {
                let i = r * columns + c
                let west: Int32 = c > 0 ? label[i - 1] : -1
                let south: Int32 = r > 0 ? label[i - columns] : -1
                if west < 0 && south < 0 {
                    label[i] = Int32(parent.count)
                    parent.append(Int32(parent.count))
                } else if west < 0 || south < 0 {
                    label[i] = max(west, south)
                } else {
                    let a = find(west), b = find(south)
                    label[i] = min(a, b)
                    parent[Int(max(a, b))] = min(a, b)
                }
            }
        }
        // Roots are the smallest provisional label of their group, and provisional labels are
        // created in row-major order, so numbering roots in label order numbers groups by first cell.
        var final = [Int32](repeating: -1, count: parent.count)
        for p in 0..<parent.count {
            let root = Int(find(Int32(p)))
            if root == p {
                final[p] = Int32(groupCount)
                groupCount += 1
            } else {
                final[p] = final[root]
            }
        }
        for i in label.indices where label[i] >= 0 { label[i] = final[Int(label[i])] }
        group = label
    }

    /// Traces the ring that contains the edge leaving corner (x, y) in `direction`.
    private mutating func trace(fromX x0: Int, y y0: Int, direction d0: Int, group g: Int32) {
        let stride = columns + 1
        path.removeAll(keepingCapacity: true)
        traced[y0 * stride + x0] |= UInt8(1 << d0)
        var x = x0 + Self.dx(d0), y = y0 + Self.dy(d0), heading = d0
        while true {
            let m = mask(x, y)
            let out = Int(next[m * 4 + heading])
            precondition(out != 255, "RasterPolygons: broken boundary at (\(x), \(y))")
            if out != heading { addCorner(x, y, saddle: m == 0b0101 || m == 0b1010, group: g) }
            if x == x0 && y == y0 && out == d0 { break }
            traced[y * stride + x] |= UInt8(1 << out)
            x += Self.dx(out)
            y += Self.dy(out)
            heading = out
        }
        for v in path { onPath[Int(v)] = 0 }
        emit(path[...], group: g)
    }

    /// Appends a corner to `path`; a saddle corner already on it closes a loop, which leaves as its own ring.
    private mutating func addCorner(_ x: Int, _ y: Int, saddle: Bool, group g: Int32) {
        let v = y * (columns + 1) + x
        guard saddle else { path.append(Int32(v)); return }
        let seen = Int(onPath[v])
        if seen == 0 {
            path.append(Int32(v))
            onPath[v] = Int32(path.count)
            return
        }
        // path[seen - 1] is this corner: path[seen - 1...] plus this corner closes a loop.
        for w in path[seen...] { onPath[Int(w)] = 0 }
        emit(path[(seen - 1)...], group: g)
        path.removeSubrange(seen...)
    }

    /// Files a ring (corner indices, not yet closed) as its group's exterior or as a hole, by orientation.
    private mutating func emit(_ corners: ArraySlice<Int32>, group g: Int32) {
        let stride = columns + 1
        var ring: [RasterCorner] = []
        ring.reserveCapacity(corners.count + 1)
        for v in corners { ring.append(RasterCorner(x: Int(v) % stride, y: Int(v) / stride)) }
        ring.append(ring[0])
        if RasterPolygons.doubleSignedArea(ring) > 0 {
            precondition(exteriors[Int(g)] == nil, "RasterPolygons: two outlines for group \(g)")
            exteriors[Int(g)] = ring
        } else {
            holes[Int(g)].append(ring)
        }
    }
}
