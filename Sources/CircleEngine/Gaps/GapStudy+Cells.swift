import CircleGeo
import Foundation

/// The study grid's cell lists, made without a structure per grid cell beyond the `inside` flags.
extension GapStudy {
    /// The grid cells holding an origin, ascending, each once.
    static func ownCells(_ ownCell: [Int?]) -> [Int] {
        var own = ownCell.compactMap { $0 }
        own.sort()
        var unique: [Int] = []
        unique.reserveCapacity(own.count)
        for c in own where unique.last != c { unique.append(c) }
        return unique
    }

    /// The cells inside or holding an origin, ascending (`inside` gets the origins' cells too).
    static func candidates(inside: inout [Bool], own: [Int]) -> [Int] {
        for c in own { inside[c] = true }
        var out: [Int] = []
        out.reserveCapacity(inside.count { $0 })
        for c in inside.indices where inside[c] { out.append(c) }
        return out
    }

    /// Sets `keep` for the candidates that hold an origin (both lists ascending).
    static func keepOwn(_ keep: inout [Bool], candidates: [Int], own: [Int]) {
        var j = 0
        for k in candidates.indices {
            while j < own.count && own[j] < candidates[k] { j += 1 }
            if j < own.count && own[j] == candidates[k] { keep[k] = true }
        }
    }

    /// `territory(k)` for k in 0..<count, split over the cores.
    static func territories(_ count: Int, _ territory: @Sendable (Int) -> Int) -> [Int] {
        var out = [Int](repeating: 0, count: count)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let buffer = buffer
            ParallelRows.ranges(count) { range in for k in range { buffer[k] = territory(k) } }
        }
        return out
    }
}
