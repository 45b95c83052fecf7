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
/// Swift values. Only the structure is checked here; ``AreaSet`` checks rings, ranges and validity.
enum GeoJSONPolygons {
    /// The features of `data`, in file order.
    ///
    /// - Throws: ``AreaError`` for data that is not JSON or not a FeatureCollection, a feature
    ///   without a geometry, a geometry other than Polygon or MultiPolygon, or coordinates that are
    ///   not nested lists of [lon, lat] positions.
    static func read(data: Data, path: String) throws -> [AreaFeature] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String ?? error.localizedDescription
            throw AreaError(path: path, problem: "not valid JSON: \(detail)")
        }
        guard let object = root as? [String: Any], object["type"] as? String == "FeatureCollection",
              let features = object["features"] as? [Any] else {
            throw AreaError(path: path, problem: "not a GeoJSON FeatureCollection")
        }
        return try features.enumerated().map { i, any in try feature(any, index: i, path: path) }
    }

    static func feature(_ any: Any, index i: Int, path: String) throws -> AreaFeature {
        guard let feature = any as? [String: Any], feature["type"] as? String ?? "Feature" == "Feature" else {
            throw AreaError.feature(i, path, "not a GeoJSON Feature")
        }
        guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else {
            throw AreaError.feature(i, path, "a feature without a geometry")
        }
        let coordinates = geometry["coordinates"]
        let polygons: [AreaPolygon]
        switch type {
        case "Polygon":
            polygons = [try polygon(coordinates, i, path)]
        case "MultiPolygon":
            guard let list = coordinates as? [Any] else {
                throw AreaError.feature(i, path, "MultiPolygon coordinates are not a list of polygons")
            }
            polygons = try list.map { try polygon($0, i, path) }
        default:
            throw AreaError.feature(i, path, "geometry type \(type), expected Polygon or MultiPolygon")
        }
        let properties = feature["properties"] as? [String: Any] ?? [:]
        var strings: [String: String] = [:]
        for (key, value) in properties where !(value is NSNull) { strings[key] = text(value) }
        return AreaFeature(index: i, properties: strings, polygons: polygons)
    }

    /// A polygon's rings from `[[[lon, lat], …], …]`; extra values (altitude) are ignored.
    static func polygon(_ any: Any?, _ i: Int, _ path: String) throws -> AreaPolygon {
        guard let rings = any as? [Any] else {
            throw AreaError.feature(i, path, "Polygon coordinates are not a list of rings")
        }
        return AreaPolygon(rings: try rings.map { ringAny in
            guard let positions = ringAny as? [Any] else {
                throw AreaError.feature(i, path, "a ring is not a list of [lon, lat] positions")
            }
            var ring = AreaRing(lon: [], lat: [])
            ring.lon.reserveCapacity(positions.count)
            ring.lat.reserveCapacity(positions.count)
            for position in positions {
                guard let pair = position as? [Any], pair.count >= 2,
                      let lon = pair[0] as? NSNumber, let lat = pair[1] as? NSNumber else {
                    throw AreaError.feature(i, path, "a position is not a [lon, lat] pair of numbers")
                }
                ring.lon.append(lon.doubleValue)
                ring.lat.append(lat.doubleValue)
            }
            return ring
        })
    }

    /// A property value as text: strings as they are, anything else as compact JSON.
    static func text(_ value: Any) -> String {
        if let s = value as? String { return s }
        if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]),
           let s = String(data: data, encoding: .utf8) {
            return s
        }
        return "\(value)"
    }
}
