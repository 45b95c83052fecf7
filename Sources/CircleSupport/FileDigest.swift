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

    static func key(_ s: stat) -> String {
        "\(s.st_dev):\(s.st_ino):\(s.st_size):\(s.st_mtim.tv_sec).\(s.st_mtim.tv_nsec):\(s.st_ctim.tv_sec).\(s.st_ctim.tv_nsec)"
    }

    func lookup(_ key: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return digests[key]
    }

    func store(_ key: String, _ digest: String) {
        lock.lock()
        defer { lock.unlock() }
        digests[key] = digest
    }
}
