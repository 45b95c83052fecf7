import Foundation

/// Points from a GeoJSON FeatureCollection of Point (or MultiPoint: one point each) features.
enum GeoJSONPoints {
    /// Reads points; with `polygonSpacing`, Polygon and MultiPolygon features become points along
    /// their rings every that many metres (entrances of one facility, SPEC §5).
    static func read(data: Data, path: String, polygonSpacing: Double? = nil, checkLonLat: Bool = true,
                     toWGS84: ([[Double]]) throws -> [[Double]] = { $0 }) throws -> [InputPoint] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw InputError(path: path, problem: "not valid JSON: \(error.localizedDescription)")
        }
        guard let object = root as? [String: Any], object["type"] as? String == "FeatureCollection",
              let features = object["features"] as? [Any] else {
            throw InputError(path: path, problem: "not a GeoJSON FeatureCollection")
        }
        var points: [InputPoint] = []
        for (i, any) in features.enumerated() {
            let at = "feature \(i + 1)"
            guard let feature = any as? [String: Any], let geometry = feature["geometry"] as? [String: Any],
                  let type = geometry["type"] as? String else {
                throw InputError(path: path, location: at, problem: "a feature without a geometry")
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            var attributes: [String: String] = [:]
            for (k, v) in properties where !(v is NSNull) {
                attributes[k.trimmingCharacters(in: .whitespaces).lowercased()] = "\(v)"
            }
            let id = (feature["id"] ?? properties["id"]).map { "\($0)" } ?? String(i + 1)
            let coords: [[Double]]
            var converted = false
            switch type {
            case "Point": coords = [try pair(geometry["coordinates"], path, at)]
            case "MultiPoint":
                guard let list = geometry["coordinates"] as? [Any] else {
                    throw InputError(path: path, location: at, problem: "field coordinates is not a list of positions")
                }
                coords = try list.map { try pair($0, path, at) }
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

    static func pair(_ any: Any?, _ path: String, _ at: String) throws -> [Double] {
        guard let list = any as? [Any], list.count >= 2,
              let x = (list[0] as? NSNumber)?.doubleValue, let y = (list[1] as? NSNumber)?.doubleValue else {
            throw InputError(path: path, location: at, problem: "field coordinates is not a [lon, lat] position")
        }
        return [x, y]
    }
}
