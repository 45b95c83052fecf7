import CircleSupport
import Foundation

/// Some rows of an output file, formatted: their bytes, joined by the file's separator, and where
/// each row ends in them.
struct FormattedRows: Sendable {
    var bytes: [UInt8] = []
    var ends: [Int] = []
}

/// An output file made of rows, one per record (an origin, a facility), between a fixed start
/// and end: times.csv (one origin's lines a row), origins.csv, origins.geojson (one feature a
/// row), facilities.csv and .geojson.
struct RowFile: Sendable {
    /// The file's name among the outputs.
    var name: String
    /// What precedes the rows (a CSV header, a FeatureCollection's opening).
    var prefix: [UInt8]
    /// What follows them.
    var suffix: [UInt8] = []
    /// What goes between two rows (a GeoJSON feature's ","; nothing in CSV, where a row ends with
    /// its line break).
    var separator: [UInt8] = []
    var count: Int
    /// Formats the rows of `ranges` (ascending, disjoint) in order, joined by ``separator``.
    var format: @Sendable ([Range<Int>]) throws -> FormattedRows
}

/// How a ``RowFile``'s rows are reused between runs (`--cache`): the file's fixed inputs, named by
/// `key`, and each row's own inputs, added by `digest`. Together they must hold everything the
/// file's formatter reads: a row whose inputs digest as stored is copied from the stored bytes.
struct RowReuse: Sendable {
    var cache: EntryFolder
    /// The SHA-256 of the file's fixed inputs (its name, ``OutputReuse/formatVersion``, what every
    /// row shares: items, domains): the memo's entry key.
    var key: String
    /// Whether a memo read may be replaced by this run's rows (when it formatted many); one absent
    /// or unreadable is always written.
    var replaces = true
    /// Each row's digest.
    var digests: RowDigests
}

/// How a file's rows are digested: each by its own inputs, or by digests several files share.
enum RowDigests: Sendable {
    /// Adds row `k`'s inputs.
    case each(@Sendable (_ k: Int, _ into: inout RowDigester) -> Void)
    /// One origin a row, digested once for every such file (``OriginRowDigests``).
    case origins(OriginRowDigests)
}

/// The file made: its parts, one after the other, and how many rows were copied from the memo.
struct MadeFile: Sendable {
    var name: String
    var parts: [Piece]
    var reusedRows = 0
    var rows = 0
    /// Whether a memo was written for the next run.
    var stored = false

    /// The whole file in one buffer.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for p in parts { p.withUnsafeBytes { out.append(contentsOf: $0) } }
        return out
    }
}

/// A file's rows kept in the search cache (`KEY.rows`), with each row's input digest: a later run
/// formats only the rows whose inputs digest to none stored and copies the others' bytes (a
/// scenario that adds one facility changes the rows of the few origins near it). A row is looked
/// for in its own place first, then among all stored rows, so rows inserted or removed before it
/// do not stop its copy.
///
/// The entry is ``EntryFolder``'s (magic, XXH64 checksum of the payload, payload), its payload the
/// row count, the separator's length, two 64-bit digests per row, each row's end, then the rows'
/// bytes joined by the separator. A damaged, foreign or inconsistent entry reads as absent (every
/// row is formatted); entries are written atomically, so a reader finds an old one or a new one.
/// One memo per key: a run that formats more than an eighth of the rows writes its own for the next
/// run, others leave the one they read; a scenario never replaces one (``RowReuse/replaces``), so
/// a series of scenarios keeps copying from the baseline's rows.
enum RowMemo {
    static let suffix = "rows"

    /// At most this many formatting jobs run at once.
    static let jobs = 8

