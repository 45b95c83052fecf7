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

    /// Opens libgdal if it is not open yet and registers the drivers (idempotent, thread-safe
    /// through Swift's lazy global initialisation).
    ///
    /// - Throws: ``GDALUnavailable`` when libgdal cannot be opened, before any GDAL function is
    ///   called (a GDAL function called without the library ends the process with exit 1).
    public static func ensureRegistered() throws {
        guard circle_gdal_load() != 0 else { throw GDALUnavailable(reason: String(cString: circle_gdal_load_error())) }
        _ = setUp
    }

    /// GDAL's version, e.g. "3.6.2".
    public static var version: String {
        get throws {
            try ensureRegistered()
            return String(cString: GDALVersionInfo("RELEASE_NAME"))
        }
    }

    /// The message of GDAL's last error on this thread, if any, and resets it.
    public static func lastError() -> String? {
        let message = String(cString: CPLGetLastErrorMsg())
        CPLErrorReset()
        return message.isEmpty ? nil : message
    }
}

/// libgdal could not be opened: GIS formats (Shapefile, GeoPackage, XLSX, FlatGeobuf, KML) cannot
/// be read or written on this machine.
public struct GDALUnavailable: Error, CustomStringConvertible, Sendable {
    /// The dynamic loader's reasons, one per library name tried.
    public let reason: String

    public var description: String {
        "cannot open the GDAL library, needed to read or write GIS formats (\(reason)); install it "
            + "(Debian: the libgdal package of the version circle was built with)"
    }
}
