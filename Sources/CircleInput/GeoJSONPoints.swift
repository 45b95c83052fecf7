import CircleSupport

/// Points from a GeoJSON FeatureCollection of Point (or MultiPoint: one point each) features,
/// parsed strictly (``JSONDocument``): coordinates must be JSON numbers, property names must
/// differ by more than case, and malformed JSON is reported with its line and column.
enum GeoJSONPoints {
    /// Reads points; with `polygonSpacing`, Polygon and MultiPolygon features become points along
    /// their rings every that many metres (entrances of one facility, SPEC §5).
    static func read(bytes: [UInt8], path: String, polygonSpacing: Double? = nil, checkLonLat: Bool = true,
                     fields: [Columns.Field] = [],
                     toWGS84: ([[Double]]) throws -> [[Double]] = { $0 }) throws -> [InputPoint] {
        let root = try parse(bytes, path: path)
        guard root.kind == .object, root["type"]?.string == "FeatureCollection",
              let features = root["features"]?.elements else {
            throw InputError(path: path, problem: "not a GeoJSON FeatureCollection (an object with \"type\": "
                             + "\"FeatureCollection\" and a list of \"features\")")
        }
        let groups = [Columns.Field("id", PointReader.idColumns)] + fields
        var points: [InputPoint] = []
        points.reserveCapacity(features.count)
        var names = PropertyNames()
        for (i, feature) in features.enumerated() {
            let at = "feature \(i + 1)"
            func fail(_ problem: String, _ node: JSONNode) -> InputError {
                InputError(path: path, location: at, problem: "\(problem) (at \(node.location))")
            }
            guard feature.kind == .object else { throw fail("not a GeoJSON Feature: \(feature.kind.described)", feature) }
            if let type = feature["type"], type.string != "Feature" {
                throw fail("not a GeoJSON Feature: its type is \(type.string.map { "'\($0)'" } ?? type.kind.described)", type)
            }
            guard let geometry = feature["geometry"], geometry.kind == .object, let type = geometry["type"]?.string else {
                throw InputError(path: path, location: at, problem: "a feature without a geometry")
            }
            let attributes = try properties(feature, path: path, at: at, groups: groups, names: &names)
            let id = try identifier(feature, attributes: attributes, path: path, at: at) ?? String(i + 1)
            let coords: [[Double]]
            var converted = false
            let coordinates = geometry["coordinates"]
            switch type {
            case "Point":
                if let (lon, lat) = plainPair(coordinates) {
                    // The usual case, without the lists of the general path.
                    if checkLonLat { try PointReader.checkRange(lon: lon, lat: lat, path: path, location: at) }
                    points.append(InputPoint(id: id, lon: lon, lat: lat, attributes: attributes, location: at))
                    continue
                }
                coords = [try pair(coordinates, path, at, in: geometry)]
            case "MultiPoint":
                guard let list = coordinates?.elements else {
                    throw fail("field coordinates is not a list of positions", coordinates ?? geometry)
                }
                guard !list.isEmpty else {
                    throw fail("an empty MultiPoint: the feature has no position, so it would be left out", geometry)
                }
                coords = try list.map { try pair($0, path, at, in: geometry) }
            case "Polygon" where polygonSpacing != nil, "MultiPolygon" where polygonSpacing != nil:
                coords = try PolygonBoundary.boundaryPoints(geometry, spacing: polygonSpacing!, path: path, at: at,
                                                            toWGS84: toWGS84)
                converted = true
            default:
                let expected = polygonSpacing == nil ? "Point or MultiPoint" : "Point, MultiPoint, Polygon or MultiPolygon"
                throw InputError(path: path, location: at, problem: "geometry type \(type), expected \(expected)")
            }
            for c in coords {
                if checkLonLat || converted { try PointReader.checkRange(lon: c[0], lat: c[1], path: path, location: at) }
                var point = InputPoint(id: id, lon: c[0], lat: c[1], attributes: attributes, location: at)
                point.converted = converted
                points.append(point)
            }
        }
        return points
    }

