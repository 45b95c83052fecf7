import Foundation

/// A what-if scenario (`circle analyze --scenario FILE`): facilities added and removed, streets
/// closed, new streets (links) added. The run analyses the inputs with these edits, exactly as a
/// fresh run on edited input files would, and writes its difference from a baseline output folder
/// (docs/scenarios.md).
public struct Scenario: Codable, Sendable, Equatable {
    /// A facility to add: one point of an item, in the coordinate system of the facility files (`--crs`).
    public struct Addition: Codable, Sendable, Equatable {
        /// Item id, Chinese or English name, as a facility file's `type`.
        public var item: String
        /// Position (x, y) in the facility files' coordinate system.
        public var lon: Double
        public var lat: Double
        /// The facility's id (default `scenario-N`, N the entry's number among the additions).
        public var id: String
        /// 1-based line of the entry in the scenario file.
        public var line: Int
        /// An addition read from line `line` of the scenario file.
        public init(item: String, lon: Double, lat: Double, id: String, line: Int) {
            self.item = item; self.lon = lon; self.lat = lat; self.id = id; self.line = line
        }
    }

    /// A facility to remove: every point (entrance) with this id, from every facility source.
    public struct Removal: Codable, Sendable, Equatable {
        /// The facility id, as in the facility files (facilities from OSM tags: `n123`, `w456`).
        public var id: String
        /// 1-based line of the entry in the scenario file.
        public var line: Int
        /// A removal read from line `line` of the scenario file.
        public init(id: String, line: Int) { self.id = id; self.line = line }
    }

    /// A street closed: the OSM way with this id leaves both networks.
    public struct Closure: Codable, Sendable, Equatable {
        /// The OSM way id.
        public var way: Int64
        /// 1-based line of the entry in the scenario file.
        public var line: Int
        /// A closure read from line `line` of the scenario file.
        public init(way: Int64, line: Int) { self.way = way; self.line = line }
    }

    /// The scenario file, as given (named in errors).
    public var file: String
    /// The edits, in the file's order.
    public var additions: [Addition] = []
    public var removals: [Removal] = []
    public var closures: [Closure] = []
    /// New streets (``Link``), in the file's order.
    public var links: [Link] = []

    /// An empty scenario read from `file`.
    public init(file: String) { self.file = file }

    /// Whether the networks change: streets closed or links added.
    public var editsNetwork: Bool { !closures.isEmpty || !links.isEmpty }
}

/// A problem with a scenario file or one of its entries: exit 1, naming the file and line.
public struct ScenarioError: UserInputError, CustomStringConvertible, Sendable, Equatable {
    /// The scenario file, as given.
    public var file: String
    /// 1-based line of the entry, when known.
    public var line: Int?
    /// What is wrong, naming the entry's field.
    public var problem: String

    /// A problem with `file`, at `line` when known.
    public init(file: String, line: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// `scenario.yaml:7: unknown item 'kindergarden'; did you mean kindergarten (幼儿园)?`
    public var description: String { file + (line.map { ":\($0)" } ?? "") + ": " + problem }
}

extension Scenario {
    /// The longest file accepted, bytes: a scenario lists edits, not a city.
    public static let maxBytes = 16 << 20

    /// The columns of a CSV scenario: `action` (add, remove, close or link) and the fields it needs.
    public static let csvColumns = ["action", "item", "id", "lon", "lat", "way", "name", "node", "tags"]

