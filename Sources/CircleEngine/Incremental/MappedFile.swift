import Foundation

/// A file mapped into memory read-only (`mmap`): its bytes are the page cache's, neither copied
/// nor zeroed first, as a read into a new buffer would. Files in the cache and output folders are
/// only ever replaced by renaming a new file into place, never written in place, so a mapping
/// keeps the bytes it was made with.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer

    /// Maps `path`; nil when it cannot be opened or mapped (or is empty).
    init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let p = mmap(nil, size, PROT_READ, flags, fd, 0), p != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }

    /// The file's bytes as `Data`, without a copy: the mapping lives as long as the `Data`.
    static func data(_ path: String) -> Data? {
        guard let file = MappedFile(path) else { return nil }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: file.bytes.baseAddress!), count: file.bytes.count,
                    deallocator: .custom { _, _ in withExtendedLifetime(file) {} })
    }
}

/// A run of bytes of an output file: part of an array, or of a mapped file.
struct Piece: ContiguousBytes, Sendable {
    enum Owner: Sendable {
        case array([UInt8])
        case mapped(MappedFile)
    }

    let owner: Owner
    let range: Range<Int>

    init(_ bytes: [UInt8]) {
        owner = .array(bytes)
        range = 0..<bytes.count
    }

    init(_ bytes: [UInt8], _ range: Range<Int>) {
        owner = .array(bytes)
        self.range = range
    }

    init(_ file: MappedFile, _ range: Range<Int>) {
        owner = .mapped(file)
        self.range = range
    }

    var count: Int { range.count }
    var isEmpty: Bool { range.isEmpty }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch owner {
        case .array(let a): try a.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        case .mapped(let f): try body(UnsafeRawBufferPointer(rebasing: f.bytes[range]))
        }
    }
}
