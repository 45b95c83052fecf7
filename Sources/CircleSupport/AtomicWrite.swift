import Foundation

/// Writes files so that readers only ever see the old or the complete new content.
public enum AtomicWrite {
    /// Writes `data` to a temporary file beside `path`, flushes it (unless `sync` is false: a
    /// file that may be lost or empty after a crash, as a cache's), and renames it over `path`.
    /// On failure the temporary file is removed and whatever stood at `path` is untouched.
    ///
    /// - Throws: ``AtomicWriteError`` naming the path and the reason.
    public static func write(_ data: Data, to path: String, sync: Bool = true) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw AtomicWriteError(path: path, reason: "the folder \(dir) does not exist")
        }
        let temp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do { try PosixFile.write(data, to: temp, sync: sync) } catch let error as AtomicWriteError {
            throw AtomicWriteError(path: path, reason: error.reason)
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw AtomicWriteError(path: path, reason: "rename failed: \(reason)")
        }
    }
}

/// Why an atomic write failed.
public struct AtomicWriteError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Plain POSIX file writing, so that a full disk or a file-size limit is reported as the system
/// says it ("No space left on device", "File too large") instead of as a Foundation error number.
/// The process ignores SIGXFSZ (see `circle`'s main), so a size limit surfaces as EFBIG here.
public enum PosixFile {
    /// Creates (or truncates) `path` and writes `data` to it, then flushes it to disk when `sync`.
    ///
    /// - Throws: ``AtomicWriteError`` naming the path and the system's reason.
    public static func write(_ data: Data, to path: String, sync: Bool = false) throws {
        try write(parts: [data], to: path, sync: sync)
    }

    /// Creates (or truncates) `path` and writes `parts` to it one after the other (a file made
    /// in pieces, never joined in memory), then flushes it to disk when `sync`.
    ///
    /// - Throws: ``AtomicWriteError`` naming the path and the system's reason.
    public static func write<Bytes: ContiguousBytes>(parts: [Bytes], to path: String, sync: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw error(path, "cannot create the file") }
        var ok = true
        var failedErrno: Int32 = 0
        for part in parts where ok {
            part.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        ok = false
                        failedErrno = errno
                        return
                    }
                    offset += n
                }
            }
        }
        if ok && sync && fsync(fd) != 0 { ok = false; failedErrno = errno }
        if close(fd) != 0 && ok { ok = false; failedErrno = errno }
        guard ok else {
            unlink(path)
            errno = failedErrno
            throw error(path, "write failed")
        }
    }

    static func error(_ path: String, _ what: String) -> AtomicWriteError {
        AtomicWriteError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
