import CircleCatalog
import CircleEngine
import Foundation
import Yams

/// A job file (`circle run JOB.yaml`, docs/jobs.md): the options of `circle analyze` as YAML, with
/// paths relative to the job file's folder, plus the locations of the future run history and caches.
public struct JobFile: Sendable, Equatable {
    /// The job file, as given.
    public var file: String
    /// What `circle analyze` would run, paths resolved.
    public var options: AnalysisOptions
    /// Path of the run-history database (SQLite).
    public var history: String?
    /// Folder keeping search results between runs (incremental reruns).
    public var cache: String?
    /// The `site:` block: what `circle run JOB --site` plans; nil when the job has none.
    public var site: SiteOptions?

    /// Every key a job file may hold, in documentation order.
    public static let keys = ["network", "origins", "facilities", "areas", "catalog", "crs", "encoding", "walk_kmh", "cycle_kmh",
                              "reach", "horizon", "items", "max_snap", "min_component_nodes", "gap_cell", "gap_access", "gap_mask", "max_memory", "gaps",
                              "isochrones", "lang", "out", "history", "db", "cache", "cache_keep_days", "parts", "strict", "site",
                              "out_crs", "gpkg", "xlsx", "scenario", "baseline"]
    static let required = ["network", "origins", "facilities", "out"]

    /// Reads and validates the job file at `path`.
    public static func load(path: String) throws -> JobFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw JobError(file: path, problem: exists ? "cannot read the job file" : "no such job file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw JobError(file: path, problem: "not UTF-8 text")
        }
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        return try parse(yaml: text, file: path, folder: folder)
    }

    /// Validates a job document; `file` names it in errors, relative paths resolve against `folder`.
    public static func parse(yaml: String, file: String, folder: String) throws -> JobFile {
        var reader = Reader(file: file, folder: folder)
        return try reader.read(yaml.hasPrefix("\u{FEFF}") ? String(yaml.dropFirst()) : yaml)
    }
}

/// Turns the YAML node tree into a `JobFile`, one key at a time, with the key path and line in errors.
struct Reader {
    let file: String
    let folder: String

    func fail(_ node: Node?, _ key: String?, _ problem: String) -> JobError {
        JobError(file: file, line: node?.mark?.line, key: key, problem: problem)
    }

