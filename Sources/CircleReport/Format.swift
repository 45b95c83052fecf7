import CircleSupport
import Foundation

/// Number formats used in every output, fixed so that outputs are byte-for-byte reproducible.
public enum Format {
    /// A travel time in minutes as every output lists it: three decimals rounded up
    /// (``ListedMinutes``, SPEC §8), "" for none.
    public static func minutes(_ m: Double?) -> String { m.map { fixed(ListedMinutes.roundedUp($0), decimals: 3) } ?? "" }

    /// Appends ``minutes(_:)`` of a time (nothing for none) to `out` as UTF-8.
    public static func appendMinutes(_ m: Double?, to out: inout [UInt8]) {
        if let m { appendFixed(ListedMinutes.roundedUp(m), decimals: 3, to: &out) }
    }
    /// A count or amount: whole numbers without decimals ("12"), others as Swift prints them
    /// ("12.5"), the shortest text that reads back as the same number.
    public static func number(_ v: Double) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
    }
    /// A share (0…1) with four decimals, "" for none.
    public static func share(_ s: Double?) -> String { s.map { fixed($0, decimals: 4) } ?? "" }
    /// Metres with one decimal, "" for none.
    public static func metres(_ m: Double?) -> String { m.flatMap { $0.isFinite ? fixed($0, decimals: 1) : nil } ?? "" }

    /// `value` with exactly `decimals` digits after the point, as `String(format: "%.Nf")` prints it
    /// (but never "-0.000"): integer arithmetic where the rounding is clear, `String(format:)`
    /// near a halfway point or beyond 10¹⁵ (it is 20× slower, and exact on the binary value).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var out: [UInt8] = []
        appendFixed(value, decimals: decimals, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends ``fixed(_:decimals:)`` of `value` to `out` as UTF-8, without building a `String`
    /// on the fast path.
    ///
    /// - Complexity: O(digits).
    public static func appendFixed(_ value: Double, decimals: Int, to out: inout [UInt8]) {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let product = value * scale
        let scaled = product.rounded(.toNearestOrAwayFromZero)
        guard scaled.isFinite, abs(scaled) < 1e15, abs(abs(product - product.rounded(.towardZero)) - 0.5) > 1e-6 else {
            let s = String(format: "%.\(decimals)f", value)
            out.append(contentsOf: (s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s).utf8)
            return
        }
        let n = Int64(scaled)
        let magnitude = n.magnitude
        let unit = UInt64(scale)
        if n < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(magnitude / unit, minimumCount: 1, to: &out)
        if decimals > 0 {
            out.append(UInt8(ascii: "."))
            appendDigits(magnitude % unit, minimumCount: decimals, to: &out)
        }
    }

    /// Appends `value` in decimal, as `String(value)` writes it.
    public static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(value.magnitude), minimumCount: 1, to: &out)
    }

    /// Appends the decimal digits of `value`, zero-padded on the left to `minimumCount` digits.
    ///
    /// The digits are made right to left in a 20-byte stack buffer (a `UInt64` has at most 20)
    /// and appended in one piece.
    static func appendDigits(_ value: UInt64, minimumCount: Int, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes
        withUnsafeMutableBytes(of: &digits) { buffer in
            let end = 20
            var k = end, v = value
            repeat {
                k -= 1
                buffer[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0 && k > 0
            let padTo = end - min(minimumCount, end)
            if k > padTo {
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: k - padTo))
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[k..<end]))
        }
        if minimumCount > 20 {
            // Never in practice (at most 15 decimals are written); kept exact all the same.
            out.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: minimumCount - 20), at: out.count - 20)
        }
    }
}
