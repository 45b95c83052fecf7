import CFileOps
import Foundation

/// A folder of outputs published all at once: files are written into a hidden staging folder
/// beside the destination, which replaces the destination only when everything is written. A run
/// that fails (or is killed) leaves the previous outputs as they were.
public final class OutputFolder {
    /// Where the outputs will stand.
    public let destination: URL
    /// Where they are written meanwhile.
    public let staging: URL
    private var published = false

    /// The one-writer lock of the destination, held until this object goes.
    private let lock: FolderLock?

    /// Checks the destination (``OutputPlace/checkFolder(_:option:protected:)``), takes its lock
    /// (waiting for another run, or with `wait` false failing naming it), cleans up after killed
    /// runs, and creates the staging folder.
    ///
    /// - Throws: ``OutputPlaceError`` when the destination may not be replaced or another run holds
    ///   it; ``AtomicWriteError`` when the parent folder is missing or not writable.
    public init(destination path: String, option: String = "--out", protected: [ProtectedPath] = [],
                wait: Bool = true, waiting: (String) -> Void = { _ in }) throws {
        try OutputPlace.checkFolder(path, option: option, protected: protected)
        destination = URL(fileURLWithPath: OutputPlace.resolved(path))
        let parent = destination.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDir), isDir.boolValue else {
            throw AtomicWriteError(path: path, reason: "the folder \(parent.path) does not exist")
        }
        lock = try FolderLock(folder: destination, wait: wait, waiting: waiting)
        // Checked again under the lock: the run that held it may have changed the folder.
        try OutputPlace.checkFolder(path, option: option, protected: protected)
        Self.recoverInterrupted(destination: destination)
        staging = parent.appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw AtomicWriteError(path: path, reason: "cannot create a folder in \(parent.path): \(error.localizedDescription)")
        }
    }

    /// Cleans up after runs that were killed: staging and set-aside folders of processes that no
    /// longer exist are removed, and if a run died between moving the old outputs aside and
    /// renaming the new ones into place, the old outputs are put back.
    static func recoverInterrupted(destination: URL) {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let name = destination.lastPathComponent
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries.sorted() {
            for kind in ["partial", "previous"] where entry.hasPrefix(".\(name).\(kind)-") {
                let rest = entry.dropFirst(".\(name).\(kind)-".count)
                guard let pid = Int32(rest.split(separator: "-").first ?? ""), !processIsAlive(pid) else { continue }
                let url = parent.appendingPathComponent(entry)
                if kind == "previous" && !fm.fileExists(atPath: destination.path) {
                    _ = rename(url.path, destination.path)
                } else {
                    try? fm.removeItem(at: url)
                }
            }
        }
    }

    static func processIsAlive(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
    }

    deinit {
        if !published { try? FileManager.default.removeItem(at: staging) }
    }

    /// The staging path of a file inside the folder (subfolders are created).
    public func path(_ relative: String) throws -> URL {
        let url = staging.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return url
    }

    /// Writes one file into the staging folder.
    public func write(_ data: Data, to relative: String) throws {
        let url = try path(relative)
        do { try PosixFile.write(data, to: url.path) } catch let error as AtomicWriteError {
            throw AtomicWriteError(path: destination.appendingPathComponent(relative).path, reason: error.reason)
        }
    }

    /// Writes a file made of `parts`, one after the other, into the staging folder (as
    /// ``write(_:to:)``, without joining them in memory first).
    public func write<Bytes: ContiguousBytes>(parts: [Bytes], to relative: String) throws {
        let url = try path(relative)
        do { try PosixFile.write(parts: parts, to: url.path) } catch let error as AtomicWriteError {
            throw AtomicWriteError(path: destination.appendingPathComponent(relative).path, reason: error.reason)
        }
    }

    /// Replaces the destination with the staging folder in one step, so that a reader never finds
    /// the folder missing: the two are exchanged atomically (renameat2 RENAME_EXCHANGE on Linux,
    /// renamex_np RENAME_SWAP on macOS) and the old outputs, now under the staging name, removed.
    /// Where the file system cannot exchange, the old folder is moved aside first (a reader may
    /// then find it missing for an instant).
    public func publish() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path) {
            guard OutputPlace.isOurs(destination.path)
                    || ((try? fm.contentsOfDirectory(atPath: destination.path)) ?? ["?"]).isEmpty else {
                throw AtomicWriteError(path: destination.path, reason: "is no longer a ServiceCircle output folder "
                                       + "(something else was written into it during the run); the new outputs were not published")
            }
            if circle_rename_exchange(staging.path, destination.path) == 0 {
                published = true
                try? fm.removeItem(at: staging)   // the old outputs, under the staging name now
                return
            }
            guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
                throw failure("cannot exchange the new outputs with the old")
            }
            try publishByMovingAside()
        } else {
            // Never over something that appeared meanwhile (rename(2) would replace an empty folder).
            if circle_rename_noreplace(staging.path, destination.path) != 0 {
                guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
                    throw failure("cannot rename the new outputs into place")
                }
                guard rename(staging.path, destination.path) == 0 else { throw failure("cannot rename the new outputs into place") }
            }
            published = true
        }
    }

    /// Publishing where the file system cannot exchange two folders.
    private func publishByMovingAside() throws {
        let aside = staging.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).previous-\(getpid())-\(UUID().uuidString.prefix(8))")
        guard rename(destination.path, aside.path) == 0 else { throw failure("cannot move the old outputs aside") }
        guard rename(staging.path, destination.path) == 0 else {
            _ = rename(aside.path, destination.path)
            throw failure("cannot rename the new outputs into place")
        }
        published = true
        try? FileManager.default.removeItem(at: aside)
    }

    private func failure(_ reason: String) -> AtomicWriteError {
        AtomicWriteError(path: destination.path, reason: "\(reason): \(String(cString: strerror(errno)))")
    }
}
