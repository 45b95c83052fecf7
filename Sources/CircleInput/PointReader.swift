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
    public static func read(path: String, polygonSpacing: Double? = nil) throws -> [InputPoint] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, problem: FileManager.default.fileExists(atPath: path)
                ? "cannot read the file" : "no such file")
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw InputError(path: path, problem: "not UTF-8 text (save the file as UTF-8 CSV or GeoJSON)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let trimmed = text.drop(while: { $0.isWhitespace })
        if trimmed.hasPrefix("{") { return try GeoJSONPoints.read(data: Data(trimmed.utf8), path: path, polygonSpacing: polygonSpacing)
        }
        return try CSVPoints.read(text: text, path: path)
    }

    /// Checks that a coordinate pair is a plausible WGS84 longitude and latitude.
    static func checkRange(lon: Double, lat: Double, path: String, location: String) throws {
        guard lon.isFinite, lat.isFinite, (-180...180).contains(lon), (-90...90).contains(lat) else {
            throw InputError(path: path, location: location,
                             problem: "coordinates (\(lon), \(lat)) are not WGS84 longitude/latitude")
        }
    }
}
