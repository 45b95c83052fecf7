import CircleEngine
import Yams

/// Reads one entry of a YAML scenario's `links` list:
///
/// ```yaml
/// - id: footbridge-1                          # optional; default link-N
///   tags: {highway: footway, bicycle: "yes"}  # optional; default highway: footway
///   path:                                     # at least 2 points
///     - node: 1289411325                      # an OSM node of a street
///     - {lon: 24.9441, lat: 60.1733}          # a position
/// ```
enum ScenarioLinkYAML {
    static let fields = ["id", "name", "tags", "path"]
    static let pointFields = ["node", "lon", "lat"]

    /// - Throws: ``ScenarioError`` naming the line of the bad field or point.
    static func link(_ entry: Node, number: Int, file: String) throws -> Scenario.Link {
        func fail(_ node: Node?, _ problem: String) -> ScenarioError { ScenarioError(file: file, line: node?.mark?.line, problem: problem) }
        guard let m = entry.mapping else { throw fail(entry, "links: each entry is a mapping with a path (and optional id and tags)") }
        var values: [String: Node] = [:]
        for (k, v) in m {
            let name = k.scalar?.string ?? ""
            guard fields.contains(name) else {
                throw fail(k, "links: unknown field '\(name)'; the fields are \(fields.joined(separator: ", "))")
            }
            values[name] = v
        }
        func scalar(_ node: Node, _ what: String) throws -> String {
            guard let s = node.scalar?.string.trimmingCharacters(in: .whitespaces), !s.isEmpty else {
                throw fail(node, "\(what): expected a value, got \(node.mapping != nil ? "a mapping" : node.sequence != nil ? "a list" : "nothing")")
            }
            return s
        }
        let id = try values["id"].map { try scalar($0, "links: id") } ?? "link-\(number)"
        let line = entry.mark?.line ?? 0
        var tags = Scenario.defaultLinkTags
        if let t = values["tags"] {
            guard let tm = t.mapping else { throw fail(t, "link '\(id)': tags is a mapping (e.g. {highway: footway, bicycle: \"yes\"})") }
            tags = [:]
            for (k, v) in tm {
                let key = try scalar(k, "link '\(id)': a tag key")
                guard tags[key] == nil else { throw fail(k, "link '\(id)': tag '\(key)' is given twice") }
                tags[key] = v.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
                guard v.scalar != nil else { throw fail(v, "link '\(id)': tag '\(key)' has no plain value") }
            }
            try Scenario.checkLinkTags(tags, link: id, file: file, line: t.mark?.line ?? line)
        }
        guard let path = values["path"] else { throw fail(entry, "link '\(id)': the entry has no path") }
        guard let points = path.sequence else { throw fail(path, "link '\(id)': path is a list of points ('- node: …' or '- {lon: …, lat: …}')") }
        var out: [Scenario.Link.Point] = []
        for p in points {
            guard let pm = p.mapping else { throw fail(p, "link '\(id)': a point is a mapping: node, or lon and lat") }
            var f: [String: String] = [:]
            for (k, v) in pm {
                let name = k.scalar?.string ?? ""
                guard pointFields.contains(name) else {
                    throw fail(k, "link '\(id)': unknown point field '\(name)'; the fields are node, lon and lat")
                }
                f[name] = try scalar(v, "link '\(id)': \(name)")
            }
            out.append(try Scenario.linkPoint(node: f["node"], lon: f["lon"], lat: f["lat"], link: id, file: file,
                                              line: p.mark?.line ?? line))
        }
        return Scenario.Link(id: id, points: out, tags: tags, line: line)
    }
}
