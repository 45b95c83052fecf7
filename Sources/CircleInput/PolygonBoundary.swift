import CircleGeo
import CircleSupport

/// Points along polygon boundaries: polygon facilities (parks) are reached at their boundary,
/// sampled every `spacing` metres along each ring, starting at its first vertex (SPEC §5).
public enum PolygonBoundary {
    static func boundaryPoints(_ geometry: JSONNode, spacing: Double, path: String, at: String,
                               toWGS84: ([[Double]]) throws -> [[Double]] = { $0 }) throws -> [[Double]] {
        let coordinates = geometry["coordinates"]
        func fail(_ problem: String, _ node: JSONNode?) -> InputError {
            InputError(path: path, location: at, problem: "\(problem) (at \((node ?? geometry).location))")
        }
        let polygons: [JSONNode]
        if geometry["type"]?.string == "Polygon" {
            guard let coordinates else { throw fail("field coordinates is missing", nil) }
            polygons = [coordinates]
        } else {
            guard let list = coordinates?.elements else { throw fail("field coordinates is not a list of polygons", coordinates) }
            guard !list.isEmpty else { throw fail("an empty MultiPolygon: the feature has no boundary", coordinates) }
            polygons = list
        }
        var out: [[Double]] = []
        for polygon in polygons {
            guard let rings = polygon.elements, !rings.isEmpty else {
                throw fail("field coordinates is not a list of rings", polygon)
            }
            for ring in rings {
                guard let positions = ring.elements, positions.count >= 4 else {
                    throw fail("a polygon ring needs at least 4 positions", ring)
                }
                let points = try toWGS84(positions.map { try GeoJSONPoints.pair($0, path, at, in: ring) })
                for p in points { try PointReader.checkRange(lon: p[0], lat: p[1], path: path, location: at) }
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
