import Foundation

extension Catalog {
    /// Checks the catalog; ``load(path:)`` and ``builtin(_:)`` call it.
    /// - Throws: the first of ``problems()``.
    public func validate() throws {
        if let first = problems().first { throw first }
    }

    /// Every problem with the catalog, each with its JSON path (no file name): in document order,
    /// except that a domain without items is reported after the items.
    ///
    /// Checked: ids are non-empty lowercase identifiers (`a-z`, `0-9`, `_`, `-`) and unique; names
    /// are non-empty; speeds and minutes are positive and finite, with each reach at most the
    /// horizon; every item's domain exists; every basic or related domain has an item and there is
    /// at least one basic item; regular expressions compile; a name requirement has a `name_regex`;
    /// confidence is high, medium, low or n/a; no name stands for two items or two area classes;
    /// subdistrict names are unique, their area class exists, and their `x_items` name items.
    public func problems() -> [CatalogError] {
        var v = Validator()
        v.identifier(id, at: "id")
        v.positive(walkKmh, at: "walk_kmh")
        v.positive(cycleKmh, at: "cycle_kmh")
        v.positive(reachMinutes, at: "reach_minutes")
        v.positive(horizonMinutes, at: "horizon_minutes")
        if horizonMinutes.isFinite, reachMinutes.isFinite, reachMinutes > horizonMinutes {
            v.fail("horizon_minutes", "horizon_minutes \(formatNumber(horizonMinutes)) is below reach_minutes "
                   + formatNumber(reachMinutes))
        }
        checkDomains(&v)
        checkItems(&v)
        checkDomainsHaveItems(&v)
        checkAreaClasses(&v)
        checkSubdistricts(&v)
        return v.problems
    }

    private func checkDomains(_ v: inout Validator) {
        if domains.isEmpty { v.fail("domains", "no domains (a catalog needs at least one basic domain)") }
        var seen: [String: Int] = [:]
        for (i, d) in domains.enumerated() {
            let at = "domains[\(i)]"
            v.identifier(d.id, at: "\(at).id")
            if let j = seen[d.id] { v.fail("\(at).id", "duplicate domain id '\(d.id)' (also domains[\(j)])") }
            seen[d.id] = seen[d.id] ?? i
            v.nonEmpty(d.nameZh, at: "\(at).name_zh")
            v.nonEmpty(d.nameEn, at: "\(at).name_en")
        }
    }

    /// Reported after the items' own problems, which usually explain them.
    private func checkDomainsHaveItems(_ v: inout Validator) {
        guard !domains.isEmpty else { return }
        for (i, d) in domains.enumerated() where d.kind != .x && !items.contains(where: { $0.domain == d.id }) {
            v.fail("domains[\(i)]", "\(d.kind.rawValue) domain '\(d.id)' has no items")
        }
        if !domains.contains(where: { $0.kind == .basic }) {
            v.fail("domains", "no basic domain (the basic score needs at least one basic item)")
        }
    }

    private func checkItems(_ v: inout Validator) {
        let known = domains.map(\.id).joined(separator: ", ")
        var seen: [String: Int] = [:]
        var owner: [String: Int] = [:]
        for (i, item) in items.enumerated() {
            let at = "items[\(i)]"
            v.identifier(item.id, at: "\(at).id")
            if let j = seen[item.id] { v.fail("\(at).id", "duplicate item id '\(item.id)' (also items[\(j)])") }
            seen[item.id] = seen[item.id] ?? i
            if !domains.contains(where: { $0.id == item.domain }) {
                v.fail("\(at).domain", "unknown domain '\(item.domain)' (known: \(known))")
            }
            v.nonEmpty(item.nameZh, at: "\(at).name_zh")
            v.nonEmpty(item.nameEn, at: "\(at).name_en")
            v.positive(item.reachMinutes, at: "\(at).reach_minutes")
            if item.reachMinutes.isFinite, horizonMinutes.isFinite, item.reachMinutes > horizonMinutes {
                v.fail("\(at).reach_minutes",
                       "reach_minutes \(formatNumber(item.reachMinutes)) exceeds horizon_minutes \(formatNumber(horizonMinutes))")
            }
            if let r = item.refMinutes { v.positive(r, at: "\(at).ref_minutes") }
            if let r = item.refRadiusM { v.positive(r, at: "\(at).ref_radius_m") }
            v.regex(item.nameRegex, at: "\(at).name_regex")
            v.regex(item.excludeNameRegex, at: "\(at).exclude_name_regex")
            if item.nameRegex == nil {
                if item.requireNameMatch {
                    v.fail("\(at).require_name_match", "require_name_match is true but the item has no name_regex")
                } else if let k = item.osmTags.firstIndex(where: \.requiresName) {
                    v.fail("\(at).osm_tags[\(k)]", "rule '\(item.osmTags[k])' uses name~ but the item has no name_regex")
                }
            }
            if !Item.confidenceLevels.contains(item.confidence) {
                v.fail("\(at).confidence",
                       "unknown confidence '\(item.confidence)' (known: \(Item.confidenceLevels.joined(separator: ", ")))")
            }
            var fields = [("id", item.id), ("name_zh", item.nameZh), ("name_en", item.nameEn)]
            fields += item.aliases.enumerated().map { ("aliases[\($0.offset)]", $0.element) }
            for (field, name) in fields {
                let key = CatalogNames.key(name)
                if field.hasPrefix("aliases") { v.nonEmpty(key, at: "\(at).\(field)") }
                guard !key.isEmpty else { continue }
                if let j = owner[key], j != i {
                    v.fail("\(at).\(field)", "name '\(name)' is also a name of item '\(items[j].id)' (items[\(j)])")
                } else {
                    owner[key] = i
                }
            }
        }
    }

