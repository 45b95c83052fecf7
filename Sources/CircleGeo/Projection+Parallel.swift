internal import CPROJ
import CircleSupport
import Foundation

extension Projection {
    /// Below this many points a transform runs on one thread (a second projection costs a few ms).
    static let parallelMinimum = 100_000

    /// ``forward(_:_:)`` in two halves at once, the second by a projection of its own (PROJ
    /// objects are not thread-safe): every point gets the same result as in one call.
    /// - Throws: ``ProjectionError`` `.transformFailed` naming the first point that failed.
    public func forwardSplit(_ xs: inout [Double], _ ys: inout [Double]) throws {
        try split(&xs, &ys, direction: PJ_FWD)
    }

    /// ``inverse(_:_:)`` in two halves at once, as ``forwardSplit(_:_:)``.
    public func inverseSplit(_ xs: inout [Double], _ ys: inout [Double]) throws {
        try split(&xs, &ys, direction: PJ_INV)
    }

    private func split(_ xs: inout [Double], _ ys: inout [Double], direction: PJ_DIRECTION) throws {
        let n = xs.count
        guard n == ys.count, n >= Self.parallelMinimum, ProcessInfo.processInfo.activeProcessorCount > 1,
              let other = try? Projection(from: source, to: target) else {
            return try direction == PJ_INV ? inverse(&xs, &ys) : forward(&xs, &ys)
        }
        let half = n / 2, stride = MemoryLayout<Double>.stride
        let complete = ResultSlots<Bool>(count: 2)
        nonisolated(unsafe) let pjs = [pj, other.pj]
        xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                nonisolated(unsafe) let x = xb.baseAddress!, y = yb.baseAddress!
                DispatchQueue.concurrentPerform(iterations: 2) { k in
                    let start = k == 0 ? 0 : half, count = k == 0 ? half : n - half
                    proj_errno_reset(pjs[k])
                    let done = proj_trans_generic(pjs[k], direction, x + start, stride, count, y + start, stride, count,
                                                  nil, 0, 0, nil, 0, 0)
                    complete.store(k, done == count)
                }
            }
        }
        withExtendedLifetime(other) {}
        let bad = (0..<n).first { !xs[$0].isFinite || !ys[$0].isFinite }
        if bad != nil || complete.values.contains(where: { $0 != true }) {
            let way = direction == PJ_INV ? "inverse" : "forward"
            throw ProjectionError(.transformFailed, crs: "\(source) → \(target)",
                                  message: "\(way) transformation failed for \(bad.map { "point #\($0)" } ?? "some points")")
        }
    }
}
