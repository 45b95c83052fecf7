// The drawn origins' minutes as one table of minute codes, made once per report: the origin dots,
// the gap counts and the script's data all read it, and a city's model can hand it over as it is
// (``ReportMap/minuteCodes``) instead of one array of minutes per origin.

/// Per drawn origin, its ``HTMLReport/minuteCode(_:)`` to each item (253 where not known), and how
/// many minutes it has (every item's with a model table; else its own ``ReportMapOrigin/minutes``).
struct MinuteRows {
    /// Items per row.
    let width: Int
    /// `count × width` codes, origin after origin.
    private(set) var codes: [UInt8]
    /// Per origin: minutes known (`width` with a table; its own minutes' count otherwise).
    private(set) var known: [Int]

    var count: Int { known.count }

    /// - Parameters:
    ///   - drawn: the origins drawn, in model order; `index[k]` is drawn origin k's place among
    ///     the model's origins (nil: every origin is drawn).
    init(_ map: ReportMap, drawn: [ReportMapOrigin], index: [Int]?, width n: Int) {
        width = n
        if let table = map.minuteCodes, table.count == map.origins.count * n {
            known = [Int](repeating: n, count: drawn.count)
            if let index {
                var rows = [UInt8](repeating: 253, count: drawn.count * n)
                for (k, o) in index.enumerated() where n > 0 {
                    rows.replaceSubrange(k * n..<(k + 1) * n, with: table[o * n..<(o + 1) * n])
                }
                codes = rows
            } else {
                codes = table
            }
            return
        }
        var rows = [UInt8](repeating: 253, count: drawn.count * n)
        var known = [Int](repeating: 0, count: drawn.count)
        for k in drawn.indices {
            let minutes = drawn[k].minutes
            known[k] = minutes.count
            for i in 0..<min(n, minutes.count) { rows[k * n + i] = HTMLReport.minuteCode(minutes[i]) }
        }
        codes = rows
        self.known = known
    }

    /// The code of drawn origin `k` to item `i` (`i < width`).
    @inline(__always)
    func code(_ k: Int, _ i: Int) -> UInt8 { codes[k * width + i] }

    /// The table the script reads: rows of origins with fewer (or more) minutes than items are
    /// all 253 (not known).
    var scriptBytes: [UInt8] {
        guard known.contains(where: { $0 != width }) else { return codes }
        var out = codes
        for k in known.indices where known[k] != width {
            for i in 0..<width { out[k * width + i] = 253 }
        }
        return out
    }
}

extension HTMLReport {
    /// ``minuteClass(_:reach:)`` of every code (the class depends on the code alone).
    static func minuteClasses(reach: Double) -> [UInt8] {
        (0..<256).map { UInt8(minuteClass(code: UInt8($0), reach: reach)) }
    }

    /// ``minuteClass(_:reach:)`` of a time given by its code (``minuteCode(_:)``).
    static func minuteClass(code: UInt8, reach: Double) -> Int {
        switch code {
        case 253: return 0
        case 252: return 4
        default:
            let v = Double(code) / 4
            return v <= reach * 2 / 3 ? 1 : v <= reach ? 2 : v <= reach * 4 / 3 ? 3 : 4
        }
    }
}
