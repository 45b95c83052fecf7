import CircleInput
import Foundation

/// `circle-bench points FILE [--list] [--runs N]`: reads a CSV or GeoJSON points file with the
/// reader `circle analyze` uses (strict parsing, every attribute kept, as a `PointTable`; with
/// `--list`, as `[InputPoint]`, one dictionary of attributes per point) and prints its throughput. The
/// file is read into memory once, before the timed runs, so the figure is the parser's alone. The
/// reader runs on one thread, so its thread CPU time is printed too: on a machine shared with other
/// work, CPU seconds are the steadier figure (wall time includes waiting for a core).
enum PointsBench {
    static func run(file: String, runs: Int, list: Bool = false) throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CocoaError(.fileNoSuchFile) }
        let bytes = [UInt8](data)
        var times: [Double] = [], cpu: [Double] = []
        var count = 0
        func threadCPU() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
        }
        for _ in 0..<max(1, runs) {
            let t0 = DispatchTime.now().uptimeNanoseconds, c0 = threadCPU()
            count = list ? try PointReader.read(bytes: bytes, path: file).count : try PointReader.table(bytes: bytes, path: file).count
            cpu.append(threadCPU() - c0)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        times.sort()
        cpu.sort()
        let median = times[times.count / 2], medianCPU = cpu[cpu.count / 2], mb = Double(bytes.count) / 1e6
        print(String(format: "points %@%@: %d points, %.1f MB, median %.3f s wall (%.0f MB/s), %.3f s CPU (%.0f MB/s)  wall min %.3f max %.3f  (%d runs)",
                     (file as NSString).lastPathComponent, list ? " (list)" : "", count, mb, median, mb / median, medianCPU, mb / medianCPU,
                     times.first!, times.last!, times.count))
    }
}