    private func checkAreaClasses(_ v: inout Validator) {
        if areaClasses.isEmpty { v.fail("area_classes", "no area classes (omit the field for the SPEC §2 table)") }
        var seen: [String: Int] = [:]
        var owner: [String: Int] = [:]
        for (i, cls) in areaClasses.enumerated() {
            let at = "area_classes[\(i)]"
            v.identifier(cls.id, at: "\(at).id")
            if let j = seen[cls.id] { v.fail("\(at).id", "duplicate area class id '\(cls.id)' (also area_classes[\(j)])") }
            seen[cls.id] = seen[cls.id] ?? i
            v.nonEmpty(cls.nameZh, at: "\(at).name_zh")
            v.nonEmpty(cls.nameEn, at: "\(at).name_en")
            for (k, name) in cls.names.enumerated() {
                let key = CatalogNames.key(name)
                guard !key.isEmpty else { continue }
                if let j = owner[key], j != i {
                    let field = k < 3 ? ["id", "name_zh", "name_en"][k] : "aliases[\(k - 3)]"
                    v.fail("\(at).\(field)", "name '\(name)' is also a name of area class '\(areaClasses[j].id)'")
                } else {
                    owner[key] = i
                }
            }
        }
    }

    private func checkSubdistricts(_ v: inout Validator) {
        let classes = areaClasses.map(\.id).joined(separator: ", ")
        var owner: [String: Int] = [:]
        for (i, s) in subdistricts.enumerated() {
            let at = "subdistricts[\(i)]"
            v.nonEmpty(s.nameZh, at: "\(at).name_zh")
            v.nonEmpty(s.nameEn, at: "\(at).name_en")
            for (field, name) in [("name_zh", s.nameZh), ("name_en", s.nameEn)] {
                let key = CatalogNames.key(name)
                guard !key.isEmpty else { continue }
                if let j = owner[key], j != i {
                    v.fail("\(at).\(field)", "duplicate subdistrict name '\(name)' (also subdistricts[\(j)])")
                } else {
                    owner[key] = i
                }
            }
            if !areaClasses.contains(where: { $0.id == s.areaClass }) {
                v.fail("\(at).area_class", "unknown area class '\(s.areaClass)' (known: \(classes))")
            }
            var chosen: Set<String> = []
            for (k, x) in s.xItems.enumerated() {
                if !items.contains(where: { $0.id == x }) {
                    v.fail("\(at).x_items[\(k)]", "unknown item '\(x)' (x_items lists item ids)")
                } else if !chosen.insert(x).inserted {
                    v.fail("\(at).x_items[\(k)]", "item '\(x)' is listed twice")
                }
            }
        }
    }
}

/// Collects problems with their JSON paths.
private struct Validator {
    var problems: [CatalogError] = []

    mutating func fail(_ path: String, _ problem: String) {
        problems.append(CatalogError(path: path, problem: problem))
    }

    mutating func nonEmpty(_ s: String, at path: String) {
        if s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { fail(path, "must not be empty") }
    }

    mutating func identifier(_ s: String, at path: String) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_-")
        if s.isEmpty {
            fail(path, "must not be empty")
        } else if !s.allSatisfy(allowed.contains) || s.first == "-" || s.first == "_" {
            fail(path, "'\(s)' is not an id (use lowercase letters, digits, '_' and '-', starting with a letter or digit)")
        }
    }

    mutating func positive(_ x: Double, at path: String) {
        if !(x.isFinite && x > 0) { fail(path, "must be a positive number, not \(formatNumber(x))") }
    }

    mutating func regex(_ pattern: String?, at path: String) {
        guard let pattern else { return }
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            fail(path, "'\(pattern)' is not a valid regular expression")
        }
    }
}

/// A number as written in a catalog: no trailing `.0`.
func formatNumber(_ x: Double) -> String {
    x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
}
