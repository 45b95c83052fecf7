import CGDAL
import Foundation

/// The GDAL/OGR library, set up once per process: drivers registered, GDAL's own error printing
/// silenced (errors are read with ``GDALLibrary/lastError()`` and reported by the caller, naming
/// the file). Every GDAL call of ServiceCircle goes through the CircleGIS module.
///
/// libgdal is opened (dlopen) by the first GDAL call, not when the process starts: loading it and
/// the hundred libraries it needs took most of the start of every `circle` command, though only
/// GIS formats (Shapefile, GeoPackage, XLSX, FlatGeobuf, KML; `--gpkg`, `--xlsx`) use it.
public enum GDALLibrary {
    private static let setUp: Void = {
        GDALAllRegister()
        CPLSetErrorHandler(CPLQuietErrorHandler)
    }()

    /// Registers the drivers (idempotent, thread-safe through Swift's lazy global initialisation).
    public static func ensureRegistered() {
        _ = setUp
    }

    /// GDAL's version, e.g. "3.6.2".
    public static var version: String {
        ensureRegistered()
        return String(cString: GDALVersionInfo("RELEASE_NAME"))
    }

    /// The message of GDAL's last error on this thread, if any, and resets it.
    public static func lastError() -> String? {
        let message = String(cString: CPLGetLastErrorMsg())
        CPLErrorReset()
        return message.isEmpty ? nil : message
    }
}
