@testable import CircleEngine
import Foundation
import Testing

/// ``RowMemo``: a file made with a memo of earlier rows is the file made without one, whatever
/// changed between the two (rows edited, inserted, removed, moved; empty rows; separators).
@Suite struct RowMemoTests {
    /// A file of `rows` (text per row) joined by `separator`; each row's digest is its text, so
    /// equal digests mean equal bytes, as the real formatters' inputs do.
    static func file(_ rows: [String], separator: String) -> RowFile {
        RowFile(name: "test.txt", prefix: Array("<head>".utf8), suffix: Array("<tail>".utf8), separator: Array(separator.utf8),
                count: rows.count, format: { ranges in
                    var out = FormattedRows()
                    for (j, k) in ranges.joined().enumerated() {
                        if j > 0 { out.bytes += Array(separator.utf8) }
                        out.bytes += Array(rows[k].utf8)
                        out.ends.append(out.bytes.count)
                    }
                    return out
                })
    }

    static func reuse(_ rows: [String], cache: EntryFolder, replaces: Bool = true) -> RowReuse {
        RowReuse(cache: cache, key: "memo", replaces: replaces, digests: .each { k, d in d.add(rows[k]) })
    }

    static func expected(_ rows: [String], separator: String) -> [UInt8] {
        Array(("<head>" + rows.joined(separator: separator) + "<tail>").utf8)
    }

    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: ["", ",", ",\n"]) func madeWithAMemoIsMadeWithout(separator: String) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var g = Seeded(state: UInt64(separator.utf8.count) + 1)
        func row() -> String {
            let n = Int.random(in: 0...40, using: &g)
            return n == 0 && separator.isEmpty ? "" : String((0..<n).map { _ in "abc,\n\"é幼".randomElement(using: &g)! }) + (separator.isEmpty ? "\n" : "")
        }
        for round in 0..<30 {
            let cache = EntryFolder(dir.appendingPathComponent("c\(round)"), touchOnRead: true, durable: false)
            try FileManager.default.createDirectory(at: cache.folder, withIntermediateDirectories: true)
            let count = [0, 1, 2, 7, 300, 3000].randomElement(using: &g)!
            var rows = (0..<count).map { _ in row() }
            let first = try RowMemo.make(Self.file(rows, separator: separator), reuse: Self.reuse(rows, cache: cache))
            #expect(first.bytes == Self.expected(rows, separator: separator))
            #expect(first.stored && first.reusedRows == 0)
            #expect(try RowMemo.make(Self.file(rows, separator: separator), reuse: nil).bytes == Self.expected(rows, separator: separator))
            // Edits of every kind, few or many.
            for _ in 0..<Int.random(in: 0...(count / 3 + 2), using: &g) {
                switch Int.random(in: 0..<4, using: &g) {
                case 0 where !rows.isEmpty: rows[Int.random(in: rows.indices, using: &g)] = row()
                case 1: rows.insert(row(), at: Int.random(in: 0...rows.count, using: &g))
                case 2 where !rows.isEmpty: rows.remove(at: Int.random(in: rows.indices, using: &g))
                case 3 where rows.count > 1: rows.swapAt(Int.random(in: rows.indices, using: &g), Int.random(in: rows.indices, using: &g))
                default: break
                }
            }
            let again = try RowMemo.make(Self.file(rows, separator: separator), reuse: Self.reuse(rows, cache: cache))
            #expect(again.bytes == Self.expected(rows, separator: separator), "round \(round)")
            #expect(again.rows == rows.count)
            // And once more from whichever memo the cache holds now.
            let third = try RowMemo.make(Self.file(rows, separator: separator), reuse: Self.reuse(rows, cache: cache))
            #expect(third.bytes == Self.expected(rows, separator: separator))
            // (a memo is replaced only by a run that formatted more than an eighth of its rows)
            #expect(third.reusedRows == (again.stored ? rows.count : again.reusedRows))
            #expect(again.stored == (again.rows - again.reusedRows > again.rows / 8))
        }
    }

    @Test func aScenarioNeverReplacesAMemoAndAPlainRunReplacesAStaleOne() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = EntryFolder(dir, touchOnRead: true, durable: false)
        let base = (0..<800).map { "row \($0)\n" }
        _ = try RowMemo.make(Self.file(base, separator: ""), reuse: Self.reuse(base, cache: cache))
        let stored = try Data(contentsOf: cache.url("memo", RowMemo.suffix))
        // Half the rows changed: a scenario copies the other half and leaves the memo.
        let half = base.enumerated().map { $0.offset % 2 == 0 ? "changed \($0.offset)\n" : $0.element }
        let scenario = try RowMemo.make(Self.file(half, separator: ""), reuse: Self.reuse(half, cache: cache, replaces: false))
        #expect(scenario.bytes == Self.expected(half, separator: ""))
        #expect(scenario.reusedRows == 400 && !scenario.stored)
        #expect(try Data(contentsOf: cache.url("memo", RowMemo.suffix)) == stored)
        // A few rows changed: a plain run leaves it too; many: it writes its own.
        let few = base.enumerated().map { $0.offset < 50 ? "changed \($0.offset)\n" : $0.element }
        #expect(try !RowMemo.make(Self.file(few, separator: ""), reuse: Self.reuse(few, cache: cache)).stored)
        let plain = try RowMemo.make(Self.file(half, separator: ""), reuse: Self.reuse(half, cache: cache))
        #expect(plain.stored && plain.reusedRows == 400)
        #expect(try RowMemo.make(Self.file(half, separator: ""), reuse: Self.reuse(half, cache: cache)).reusedRows == 800)
    }

    /// With as many rows as stored, a few rows not in place are formatted without looking for
    /// them elsewhere; past a few, every row is looked for, moved ones copied. The file is the
    /// same either way.
    @Test func rowsOutOfPlaceAreFormattedOrFound() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = EntryFolder(dir, touchOnRead: true, durable: false)
        let base = (0..<1000).map { "row \($0)\n" }
        _ = try RowMemo.make(Self.file(base, separator: ""), reuse: Self.reuse(base, cache: cache))
        // Ten rows changed in place: the other 990 copied.
        let edited = base.enumerated().map { $0.offset % 100 == 7 ? "new \($0.offset)\n" : $0.element }
        let few = try RowMemo.make(Self.file(edited, separator: ""), reuse: Self.reuse(edited, cache: cache, replaces: false))
        #expect(few.bytes == Self.expected(edited, separator: ""))
        #expect(few.reusedRows == 990)
        // Two rows swapped: formatted, not looked for.
        var swapped = base
        swapped.swapAt(3, 500)
        let two = try RowMemo.make(Self.file(swapped, separator: ""), reuse: Self.reuse(swapped, cache: cache, replaces: false))
        #expect(two.bytes == Self.expected(swapped, separator: ""))
        #expect(two.reusedRows == 998)
        // Every row moved (reversed): past the first 64, each is found among the stored rows.
        let reversed = Array(base.reversed())
        let all = try RowMemo.make(Self.file(reversed, separator: ""), reuse: Self.reuse(reversed, cache: cache, replaces: false))
        #expect(all.bytes == Self.expected(reversed, separator: ""))
        #expect(all.reusedRows == 1000 - 64)
        // One row fewer: rows are looked for at once, and all copied.
        let shorter = Array(base.dropFirst())
        let one = try RowMemo.make(Self.file(shorter, separator: ""), reuse: Self.reuse(shorter, cache: cache, replaces: false))
        #expect(one.bytes == Self.expected(shorter, separator: ""))
        #expect(one.reusedRows == 999)
    }
}
