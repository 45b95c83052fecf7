import CircleSupport
import Foundation

/// Collects the inputs of one output row as bytes — every value length- or tag-prefixed, so two
/// different lists of inputs never give the same bytes — and digests them (two XXH64 hashes with
/// different seeds: 128 bits). ``RowMemo`` reuses a row's formatted bytes when its digest is the
/// one stored with them.
struct RowDigester {
    private var scratch: [UInt8] = []

    init() { scratch.reserveCapacity(1024) }

    /// Starts the next row.
    mutating func reset() { scratch.removeAll(keepingCapacity: true) }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            add(utf8.count)
            scratch.append(contentsOf: utf8)
        }
    }

    mutating func add(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { scratch.append(contentsOf: $0) }
    }

    mutating func add(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { scratch.append(contentsOf: $0) }
    }

    /// A number by its exact bits (a formatter may print -0 and 0, or two NaNs, differently).
    mutating func add(_ value: Double) { add(value.bitPattern) }

    /// An optional number: a tag byte, then its bits.
    mutating func add(_ value: Double?) {
        if let value {
            scratch.append(1)
            add(value.bitPattern)
        } else {
            scratch.append(0)
        }
    }

    mutating func add(_ value: Bool) { scratch.append(value ? 1 : 0) }

    /// An optional flag: 0 nil, 1 false, 2 true.
    mutating func add(_ value: Bool?) { scratch.append(value.map { $0 ? 2 : 1 } ?? 0) }

    /// A list of whole numbers, with its count.
    mutating func add(_ values: [Int]) {
        add(values.count)
        for v in values { add(v) }
    }

    /// The digest of the row's inputs added since ``reset()``.
    func digest() -> (UInt64, UInt64) {
        scratch.withUnsafeBytes { (xxHash64($0, seed: 0x5EED_0F_0A), xxHash64($0, seed: 0xC1C1_E5_17)) }
    }

    /// Everything added since ``reset()``.
    var bytes: [UInt8] { scratch }

    /// The SHA-256 (hex) of everything added: a key naming a whole file's fixed inputs.
    func sha256Hex() -> String { SHA256.hex(scratch.withUnsafeBytes { SHA256.hash($0) }) }
}
