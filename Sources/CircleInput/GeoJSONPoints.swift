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
        try table(bytes: bytes, path: path, polygonSpacing: polygonSpacing, checkLonLat: checkLonLat, fields: fields,
                  toWGS84: toWGS84).points
    }

    /// Reads the points into a ``PointTable``: each feature's members are visited once, property
    /// values kept as byte ranges of `bytes` (text with escapes, lists and objects decoded into
    /// the table's side buffer). The checks, and their order, are those of the reader before it:
    /// the same points and the same first error.
    static func table(bytes: [UInt8], path: String, polygonSpacing: Double? = nil, checkLonLat: Bool = true,
                      fields: [Columns.Field] = [],
                      toWGS84: ([[Double]]) throws -> [[Double]] = { $0 }) throws -> PointTable {
        let root = try parse(bytes, path: path)
        guard root.kind == .object, root["type"]?.string == "FeatureCollection",
              let features = root["features"]?.elements else {
            throw InputError(path: path, problem: "not a GeoJSON FeatureCollection (an object with \"type\": "
                             + "\"FeatureCollection\" and a list of \"features\")")
        }
        let groups = [Columns.Field("id", PointReader.idColumns)] + fields
        var table = PointTable(source: root.document.bytes, placeWord: "feature")
        table.reserve(features.count)
        var names = PropertyNames()
        var idAttribute = table.attribute(PointReader.idColumns), keysSeen = 0
        for (i, feature) in features.enumerated() {
            var at: String { "feature \(i + 1)" }
            func fail(_ problem: String, _ node: JSONNode) -> InputError {
                InputError(path: path, location: at, problem: "\(problem) (at \(node.location))")
            }
            guard feature.kind == .object else { throw fail("not a GeoJSON Feature: \(feature.kind.described)", feature) }
            var typeNode: JSONNode?, geometryNode: JSONNode?, propertiesNode: JSONNode?, idNode: JSONNode?
            feature.forEachMember { key, value in
                if key.equals(Key.type) { typeNode = value } else if key.equals(Key.geometry) { geometryNode = value }
                else if key.equals(Key.properties) { propertiesNode = value } else if key.equals(Key.id) { idNode = value }
            }
            if let type = typeNode, type.string != "Feature" {
                throw fail("not a GeoJSON Feature: its type is \(type.string.map { "'\($0)'" } ?? type.kind.described)", type)
            }
            var typeText: String?, coordinates: JSONNode?
            if let geometryNode, geometryNode.kind == .object {
                geometryNode.forEachMember { key, value in
                    if key.equals(Key.type) { typeText = value.string } else if key.equals(Key.coordinates) { coordinates = value }
                }
            }
            guard let geometry = geometryNode, let type = typeText else {
                throw InputError(path: path, location: at, problem: "a feature without a geometry")
            }
            let first = table.cells.count
            try properties(propertiesNode, into: &table, path: path, at: at, groups: groups, names: &names)
            if table.keys.count != keysSeen {
                idAttribute = table.attribute(PointReader.idColumns)
                keysSeen = table.keys.count
            }
            let id = try identifier(idNode, path: path, at: at)
                ?? table.value(idAttribute, cells: first..<table.cells.count) ?? String(i + 1)
            let coords: [[Double]]
            var converted = false
            switch type {
            case "Point":
                if let (lon, lat) = coordinates?.pairOfNumbers {
                    // The usual case, without the lists of the general path.
                    if checkLonLat { try PointReader.checkRange(lon: lon, lat: lat, path: path, location: at) }
                    table.append(id: id, lon: lon, lat: lat, cells: first)
                    table.placeNumbers.append(i + 1)
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
                table.append(id: id, lon: c[0], lat: c[1], cells: first, converted: converted)
                table.placeNumbers.append(i + 1)
            }
        }
        return table
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

    /// A feature's properties as cells of `table`, keyed by name trimmed and lowercased: strings
    /// as they are, numbers as written, `true`/`false`, lists and objects as compact JSON; nulls
    /// left out. `names` remembers the last feature's property names, so that a run of features
    /// with the same names (as exported files have) checks and lowercases them once.
    static func properties(_ node: JSONNode?, into table: inout PointTable, path: String, at: @autoclosure () -> String,
                           groups: [Columns.Field], names: inout PropertyNames) throws {
        guard let node, !node.isNull else { return }
        guard node.kind == .object else {
            throw InputError(path: path, location: at(),
                             problem: "field properties is \(node.kind.described), not an object (at \(node.location))")
        }
        if !names.matches(node) {
            var given: [String] = []
            node.forEachMember { key, _ in given.append(key.string) }
            _ = try Columns.checkNames(given, groups: groups, what: "property", path: path, location: at())
            names.remember(given, keys: given.map { table.key(Columns.trimmed($0).lowercased()) })
        }
        var k = 0
        node.forEachMember { _, value in
            let key = names.keys[k]
            k += 1
            switch value.kind {
            case .null: return
            case .string:
                if let range = value.plainStringRange {
                    table.appendCell(start: range.lowerBound, end: range.upperBound, key: key)
                } else {
                    table.appendExtra(value.string!, key: key)
                }
            case .number, .bool:   // as written: a number's literal, `true` or `false`
                let range = value.sourceRange
                table.appendCell(start: range.lowerBound, end: range.upperBound, key: key)
            case .array, .object: table.appendExtra(value.compactText, key: key)
            }
        }
    }

    /// The property names of the feature read last, decoded, and their trimmed lowercase keys.
    /// The check of the names depends on the names alone, so skipping it for the same names
    /// changes nothing; a key without escapes is compared byte for byte, without decoding it.
    /// The member names the reader looks for, as bytes.
    enum Key {
        static let type = Array("type".utf8), geometry = Array("geometry".utf8), properties = Array("properties".utf8)
        static let id = Array("id".utf8), coordinates = Array("coordinates".utf8)
    }

    struct PropertyNames {
        private var names: [[UInt8]] = []
        /// The table's key of each name.
        private(set) var keys: [UInt32] = []

        /// Whether the members of `object` have exactly the names remembered.
        func matches(_ object: JSONNode) -> Bool {
            guard object.count == names.count, !names.isEmpty else { return false }
            var k = 0, same = true
            object.forEachMember { key, _ in
                if same && !key.equals(names[k]) { same = false }
                k += 1
            }
            return same
        }

        mutating func remember(_ names: [String], keys: [UInt32]) {
            self.names = names.map { Array($0.utf8) }
            self.keys = keys
        }
    }

    /// The feature's own `id` (a string or number; null or empty counts as none); nil when it
    /// gives none (then its properties' id counts).
    static func identifier(_ node: JSONNode?, path: String, at: @autoclosure () -> String) throws -> String? {
        guard let node else { return nil }
        switch node.kind {
        case .string:
            let text = Columns.trimmed(node.string!)
            if !text.isEmpty { return text }
        case .number: return node.sourceText
        case .null: break
        default:
            throw InputError(path: path, location: at(),
                             problem: "field id is \(node.kind.described), not a string or number (at \(node.location))")
        }
        return nil
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
