import Foundation

/// The one-writer lock of an output folder: `flock` on the hidden file `.NAME.lock` beside it
/// (not inside it, since the folder itself is swapped when a run publishes). The lock file says
/// who holds it (process id, host, start time), so a run that will not wait can name the holder.
/// The holder removes the file when it lets go, so no lock file lingers; a run that took the lock
/// of a file removed meanwhile (its inode no longer at the path) opens the path again.
public final class FolderLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private var fd: Int32 = -1

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
        var toldWaiting = false
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
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
                if !toldWaiting { waiting(holder) }
                toldWaiting = true
                while flock(fd, LOCK_EX) != 0 {
                    guard errno == EINTR else {
                        let reason = String(cString: strerror(errno))
                        close(fd)
                        throw OutputPlaceError(path: folder.path, reason: "cannot lock \(path): \(reason)")
                    }
                }
            }
            // The previous holder may have removed the file before we locked it: then lock the new one.
            var mine = stat(), there = stat()
            if fstat(fd, &mine) == 0, stat(path, &there) == 0, mine.st_ino == there.st_ino, mine.st_dev == there.st_dev {
                self.fd = fd
                break
            }
            close(fd)
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
        guard fd >= 0 else { return }   // an init that threw holds nothing
        unlink(path)   // while still holding the lock: a waiter then finds its inode gone and opens anew
        close(fd)      // releases the lock
    }
}
