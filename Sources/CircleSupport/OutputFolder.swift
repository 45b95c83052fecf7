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

    /// Creates the staging folder.
    ///
    /// - Throws: ``AtomicWriteError`` when the parent folder is missing or not writable, or the
    ///   destination is a file.
    public init(destination path: String) throws {
        destination = URL(fileURLWithPath: path).standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDir), isDir.boolValue else {
            throw AtomicWriteError(path: path, reason: "the folder \(parent.path) does not exist")
        }
        if FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDir), !isDir.boolValue {
            throw AtomicWriteError(path: path, reason: "exists and is a file, not a folder")
        }
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
        do { try data.write(to: url) } catch {
            throw AtomicWriteError(path: destination.appendingPathComponent(relative).path,
                                   reason: "write failed: \(error.localizedDescription)")
        }
    }

    /// Replaces the destination with the staging folder: the old folder is moved aside, the new
    /// one renamed into place, then the old one removed.
    public func publish() throws {
        let fm = FileManager.default
        let aside = staging.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).previous-\(getpid())-\(UUID().uuidString.prefix(8))")
        let hadOld = fm.fileExists(atPath: destination.path)
        if hadOld { guard rename(destination.path, aside.path) == 0 else { throw failure("cannot move the old outputs aside") } }
        guard rename(staging.path, destination.path) == 0 else {
            if hadOld { _ = rename(aside.path, destination.path) }
            throw failure("cannot rename the new outputs into place")
        }
        published = true
        if hadOld { try? fm.removeItem(at: aside) }
    }

    private func failure(_ reason: String) -> AtomicWriteError {
        AtomicWriteError(path: destination.path, reason: "\(reason): \(String(cString: strerror(errno)))")
    }
}
