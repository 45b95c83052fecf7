import CircleSupport
import Foundation

/// A folder of result entries named `KEY.SUFFIX`, each a magic number, an XXH64 checksum and a
/// payload: the search cache (`--cache`) and a shard's partial results (`--parts`) are both one.
/// A missing, foreign or damaged entry reads as absent; entries are written atomically.
struct EntryFolder: Sendable {
    static let magic = Array("SCUNIT1\0".utf8)
    let folder: URL
    /// Whether reading an entry marks it used (its modification time set to now): the search
    /// cache removes entries that no run used for a while (``SearchCache/prune(unusedFor:)``).
    let touchOnRead: Bool
    /// Whether an entry written waits for the disk (`fsync`): a shard's parts are outputs; the
    /// search cache's entries are not (see ``storePayload(_:key:suffix:)``).
    let durable: Bool

    init(_ folder: URL, touchOnRead: Bool = false, durable: Bool = true) {
        self.folder = folder
        self.touchOnRead = touchOnRead
        self.durable = durable
    }

    func url(_ key: String, _ suffix: String) -> URL { folder.appendingPathComponent("\(key).\(suffix)") }

    /// Decodes the checked payload of entry `key.suffix`, nil when absent, foreign or corrupt.
    func loadPayload<T>(_ key: String, suffix: String, _ decode: (inout BinaryReader) throws -> T) -> T? {
        let path = url(key, suffix).path
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let value = data.withUnsafeBytes { raw -> T? in
            var r = BinaryReader(raw)
            guard (try? r.read(byteCount: Self.magic.count)) == Self.magic,
                  let checksum = try? r.read(UInt64.self) else { return nil }
            let payload = UnsafeRawBufferPointer(rebasing: raw[r.offset...])
            guard xxHash64(payload) == checksum else { return nil }
            var p = BinaryReader(payload)
            return try? decode(&p)
        }
        if value != nil, touchOnRead { _ = utimes(path, nil) }
        return value
    }

    /// Stores `payload` as entry `key.suffix`, with the magic and a checksum, atomically.
    ///
    /// The entry is written to a temporary file renamed into place; unless ``durable``, without
    /// waiting for the disk (`fsync`): a process killed midway leaves the old entry or the new
    /// one, and an entry the system lost in a crash reads as damaged (its checksum fails), so it
    /// is only computed again.
    func storePayload(_ payload: Data, key: String, suffix: String) throws {
        var file = BinaryWriter()
        file.write(bytes: Self.magic)
        file.write(payload.withUnsafeBytes { xxHash64($0) })
        file.write(bytes: payload)
        let path = url(key, suffix).path
        let temp = folder.appendingPathComponent(".\(key).\(suffix).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        do { try PosixFile.write(file.data, to: temp, sync: durable) } catch let error as AtomicWriteError {
            throw AtomicWriteError(path: path, reason: error.reason)
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw AtomicWriteError(path: path, reason: "rename failed: \(reason)")
        }
    }

    /// A stored array of times (`KEY.unit`: a unit's origins; `KEY.cells`: its gap cells).
    func loadUnit(_ key: String, suffix: String) -> [UInt32]? {
        loadPayload(key, suffix: suffix) { r in try r.readArray(of: UInt32.self) }
    }

    /// Stores a unit's times: the first `split` (the origins') as `KEY.unit`, the rest (the gap
    /// cells') as `KEY.cells` unless `withCells` is false (a shard's parts need no cells).
    func storeUnit(_ key: String, _ values: [UInt32], split: Int, withCells: Bool = true) throws {
        var head = BinaryWriter()
        head.write(array: Array(values[..<split]))
        try storePayload(head.data, key: key, suffix: "unit")
        guard withCells, values.count > split else { return }
        var tail = BinaryWriter()
        tail.write(array: Array(values[split...]))
        try storePayload(tail.data, key: key, suffix: "cells")
    }
}
