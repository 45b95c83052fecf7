import CircleGeo
import Foundation

/// Reads points from CSV or GeoJSON, chosen by content (a GeoJSON file starts with `{`).
public enum PointReader {
    /// Accepted names of the longitude column (case-insensitive).
    public static let lonColumns = ["lon", "lng", "long", "longitude", "x", "经度"]
    /// Accepted names of the latitude column (case-insensitive).
    public static let latColumns = ["lat", "latitude", "y", "纬度"]
    /// Accepted names of the id column (case-insensitive).
    public static let idColumns = ["id", "编号"]

    /// Reads every point of the file at `path`.
    ///
    /// - Throws: ``InputError`` naming the file, line or feature, and field.
    /// With `polygonSpacing` (metres), GeoJSON polygons are read as points along their boundary.
    /// Coordinates in `crs` (GCJ-02, BD-09 or any PROJ CRS) are converted to WGS84 after a check
    /// that they lie within the system's area of use.
    public static func read(path: String, polygonSpacing: Double? = nil, crs: CoordinateSystem = .wgs84) throws -> [InputPoint] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, problem: FileManager.default.fileExists(atPath: path)
                ? "cannot read the file" : "no such file")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError(path: path, problem: "not UTF-8 text (save the file as UTF-8 CSV or GeoJSON)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let trimmed = text.drop(while: { $0.isWhitespace })
        let lonLat = crs.isLonLat
        let toWGS84: ([[Double]]) throws -> [[Double]] = { positions in
            try convert(positions, crs: crs, path: path)
        }
        var points: [InputPoint]
        if trimmed.hasPrefix("{") {
            points = try GeoJSONPoints.read(data: Data(trimmed.utf8), path: path, polygonSpacing: polygonSpacing,
                                            checkLonLat: lonLat, toWGS84: toWGS84)
        } else {
            points = try CSVPoints.read(text: text, path: path, checkLonLat: lonLat)
        }
        if crs != .wgs84 {
            // Polygon samples were converted (and spaced) in WGS84 already.
            let raw = points.indices.filter { !points[$0].converted }
            let wgs = try convert(raw.map { [points[$0].lon, points[$0].lat] }, crs: crs, path: path)
            for (k, i) in raw.enumerated() { (points[i].lon, points[i].lat) = (wgs[k][0], wgs[k][1]) }
        }
        return points
    }

    /// Positions in `crs` converted to WGS84, refusing positions outside the system's area of use.
    static func convert(_ positions: [[Double]], crs: CoordinateSystem, path: String) throws -> [[Double]] {
        guard crs != .wgs84, !positions.isEmpty else { return positions }
        let lon = positions.map { $0[0] }, lat = positions.map { $0[1] }
        do {
            try crs.validate(lon: lon, lat: lat)
            let wgs = try crs.toWGS84(lon: lon, lat: lat)
            return zip(wgs.lon, wgs.lat).map { [$0, $1] }
        } catch let error as ProjectionError {
            throw InputError(path: path, problem: "coordinates in \(crs.name): \(error.message)")
        }
    }

    /// Checks that a coordinate pair is a plausible WGS84 longitude and latitude.
    static func checkRange(lon: Double, lat: Double, path: String, location: String) throws {
        guard lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat) else {
            throw InputError(path: path, location: location,
                             problem: "coordinates (\(lon), \(lat)) are not WGS84 longitude/latitude")
        }
    }
}
