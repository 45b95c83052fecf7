import CGDAL
import CircleGeo
import CircleInput
import Foundation

/// The coordinate system of a layer: `--crs` when given, else the layer's own (a Shapefile's
/// `.prj`, a GeoPackage's SRS), converted to WGS84 through ServiceCircle's one PROJ path
/// (``CoordinateSystem``), never through OGR's own transformations.
enum LayerCRS {
    /// The system the layer's coordinates are in.
    ///
    /// - Throws: ``InputError`` for a Shapefile with no `.prj` and no `--crs`, or a system PROJ
    ///   cannot convert to WGS84.
    static func of(_ open: OpenLayer, given: CoordinateSystem?) throws -> CoordinateSystem {
        if let given { return given }
        let path = open.source.spec
        guard let srs = OGR_L_GetSpatialRef(open.layer) else {
            if open.source.format == .shapefile {
                throw InputError(path: path, problem: "no .prj beside the .shp, so its coordinate system is unknown; "
                                 + "add --crs EPSG:4326 (or the file's system) or a .prj")
            }
            return .wgs84   // like CSV: WGS84 unless --crs says otherwise
        }
        let definition = try definition(of: srs, path: path)
        do {
            return try CoordinateSystem(parsing: definition)
        } catch let error as ProjectionError {
            throw InputError(path: path, problem: "its coordinate system cannot be converted to WGS84 (\(error.message)); "
                             + "give --crs with the file's system")
        }
    }

    /// `EPSG:NNNN` when GDAL identifies the system, else its WKT2.
    static func definition(of srs: OGRSpatialReferenceH, path: String) throws -> String {
        guard let copy = OSRClone(srs) else { throw InputError(path: path, problem: "GDAL could not copy its coordinate system") }
        defer { OSRRelease(copy) }
        _ = OSRAutoIdentifyEPSG(copy)
        if let authority = OSRGetAuthorityName(copy, nil), String(cString: authority).uppercased() == "EPSG",
           let code = OSRGetAuthorityCode(copy, nil) {
            return "EPSG:" + String(cString: code)
        }
        var wkt: UnsafeMutablePointer<CChar>?
        let options = CStringList(["FORMAT=WKT2_2019"])
        let status = options.withPointer { OSRExportToWktEx(copy, &wkt, $0) }
        defer { VSIFree(wkt) }
        guard status == OGRERR_NONE, let wkt else {
            throw InputError(path: path, problem: "GDAL could not describe its coordinate system: "
                             + (GDALLibrary.lastError() ?? "no message"))
        }
        return String(cString: wkt)
    }

    /// Positions (x, y in `crs`) converted to WGS84 longitude and latitude, refused outside the
    /// system's area of use, then each checked as a WGS84 position; `locate` names the feature
    /// of a position by its index.
    static func toWGS84(_ xs: [Double], _ ys: [Double], crs: CoordinateSystem, path: String, location: String,
                        locate: (Int) -> String) throws -> (lon: [Double], lat: [Double]) {
        var lon = xs, lat = ys
        if crs != .wgs84, !xs.isEmpty {
            do {
                try crs.validate(lon: xs, lat: ys)
                (lon, lat) = try crs.toWGS84(lon: xs, lat: ys)
            } catch let error as ProjectionError {
                throw InputError(path: path, location: location, problem: "coordinates in \(crs.name): \(error.message)")
            }
        }
        for k in lon.indices {
            guard lon[k].isFinite, lat[k].isFinite, (-180...180).contains(lon[k]), (-90...90).contains(lat[k]) else {
                throw InputError(path: path, location: locate(k),
                                 problem: "coordinates (\(lon[k]), \(lat[k])) are not WGS84 longitude/latitude")
            }
        }
        return (lon, lat)
    }
}
