import Foundation

/// Reports the stages of a long run on stderr: timestamped lines, or nothing when quiet.
public struct StageLog: Sendable {
    public var quiet: Bool
    let start: Date

    public init(quiet: Bool = false) {
        self.quiet = quiet
        start = Date()
    }

    /// Prints "warning: message" to stderr (even when quiet: warnings are part of the result).
    public func warn(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    /// Prints "[  1.234s] message" to stderr.
    public func stage(_ message: String) {
        guard !quiet else { return }
        let line = String(format: "[%8.3fs] ", Date().timeIntervalSince(start)) + message + "\n"
        FileHandle.standardError.write(Data(line.utf8))
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

    /// Runs `body` and adds its duration to `stage`.
    public func time<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let (value, seconds) = try measure(body)
        add(stage, seconds)
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
