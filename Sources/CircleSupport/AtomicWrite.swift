import Foundation

/// Writes files so that readers only ever see the old or the complete new content.
public enum AtomicWrite {
    /// Writes `data` to a temporary file beside `path`, flushes it, and renames it over `path`.
    /// On failure the temporary file is removed and whatever stood at `path` is untouched.
    ///
    /// - Throws: ``AtomicWriteError`` naming the path and the reason.
    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw AtomicWriteError(path: path, reason: "the folder \(dir) does not exist")
        }
        let temp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temp, contents: nil) else {
            throw AtomicWriteError(path: path, reason: "cannot create a file in \(dir)")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temp))
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw AtomicWriteError(path: path, reason: "write failed: \(error.localizedDescription)")
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
