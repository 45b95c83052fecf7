import Foundation

/// Why a file could not be digested: which file, and what went wrong.
public struct FileDigestError: Error, CustomStringConvertible, Sendable {
    /// The path as given by the caller.
    public var path: String
    /// What went wrong, e.g. "cannot open: No such file or directory".
    public var reason: String

    /// Creates an error for `path` with a human-readable `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// "`path`: `reason`".
    public var description: String { "\(path): \(reason)" }
}

/// Returns the lowercase hex SHA-256 of the file at `path` (the same as `sha256sum` prints).
///
/// The file is streamed in 1 MiB chunks through one reusable buffer, so memory use does
/// not depend on the file's size. A digest is remembered for the rest of the process under the
/// file's device, inode, size and modification and change times (nanoseconds), so a run that
/// fingerprints its inputs and then records them reads each file once.
///
/// - Throws: ``FileDigestError`` naming `path` when the file is missing, is a directory,
///   cannot be opened (e.g. permissions), or a read fails.
/// - Complexity: O(file size).
public func sha256Hex(ofFileAt path: String) throws -> String {
    let chunkSize = 1 << 20
    guard let file = fopen(path, "rb") else {
        throw FileDigestError(path: path, reason: "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    setvbuf(file, nil, _IONBF, 0)  // reads go straight into our 1 MiB buffer, no stdio copy
    var info = stat()
    let statted = fstat(fileno(file), &info) == 0
    if statted, (info.st_mode & S_IFMT) == S_IFDIR {
        throw FileDigestError(path: path, reason: "is a directory, not a file")
    }
    let key = statted ? DigestMemo.key(info) : nil
    if let key, let known = DigestMemo.shared.lookup(key) { return known }
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    var hasher = SHA256()
    while true {
        let got = fread(buffer.baseAddress!, 1, chunkSize, file)
        if got > 0 {
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<got]))
        }
        if got < chunkSize {
            if ferror(file) != 0 {
                throw FileDigestError(path: path, reason: "read failed: \(String(cString: strerror(errno)))")
            }
            break
        }
    }
    let digest = SHA256.hex(hasher.finalize())
    if let key { DigestMemo.shared.store(key, digest) }
    return digest
}

/// Digests already computed in this process, by file identity and version.
final class DigestMemo: @unchecked Sendable {
    static let shared = DigestMemo()
    private let lock = NSLock()
    private var digests: [String: String] = [:]
    /// The keys looked up or stored in this process: those worth keeping for the next one.
    private var used: Set<String> = []

    static func key(_ s: stat) -> String {
        "\(s.st_dev):\(s.st_ino):\(s.st_size):\(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec):\(s.st_ctim.tv_sec).\(s.st_ctim.tv_nsec)"
    }

    func lookup(_ key: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if digests[key] != nil { used.insert(key) }
        return digests[key]
    }

    /// Whether `key` has a digest (without marking it used).
    func contains(_ key: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return digests[key] != nil
    }

    func store(_ key: String, _ digest: String) {
        lock.lock()
        defer { lock.unlock() }
        digests[key] = digest
        used.insert(key)
    }

    /// Adds `key<TAB>digest` lines (entries already known stay).
    func merge(lines text: String) {
        lock.lock()
        defer { lock.unlock() }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2, parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else { continue }
            if digests[String(parts[0])] == nil { digests[String(parts[0])] = String(parts[1]) }
        }
    }

    /// The used entries as `key<TAB>digest` lines, sorted, but those of files changed after
    /// `settledBefore` (seconds since 1970): a file changed again within the file system's time
    /// granularity could keep its key with another content ("racy" entries, as git calls them).
    func usedLines(settledBefore: Double) -> String {
        lock.lock()
        defer { lock.unlock() }
        return used.sorted().compactMap { key in
            // The key ends with the change time, "seconds.nanoseconds".
            guard let seconds = key.split(separator: ":").last?.split(separator: ".").first.flatMap({ Double($0) }),
                  seconds + 1 <= settledBefore else { return nil }
            return "\(key)\t\(digests[key]!)\n"
        }.joined()
    }
}

/// Digests kept between runs in a file (the search cache's `digests.tsv`), by the same file
/// identity as within a process — device, inode, size, modification and change times in
/// nanoseconds — so an input that did not change is not read again to be fingerprinted. A
/// change to a file's content changes its change time (the kernel sets it; no tool can keep it),
/// so a stale digest is never taken; a file on another machine has another identity.
public enum DigestStore {
    /// Remembers the digests stored at `path` (a missing or damaged file counts as empty).
    public static func load(from path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        DigestMemo.shared.merge(lines: String(decoding: data, as: UTF8.self))
    }

    /// Whether the digest of the file at `path`, as it is now, is already known to this process
    /// (so ``sha256Hex(ofFileAt:)`` would not read it).
    public static func knows(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return DigestMemo.shared.contains(DigestMemo.key(info))
    }

    /// Stores the digests this process used at `path`, atomically, but those of files changed
    /// within the last `settle` seconds (they are read again next time). A file that holds them
    /// already is left as it is. Not flushed to disk (as the cache's other entries): after a
    /// crash the file may be empty or old, which only costs reading inputs again; a line that is
    /// not a whole entry is skipped when loaded.
    public static func save(to path: String, settle: Double = 2) throws {
        let lines = Data(DigestMemo.shared.usedLines(settledBefore: Date().timeIntervalSince1970 - settle).utf8)
        if FileManager.default.contents(atPath: path) == lines { return }
        try AtomicWrite.write(lines, to: path, sync: false)
    }
}
