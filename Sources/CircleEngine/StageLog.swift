import Foundation

/// Reports the stages of a long run on stderr: timestamped lines (plain), one JSON object a line
/// (`--log-json`), or nothing (`--quiet`); on a terminal, long stages also draw a progress bar.
public struct StageLog: Sendable {
    /// How stages are reported.
    public enum Style: String, Sendable {
        case plain, json, quiet
    }

    public var style: Style
    let start: Date
    /// Whether stderr is a terminal (progress bars are drawn only there).
    let terminal: Bool

    public init(style: Style = .plain) {
        self.style = style
        start = Date()
        terminal = isatty(STDERR_FILENO) == 1
    }

    /// A log that prints nothing but warnings.
    public init(quiet: Bool) { self.init(style: quiet ? .quiet : .plain) }

    public var quiet: Bool { style == .quiet }

    var elapsed: Double { Date().timeIntervalSince(start) }

    /// Reports a stage: "[  1.234s] message", or a JSON line.
    public func stage(_ message: String) {
        switch style {
        case .quiet: return
        case .plain: emit(String(format: "[%8.3fs] ", elapsed) + message + "\n")
        case .json: emit(json(["level": "info", "t": String(format: "%.3f", elapsed), "message": message]))
        }
    }

    /// Reports a warning (even when quiet: warnings are part of the result).
    public func warn(_ message: String) {
        if style == .json {
            emit(json(["level": "warning", "t": String(format: "%.3f", elapsed), "message": message]))
        } else {
            emit("warning: \(message)\n")
        }
    }

    /// Draws `done` of `total` as a bar on a terminal; elsewhere prints nothing (the stage lines
    /// already say what runs).
    public func progress(_ label: String, done: Int, total: Int) {
        guard style == .plain, terminal, total > 0 else { return }
        let width = 30, filled = width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        emit("\r\(bar) \(label) \(done)/\(total)" + (done == total ? "\n" : ""))
    }

    private func json(_ fields: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private func emit(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Measures how long a piece of work takes, in seconds.
public func measure<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
}

/// Measures an async piece of work, in seconds.
public func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let t0 = DispatchTime.now().uptimeNanoseconds
    let value = try await body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
}

/// The tool's version, recorded in caches and outputs.
public let circleVersion = "0.1.0"

/// Seconds per named stage of a run (a stage timed twice adds up).
public final class StageClock: @unchecked Sendable {
    private let lock = NSLock()
    private var table: [String: Double] = [:]

    public init() {}

    /// When the clock was made, for ``trace``.
    private let origin = DispatchTime.now().uptimeNanoseconds
    /// `CIRCLE_TRACE_STAGES=1`: each timed stage prints, once done, when it started and ended
    /// (seconds since the run began) on standard error: which stages overlap, which wait.
    private let trace = ProcessInfo.processInfo.environment["CIRCLE_TRACE_STAGES"] == "1"

    /// Runs `body` and adds its duration to `stage`.
    public func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        let t1 = DispatchTime.now().uptimeNanoseconds
        add(stage, Double(t1 - t0) / 1e9)
        if trace {
            let line = String(format: "stage %7.3f %7.3f %@\n", Double(t0 - origin) / 1e9, Double(t1 - origin) / 1e9, stage)
            FileHandle.standardError.write(Data(line.utf8))
        }
        return value
    }

    /// Adds `seconds` to `stage`.
    public func add(_ stage: String, _ seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        table[stage, default: 0] += seconds
    }

    /// The table so far.
    public var seconds: [String: Double] {
        lock.lock()
        defer { lock.unlock() }
        return table
    }
}
