import CGDAL
import CircleGeo
import CircleInput
import Foundation

/// Every input file of a run, whatever its format: Shapefile, GeoPackage (`file.gpkg[:layer]`),
/// XLSX (`file.xlsx[:Sheet]`), FlatGeobuf and KML through GDAL/OGR; CSV and GeoJSON (and any
/// other name) through ServiceCircle's own readers, which are faster (docs/inputs-gis.md).
public enum InputFiles {
    /// Reads the points of `spec`, as ``PointReader/read(path:polygonSpacing:crs:fields:)`` does
    /// for CSV and GeoJSON.
    ///
    /// - Parameters:
    ///   - crs: `--crs`: the system of the coordinates, overriding a GIS file's own (`.prj`,
    ///     GeoPackage SRS); nil: the file's own, else WGS84 (a Shapefile without `.prj` is refused).
    ///   - encoding: `--encoding`: the text encoding of a Shapefile's attributes (overriding its
    ///     `.cpg`), and of a CSV or GeoJSON file that is not UTF-8 (decoded to UTF-8 first; a
    ///     UTF-8 file is read as it is); nil: the `.cpg`, else UTF-8.
    /// - Throws: ``InputError`` naming the file, the feature, row or line, and the field.
    public static func points(_ spec: String, polygonSpacing: Double? = nil, crs: CoordinateSystem? = nil,
                              encoding: String? = nil, fields: [Columns.Field] = []) throws -> [InputPoint] {
        if let source = LayerSource(spec: spec) {
            if let encoding { try ReadEncoding.check(encoding, path: spec) }
            return try withSettings(source) {
                let open = try OpenLayer(source, openOptions: openOptions(source, encoding: encoding))
                return try LayerPoints.read(open, polygonSpacing: polygonSpacing, crs: crs, encoding: encoding, fields: fields)
            }
        }
        return try table(spec, polygonSpacing: polygonSpacing, crs: crs, encoding: encoding, fields: fields).points
    }

    /// The points of `spec` as columns (``PointTable``), read as ``points(_:polygonSpacing:crs:encoding:fields:)``
    /// reads them: CSV and GeoJSON straight into the table, GIS layers through their points.
    ///
    /// - Throws: ``InputError`` naming the file, the feature, row or line, and the field.
    public static func table(_ spec: String, polygonSpacing: Double? = nil, crs: CoordinateSystem? = nil,
                             encoding: String? = nil, fields: [Columns.Field] = []) throws -> PointTable {
        if LayerSource(spec: spec) != nil {
            return PointTable(points: try points(spec, polygonSpacing: polygonSpacing, crs: crs, encoding: encoding, fields: fields))
        }
        guard let encoding else {
            return try PointReader.table(path: spec, polygonSpacing: polygonSpacing, crs: crs ?? .wgs84, fields: fields)
        }
        guard let data = FileManager.default.contents(atPath: spec) else {
            throw InputError(path: spec, problem: FileManager.default.fileExists(atPath: spec) ? "cannot read the file" : "no such file")
        }
        // A UTF-8 file stays as it is: one --encoding serves a GBK Shapefile beside UTF-8 CSVs.
        var bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) == nil { bytes = try ReadEncoding.decode(bytes, from: encoding, path: spec) }
        return try PointReader.table(bytes: bytes, path: spec, polygonSpacing: polygonSpacing, crs: crs ?? .wgs84, fields: fields)
    }

    /// Reads areas (`--areas`): GeoJSON as ``AreaSet/read(path:)`` does (WGS84, RFC 7946), GIS
    /// layers in their own system or `crs`.
    ///
    /// - Throws: ``AreaError`` naming the file and the feature.
    public static func areas(_ spec: String, crs: CoordinateSystem? = nil, encoding: String? = nil) throws -> AreaSet {
        guard let source = LayerSource(spec: spec) else { return try AreaSet.read(path: spec) }
        if let encoding { try ReadEncoding.check(encoding, path: spec) }
        return try withSettings(source) {
            let open = try OpenLayer(source, openOptions: openOptions(source, encoding: encoding))
            return try LayerAreas.read(open, crs: crs, encoding: encoding)
        }
    }

    /// Whether `spec` is read through GDAL.
    public static func isLayer(_ spec: String) -> Bool { LayerSource(spec: spec) != nil }

    /// The files behind a file option, for fingerprints and output-folder checks: the file
    /// without a `:layer` suffix, and a Shapefile's `.shx`, `.dbf`, `.prj` and `.cpg`.
    public static func files(of spec: String) -> [String] { LayerSource.files(of: spec) }

    /// GDAL open options: a Shapefile's encoding (`--encoding` over its `.cpg`).
    static func openOptions(_ source: LayerSource, encoding: String?) -> [String] {
        source.format == .shapefile ? encoding.map { ["ENCODING=" + $0.trimmingCharacters(in: .whitespaces)] } ?? [] : []
    }

    /// Runs `body` with this thread's GDAL settings for `source`: a sheet's first row is its
    /// header and its cells are read as written (text), as a CSV's are. GDAL 3.6 takes these as
    /// configuration options, not open options; set per thread, they touch no other read.
    static func withSettings<R>(_ source: LayerSource, _ body: () throws -> R) throws -> R {
        guard source.format == .xlsx else { return try body() }
        let settings = [("OGR_XLSX_HEADERS", "FORCE"), ("OGR_XLSX_FIELD_TYPES", "STRING")]
        for (key, value) in settings { CPLSetThreadLocalConfigOption(key, value) }
        defer { for (key, _) in settings { CPLSetThreadLocalConfigOption(key, nil) } }
        return try body()
    }
}
