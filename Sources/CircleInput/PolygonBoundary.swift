import CircleGeo
import Foundation

/// Points along polygon boundaries: polygon facilities (parks) are reached at their boundary,
/// sampled every `spacing` metres along each ring, starting at its first vertex (SPEC §5).
public enum PolygonBoundary {
    static func boundaryPoints(_ geometry: [String: Any], spacing: Double, path: String, at: String,
                               toWGS84: ([[Double]]) throws -> [[Double]] = { $0 }) throws -> [[Double]] {
        let type = geometry["type"] as? String
        let polygons: [Any]
        if type == "Polygon" {
            polygons = [geometry["coordinates"] as Any]
        } else {
            guard let list = geometry["coordinates"] as? [Any] else {
                throw InputError(path: path, location: at, problem: "field coordinates is not a list of polygons")
            }
            polygons = list
        }
        var out: [[Double]] = []
        for polygon in polygons {
            guard let rings = polygon as? [Any], !rings.isEmpty else {
                throw InputError(path: path, location: at, problem: "field coordinates is not a list of rings")
            }
            for ring in rings {
                guard let positions = ring as? [Any], positions.count >= 4 else {
                    throw InputError(path: path, location: at, problem: "a polygon ring needs at least 4 positions")
                }
                let points = try toWGS84(positions.map { try GeoJSONPoints.pair($0, path, at) })
                out += sample(points, spacing: spacing)
            }
        }
        return out
    }

    /// Points every `spacing` metres along the polyline (haversine), the first vertex included.
    public static func sample(_ line: [[Double]], spacing: Double) -> [[Double]] {
        var out = [line[0]]
        var carried = 0.0   // metres walked since the last sample
        for k in 0..<(line.count - 1) {
            let a = line[k], b = line[k + 1]
            let length = Geodesy.haversine(lon1: a[0], lat1: a[1], lon2: b[0], lat2: b[1])
            var next = spacing - carried
            while next <= length {
                let t = next / length
                out.append([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])])
                next += spacing
            }
            carried = length - (next - spacing)
        }
        return out
    }
}
