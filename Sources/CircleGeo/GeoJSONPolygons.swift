import CircleSupport
import Foundation

/// A problem with an area file or an area feature, naming the file, the feature and the problem.
///
/// Features are numbered from 1 in messages ("feature 3" is the third in the file), like lines;
/// ``AreaFeature/index`` counts from 0.
public typealias AreaError = LocatedError

extension LocatedError {
    static func feature(_ index: Int, _ path: String, _ problem: String) -> AreaError {
        AreaError(path: path, location: "feature \(index + 1)", problem: problem)
    }
}

/// Reads a GeoJSON (RFC 7946) FeatureCollection of Polygon and MultiPolygon features into plain
/// Swift values, parsed strictly (``JSONDocument``). Only the structure is checked here;
/// ``AreaSet`` checks rings, ranges and validity.
enum GeoJSONPolygons {
    /// The features of `data`, in file order.
    ///
    /// - Throws: ``AreaError`` for data that is not JSON (with its line and column) or not a
    ///   FeatureCollection, a feature without a geometry, a geometry other than Polygon or
    ///   MultiPolygon, coordinates that are not nested lists of [lon, lat] pairs of numbers, or
    ///   two property names equal up to case.
    static func read(data: Data, path: String) throws -> [AreaFeature] {
        let root: JSONNode
        do {
            root = try JSONDocument(bytes: [UInt8](data)).root
        } catch {
            throw AreaError(path: path, location: "line \(error.line), column \(error.column)",
                            problem: "not valid JSON: \(error.message)")
        }
        guard root.kind == .object, root["type"]?.string == "FeatureCollection",
              let features = root["features"]?.elements else {
            throw AreaError(path: path, problem: "not a GeoJSON FeatureCollection")
        }
        return try features.enumerated().map { i, node in try feature(node, index: i, path: path) }
    }

    static func feature(_ feature: JSONNode, index i: Int, path: String) throws -> AreaFeature {
        guard feature.kind == .object, (feature["type"]?.string ?? "Feature") == "Feature" else {
            throw AreaError.feature(i, path, "not a GeoJSON Feature")
        }
        guard let geometry = feature["geometry"], geometry.kind == .object, let type = geometry["type"]?.string else {
            throw AreaError.feature(i, path, "a feature without a geometry")
        }
        let coordinates = geometry["coordinates"]
        let polygons: [AreaPolygon]
        switch type {
        case "Polygon":
            polygons = [try polygon(coordinates, i, path)]
        case "MultiPolygon":
            guard let list = coordinates?.elements else {
                throw AreaError.feature(i, path, "MultiPolygon coordinates are not a list of polygons")
            }
            polygons = try list.map { try polygon($0, i, path) }
        default:
            throw AreaError.feature(i, path, "geometry type \(type), expected Polygon or MultiPolygon")
        }
        var strings: [String: String] = [:]
        if let properties = feature["properties"], !properties.isNull {
            guard let members = properties.members else {
                throw AreaError.feature(i, path, "field properties is \(properties.kind.described), not an object")
            }
            var seen: [String: String] = [:]
            for (key, value) in members {
                let name = key.string
                let folded = name.trimmingCharacters(in: .whitespaces).lowercased()
                if let first = seen.updateValue(name, forKey: folded) {
                    throw AreaError.feature(i, path, "properties '\(first)' and '\(name)' differ only in case or spaces: "
                                            + "which one counts is ambiguous; keep one")
                }
                if !value.isNull { strings[name] = text(value) }
            }
        }
        return AreaFeature(index: i, properties: strings, polygons: polygons)
    }

    /// A polygon's rings from `[[[lon, lat], …], …]`; extra numbers (altitude) are ignored.
    static func polygon(_ node: JSONNode?, _ i: Int, _ path: String) throws -> AreaPolygon {
        guard let rings = node?.elements else {
            throw AreaError.feature(i, path, "Polygon coordinates are not a list of rings")
        }
        return AreaPolygon(rings: try rings.map { ringNode in
            guard let positions = ringNode.elements else {
                throw AreaError.feature(i, path, "a ring is not a list of [lon, lat] positions")
            }
            var ring = AreaRing(lon: [], lat: [])
            ring.lon.reserveCapacity(positions.count)
            ring.lat.reserveCapacity(positions.count)
            for position in positions {
                guard let pair = position.elements, pair.count >= 2, pair.allSatisfy({ $0.kind == .number }) else {
                    throw AreaError.feature(i, path, "a position is not a [lon, lat] pair of numbers (at \(position.location))")
                }
                ring.lon.append(pair[0].number!)
                ring.lat.append(pair[1].number!)
            }
            return ring
        })
    }

    /// A property value as text: strings as they are, numbers as written, anything else as
    /// compact JSON.
    static func text(_ value: JSONNode) -> String {
        switch value.kind {
        case .string: value.string!
        case .number: value.sourceText
        case .bool: value.bool! ? "true" : "false"
        case .null: "null"
        case .array, .object: value.compactText
        }
    }
}
