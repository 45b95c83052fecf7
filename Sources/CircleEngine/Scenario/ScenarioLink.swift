import CircleOSM
import CircleCatalog
import Foundation

extension Scenario {
    /// A new street (a footbridge, a passage, a road): an OSM way added to the network with the
    /// given tags, through nodes of the network and new points. The network is built as from an OSM
    /// file holding the way, so the mode rules decide who may use it (docs/scenarios.md).
    public struct Link: Codable, Sendable, Equatable {
        /// One point of a link's path: an OSM node of the network, or a position.
        public struct Point: Codable, Sendable, Equatable {
            /// An OSM node id of the network; nil for a position.
            public var node: Int64?
            /// The position (x, y) in the scenario's coordinate system (`--crs`), when `node` is nil.
            public var lon: Double
            public var lat: Double
            /// 1-based line of the point in the scenario file.
            public var line: Int

            /// An existing OSM node, read from line `line`.
            public init(node: Int64, line: Int) { self.node = node; lon = 0; lat = 0; self.line = line }
            /// A position, read from line `line`.
            public init(lon: Double, lat: Double, line: Int) { node = nil; self.lon = lon; self.lat = lat; self.line = line }
        }

        /// The link's name in messages (default `link-N`, N its number among the links).
        public var id: String
        /// The path, at least two points: its ends join the network (a node id, or the street node
        /// nearest to a position, within ``Scenario/linkJoinMetres``); positions inside it are new nodes.
        public var points: [Point]
        /// The way's OSM tags (default ``Scenario/defaultLinkTags``).
        public var tags: [String: String]
        /// 1-based line of the entry (its first row in CSV).
        public var line: Int

        /// A link read from line `line`.
        public init(id: String, points: [Point], tags: [String: String] = Scenario.defaultLinkTags, line: Int) {
            self.id = id; self.points = points; self.tags = tags; self.line = line
        }
    }

    /// The tags of a link that gives none: a footway (walk only, as in OSM).
    public static let defaultLinkTags = ["highway": "footway"]

    /// How far a position at a link's end may lie from the street node it joins, metres.
    public static let linkJoinMetres = 25.0

    /// A link's tags from CSV text: `key=value` pairs separated by `;` (`highway=footway;bicycle=yes`).
    ///
    /// - Throws: ``ScenarioError`` for a pair without `=`, or a key given twice.
    public static func linkTags(_ text: String, link: String, file: String, line: Int) throws -> [String: String] {
        var tags: [String: String] = [:]
        for pair in text.split(separator: ";", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw ScenarioError(file: file, line: line,
                                    problem: "link '\(link)': tags are key=value pairs separated by ';', got '\(pair)'")
            }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            guard tags[key] == nil else {
                throw ScenarioError(file: file, line: line, problem: "link '\(link)': tag '\(key)' is given twice")
            }
            tags[key] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return tags
    }

    /// Checks a link's tags: keys the mode rules read (``OSMData/wayKeys``), non-empty values, a
    /// `highway` tag, and a way that walking or cycling may use.
    ///
    /// - Throws: ``ScenarioError`` naming the link and the tag.
    public static func checkLinkTags(_ tags: [String: String], link: String, file: String, line: Int) throws {
        func fail(_ problem: String) -> ScenarioError { ScenarioError(file: file, line: line, problem: "link '\(link)': " + problem) }
        for key in tags.keys.sorted() {
            guard OSMData.wayKeys.contains(key) else {
                let close = OSMData.wayKeys.min { NameSuggestions.distance(key, $0) < NameSuggestions.distance(key, $1) }!
                let hint = NameSuggestions.distance(key, close) <= 2 ? "did you mean '\(close)'? " : ""
                throw fail("tag '\(key)' is not read by the mode rules; \(hint)the keys are \(OSMData.wayKeys.joined(separator: ", "))")
            }
            guard !tags[key]!.isEmpty else { throw fail("tag '\(key)' has no value") }
        }
        guard let highway = tags["highway"] else { throw fail("the tags need a highway key (e.g. highway=footway)") }
        let modes = OSMData.modes(of: tags)
        guard modes.walk || modes.cycle else {
            let text = tags.keys.sorted().map { "\($0)=\(tags[$0]!)" }.joined(separator: ";")
            throw fail("with the tags \(text) neither walking nor cycling may use it (see docs/rules.md for highway=\(highway))")
        }
    }

    /// One point of a link from its fields as text: a node id, or lon and lat.
    ///
    /// - Throws: ``ScenarioError`` for both or neither, or a malformed number.
    public static func linkPoint(node: String?, lon: String?, lat: String?, link: String, file: String,
                                 line: Int) throws -> Link.Point {
        func fail(_ problem: String) -> ScenarioError { ScenarioError(file: file, line: line, problem: "link '\(link)': " + problem) }
        if let node {
            guard lon == nil && lat == nil else { throw fail("a point is a node or a position (lon, lat), not both") }
            guard let id = Int64(node), id != 0 else { throw fail("an OSM node id is a whole number, got '\(node)'") }
            return Link.Point(node: id, line: line)
        }
        guard let lon, let lat else {
            throw fail(lon == nil && lat == nil ? "a point needs a node or lon and lat" : "the point has no \(lon == nil ? "lon" : "lat")")
        }
        func coordinate(_ text: String, _ name: String) throws -> Double {
            guard let v = Double(text), v.isFinite,
                  text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }) else {
                throw fail("\(name) must be a decimal number, got '\(text)'")
            }
            return v
        }
        return Link.Point(lon: try coordinate(lon, "lon"), lat: try coordinate(lat, "lat"), line: line)
    }

    /// Checks every link's length in points and that link ids differ.
    public func checkLinks() throws {
        var seen: [String: Int] = [:]
        for link in links {
            if let first = seen[link.id] {
                throw ScenarioError(file: file, line: link.line, problem: "link '\(link.id)' appears twice (first on line \(first))")
            }
            seen[link.id] = link.line
            guard link.points.count >= 2 else {
                throw ScenarioError(file: file, line: link.line,
                                    problem: "link '\(link.id)': a link needs at least 2 points, got \(link.points.count)")
            }
        }
    }

    /// Adds one CSV row of action `link`: rows with the same id that follow one another are one link's
    /// points, in order; its tags (``linkTags(_:link:file:line:)``) go on its first row.
    ///
    /// - Parameter continuing: whether the row before was a `link` row.
    mutating func addLinkRow(id: String, node: String?, lon: String?, lat: String?, tags: String?, continuing: Bool,
                             line: Int) throws {
        let point = try Self.linkPoint(node: node, lon: lon, lat: lat, link: id, file: file, line: line)
        if continuing, links.last?.id == id {
            guard tags == nil else {
                throw ScenarioError(file: file, line: line,
                                    problem: "link '\(id)': give its tags on its first row (line \(links[links.count - 1].line))")
            }
            links[links.count - 1].points.append(point)
            return
        }
        if let earlier = links.first(where: { $0.id == id }) {
            throw ScenarioError(file: file, line: line, problem: "link '\(id)' continues after other rows; a link's rows "
                                + "follow one another (its first row is line \(earlier.line))")
        }
        let parsed = try tags.map { try Self.linkTags($0, link: id, file: file, line: line) } ?? Self.defaultLinkTags
        try Self.checkLinkTags(parsed, link: id, file: file, line: line)
        links.append(Link(id: id, points: [point], tags: parsed, line: line))
    }
}