    /// The document's root, or an error naming the line and column where the JSON goes wrong.
    static func parse(_ bytes: [UInt8], path: String) throws -> JSONNode {
        do {
            return try JSONDocument(bytes: bytes).root
        } catch {
            throw InputError(path: path, location: "line \(error.line), column \(error.column)",
                             problem: "not valid JSON: \(error.message)")
        }
    }

    /// A feature's properties as text, keyed by name trimmed and lowercased: strings as they are,
    /// numbers as written, `true`/`false`, lists and objects as compact JSON; nulls left out.
    /// `names` remembers the last feature's property names, so that a run of features with the
    /// same names (as exported files have) checks and lowercases them once.
    static func properties(_ feature: JSONNode, path: String, at: String, groups: [Columns.Field],
                           names: inout PropertyNames) throws -> [String: String] {
        guard let node = feature["properties"], !node.isNull else { return [:] }
        guard let members = node.members else {
            throw InputError(path: path, location: at,
                             problem: "field properties is \(node.kind.described), not an object (at \(node.location))")
        }
        if !names.matches(members) {
            let given = members.map(\.key.string)
            _ = try Columns.checkNames(given, groups: groups, what: "property", path: path, location: at)
            names.remember(given, keys: given.map { Columns.trimmed($0).lowercased() })
        }
        var attributes: [String: String] = [:]
        attributes.reserveCapacity(members.count)
        for (k, (_, value)) in members.enumerated() {
            let key = names.keys[k]
            switch value.kind {
            case .null: continue
            case .string: attributes[key] = value.string!
            case .number: attributes[key] = value.sourceText
            case .bool: attributes[key] = value.bool! ? "true" : "false"
            case .array, .object: attributes[key] = value.compactText
            }
        }
        return attributes
    }

    /// The property names of the feature read last, decoded, and their trimmed lowercase keys.
    /// The check of the names depends on the names alone, so skipping it for the same names
    /// changes nothing; a key without escapes is compared byte for byte, without decoding it.
    struct PropertyNames {
        private var names: [String] = []
        private(set) var keys: [String] = []

        /// Whether `members` have exactly the names remembered.
        func matches(_ members: [(key: JSONMemberKey, value: JSONNode)]) -> Bool {
            guard members.count == names.count, !names.isEmpty else { return false }
            for (k, member) in members.enumerated() where !(member.key == names[k]) { return false }
            return true
        }

        mutating func remember(_ names: [String], keys: [String]) {
            self.names = names
            self.keys = keys
        }
    }

    /// The feature's `id` (a string or number; null or empty counts as none), else that of its
    /// properties; nil when neither gives one.
    static func identifier(_ feature: JSONNode, attributes: [String: String], path: String, at: String) throws -> String? {
        if let node = feature["id"] {
            switch node.kind {
            case .string:
                let text = Columns.trimmed(node.string!)
                if !text.isEmpty { return text }
            case .number: return node.sourceText
            case .null: break
            default:
                throw InputError(path: path, location: at,
                                 problem: "field id is \(node.kind.described), not a string or number (at \(node.location))")
            }
        }
        return Columns.value(PointReader.idColumns, in: attributes)
    }

    /// The longitude and latitude of a list of exactly two JSON numbers, else nil (the general
    /// path, ``pair(_:_:_:in:)``, then reads or refuses it).
    @inline(__always)
    static func plainPair(_ node: JSONNode?) -> (Double, Double)? {
        guard let node, node.kind == .array, node.count == 2, let list = node.elements,
              let lon = list[0].number, let lat = list[1].number else { return nil }
        return (lon, lat)
    }

    /// A position: a list of two (or more) JSON numbers, of which the first two are used.
    static func pair(_ node: JSONNode?, _ path: String, _ at: String, in parent: JSONNode) throws -> [Double] {
        guard let node, let list = node.elements, list.count >= 2,
              list.allSatisfy({ $0.kind == .number }) else {
            let described = node.map { n in
                n.elements.map { "[" + $0.map { $0.kind == .number ? $0.sourceText : $0.kind.described }.joined(separator: ", ") + "]" }
                    ?? n.kind.described
            } ?? "missing"
            throw InputError(path: path, location: at,
                             problem: "field coordinates is not a [lon, lat] position of two numbers: \(described) "
                             + "(at \((node ?? parent).location))")
        }
        return [list[0].number!, list[1].number!]
    }
}
