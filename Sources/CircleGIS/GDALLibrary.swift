import CGDAL
import Foundation

/// The GDAL/OGR library, set up once per process: drivers registered, GDAL's own error printing
/// silenced (errors are read with ``GDALLibrary/lastError()`` and reported by the caller, naming
/// the file). Every GDAL call of ServiceCircle goes through the CircleGIS module.
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
