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
/// not depend on the file's size.
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
    if fstat(fileno(file), &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
        throw FileDigestError(path: path, reason: "is a directory, not a file")
    }
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
    return SHA256.hex(hasher.finalize())
}
