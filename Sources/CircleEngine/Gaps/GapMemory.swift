import CircleGeo
import Foundation

/// The memory guard of the gap maps (issue 10 §4): before any O(cells) structure is allocated,
/// the peak of all of them is estimated from the grid's and the study area's sizes, and a run
/// that would exceed the limit is refused (exit 1) with the smallest cell size that fits.
///
/// The estimate counts bytes per grid cell and per study cell of every structure the gap stage
/// keeps or builds, stage by stage (laying out the study area; snapping the cells; searching and
/// drawing), and takes the largest stage, plus a quarter for the allocator and what is not
/// counted. The limit is for these structures alone (the network and the origins are loaded
/// before and are not counted), so the same inputs and options give the same decision.
struct GapMemory: Sendable {
    /// Bytes the gap structures may take.
    var limit: Double
    /// Items whose gap maps are drawn (their cells' times are kept).
    var items: Int
    /// Travel modes searched.
    var modes: Int
    /// Whether search results are kept (cache, shards): each unit's cells' times are copied once more.
    var keyed: Bool
    /// Gap maps drawn at once.
    var threads: Int

    /// Bytes per grid cell while the study area is laid out: the crossed-cell marks (1), the
    /// distance transform's squared distances and its working copy (16), the study-area flags and
    /// the mask's (2), the mask's distance transform (16).
    static let gridBytesStudy = 35.0
    /// Bytes per grid cell per gap map drawn at once: the raster (1) and the tracer's padded copy
    /// (1), traced edges (1), saddle positions (4) and 4-connected labels (4 + 4).
    static let gridBytesPerMap = 15.0
    /// Bytes per study cell kept for the whole run: grid index, longitude, latitude, territory (8
    /// each), snap (16), mode (1), the search point (24).
    static let studyBytesKept = 73.0
    /// Bytes per study cell while the cells are snapped: the full snap records (64) and the study
    /// cache's copy of the study (52).
    static let studyBytesSnapping = 116.0
    /// Bytes per study cell and drawn item: the searches' centimetres (4).
    static let studyBytesPerItem = 4.0
    /// Bytes per study cell per gap map drawn at once: the item's minutes (4), made when its map is drawn.
    static let studyBytesPerMap = 4.0
    /// Bytes per network segment (O(points) in the gap stage): its projected ends (32) and its
    /// bucket entries (about 8).
    static let segmentBytes = 40.0

    /// The default limit: half of the physical memory (or of the cgroup's limit when lower).
    static var defaultLimit: Double { Double(physicalMemory) / 2 }

