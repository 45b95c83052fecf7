import CGDAL
import CircleInput
import Foundation

/// An input file read through GDAL/OGR: Shapefile, GeoPackage, XLSX, FlatGeobuf or KML, named
/// as `file.ext` or, for GeoPackage and XLSX, `file.gpkg:layer` / `file.xlsx:Sheet`.
public struct LayerSource: Sendable, Equatable {
    /// The formats read through GDAL, by file extension (lowercase, no dot).
    public enum Format: String, Sendable, CaseIterable {
        case shapefile = "shp", geopackage = "gpkg", xlsx = "xlsx", flatgeobuf = "fgb", kml = "kml"

        /// GDAL's drivers for it (KML: LIBKML reads ExtendedData fields, the plain driver only names).
        var drivers: [String] {
            switch self {
            case .shapefile: ["ESRI Shapefile"]
            case .geopackage: ["GPKG"]
            case .xlsx: ["XLSX"]
            case .flatgeobuf: ["FlatGeobuf"]
            case .kml: ["LIBKML", "KML"]
            }
        }

        /// What a layer is called in messages: "sheet" in a workbook, else "layer".
        var layerWord: String { self == .xlsx ? "sheet" : "layer" }

        /// The format's name in messages.
        var name: String {
            switch self {
            case .shapefile: "Shapefile"
            case .geopackage: "GeoPackage"
            case .xlsx: "workbook"
            case .flatgeobuf: "FlatGeobuf file"
            case .kml: "KML file"
            }
        }
    }

    /// The option's value as given (`pois.gpkg:schools`), named in errors.
    public var spec: String
    /// The file itself.
    public var file: String
    /// The layer or sheet named after the colon, if any.
    public var layer: String?
    public var format: Format

    /// The source a file option names, or nil when it is not a GDAL format (CSV, GeoJSON and
    /// anything else keep the built-in readers). A `:name` suffix (a GeoPackage layer, a sheet, a
    /// KML folder) is split off only after such a file's extension, and only when no file has the
    /// whole name.
    public init?(spec: String) {
        self.spec = spec
        if let colon = spec.lastIndex(of: ":"), !FileManager.default.fileExists(atPath: spec) {
            let head = String(spec[..<colon])
            if let format = Self.format(of: head), format != .shapefile {
                file = head
                layer = String(spec[spec.index(after: colon)...])
                self.format = format
                return
            }
        }
        guard let format = Self.format(of: spec) else { return nil }
        file = spec
        layer = nil
        self.format = format
    }

    /// A source of `file` in `format` as given (the reader benchmark).
    init(file: String, format: Format) {
        spec = file
        self.file = file
        layer = nil
        self.format = format
    }

    static func format(of path: String) -> Format? {
        Format(rawValue: (path as NSString).pathExtension.lowercased())
    }

    /// The files a run's fingerprint must hash for the file option `spec`: the file itself
    /// without a `:layer` suffix, and a Shapefile's `.shx`, `.dbf`, `.prj` and `.cpg` beside it.
    public static func files(of spec: String) -> [String] {
        guard let source = LayerSource(spec: spec) else { return [spec] }
        guard source.format == .shapefile else { return [source.file] }
        return [source.file] + ["shx", "dbf", "prj", "cpg"].compactMap { source.sidecar($0) }
    }

    /// The file beside a Shapefile with the extension `ext` (either case), if it exists.
    func sidecar(_ ext: String) -> String? {
        let base = (file as NSString).deletingPathExtension
        return [ext, ext.uppercased()].map { base + "." + $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }
}

/// An open GDAL dataset and the one layer read from it; closed when released.
final class OpenLayer {
    let source: LayerSource
    let dataset: GDALDatasetH
    let layer: OGRLayerH
    /// The layer's name (a sheet's name for XLSX).
    let name: String

