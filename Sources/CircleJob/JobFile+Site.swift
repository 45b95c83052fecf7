import CircleCatalog
import CircleEngine
import Foundation
import Yams

/// The `site:` block of a job file (docs/jobs.md, docs/siting.md): what `circle run JOB --site`
/// plans with the job's inputs.
extension Reader {
    static let siteKeys = ["items", "count", "cover_all", "target", "candidates", "spacing", "weight", "exact", "time_limit", "out"]

    func site(_ node: Node, analysis: AnalysisOptions) throws -> SiteOptions {
        guard let mapping = node.mapping else { throw fail(node, "site", "expected a mapping of keys (items:, count:, out:, …), got \(kind(node))") }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw fail(keyNode, "site", "keys must be plain names") }
            guard Self.siteKeys.contains(key) else {
                throw fail(keyNode, "site.\(key)", "unknown key; known keys: " + Self.siteKeys.joined(separator: ", "))
            }
            guard values[key] == nil else { throw fail(keyNode, "site.\(key)", "appears twice") }
            if !isNull(value) { values[key] = value }
        }
        for key in ["items", "out"] where values[key] == nil { throw fail(node, "site.\(key)", "required key is missing") }
        let goals = ["count", "cover_all", "target"].filter { values[$0] != nil }
        guard goals.count == 1 else {
            throw fail(node, "site", "give exactly one of count, cover_all, target (got \(goals.isEmpty ? "none" : goals.joined(separator: ", ")))")
        }
        let goal: SiteOptions.Goal
        if let n = values["count"] {
            guard let s = n.scalar?.string, let k = Int(s), k > 0 else { throw fail(n, "site.count", "must be a positive whole number of sites, got \(kind(n))") }
            goal = .count(k)
        } else if let n = values["cover_all"] {
            guard try bool(n, "site.cover_all") else { throw fail(n, "site.cover_all", "only cover_all: true means anything") }
            goal = .coverAll
        } else {
            let n = values["target"]!
            guard let s = n.scalar?.string, let t = Double(s), t > 0, t <= 1 else { throw fail(n, "site.target", "must be a share in (0, 1], got \(kind(n))") }
            goal = .target(t)
        }
        var items: [String] = []
        let catalog = try Catalog.resolve(analysis.catalog)
        for (i, (element, name)) in try list(values["items"]!, "site.items").enumerated() {
            guard name == "basic" || catalog.item(named: name) != nil else {
                throw fail(element, "site.items[\(i)]", "'\(name)' is not an item of catalog \(catalog.id) (or basic)")
            }
            items.append(name)
        }
        var a = analysis
        a.out = try path(values, "out")!
        var o = SiteOptions(analysis: a, items: items, goal: goal)
        if let n = values["candidates"] {
            let v = try string(n, "site.candidates")
            o.candidates = v == "network" ? v : resolve(v)
        }
        if let v = try positive(values, "spacing") { o.spacing = v }
        if let v = try positive(values, "time_limit") { o.timeLimit = v }
        if let n = values["exact"] { o.exact = try bool(n, "site.exact") }
        if let n = values["weight"] {
            let v = try string(n, "site.weight")
            guard let w = SiteOptions.Weight(rawValue: v) else { throw fail(n, "site.weight", "must be origins or population, got '\(v)'") }
            o.weight = w
        }
        return o
    }
}
