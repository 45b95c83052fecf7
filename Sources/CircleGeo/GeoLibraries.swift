internal import CGEOS
internal import CPROJ

/// The versions of the geometry and projection libraries linked into this build.
public enum GeoLibraries {
    /// GEOS's version string, e.g. "3.11.1-CAPI-1.17.1" (`GEOSversion`).
    public static var geosVersion: String { String(cString: GEOSversion()) }

    /// PROJ's release, e.g. "9.1.1" (`proj_info().version`).
    public static var projVersion: String {
        guard let v = proj_info().version else { return "unknown" }
        return String(cString: v)
    }
}
