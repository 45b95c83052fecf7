import CircleGeo
import Foundation

/// Reads points from CSV or GeoJSON, chosen by content (a GeoJSON file starts with `{`).
public enum PointReader {
    /// Accepted names of the longitude column (case-insensitive).
    public static let lonColumns = ["lon", "lng", "long", "longitude", "x", "经度"]
    /// Accepted names of the latitude column (case-insensitive).
    public static let latColumns = ["lat", "latitude", "y", "纬度"]
    /// Accepted names of the id column (case-insensitive).
    public static let idColumns = Columns.id

    /// Reads every point of the file at `path`.
    ///
    /// `fields` are the fields the caller reads from the attributes: a file giving one of them
    /// under two names (`kind` and `类型`) is refused, as is one giving the position or id twice.
    ///
    /// - Throws: ``InputError`` naming the file, line or feature, and field.
    /// With `polygonSpacing` (metres), GeoJSON polygons are read as points along their boundary.
    /// Coordinates in `crs` (GCJ-02, BD-09 or any PROJ CRS) are converted to WGS84 after a check
    /// that they lie within the system's area of use.
    public static func read(path: String, polygonSpacing: Double? = nil, crs: CoordinateSystem = .wgs84,
                            fields: [Columns.Field] = []) throws -> [InputPoint] {
        try table(path: path, polygonSpacing: polygonSpacing, crs: crs, fields: fields).points
    }

    /// Reads every point of a file's bytes, as ``read(path:polygonSpacing:crs:fields:)`` does;
    /// `path` names the file in errors.
    public static func read(bytes input: [UInt8], path: String, polygonSpacing: Double? = nil, crs: CoordinateSystem = .wgs84,
                            fields: [Columns.Field] = []) throws -> [InputPoint] {
        try table(bytes: input, path: path, polygonSpacing: polygonSpacing, crs: crs, fields: fields).points
    }

    /// The points of the file at `path` as columns (what ``read(path:polygonSpacing:crs:fields:)``
    /// gives, without a dictionary of attributes per point).
    ///
    /// - Throws: ``InputError`` naming the file, line or feature, and field.
    public static func table(path: String, polygonSpacing: Double? = nil, crs: CoordinateSystem = .wgs84,
                             fields: [Columns.Field] = []) throws -> PointTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path: path, problem: FileManager.default.fileExists(atPath: path)
                ? "cannot read the file" : "no such file")
        }
        return try table(bytes: [UInt8](data), path: path, polygonSpacing: polygonSpacing, crs: crs, fields: fields)
    }

    /// The points of a file's bytes as columns; `path` names the file in errors.
    ///
    /// - Throws: ``InputError`` naming the file, line or feature, and field.
    public static func table(bytes input: [UInt8], path: String, polygonSpacing: Double? = nil,
                             crs: CoordinateSystem = .wgs84, fields: [Columns.Field] = []) throws -> PointTable {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let lonLat = crs.isLonLat
        let toWGS84: ([[Double]]) throws -> [[Double]] = { positions in
            try convert(positions, crs: crs, path: path)
        }
        var table: PointTable
        if first == UInt8(ascii: "{") {
            table = try GeoJSONPoints.table(bytes: bytes, path: path, polygonSpacing: polygonSpacing,
                                            checkLonLat: lonLat, fields: fields, toWGS84: toWGS84)
        } else {
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw InputError(path: path, problem: "not UTF-8 text (save the file as UTF-8 CSV or GeoJSON)")
            }
            // Values are kept as 32-bit lengths (the GeoJSON parser has the same bound).
            guard bytes.count < Int(UInt32.max) else { throw InputError(path: path, problem: "the file is larger than 4 GiB") }
            table = try CSVPoints.table(bytes: bytes, path: path, checkLonLat: lonLat, fields: fields)
        }
        if crs != .wgs84 {
            // Polygon samples were converted (and spaced) in WGS84 already.
            let raw = table.converted.indices.filter { !table.converted[$0] }
            let wgs = try convert(raw.map { [table.lon[$0], table.lat[$0]] }, crs: crs, path: path)
            table.setPositions(raw, lon: wgs.map { $0[0] }, lat: wgs.map { $0[1] })
        }
        return table
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