    /// Parses a CSV scenario: a header naming some of ``csvColumns`` (`action` required), then one
    /// edit a row: `add` (item, lon, lat, optional id and name), `remove` (id), `close` (way) or
    /// `link` (id; node, or lon and lat; tags on a link's first row): one point of a new street.
    ///
    /// - Throws: ``ScenarioError`` naming the line of the first bad row.
    public static func parseCSV(_ text: String, file: String) throws -> Scenario {
        let rows = try ScenarioCSV.rows(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, file: file)
        guard let header = rows.first else { throw ScenarioError(file: file, problem: "the file is empty") }
        var column: [String: Int] = [:]
        for (k, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard csvColumns.contains(key) else {
                throw ScenarioError(file: file, line: header.line,
                                    problem: "unknown column '\(name)'; the columns are \(csvColumns.joined(separator: ", "))")
            }
            guard column[key] == nil else { throw ScenarioError(file: file, line: header.line, problem: "column '\(key)' appears twice") }
            column[key] = k
        }
        guard column["action"] != nil else {
            throw ScenarioError(file: file, line: header.line, problem: "the header needs an 'action' column (add, remove, close or link)")
        }
        var s = Scenario(file: file)
        var previous = ""
        for row in rows.dropFirst() where !(row.fields.count == 1 && row.fields[0].trimmingCharacters(in: .whitespaces).isEmpty) {
            guard row.fields.count == header.fields.count else {
                throw ScenarioError(file: file, line: row.line,
                                    problem: "\(row.fields.count) fields, but the header has \(header.fields.count)")
            }
            func value(_ key: String) -> String? {
                guard let k = column[key] else { return nil }
                let v = row.fields[k].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            func required(_ key: String, _ action: String) throws -> String {
                guard let v = value(key) else {
                    throw ScenarioError(file: file, line: row.line, problem: "\(action): the '\(key)' field is empty")
                }
                return v
            }
            let action = value("action")?.lowercased() ?? ""
            defer { previous = action }
            switch action {
            case "add":
                s.additions.append(try addition(item: try required("item", "add"), lon: try required("lon", "add"),
                                                lat: try required("lat", "add"), id: value("id"), file: file, line: row.line,
                                                number: s.additions.count + 1))
            case "remove":
                s.removals.append(Removal(id: try required("id", "remove"), line: row.line))
            case "close":
                s.closures.append(Closure(way: try way(try required("way", "close"), file: file, line: row.line), line: row.line))
            case "link":
                try s.addLinkRow(id: try required("id", "link"), node: value("node"), lon: value("lon"), lat: value("lat"),
                                 tags: value("tags"), continuing: previous == "link", line: row.line)
            default:
                throw ScenarioError(file: file, line: row.line,
                                    problem: "action must be add, remove, close or link, got '\(value("action") ?? "")'")
            }
        }
        try s.checkLinks()
        try s.checkNotEmpty()
        return s
    }

    /// One addition from its fields as text; the position must be two finite decimal numbers.
    public static func addition(item: String, lon: String, lat: String, id: String?, file: String, line: Int,
                                number: Int) throws -> Addition {
        func coordinate(_ text: String, _ name: String) throws -> Double {
            guard let v = Double(text), v.isFinite,
                  text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }) else {
                throw ScenarioError(file: file, line: line, problem: "add: \(name) must be a decimal number, got '\(text)'")
            }
            return v
        }
        return Addition(item: item, lon: try coordinate(lon, "lon"), lat: try coordinate(lat, "lat"),
                        id: id ?? "scenario-\(number)", line: line)
    }

    /// An OSM way id: a positive whole number.
    public static func way(_ text: String, file: String, line: Int) throws -> Int64 {
        guard let v = Int64(text), v > 0 else {
            throw ScenarioError(file: file, line: line, problem: "close: an OSM way id is a positive whole number, got '\(text)'")
        }
        return v
    }

    /// A scenario must change something.
    public func checkNotEmpty() throws {
        guard additions.isEmpty && removals.isEmpty && closures.isEmpty && links.isEmpty else { return }
        throw ScenarioError(file: file, problem: "the scenario changes nothing: give facilities to add or remove, streets to close or links to add")
    }
}

/// RFC 4180 rows with their first line numbers (quoted fields may hold commas, quotes and line breaks).
enum ScenarioCSV {
    struct Row { var line: Int; var fields: [String] }

    static func rows(_ text: String, file: String) throws -> [Row] {
        let input = Array(text.utf8)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var rows: [Row] = []
        var fields: [String] = [], field: [UInt8] = []
        var inQuotes = false, line = 1, start = 1, quoteLine = 0, i = 0
        let n = input.count
        while i < n {
            let c = input[i]
            i += 1
            if inQuotes {
                if c == quote {
                    if i < n && input[i] == quote { field.append(quote); i += 1 } else { inQuotes = false }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
            } else if c == comma {
                fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true)
            } else if c == quote && field.isEmpty {
                inQuotes = true; quoteLine = line
            } else if c == lf || c == cr {
                if c == cr && i < n && input[i] == lf { i += 1 }
                fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true)
                rows.append(Row(line: start, fields: fields)); fields.removeAll(keepingCapacity: true)
                line += 1; start = line
            } else {
                field.append(c)
            }
        }
        if inQuotes { throw ScenarioError(file: file, line: quoteLine, problem: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { fields.append(String(decoding: field, as: UTF8.self)); rows.append(Row(line: start, fields: fields)) }
        return rows
    }
}