    /// Makes `file`: with `reuse`, the rows whose digest matches the stored one are copied and
    /// the others formatted; without, every row is formatted (in slices, concurrently).
    static func make(_ file: RowFile, reuse: RowReuse?) throws -> MadeFile {
        let n = file.count
        guard let reuse else {
            let formatted = try format(file, jobs: RunTables.slices(n, parts: jobs).filter { !$0.isEmpty }.map { [$0] })
            var rows = PieceList()
            for (j, part) in formatted.enumerated() {
                if j > 0 { rows.append(Piece(file.separator)) }
                rows.append(Piece(part.bytes))
            }
            return MadeFile(name: file.name, parts: [Piece(file.prefix)] + rows.finish() + [Piece(file.suffix)], rows: n)
        }
        let digests: [UInt64]
        switch reuse.digests {
        case .each(let digest): digests = digestRows(n, digest)
        case .origins(let shared): digests = shared.values
        }
        precondition(digests.count == 2 * n, "\(file.name): digests and rows differ")
        let memo = Stored.load(reuse.cache, key: reuse.key, separator: file.separator.count)
        // Runs of consecutive rows, copied or formatted.
        // Each row's stored twin (-1: none), then runs of consecutive rows copied from consecutive
        // stored rows, or formatted.
        var twin = [Int](repeating: -1, count: n)
        if var memo { for k in 0..<n { twin[k] = memo.find(k, digests) } }
        var runs: [(range: Range<Int>, from: Int)] = []
        var fresh: [Range<Int>] = [], freshCount = 0
        var k = 0
        while k < n {
            var end = k + 1
            if twin[k] < 0 {
                while end < n && twin[end] < 0 { end += 1 }
                fresh.append(k..<end)
                freshCount += end - k
            } else {
                while end < n && twin[end] == twin[end - 1] + 1 { end += 1 }
            }
            runs.append((k..<end, twin[k]))
            k = end
        }
        let formatted = try format(file, jobs: split(fresh, count: freshCount))
        let store = memo == nil || (reuse.replaces && freshCount > n / 8)
        let sep = file.separator.count
        var rows = PieceList()
        var ends: [Int] = []
        if store { ends.reserveCapacity(n) }
        var length = 0, anyRow = false
        let separator = Piece(file.separator)
        // Adds the bytes of one or more rows (a separator before them, unless they are the first).
        func add(_ slice: Piece) {
            if anyRow {
                rows.append(separator)
                length += sep
            }
            anyRow = true
            rows.append(slice)
        }
        var job = 0, at = 0   // the next formatted row: job, and row within it
        for run in runs {
            if run.from >= 0, let memo {
                let first = run.from, last = run.from + run.range.count - 1
                let start = memo.start(first)
                add(Piece(memo.file, (memo.base + start)..<(memo.base + memo.ends[last])))
                if store { for r in first...last { ends.append(length + memo.ends[r] - start) } }
                length += memo.ends[last] - start
                continue
            }
            var left = run.range.count
            while left > 0 {
                let part = formatted[job]
                let take = min(left, part.ends.count - at)
                let start = at == 0 ? 0 : part.ends[at - 1] + sep
                add(Piece(part.bytes, start..<part.ends[at + take - 1]))
                if store { for r in at..<(at + take) { ends.append(length + part.ends[r] - start) } }
                length += part.ends[at + take - 1] - start
                at += take
                left -= take
                if at == part.ends.count { job += 1; at = 0 }
            }
        }
        let pieces = rows.finish()
        var made = MadeFile(name: file.name, parts: [Piece(file.prefix)] + pieces + [Piece(file.suffix)],
                            reusedRows: n - freshCount, rows: n)
        if store {
            // A cache that cannot be written only costs the next run the formatting.
            made.stored = (try? Stored.store(reuse.cache, key: reuse.key, separator: sep, digests: digests, ends: ends,
                                             rows: pieces)) != nil
        }
        return made
    }

    /// Each row's two digests, row after row (computed in slices, concurrently).
    static func digestRows(_ n: Int, _ digest: @Sendable (Int, inout RowDigester) -> Void) -> [UInt64] {
        let slices = RunTables.slices(n, parts: jobs)
        let out = ResultSlots<[UInt64]>(count: slices.count)
        DispatchQueue.concurrentPerform(iterations: slices.count) { s in
            var d = RowDigester()
            var values: [UInt64] = []
            values.reserveCapacity(slices[s].count * 2)
            for k in slices[s] {
                d.reset()
                digest(k, &d)
                let (a, b) = d.digest()
                values.append(a)
                values.append(b)
            }
            out.store(s, values)
        }
        return out.values.flatMap { $0! }
    }

