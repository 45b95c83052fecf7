import CircleCatalog
import CircleEngine
import Foundation
import Yams

/// Reads a scenario file (`--scenario`, job key `scenario`): CSV when its name ends in `.csv`,
/// else YAML with the keys `add` (a list of mappings: item, lon, lat, optional id and name),
/// `remove` (a list of facility ids), `close` (a list of OSM way ids) and `links` (a list of
/// mappings: path, optional id, tags and name). See docs/scenarios.md.
public enum ScenarioFile {
    /// The keys of a YAML scenario.
    public static let keys = ["add", "remove", "close", "links"]
    static let additionKeys = ["item", "lon", "lat", "id", "name"]

    /// - Throws: ``ScenarioError`` naming the file and the line of the first bad entry.
    public static func load(path: String) throws -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ScenarioError(file: path, problem: exists ? "cannot read the scenario file" : "no such scenario file")
        }
        guard data.count <= Scenario.maxBytes else {
            throw ScenarioError(file: path, problem: "larger than \(Scenario.maxBytes >> 20) MB; a scenario lists edits, not a city")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ScenarioError(file: path, problem: "not UTF-8 text") }
        if path.lowercased().hasSuffix(".csv") { return try Scenario.parseCSV(text, file: path) }
        return try parse(yaml: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, file: path)
    }

    /// A YAML scenario.
    public static func parse(yaml: String, file: String) throws -> Scenario {
        func fail(_ node: Node?, _ problem: String) -> ScenarioError { ScenarioError(file: file, line: node?.mark?.line, problem: problem) }
        if let line = YAMLDepth.firstTooDeep(yaml) {
            throw ScenarioError(file: file, line: line, problem: "nested more than \(YAMLDepth.limit) levels deep")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch let error as YamlError {
            let job = Reader(file: file, folder: "").malformed(error)
            throw ScenarioError(file: file, line: job.line, problem: job.problem)
        }
        guard let root else { throw ScenarioError(file: file, problem: "the scenario file is empty; it needs add, remove, close or links") }
        guard let mapping = root.mapping else { throw fail(root, "a scenario is a mapping with the keys add, remove, close and links") }
        func scalar(_ node: Node, _ what: String) throws -> String {
            guard let s = node.scalar?.string.trimmingCharacters(in: .whitespaces), !s.isEmpty else {
                throw fail(node, "\(what): expected a value, got \(node.mapping != nil ? "a mapping" : node.sequence != nil ? "a list" : "nothing")")
            }
            return s
        }
        func list(_ node: Node, _ key: String) throws -> [Node] {
            guard let seq = node.sequence else { throw fail(node, "\(key): expected a list ('- …' one a line)") }
            return Array(seq)
        }
        var s = Scenario(file: file)
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw fail(keyNode, "keys must be plain names") }
            guard keys.contains(key) else {
                let close = keys.min { NameSuggestions.distance(key, $0) < NameSuggestions.distance(key, $1) }!
                let hint = NameSuggestions.distance(key, close) <= 2 ? "; did you mean '\(close)'?" : "; the keys are add, remove, close and links"
                throw fail(keyNode, "unknown key '\(key)'\(hint)")
            }
            guard seen.insert(key).inserted else { throw fail(keyNode, "\(key) appears twice") }
            if value.scalar?.string.isEmpty == true || value.scalar?.string == "null" || value.scalar?.string == "~" { continue }
            switch key {
            case "add":
                for entry in try list(value, "add") {
                    guard let m = entry.mapping else { throw fail(entry, "add: each entry is a mapping with item, lon and lat") }
                    var fields: [String: String] = [:]
                    for (k, v) in m {
                        let name = k.scalar?.string ?? ""
                        guard additionKeys.contains(name) else {
                            throw fail(k, "add: unknown field '\(name)'; the fields are \(additionKeys.joined(separator: ", "))")
                        }
                        fields[name] = try scalar(v, "add: \(name)")
                    }
                    for required in ["item", "lon", "lat"] where fields[required] == nil {
                        throw fail(entry, "add: the entry has no \(required)")
                    }
                    s.additions.append(try Scenario.addition(item: fields["item"]!, lon: fields["lon"]!, lat: fields["lat"]!,
                                                             id: fields["id"], file: file, line: entry.mark?.line ?? 0,
                                                             number: s.additions.count + 1))
                }
            case "remove":
                for entry in try list(value, "remove") {
                    s.removals.append(Scenario.Removal(id: try scalar(entry, "remove"), line: entry.mark?.line ?? 0))
                }
            case "links":
                for entry in try list(value, "links") {
                    s.links.append(try ScenarioLinkYAML.link(entry, number: s.links.count + 1, file: file))
                }
            default:
                for entry in try list(value, "close") {
                    let line = entry.mark?.line ?? 0
                    s.closures.append(Scenario.Closure(way: try Scenario.way(try scalar(entry, "close"), file: file, line: line),
                                                       line: line))
                }
            }
        }
        try s.checkLinks()
        try s.checkNotEmpty()
        return s
    }
}
