import CGDAL
import CircleGeo
import Foundation

/// A GIS file that could not be written: its path and GDAL's reason.
public struct GISWriteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file being written.
    public var path: String
    /// What went wrong (GDAL's message where it gave one).
    public var reason: String
    /// "PATH: REASON".
    public var description: String { "\(path): \(reason)" }

    /// The error for `path`, with `reason`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// The file formats ``GISDatasetWriter`` writes through GDAL.
public enum GISFormat: String, Sendable {
    /// GeoPackage (GDAL driver GPKG): spatial and non-spatial tables in one SQLite file.
    case geoPackage = "GPKG"
    /// Office Open XML spreadsheet (GDAL driver XLSX): one sheet per layer, geometries left out.
    case xlsx = "XLSX"
}

/// Writes layers into a new GeoPackage or XLSX file with GDAL/OGR, each layer in one transaction.
public enum GISDatasetWriter {
    /// Writes `layers` to a new file at `path` (an existing file there is replaced), converting
    /// every geometry from WGS 84 into `frame`.
    ///
    /// - Throws: ``GISWriteError`` naming the file (and layer) when GDAL cannot create it, a
    ///   layer, a column or a row; ``ProjectionError`` when a point cannot be converted. A file
    ///   left half-written is removed.
    public static func write(_ layers: [GISLayer], to path: String, format: GISFormat, frame: OutputFrame = .wgs84) throws {
        do { try GDALLibrary.ensureRegistered() } catch {
            throw GISWriteError(path: path, reason: "\(error)")
        }
        try? FileManager.default.removeItem(atPath: path)
        guard let driver = GDALGetDriverByName(format.rawValue) else {
            throw GISWriteError(path: path, reason: "GDAL has no \(format.rawValue) driver")
        }
        guard let dataset = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw GISWriteError(path: path, reason: "cannot create: \(GDALLibrary.lastError() ?? "unknown GDAL error")")
        }
        var closed = false
        defer { if !closed { GDALClose(dataset); try? FileManager.default.removeItem(atPath: path) } }
        let srs = try spatialReference(frame, path: path)
        defer { OSRDestroySpatialReference(srs) }
        for layer in layers {
            try write(layer, into: dataset, srs: format == .xlsx ? nil : srs, format: format, frame: frame, path: path)
        }
        CPLErrorReset()
        GDALClose(dataset)
        closed = true
        if CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            let reason = GDALLibrary.lastError() ?? "unknown GDAL error"
            try? FileManager.default.removeItem(atPath: path)
            throw GISWriteError(path: path, reason: "write failed: \(reason)")
        }
    }

    static func spatialReference(_ frame: OutputFrame, path: String) throws -> OGRSpatialReferenceH {
        guard let srs = OSRNewSpatialReference(nil) else { throw GISWriteError(path: path, reason: "cannot make a spatial reference") }
        guard OSRSetFromUserInput(srs, frame.layerCRS) == OGRERR_NONE else {
            OSRDestroySpatialReference(srs)
            throw GISWriteError(path: path, reason: "GDAL does not know the CRS \(frame.layerCRS)")
        }
        OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER)
        return srs
    }

    static func write(_ layer: GISLayer, into dataset: GDALDatasetH, srs: OGRSpatialReferenceH?, format: GISFormat,
                      frame: OutputFrame, path: String) throws {
        let place = "\(path) (layer \(layer.name))"
        func fail(_ what: String) -> GISWriteError {
            GISWriteError(path: place, reason: "\(what): \(GDALLibrary.lastError() ?? "unknown GDAL error")")
        }
        let type: OGRwkbGeometryType = switch (format, layer.geometry) {
        case (.xlsx, _), (_, .none): wkbNone
        case (_, .point): wkbPoint
        case (_, .multiPolygon): wkbMultiPolygon
        }
        var options: [String] = []
        if format == .geoPackage && !layer.description.isEmpty { options.append("DESCRIPTION=\(layer.description)") }
        let handle = withOptions(options) { list in
            GDALDatasetCreateLayer(dataset, layer.name, type == wkbNone ? nil : srs, type, list)
        }
        guard let handle else { throw fail("cannot create the layer") }
        for field in Self.uniqueNames(layer.fields) {
            let fieldType: OGRFieldType = switch field.type {
            case .string: OFTString
            case .integer: OFTInteger64
            case .real: OFTReal
            }
            let definition = OGR_Fld_Create(field.name, fieldType)
            defer { OGR_Fld_Destroy(definition) }
            guard OGR_L_CreateField(handle, definition, 1) == OGRERR_NONE else { throw fail("cannot create column \(field.name)") }
        }
        guard OGR_L_StartTransaction(handle) == OGRERR_NONE else { throw fail("cannot start a transaction") }
        let definition = OGR_L_GetLayerDefn(handle)
        for (row, feature) in layer.features.enumerated() {
            guard let f = OGR_F_Create(definition) else { throw fail("cannot make row \(row + 1)") }
            defer { OGR_F_Destroy(f) }
            for (k, value) in feature.values.enumerated() {
                switch value {
                case .null: OGR_F_SetFieldNull(f, Int32(k))
                case .string(let s): OGR_F_SetFieldString(f, Int32(k), s)
                case .integer(let n): OGR_F_SetFieldInteger64(f, Int32(k), GIntBig(n))
                case .real(let x): if x.isFinite { OGR_F_SetFieldDouble(f, Int32(k), x) } else { OGR_F_SetFieldNull(f, Int32(k)) }
                }
            }
            if type != wkbNone, let geometry = feature.geometry {
                OGR_F_SetGeometryDirectly(f, makeGeometry(try frame.convert(geometry)))
            }
            guard OGR_L_CreateFeature(handle, f) == OGRERR_NONE else { throw fail("cannot write row \(row + 1)") }
        }
        guard OGR_L_CommitTransaction(handle) == OGRERR_NONE else { throw fail("cannot commit") }
    }

    /// The fields with repeated names (compared ignoring case, as GeoPackage and Shapefile do)
    /// made unique by a suffix `_2`, `_3`, … within 63 characters.
    static func uniqueNames(_ fields: [GISField]) -> [GISField] {
        var seen = Set<String>()
        return fields.map { field in
            var f = field, k = 1
            while !seen.insert(f.name.lowercased()).inserted {
                k += 1
                let suffix = "_\(k)"
                f.name = String(field.name.prefix(GISLayer.maximumFieldNameLength - suffix.count)) + suffix
            }
            return f
        }
    }

    /// An OGR geometry (owned by the caller) for `geometry`, already in the output frame.
    static func makeGeometry(_ geometry: GISGeometry) -> OGRGeometryH {
        switch geometry {
        case .point(let x, let y):
            let point = OGR_G_CreateGeometry(wkbPoint)!
            OGR_G_SetPoint_2D(point, 0, x, y)
            return point
        case .polygons(let polygons):
            let multi = OGR_G_CreateGeometry(wkbMultiPolygon)!
            for polygon in polygons {
                let part = OGR_G_CreateGeometry(wkbPolygon)!
                for ring in polygon.rings {
                    let r = OGR_G_CreateGeometry(wkbLinearRing)!
                    for k in ring.lon.indices { OGR_G_AddPoint_2D(r, ring.lon[k], ring.lat[k]) }
                    OGR_G_AddGeometryDirectly(part, r)
                }
                OGR_G_AddGeometryDirectly(multi, part)
            }
            return multi
        }
    }

    /// Calls `body` with `options` as a NULL-terminated C string list.
    static func withOptions<T>(_ options: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> T) rethrows -> T {
        var list: [UnsafeMutablePointer<CChar>?] = options.map { strdup($0) } + [nil]
        defer { for p in list { free(p) } }
        return try list.withUnsafeMutableBufferPointer { try body(options.isEmpty ? nil : $0.baseAddress) }
    }
}
