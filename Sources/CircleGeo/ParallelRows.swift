import Foundation

/// Splits the lines 0..<count of a raster (or any independent items) over the cores, for work
/// where each line is written by one thread only.
public enum ParallelRows {
    /// Calls `body(line)` for every line, chunks of consecutive lines running concurrently.
    public static func lines(_ count: Int, _ body: @Sendable (Int) -> Void) {
        ranges(count) { range in for line in range { body(line) } }
    }

    /// Calls `body(range)` for consecutive ranges of lines covering 0..<count, concurrently:
    /// `perCore` ranges per core, so that uneven lines still keep every core busy.
    public static func ranges(_ count: Int, perCore: Int = 4, _ body: @Sendable (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount * perCore))
        if chunks == 1 { body(0..<count); return }
        DispatchQueue.concurrentPerform(iterations: chunks) { k in body((count * k / chunks)..<(count * (k + 1) / chunks)) }
    }
}