    mutating func read(_ yaml: String) throws -> JobFile {
        if let line = YAMLDepth.firstTooDeep(yaml) {
            throw JobError(file: file, line: line, problem: "lists and mappings nested more than \(YAMLDepth.limit) "
                           + "levels deep; a job file needs two (a mapping of keys, some holding lists)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw malformed(error)
        }
        guard let root else { throw fail(nil, nil, "the job file is empty; it needs at least " + JobFile.required.joined(separator: ", ")) }
        guard let mapping = root.mapping else {
            throw fail(root, nil, "a job file is a mapping of keys (network:, origins:, …), not \(kind(root))")
        }
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { throw fail(keyNode, nil, "keys must be plain names") }
            guard JobFile.keys.contains(key) else {
                let hint = suggestion(for: key).map { "; did you mean '\($0)'?" } ?? "; known keys: " + JobFile.keys.joined(separator: ", ")
                throw fail(keyNode, key, "unknown key" + hint)
            }
            guard values[key] == nil else { throw fail(keyNode, key, "appears twice") }
            if !isNull(value) { values[key] = value }
        }
        for key in JobFile.required where values[key] == nil {
            throw fail(nil, key, mapping.contains { $0.key.scalar?.string == key } ? "required key has no value" : "required key is missing")
        }

        var o = AnalysisOptions(network: try path(values, "network")!, origins: try path(values, "origins")!,
                                facilities: try facilities(values["facilities"]!), out: try path(values, "out")!)
        o.jobFile = file
        o.areas = try path(values, "areas")
        if let node = values["catalog"] { o.catalog = catalogPath(try string(node, "catalog")) }
        if let node = values["crs"] { o.crs = try string(node, "crs") }
        if let node = values["encoding"] { o.encoding = try string(node, "encoding") }
        o.walkKmh = try positive(values, "walk_kmh")
        o.cycleKmh = try positive(values, "cycle_kmh")
        o.reachMinutes = try positive(values, "reach")
        o.horizonMinutes = try positive(values, "horizon")
        if let v = try positive(values, "max_snap") { o.maxSnapDistance = v }
        if let v = try positive(values, "gap_cell") { o.gapCellSize = v }
        o.gapAccess = try positive(values, "gap_access")
        if let node = values["gap_mask"] {
            let mask = try string(node, "gap_mask")
            o.gapMask = mask == "osm" ? "osm" : resolve(mask)
        }
        if let node = values["max_memory"] {
            do { o.maxMemory = try AnalysisOptions.parseMemory(try string(node, "max_memory")) } catch let e as OptionError {
                throw fail(node, "max_memory", e.message.replacingOccurrences(of: "--max-memory ", with: ""))
            }
        }
        o.cacheKeepDays = try positive(values, "cache_keep_days")
        if let node = values["min_component_nodes"] {
            guard let s = node.scalar?.string, let n = Int(s) else {
                throw fail(node, "min_component_nodes", "expected a whole number, got \(describe(node))")
            }
            guard n >= 1 else { throw fail(node, "min_component_nodes", "must be at least 1, got \(n)") }
            o.minComponentNodes = n
        }
        if let node = values["gaps"] { o.gaps = try bool(node, "gaps") }
        if let node = values["isochrones"] { o.isochrones = try bool(node, "isochrones") }
        if let node = values["strict"] { o.strict = try bool(node, "strict") ? true : nil }
        if o.isochrones && !o.gaps {
            throw fail(values["isochrones"], "isochrones", "uses the gap-map cells: set gaps: true or drop isochrones")
        }
        if let node = values["lang"] {
            let lang = try string(node, "lang")
            guard ["zh", "en"].contains(lang) else { throw fail(node, "lang", "must be zh or en, got '\(lang)'") }
            o.language = lang
            o.tableLanguage = lang
        }
        if let node = values["out_crs"] {
            let frame = try string(node, "out_crs")
            if let problem = AnalysisOptions.outCRSProblem(frame) { throw fail(node, "out_crs", problem) }
            o.outCRS = frame
        }
        if let node = values["gpkg"] { o.gpkg = try bool(node, "gpkg") ? true : nil }
        if let node = values["xlsx"] { o.xlsx = try bool(node, "xlsx") ? true : nil }
        if let node = values["items"] { o.items = try items(node, catalog: o.catalog) }
        let cache = try path(values, "cache")
        o.cache = cache
        o.history = try path(values, "history")
        if let node = values["db"] {
            let url = try string(node, "db")
            guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
                throw fail(node, "db", "must be a PostgreSQL URL such as postgresql://user@host:5432/database")
            }
            o.db = url
        }
        o.parts = try path(values, "parts")
        if let scenario = try path(values, "scenario") { o.scenario = try ScenarioFile.load(path: scenario) }
        o.baseline = try path(values, "baseline")
        o.skipUnchanged = true   // a nightly job leaves unchanged outputs alone (exit code 2)
        var job = JobFile(file: file, options: o, history: try path(values, "history"), cache: cache)
        if let node = values["site"] {
            var plain = o
            plain.skipUnchanged = false
            plain.history = nil
            plain.db = nil
            plain.parts = nil
            job.site = try site(node, analysis: plain)
        }
        return job
    }

    // MARK: Values

    func isNull(_ node: Node) -> Bool {
        guard let s = node.scalar, s.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    func kind(_ node: Node) -> String {
        if node.mapping != nil { return "a mapping" }
        if node.sequence != nil { return "a list" }
        return "'\(node.scalar?.string ?? "")'"
    }

    func describe(_ node: Node) -> String { kind(node) }

    func string(_ node: Node, _ key: String) throws -> String {
        guard let s = node.scalar?.string else { throw fail(node, key, "expected text, got \(kind(node))") }
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw fail(node, key, "must not be empty") }
        return trimmed
    }

    func bool(_ node: Node, _ key: String) throws -> Bool {
        guard node.scalar != nil, let b = node.bool else {
            throw fail(node, key, "expected true or false, got \(kind(node))")
        }
        return b
    }

    func positive(_ values: [String: Node], _ key: String) throws -> Double? {
        guard let node = values[key] else { return nil }
        guard let s = node.scalar?.string, let v = Double(s.trimmingCharacters(in: .whitespaces)) else {
            throw fail(node, key, "expected a number, got \(kind(node))")
        }
        guard v > 0, v.isFinite else { throw fail(node, key, "must be a positive number, got \(s)") }
        return v
    }

    /// A path resolved against the job file's folder (absolute paths stay as they are).
    func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        return URL(fileURLWithPath: folder).appendingPathComponent(expanded).standardizedFileURL.path
    }

    func path(_ values: [String: Node], _ key: String) throws -> String? {
        guard let node = values[key] else { return nil }
        return resolve(try string(node, key))
    }

    /// A built-in catalog name stays a name unless a file of that name lies beside the job.
    func catalogPath(_ value: String) -> String {
        let resolved = resolve(value)
        if FileManager.default.fileExists(atPath: resolved) || value.contains("/") || value.lowercased().hasSuffix(".json") {
            return resolved
        }
        return value
    }

    func list(_ node: Node, _ key: String) throws -> [(Node, String)] {
        guard let sequence = node.sequence else {
            throw fail(node, key, "expected a list (one '- value' a line or [a, b]), got \(kind(node))")
        }
        guard !sequence.isEmpty else { throw fail(node, key, "must not be empty") }
        return try sequence.enumerated().map { i, element in (element, try string(element, "\(key)[\(i)]")) }
    }

    func facilities(_ node: Node) throws -> [String] {
        try list(node, "facilities").map { $0.1 == "osm" ? "osm" : resolve($0.1) }
    }

    /// Item names, checked against the catalog so that an unknown one is reported at its line.
    func items(_ node: Node, catalog name: String) throws -> [String] {
        let entries = try list(node, "items")
        let catalog = try Catalog.resolve(name)
        for (i, (element, item)) in entries.enumerated() where catalog.item(named: item) == nil {
            throw fail(element, "items[\(i)]", "'\(item)' is not an item of catalog \(catalog.id) (see `circle catalog`)")
        }
        return entries.map(\.1)
    }

    // MARK: Errors

    func malformed(_ error: YamlError) -> JobError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return JobError(file: file, line: mark.line, problem: "malformed YAML: \(problem)\(where_)")
        default:
            return JobError(file: file, problem: "malformed YAML: \(error)")
        }
    }

    /// The closest known key, if close enough to be a likely typo (`walk-kmh`, `orgins`, `language`).
    func suggestion(for key: String) -> String? {
        let normal = key.lowercased().replacingOccurrences(of: "-", with: "_")
        let aliases = ["language": "lang", "no_gaps": "gaps", "reach_minutes": "reach", "horizon_minutes": "horizon",
                       "gap_cell_size": "gap_cell", "max_snap_distance": "max_snap", "output": "out"]
        if let alias = aliases[normal] { return alias }
        if JobFile.keys.contains(normal) { return normal }
        let scored = JobFile.keys.map { ($0, NameSuggestions.distance(normal, $0)) }.min { $0.1 < $1.1 }!
        return scored.1 <= max(2, scored.0.count / 3) ? scored.0 : nil
    }
}

extension JobFile {
    /// For the run log: the `history` database and the `cache` folder.
    public var stores: String {
        var parts: [String] = []
        if let history { parts.append("history \(history)") }
        if let cache { parts.append("cache \(cache)") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}

extension JobFile {
    /// Creates the folders above `out` (a nightly job's first run may find none); the output
    /// folder itself is still published atomically by the analysis.
    public func createOutputParent() throws {
        let parent = URL(fileURLWithPath: options.out).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw JobError(file: file, key: "out", problem: "cannot create the folder \(parent.path): \(error.localizedDescription)")
        }
    }
}
