import Foundation

/// `circle diff` output: every change, never truncated.
public enum DiffFormat {
    /// text (readable), csv (one row per change) or json.
    public enum Kind: String, CaseIterable, Sendable { case text, csv, json }

    /// A share as a percentage with one decimal, `-` when missing.
    public static func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "-" }
    /// A share 0…1 with four decimals, empty when missing.
    public static func share(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "" }

    /// The items whose share changed.
    public static func changedItems(_ d: RunDiff) -> [(item: String, before: Double?, after: Double?)] {
        d.items.filter { $0.before != $0.after }
    }

    /// The subdistricts whose share or 缺项 changed.
    public static func changedSubdistricts(_ d: RunDiff) -> [(name: String, shareBefore: Double, shareAfter: Double, missingBefore: Int, missingAfter: Int)] {
        d.subdistricts.filter { $0.shareBefore != $0.shareAfter || $0.missingBefore != $0.missingAfter }
    }

    /// The diff in the given format, with the runs' headlines when known.
    public static func render(_ d: RunDiff, before: RunHeadline?, after: RunHeadline?, as kind: Kind) -> String {
        switch kind {
        case .text: return text(d, before, after)
        case .csv: return csv(d, before, after)
        case .json: return json(d, before, after)
        }
    }

    /// Readable text: headline, items, subdistricts, then every (origin, item) pair that changed.
    public static func text(_ d: RunDiff, _ a: RunHeadline?, _ b: RunHeadline?) -> String {
        var out = "run \(d.from) → run \(d.to): 缺项 closed \(d.gapsClosed), opened \(d.gapsOpened); "
            + "\(d.newlyCovered.count) (origin, item) pairs newly covered, \(d.newlyUncovered.count) newly uncovered\n"
        if let a, let b {
            out += "\n\tbefore\tafter\n"
            out += "缺项\t\(a.missingCount)\t\(b.missingCount)\n"
            out += "mean basic score\t\(percent(a.meanBasicScore))\t\(percent(b.meanBasicScore))\n"
            out += "all basic items\t\(percent(a.allBasicShare))\t\(percent(b.allBasicShare))\n"
        }
        out += "\nitem\tbefore\tafter\n"
        for i in changedItems(d) { out += "\(i.item)\t\(percent(i.before))\t\(percent(i.after))\n" }
        out += "\nsubdistrict\tall basic before\tafter\t缺项 before\tafter\n"
        for s in changedSubdistricts(d) {
            out += "\(s.name)\t\(percent(s.shareBefore))\t\(percent(s.shareAfter))\t\(s.missingBefore)\t\(s.missingAfter)\n"
        }
        for (title, list) in [("newly covered", d.newlyCovered), ("newly uncovered", d.newlyUncovered)] where !list.isEmpty {
            out += "\n\(title):\n"
            for p in list { out += "  \(p.origin)\t\(p.item)\n" }
        }
        return out
    }

    /// A CSV field, quoted when it needs to be.
    public static func field(_ s: String) -> String {
        s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// One row per change: `change,name,item,before,after` (shares 0…1 with 4 decimals; pairs 0/1 covered).
    public static func csv(_ d: RunDiff, _ a: RunHeadline?, _ b: RunHeadline?) -> String {
        var rows = [["change", "name", "item", "before", "after"]]
        if let a, let b {
            rows.append(["headline", "missing_count", "", "\(a.missingCount)", "\(b.missingCount)"])
            rows.append(["headline", "mean_basic_score", "", share(a.meanBasicScore), share(b.meanBasicScore)])
            rows.append(["headline", "all_basic_share", "", share(a.allBasicShare), share(b.allBasicShare)])
        }
        rows.append(["headline", "gaps_closed", "", "", "\(d.gapsClosed)"])
        rows.append(["headline", "gaps_opened", "", "", "\(d.gapsOpened)"])
        for i in changedItems(d) { rows.append(["item", "", i.item, share(i.before), share(i.after)]) }
        for s in changedSubdistricts(d) {
            rows.append(["subdistrict_all_basic_share", s.name, "", share(s.shareBefore), share(s.shareAfter)])
            rows.append(["subdistrict_missing_count", s.name, "", "\(s.missingBefore)", "\(s.missingAfter)"])
        }
        for p in d.newlyCovered { rows.append(["newly_covered", p.origin, p.item, "0", "1"]) }
        for p in d.newlyUncovered { rows.append(["newly_uncovered", p.origin, p.item, "1", "0"]) }
        return rows.map { $0.map(field).joined(separator: ",") + "\n" }.joined()
    }

    /// One JSON object holding every change.
    public static func json(_ d: RunDiff, _ a: RunHeadline?, _ b: RunHeadline?) -> String {
        func headline(_ h: RunHeadline?) -> Any {
            guard let h else { return NSNull() }
            return ["origins": h.origins, "missingCount": h.missingCount, "meanBasicScore": h.meanBasicScore,
                    "allBasicShare": h.allBasicShare] as [String: Any]
        }
        func optional(_ v: Double?) -> Any { v ?? NSNull() }
        let object: [String: Any] = [
            "from": d.from, "to": d.to, "before": headline(a), "after": headline(b),
            "gapsClosed": d.gapsClosed, "gapsOpened": d.gapsOpened,
            "items": changedItems(d).map { ["item": $0.item, "before": optional($0.before), "after": optional($0.after)] as [String: Any] },
            "subdistricts": changedSubdistricts(d).map {
                ["name": $0.name, "allBasicShareBefore": $0.shareBefore, "allBasicShareAfter": $0.shareAfter,
                 "missingBefore": $0.missingBefore, "missingAfter": $0.missingAfter] as [String: Any]
            },
            "newlyCovered": d.newlyCovered.map { ["origin": $0.origin, "item": $0.item] },
            "newlyUncovered": d.newlyUncovered.map { ["origin": $0.origin, "item": $0.item] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
