@testable import CircleInput
import CircleGeo
import CircleSupport

// The point readers as they were before the columnar `PointTable` (issue 14 §2), kept verbatim
// (renamed) as the reference the new readers are compared with: same points, same first error.

enum ReferencePointReader {
    static func read(bytes input: [UInt8], path: String, polygonSpacing: Double? = nil, crs: CoordinateSystem = .wgs84,
                     fields: [Columns.Field] = []) throws -> [InputPoint] {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let lonLat = crs.isLonLat
        let toWGS84: ([[Double]]) throws -> [[Double]] = { positions in
            try PointReader.convert(positions, crs: crs, path: path)
        }
        var points: [InputPoint]
        if first == UInt8(ascii: "{") {
            points = try ReferenceGeoJSONPoints.read(bytes: bytes, path: path, polygonSpacing: polygonSpacing,
                                                     checkLonLat: lonLat, fields: fields, toWGS84: toWGS84)
        } else {
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw InputError(path: path, problem: "not UTF-8 text (save the file as UTF-8 CSV or GeoJSON)")
            }
            points = try ReferenceCSVPoints.read(bytes: bytes, path: path, checkLonLat: lonLat, fields: fields)
        }
        if crs != .wgs84 {
            let raw = points.indices.filter { !points[$0].converted }
            let wgs = try PointReader.convert(raw.map { [points[$0].lon, points[$0].lat] }, crs: crs, path: path)
            for (k, i) in raw.enumerated() { (points[i].lon, points[i].lat) = (wgs[k][0], wgs[k][1]) }
        }
        return points
    }
}

enum ReferenceCSVPoints {
    static func read(bytes: [UInt8], path: String, checkLonLat: Bool = true,
                     fields: [Columns.Field] = []) throws -> [InputPoint] {
        let delimiter = CSVParser.detectDelimiter(bytes)
        return try bytes.withUnsafeBufferPointer { buffer in
            var records = CSVRecords(bytes: buffer, delimiter: delimiter, path: path)
            guard try records.next() else { throw InputError(path: path, problem: "the file is empty") }
            let header = records.fields.map { Columns.trimmed(records.text($0)) }
            let lower = header.map { $0.lowercased() }
            let described = CSVParser.name(of: delimiter)
            var deferred: Error?
            func missing(_ what: String, _ accepted: [String]) -> InputError {
                var problem = "no \(what) column (accepted: \(accepted.joined(separator: ", ")))"
                problem += "; the header, read as \(described)-separated, has \(header.count) column"
                    + (header.count == 1 ? "" : "s") + ": " + header.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
                return InputError(path: path, location: "line 1", problem: problem)
            }
            let groups = [Columns.Field("longitude", PointReader.lonColumns), Columns.Field("latitude", PointReader.latColumns),
                          Columns.Field("id", PointReader.idColumns)] + fields
            var lonCol = 0, latCol = 0, idCol: Int?
            do {
                let chosen = try Columns.checkNames(header, groups: groups, what: "column", path: path, location: "line 1")
                guard let lon = chosen[0] else { throw missing("longitude", PointReader.lonColumns) }
                guard let lat = chosen[1] else { throw missing("latitude", PointReader.latColumns) }
                (lonCol, latCol, idCol) = (lon, lat, chosen[2])
            } catch {
                deferred = error
            }
            // The attribute columns: every named column but the position.
            let kept = lower.indices.filter { $0 != lonCol && $0 != latCol && !lower[$0].isEmpty }
            var points: [InputPoint] = []
            points.reserveCapacity(buffer.count / 64)
            while try records.next() {
                guard deferred == nil else { continue }   // only the structure is still checked
                let row = records.fields
                if row.count == 1 && row[0].start == row[0].end { continue }
                let at = "line \(records.recordLine)"
                do {
                    guard row.count == header.count else {
                        throw InputError(path: path, location: at,
                                         problem: "\(row.count) fields, the header has \(header.count) "
                                         + "(fields separated by \(described)s)")
                    }
                    func number(_ c: Int) throws -> Double {
                        if let v = CSVPoints.fastNumber(buffer, row[c]) { return v }
                        let s = Columns.trimmed(records.text(row[c]))
                        guard let v = Columns.number(s) else {
                            let hint = s.contains(",") && Columns.number(s.replacingOccurrences(of: ",", with: ".")) != nil
                                ? " (write decimals with a point, not a comma)" : ""
                            throw InputError(path: path, location: at, problem: "field \(header[c]) is not a number: '\(s)'\(hint)")
                        }
                        return v
                    }
                    let lon = try number(lonCol), lat = try number(latCol)
                    if checkLonLat { try PointReader.checkRange(lon: lon, lat: lat, path: path, location: at) }
                    var attributes: [String: String] = [:]
                    attributes.reserveCapacity(kept.count)
                    var given = ""
                    for c in kept {
                        let value = records.text(row[c])
                        attributes[lower[c]] = value
                        if c == idCol { given = Columns.trimmed(value) }
                    }
                    if let idCol, !kept.contains(idCol) { given = Columns.trimmed(records.text(row[idCol])) }
                    // An empty id cell, like a missing id column, gives the row number (README, Inputs).
                    let id = given.isEmpty ? String(points.count + 1) : given
                    points.append(InputPoint(id: id, lon: lon, lat: lat, attributes: attributes, location: at))
                } catch {
                    deferred = error
                }
            }
            if let deferred { throw deferred }
            return points
        }
    }

}

enum ReferenceGeoJSONPoints {
    static func read(bytes: [UInt8], path: String, polygonSpacing: Double? = nil, checkLonLat: Bool = true,
                     fields: [Columns.Field] = [],
                     toWGS84: ([[Double]]) throws -> [[Double]] = { $0 }) throws -> [InputPoint] {
        let root = try GeoJSONPoints.parse(bytes, path: path)
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
                coords = [try GeoJSONPoints.pair(coordinates, path, at, in: geometry)]
            case "MultiPoint":
                guard let list = coordinates?.elements else {
                    throw fail("field coordinates is not a list of positions", coordinates ?? geometry)
                }
                guard !list.isEmpty else {
                    throw fail("an empty MultiPoint: the feature has no position, so it would be left out", geometry)
                }
                coords = try list.map { try GeoJSONPoints.pair($0, path, at, in: geometry) }
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

    static func plainPair(_ node: JSONNode?) -> (Double, Double)? {
        guard let node, node.kind == .array, node.count == 2, let list = node.elements,
              let lon = list[0].number, let lat = list[1].number else { return nil }
        return (lon, lat)
    }
}