    /// Opens `source` with GDAL's driver for its format and picks its layer: the one named, or
    /// the only one.
    ///
    /// - Throws: ``InputError`` naming the file: missing, unreadable (GDAL's reason), a Shapefile
    ///   without its `.dbf`, a layer or sheet not there (listing those there), several layers and
    ///   none named.
    ///
    /// `drivers` overrides the format's drivers (the reader benchmark opens CSV and GeoJSON with GDAL's).
    init(_ source: LayerSource, openOptions: [String] = [], drivers: [String]? = nil) throws {
        self.source = source
        let path = source.spec
        do { try GDALLibrary.ensureRegistered() } catch {
            throw InputError(path: path, problem: "cannot be read: \(error)")
        }
        guard FileManager.default.fileExists(atPath: source.file) else {
            throw InputError(path: path, problem: "no such file")
        }
        if source.format == .shapefile, source.sidecar("dbf") == nil {
            throw InputError(path: path, problem: "no .dbf beside the .shp: a Shapefile's attributes are in "
                             + "\(((source.file as NSString).lastPathComponent as NSString).deletingPathExtension).dbf; "
                             + "copy the .shp, .shx, .dbf, .prj and .cpg files together")
        }
        _ = GDALLibrary.lastError()
        let opened = CStringList(drivers ?? source.format.drivers).withPointer { drivers in
            CStringList(openOptions).withPointer { options in
                GDALOpenEx(source.file, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), drivers, options, nil)
            }
        }
        guard let dataset = opened else {
            let reason = GDALLibrary.lastError() ?? "GDAL cannot open it"
            throw InputError(path: path, problem: "cannot be read as a \(source.format.name): \(reason)")
        }
        var names: [String] = []
        for i in 0..<GDALDatasetGetLayerCount(dataset) {
            if let l = GDALDatasetGetLayer(dataset, i) { names.append(String(cString: OGR_L_GetName(l))) }
        }
        let word = source.format.layerWord
        let listed = names.map { "'\($0)'" }.joined(separator: ", ")
        let chosen: OGRLayerH?
        if let wanted = source.layer {
            chosen = GDALDatasetGetLayerByName(dataset, wanted)
            if chosen == nil {
                GDALClose(dataset)
                throw InputError(path: path, problem: names.isEmpty ? "no \(word) '\(wanted)': the \(source.format.name) has none"
                                 : "no \(word) '\(wanted)'; the \(source.format.name) has: \(listed)")
            }
        } else if names.count == 1 {
            chosen = GDALDatasetGetLayer(dataset, 0)
        } else {
            GDALClose(dataset)
            guard !names.isEmpty else { throw InputError(path: path, problem: "the \(source.format.name) holds no \(word)s") }
            throw InputError(path: path, problem: "the \(source.format.name) holds \(names.count) \(word)s (\(listed)); "
                             + "name one: \(source.file):\(names[0])")
        }
        self.dataset = dataset
        layer = chosen!
        name = String(cString: OGR_L_GetName(layer))
    }

    deinit { GDALClose(dataset) }

    /// Where the `k`th feature (0-based) is, for messages: "row N" in a sheet (GDAL numbers a
    /// sheet's features by their row), else "feature N".
    func location(_ k: Int, _ feature: OGRFeatureH? = nil) -> String {
        guard source.format == .xlsx else { return "feature \(k + 1)" }
        return "row \(feature.map { OGR_F_GetFID($0) } ?? Int64(k + 2))"
    }

    /// Every feature of the layer in order, handed to `body` with its 0-based position, then destroyed.
    func forEachFeature(_ body: (OGRFeatureH, Int) throws -> Void) throws {
        _ = GDALLibrary.lastError()
        OGR_L_ResetReading(layer)
        var k = 0
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            try body(feature, k)
            k += 1
        }
        let type = CPLGetLastErrorType()
        if let error = GDALLibrary.lastError(), type == CE_Failure || type == CE_Fatal {
            throw InputError(path: source.spec, location: location(k), problem: "GDAL stopped reading: \(error)")
        }
    }
}

/// A NULL-terminated C string list (GDAL's `char**`), freed when released.
final class CStringList {
    private var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    init(_ strings: [String]) {
        for s in strings { list = CSLAddString(list, s) }
    }

    deinit { CSLDestroy(list) }

    /// The list as GDAL's `const char* const*` (nil when empty).
    func withPointer<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> R) rethrows -> R {
        try body(list.map { UnsafeRawPointer($0).assumingMemoryBound(to: UnsafePointer<CChar>?.self) })
    }
}