    /// The physical memory, or the cgroup (v2 or v1) memory limit when that is lower.
    static var physicalMemory: UInt64 {
        var memory = ProcessInfo.processInfo.physicalMemory
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let bytes = UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes > 0 {
                memory = min(memory, bytes)
            }
        }
        return memory
    }

    /// The peak bytes of the gap structures for a grid of `grid` cells, `study` of them in the study area.
    func estimate(grid: Double, study: Double) -> Double {
        let layout = grid * Self.gridBytesStudy + study * 16
        let snapping = study * (Self.studyBytesKept + Self.studyBytesSnapping)
        let perItem = Self.studyBytesPerItem + (keyed ? 4 * Double(modes) : 0)
        let drawing = study * (Self.studyBytesKept + Double(items) * perItem + Self.studyBytesPerMap * Double(threads))
            + grid * Self.gridBytesPerMap * Double(threads)
        return 1.25 * max(layout, snapping, drawing)
    }

    /// Refuses `cellSize` when its estimate exceeds the limit.
    ///
    /// - Parameters:
    ///   - cells: The number of grid cells of a cell size.
    ///   - studyShare: The share of grid cells in the study area (measured on a coarse grid).
    /// - Throws: ``GapMemoryError`` naming the estimate, the limit and the smallest cell size that fits.
    ///   - fixed: Bytes of the structures that do not grow with the cells (the network's segments).
    func check(cellSize: Double, width: Double, height: Double, studyShare: Double, fixed: Double = 0) throws {
        func cells(_ s: Double) -> Double { ((width / s).rounded(.up) + 1) * ((height / s).rounded(.up) + 1) }
        func need(_ s: Double) -> Double { fixed + estimate(grid: cells(s), study: cells(s) * studyShare) }
        let needed = need(cellSize)
        guard needed > limit else { return }
        // The smallest size (to 0.1 m) whose estimate fits: the estimate falls as cells grow.
        var lo = cellSize, hi = max(cellSize, 1)
        while need(hi) > limit && hi < AnalysisRun.gapCellRange.upperBound { hi = min(hi * 2, AnalysisRun.gapCellRange.upperBound) }
        var fits: Double?
        if need(hi) <= limit {
            for _ in 0..<60 {
                let mid = (lo + hi) / 2
                if need(mid) <= limit { hi = mid } else { lo = mid }
            }
            var s = (hi * 10).rounded(.up) / 10
            while need(s) > limit { s += 0.1 }
            fits = max(s, AnalysisRun.gapCellRange.lowerBound)
        }
        throw GapMemoryError(cellSize: cellSize, needed: needed, limit: limit, cells: cells(cellSize),
                             studyCells: cells(cellSize) * studyShare, smallestFitting: fits)
    }

    /// Parses a `--max-memory` value: a number of bytes, or with a unit K, M, G or T (powers of
    /// 1024; `GB`, `GiB` and lower case too), e.g. `8G`, `512M`, `1.5GB`.
    static func parse(_ text: String) throws -> Double {
        let t = text.trimmingCharacters(in: .whitespaces)
        let (k, m, g, tb) = (1024.0, 1024.0 * 1024, 1024.0 * 1024 * 1024, 1024.0 * 1024 * 1024 * 1024)
        let units: [(String, Double)] = [("tib", tb), ("tb", tb), ("t", tb), ("gib", g), ("gb", g), ("g", g),
                                         ("mib", m), ("mb", m), ("m", m), ("kib", k), ("kb", k), ("k", k), ("b", 1)]
        var number = t, scale = 1.0
        for (suffix, factor) in units where t.lowercased().hasSuffix(suffix) {
            number = String(t.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = factor
            break
        }
        guard let value = Double(number), value.isFinite, value > 0, value * scale >= m else {
            throw OptionError("--max-memory must be an amount of memory of at least 1M, such as 8G or 512M, got '\(text)'")
        }
        return value * scale
    }

    /// Bytes as "1.5 GB" (powers of 1024, as `--max-memory` reads them).
    static func format(_ bytes: Double) -> String {
        bytes >= Double(1 << 30) ? String(format: "%.1f GB", bytes / Double(1 << 30))
                                 : String(format: "%.0f MB", bytes / Double(1 << 20))
    }
}

extension AnalysisOptions {
    /// Parses a `--max-memory` value (`8G`, `512M`, `1.5GB`, or bytes); throws ``OptionError``.
    public static func parseMemory(_ text: String) throws -> Double { try GapMemory.parse(text) }
}

/// A gap-map grid that would exceed the memory limit.
struct GapMemoryError: Error, CustomStringConvertible, UserInputError {
    var cellSize: Double
    var needed: Double
    var limit: Double
    var cells: Double
    var studyCells: Double
    var smallestFitting: Double?

    var description: String {
        let sizes = String(format: "%.0f grid cells of %g m, about %.0f of them in the study area", cells, cellSize, studyCells)
        let fix = smallestFitting.map { String(format: "the smallest --gap-cell that fits is %g m", $0) }
            ?? "no --gap-cell fits: raise --max-memory"
        return "--gap-cell \(String(format: "%g", cellSize)): the gap maps would need about \(GapMemory.format(needed)) "
            + "(\(sizes)), more than the limit of \(GapMemory.format(limit)) (--max-memory, default half the "
            + "physical memory): \(fix)"
    }
}
