import Foundation

/// Hands out work indices `0 ..< count` to concurrent workers, each exactly once.
public final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    public init() {}

    /// The next index below `count`, or nil when all are taken.
    public func take(below count: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }
}

/// One slot per work item, filled by concurrent workers (each slot written once).
public final class ResultSlots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Value?]

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// Stores the value of item `index`.
    public func store(_ index: Int, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = value
    }

    /// Every slot, nil where no worker stored a value.
    public var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// Work run on a thread of its own while the caller goes on; ``result()`` waits for it.
public final class BackgroundWork<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<T, Error>?

    /// Starts `body` on a new thread.
    public init(_ body: @escaping @Sendable () throws -> T) {
        let thread = Thread { [self] in
            outcome = Result { try body() }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Waits for the work and returns its value or throws its error (once).
    public func result() throws -> T {
        done.wait()
        done.signal()   // later calls return at once
        return try outcome!.get()
    }
}
