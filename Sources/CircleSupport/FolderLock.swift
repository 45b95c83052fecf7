import Foundation

/// The one-writer lock of an output folder: `flock` on the hidden file `.NAME.lock` beside it
/// (not inside it, since the folder itself is swapped when a run publishes). The lock file says
/// who holds it (process id, host, start time), so a run that will not wait can name the holder.
/// The file is left in place after use: removing it could let two runs lock two different files.
public final class FolderLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private let fd: Int32

    /// Who holds a lock, as its file says.
    public static func holder(of lockPath: String) -> String {
        guard let data = FileManager.default.contents(atPath: lockPath),
              let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
              !text.isEmpty else { return "another run" }
        return text
    }

    /// The lock file of the folder at `folder`.
    public static func lockPath(for folder: URL) -> String {
        folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).lock").path
    }

    /// Takes the lock of `folder`. When another run holds it: waits (calling `waiting` once with
    /// the holder) or, with `wait` false, throws ``OutputPlaceError`` naming the holder.
    public init(folder: URL, wait: Bool, waiting: (String) -> Void = { _ in }) throws {
        path = Self.lockPath(for: folder)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OutputPlaceError(path: folder.path, reason: "cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = Self.holder(of: path)
            guard wait else {
                close(fd)
                throw OutputPlaceError(path: folder.path, reason: "another run is writing this output folder (\(holder)); "
                                       + "--no-wait was given, so this run stops instead of waiting")
            }
            waiting(holder)
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw OutputPlaceError(path: folder.path, reason: "cannot lock \(path): \(reason)")
                }
            }
        }
        let host = ProcessInfo.processInfo.hostName
        let me = "pid \(getpid()) on \(host), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = me.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    /// Whether some run holds the lock of `folder` now (a probe that takes and drops it).
    public static func isHeld(folder: URL) -> Bool {
        let fd = open(lockPath(for: folder), O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 { return true }
        flock(fd, LOCK_UN)
        return false
    }

    deinit {
        _ = ftruncate(fd, 0)
        close(fd)   // releases the lock
    }
}
