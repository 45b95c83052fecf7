import CircleSupport
import Foundation

/// Collects the inputs of one output row as bytes — every value length- or tag-prefixed, so two
/// different lists of inputs never give the same bytes — and digests them (two XXH64 hashes with
/// different seeds: 128 bits). ``RowMemo`` reuses a row's formatted bytes when its digest is the
/// one stored with them.
///
/// A buffer of its own, written without an array's checks per value: a city's rows take millions
/// of values a run.
struct RowDigester: ~Copyable {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private var count = 0

    init() {
        capacity = 1024
        base = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit { base.deallocate() }

    /// Starts the next row.
    mutating func reset() { count = 0 }

    @inline(__always)
    private mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let b = UnsafeMutableRawPointer.allocate(byteCount: c, alignment: 8)
        b.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = b
        capacity = c
    }

    @inline(__always)
    private mutating func put<T: FixedWidthInteger>(_ value: T) {
        reserve(MemoryLayout<T>.size)
        base.storeBytes(of: value.littleEndian, toByteOffset: count, as: T.self)
        count += MemoryLayout<T>.size
    }

    mutating func add(_ text: String) {
        var text = text
        let n = text.utf8.count
        put(UInt64(n))
        reserve(n)
        let destination = base + count
        text.withUTF8 { utf8 in
            if let p = utf8.baseAddress { destination.copyMemory(from: p, byteCount: utf8.count) }
        }
        count += n
    }

    mutating func add(_ value: Int) { put(Int64(value)) }

    mutating func add(_ value: UInt64) { put(value) }

    /// A number by its exact bits (a formatter may print -0 and 0, or two NaNs, differently).
    mutating func add(_ value: Double) { put(value.bitPattern) }

    /// An optional number: a tag byte, then its bits.
    mutating func add(_ value: Double?) {
        if let value {
            put(UInt8(1))
            put(value.bitPattern)
        } else {
            put(UInt8(0))
        }
    }

    mutating func add(_ value: Bool) { put(UInt8(value ? 1 : 0)) }

    /// An optional flag: 0 nil, 1 false, 2 true.
    mutating func add(_ value: Bool?) { put(UInt8(value.map { $0 ? 2 : 1 } ?? 0)) }

    /// A list of whole numbers, with its count.
    mutating func add(_ values: [Int]) {
        add(values.count)
        for v in values { add(v) }
    }

    private var added: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// The digest of the row's inputs added since ``reset()``.
    func digest() -> (UInt64, UInt64) {
        (xxHash64(added, seed: 0x5EED_0F_0A), xxHash64(added, seed: 0xC1C1_E5_17))
    }

    /// Everything added since ``reset()``.
    var bytes: [UInt8] { Array(added) }

    /// The SHA-256 (hex) of everything added: a key naming a whole file's fixed inputs.
    func sha256Hex() -> String { SHA256.hex(SHA256.hash(added)) }
}
