/// Builds SVG path data with relative moves between integer points, in a byte buffer.
struct PathBuilder {
    private var bytes: [UInt8] = []

    /// The path data so far.
    var d: String { String(decoding: bytes, as: UTF8.self) }

    var isEmpty: Bool { bytes.isEmpty }

    private mutating func number(_ n: Int) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        else if let last = bytes.last, last >= 0x30 && last <= 0x39 { bytes.append(UInt8(ascii: " ")) }
        Self.appendDigits(n.magnitude, to: &bytes)
    }

    /// The decimal digits of `m`, as `Format.appendDecimal` writes them (most deltas are short).
    @inline(__always)
    static func appendDigits(_ m: UInt, to bytes: inout [UInt8]) {
        let zero = UInt8(ascii: "0")
        if m < 10 {
            bytes.append(zero + UInt8(m))
        } else if m < 100 {
            bytes.append(zero + UInt8(m / 10))
            bytes.append(zero + UInt8(m % 10))
        } else if m < 1000 {
            bytes.append(zero + UInt8(m / 100))
            bytes.append(zero + UInt8(m / 10 % 10))
            bytes.append(zero + UInt8(m % 10))
        } else {
            Format.appendDigits(UInt64(m), minimumCount: 1, to: &bytes)
        }
    }

    /// An open polyline of at least two points.
    mutating func line(_ points: [GridPoint]) {
        guard points.count >= 2 else { return }
        append(points, close: false)
    }

    /// A closed ring (the last point may repeat the first); false, and nothing drawn, when it has
    /// fewer than three points.
    @discardableResult
    mutating func ring(_ points: [GridPoint]) -> Bool {
        var pts = points
        if pts.count > 1 && pts.first == pts.last { pts.removeLast() }
        guard pts.count >= 3 else { return false }
        append(pts, close: true)
        return true
    }

    private mutating func append(_ points: [GridPoint], close: Bool) {
        bytes.append(UInt8(ascii: "M"))
        number(points[0].x)
        number(points[0].y)
        bytes.append(UInt8(ascii: "l"))
        for i in 1..<points.count {
            number(points[i].x - points[i - 1].x)
            number(points[i].y - points[i - 1].y)
        }
        if close { bytes.append(UInt8(ascii: "z")) }
    }
}