    /// `ranges` (holding `count` rows) cut into at most ``jobs`` jobs of about equal rows.
    static func split(_ ranges: [Range<Int>], count: Int) -> [[Range<Int>]] {
        guard count > 0 else { return [] }
        let n = min(jobs, max(1, count / 512))
        let target = (count + n - 1) / n
        var out: [[Range<Int>]] = [], current: [Range<Int>] = [], filled = 0
        for var r in ranges {
            while !r.isEmpty {
                let take = min(r.count, target - filled)
                current.append(r.lowerBound..<(r.lowerBound + take))
                filled += take
                r = (r.lowerBound + take)..<r.upperBound
                if filled == target {
                    out.append(current)
                    current = []
                    filled = 0
                }
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Formats each job's ranges, the jobs concurrently.
    static func format(_ file: RowFile, jobs: [[Range<Int>]]) throws -> [FormattedRows] {
        guard !jobs.isEmpty else { return [] }
        if jobs.count == 1 { return [try checked(file.format(jobs[0]), jobs[0], file)] }
        let out = ResultSlots<Result<FormattedRows, Error>>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { j in
            out.store(j, Result { try checked(file.format(jobs[j]), jobs[j], file) })
        }
        return try out.values.map { try $0!.get() }
    }

    /// A formatter that gives another number of rows than asked is a bug.
    static func checked(_ rows: FormattedRows, _ ranges: [Range<Int>], _ file: RowFile) -> FormattedRows {
        precondition(rows.ends.count == ranges.reduce(0) { $0 + $1.count }, "\(file.name): rows formatted and asked differ")
        return rows
    }

    /// A memo read from the cache.
    struct Stored {
        /// The whole entry file.
        let file: MappedFile
        /// Where the rows' bytes begin in it.
        let base: Int
        let count: Int
        let separator: Int
        let digests: [UInt64]
        let ends: [Int]

        /// The stored row whose digest is row `k`'s of `now` (two digests a row): row `k` itself
        /// when it matches, else any (rows of equal inputs have equal bytes); -1 when none.
        mutating func find(_ k: Int, _ now: [UInt64]) -> Int {
            let d = Digest(a: now[2 * k], b: now[2 * k + 1])
            if k < count && digests[2 * k] == d.a && digests[2 * k + 1] == d.b { return k }
            if index == nil {
                // With as many rows as stored, rows mostly stand where they stood: the first few
                // not found in place (a scenario's changed rows) are formatted without indexing
                // every stored row, which pays only when rows were inserted, removed or moved.
                misses += 1
                if count == now.count / 2 && misses <= max(64, count / 64) { return -1 }
                var byDigest: [Digest: Int] = [:]
                byDigest.reserveCapacity(count)
                for j in 0..<count { byDigest[Digest(a: digests[2 * j], b: digests[2 * j + 1])] = j }
                index = byDigest
            }
            return index![d] ?? -1
        }

        struct Digest: Hashable {
            var a: UInt64, b: UInt64
        }

        /// Rows by digest, made at the first row not found in its own place (rows inserted,
        /// removed or moved since the memo was written), or with as many rows as stored, after
        /// a few such rows.
        var index: [Digest: Int]?
        /// Rows not found in their own place so far.
        var misses = 0

        /// Where row `k` begins among the rows' bytes.
        func start(_ k: Int) -> Int { k == 0 ? 0 : ends[k - 1] + separator }

        static let headerWords = 2

        /// The memo of `key`; nil when absent, damaged, or not of rows joined by `separator` bytes.
        static func load(_ cache: EntryFolder, key: String, separator: Int) -> Stored? {
            let path = cache.url(key, RowMemo.suffix).path
            guard let file = MappedFile(path) else { return nil }
            let raw = file.bytes, magic = EntryFolder.magic.count
            guard raw.count >= magic + 8 + headerWords * 8, Array(raw[0..<magic]) == EntryFolder.magic else { return nil }
            let payload = UnsafeRawBufferPointer(rebasing: raw[(magic + 8)...])
            guard raw.loadUnaligned(fromByteOffset: magic, as: UInt64.self) == xxHash64(payload) else { return nil }
            func word(_ i: Int) -> UInt64 { payload.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self) }
            let count = Int(clamping: word(0)), sep = Int(clamping: word(1))
            guard sep == separator, count <= payload.count / 24, (headerWords + 3 * count) * 8 <= payload.count else { return nil }
            let words = headerWords + 3 * count
            let digests = (0..<(2 * count)).map { word(headerWords + $0) }
            let ends = (0..<count).map { Int(clamping: word(headerWords + 2 * count + $0)) }
            let blob = payload.count - words * 8
            // Every row's bytes must lie in order within the blob, which they fill.
            var start = 0
            for e in ends {
                guard e >= start, e <= blob else { return nil }
                start = e + sep
            }
            guard (ends.last ?? 0) == blob else { return nil }
            if cache.touchOnRead { _ = utimes(path, nil) }
            return Stored(file: file, base: magic + 8 + words * 8, count: count, separator: sep, digests: digests, ends: ends)
        }

        /// Stores rows (`rows`, their pieces one after the other) with their digests and ends.
        static func store(_ cache: EntryFolder, key: String, separator: Int, digests: [UInt64], ends: [Int],
                          rows: [Piece]) throws {
            var header: [UInt64] = [UInt64(ends.count), UInt64(separator)]
            header.reserveCapacity(headerWords + 3 * ends.count)
            header += digests
            header += ends.map { UInt64($0) }
            let headerBytes = header.withUnsafeBytes { Array($0) }   // little-endian machines only, as the cache's other entries
            var hasher = XXHasher64()
            hasher.update(headerBytes)
            for r in rows { r.withUnsafeBytes { hasher.update($0) } }
            var start = EntryFolder.magic
            withUnsafeBytes(of: hasher.finalize().littleEndian) { start.append(contentsOf: $0) }
            start += headerBytes
            try cache.storeParts([Piece(start)] + rows, key: key, suffix: RowMemo.suffix)
        }
    }
}

/// Pieces of a file to be written one after the other: small ones are gathered into buffers, so
/// a file of many short runs is not written a few bytes a call.
struct PieceList {
    private var pieces: [Piece] = []
    private var pending: [UInt8] = []

    static let small = 1 << 14

    mutating func append(_ piece: Piece) {
        guard !piece.isEmpty else { return }
        if piece.count < Self.small {
            if pending.isEmpty { pending.reserveCapacity(Self.small * 4) }
            piece.withUnsafeBytes { pending.append(contentsOf: $0.assumingMemoryBound(to: UInt8.self)) }
            if pending.count >= Self.small * 4 { flush() }
            return
        }
        flush()
        pieces.append(piece)
    }

    private mutating func flush() {
        guard !pending.isEmpty else { return }
        pieces.append(Piece(pending))
        pending = []
    }

    mutating func finish() -> [Piece] {
        flush()
        return pieces
    }
}

extension EntryFolder {
    /// Stores an entry already framed (magic, checksum, payload) and given in `parts`, atomically:
    /// written to a temporary file renamed into place, as ``storePayload(_:key:suffix:)`` does.
    func storeParts(_ parts: [Piece], key: String, suffix: String) throws {
        let path = url(key, suffix).path
        let temp = folder.appendingPathComponent(".\(key).\(suffix).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        do { try PosixFile.write(parts: parts, to: temp, sync: durable) } catch let error as AtomicWriteError {
            throw AtomicWriteError(path: path, reason: error.reason)
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw AtomicWriteError(path: path, reason: "rename failed: \(reason)")
        }
    }
}
