/// A regular grid of square cells in a metric plane: cell (column, row) covers
/// `[minX + column·size, minX + (column+1)·size) × [minY + row·size, …)`, row 0 to the south.
public struct CellGrid: Sendable, Equatable {
    public let minX: Double
    public let minY: Double
    /// Cell side, metres.
    public let size: Double
    public let columns: Int
    public let rows: Int

    /// The most cells a grid may have: beyond, a run would exhaust memory (about 40 bytes a cell
    /// per item are kept), so it is refused before any work starts.
    public static let maximumCells = 60_000_000

    /// Covers the box `[minX, maxX] × [minY, maxY]` with cells of `size` metres.
    ///
    /// - Throws: ``CellGridError`` when `size` is not positive or the grid would be too large.
    public init(minX: Double, minY: Double, maxX: Double, maxY: Double, size: Double) throws {
        guard size > 0, size.isFinite else { throw CellGridError(message: "the gap cell size must be a positive number of metres, got \(size)") }
        let c = ((maxX - minX) / size).rounded(.up) + 1, r = ((maxY - minY) / size).rounded(.up) + 1
        guard c * r <= Double(Self.maximumCells) else {
            throw CellGridError(message: String(format: "a %.0f m gap cell over %.1f × %.1f km makes %.0f cells, more than the "
                                                + "%d that fit in memory: use a larger --gap-cell", size, (maxX - minX) / 1000,
                                                (maxY - minY) / 1000, c * r, Self.maximumCells))
        }
        self.minX = minX
        self.minY = minY
        self.size = size
        columns = Int(c)
        rows = Int(r)
    }

    /// A grid given by its corner, cell side and size, as ``minX``… give it back (a stored grid).
    ///
    /// - Throws: ``CellGridError`` when `size` is not positive, a dimension is not positive, or
    ///   the grid would be too large.
    public init(minX: Double, minY: Double, size: Double, columns: Int, rows: Int) throws {
        guard size > 0, size.isFinite, columns > 0, rows > 0, columns <= Self.maximumCells / rows else {
            throw CellGridError(message: "not a gap grid: \(columns) × \(rows) cells of \(size) m")
        }
        self.minX = minX
        self.minY = minY
        self.size = size
        self.columns = columns
        self.rows = rows
    }

    /// The number of cells.
    public var count: Int { columns * rows }

    /// The centre of cell `index` (row-major).
    @inlinable
    public func centre(_ index: Int) -> (x: Double, y: Double) {
        (minX + (Double(index % columns) + 0.5) * size, minY + (Double(index / columns) + 0.5) * size)
    }

    /// The cell holding a point, or nil outside the grid.
    @inlinable
    public func cell(x: Double, y: Double) -> Int? {
        let c = Int(((x - minX) / size).rounded(.down)), r = Int(((y - minY) / size).rounded(.down))
        guard c >= 0, r >= 0, c < columns, r < rows else { return nil }
        return r * columns + c
    }

    /// The corner (column, row) of the grid in plane coordinates.
    @inlinable
    public func corner(column: Int, row: Int) -> (x: Double, y: Double) {
        (minX + Double(column) * size, minY + Double(row) * size)
    }
}

/// A gap grid that cannot be made.
public struct CellGridError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// Exact Euclidean distance transform on a grid (Felzenszwalb & Huttenlocher, 2012): for every
/// cell, the distance in cells from its centre to the nearest marked cell's centre.
public enum DistanceTransform {
    /// Squared distances in cells² (`.infinity` when nothing is marked).
    ///
    /// - Complexity: O(columns × rows).
    public static func squared(marked: [Bool], columns: Int, rows: Int) -> [Double] {
        var f = marked.map { $0 ? 0.0 : Double.infinity }
        // Rows, then columns, each split over the cores (every line is transformed on its own).
        f.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let f = buffer
            ParallelRows.ranges(rows) { range in
                var line = [Double](repeating: 0, count: columns), out = line
                for r in range {
                    for c in 0..<columns { line[c] = f[r * columns + c] }
                    transform1D(line, columns, &out)
                    for c in 0..<columns { f[r * columns + c] = out[c] }
                }
            }
            ParallelRows.ranges(columns) { range in
                var line = [Double](repeating: 0, count: rows), out = line
                for c in range {
                    for r in 0..<rows { line[r] = f[r * columns + c] }
                    transform1D(line, rows, &out)
                    for r in 0..<rows { f[r * columns + c] = out[r] }
                }
            }
        }
        return f
    }

    /// The lower envelope of parabolas rooted at each finite sample.
    static func transform1D(_ f: [Double], _ n: Int, _ d: inout [Double]) {
        var v = [Int](repeating: 0, count: n), z = [Double](repeating: 0, count: n + 1)
        var k = -1
        for q in 0..<n where f[q].isFinite {
            var s = -Double.infinity
            while k >= 0 {
                let p = v[k]
                s = ((f[q] + Double(q * q)) - (f[p] + Double(p * p))) / Double(2 * q - 2 * p)
                if s <= z[k] { k -= 1 } else { break }
            }
            k += 1
            v[k] = q
            z[k] = k == 0 ? -.infinity : s
            z[k + 1] = .infinity
        }
        guard k >= 0 else {
            for q in 0..<n { d[q] = .infinity }
            return
        }
        var j = 0
        for q in 0..<n {
            while z[j + 1] < Double(q) { j += 1 }
            let dq = Double(q - v[j])
            d[q] = dq * dq + f[v[j]]
        }
    }
}
