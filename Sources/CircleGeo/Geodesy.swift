import Foundation

/// Distances on the sphere used throughout ServiceCircle (SPEC §3).
public enum Geodesy {
    /// The mean Earth radius in metres (IUGG), the sphere of every length we compute.
    public static let earthRadius = 6_371_008.8
    /// Degrees to radians.
    public static let radiansPerDegree = Double.pi / 180
    /// Fixed-point scale of OSM coordinates (degrees × 10⁷).
    public static let fixedScale = 1e7

    /// The great-circle distance in metres between two points given in degrees.
    ///
    /// - Complexity: O(1).
    @inlinable
    public static func haversine(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        let p1 = lat1 * radiansPerDegree, p2 = lat2 * radiansPerDegree
        let dp = p2 - p1, dl = (lon2 - lon1) * radiansPerDegree
        let s1 = sin(dp / 2), s2 = sin(dl / 2)
        let h = s1 * s1 + cos(p1) * cos(p2) * s2 * s2
        return 2 * earthRadius * asin(min(1, h.squareRoot()))
    }

    /// Haversine between fixed-point coordinates (degrees × 10⁷).
    @inlinable
    public static func haversine(fixedLon1: Int32, fixedLat1: Int32, fixedLon2: Int32, fixedLat2: Int32) -> Double {
        haversine(lon1: Double(fixedLon1) / fixedScale, lat1: Double(fixedLat1) / fixedScale,
                  lon2: Double(fixedLon2) / fixedScale, lat2: Double(fixedLat2) / fixedScale)
    }

    /// Degrees from fixed point.
    @inlinable
    public static func degrees(_ fixed: Int32) -> Double { Double(fixed) / fixedScale }
}

/// A local tangent plane at a reference point: equirectangular metres east (`x`) and north (`y`).
///
/// Within a few hundred metres of the reference the distortion is a few 10⁻⁶ of the distance
/// (about 2 mm at 500 m), which is why snapping measures in the plane of the query point
/// (see docs/rules.md).
public struct LocalPlane: Sendable {
    public let lon0: Double
    public let lat0: Double
    /// Metres per degree of longitude at `lat0`.
    public let metresPerDegreeLon: Double
    /// Metres per degree of latitude.
    public let metresPerDegreeLat: Double

    public init(lon0: Double, lat0: Double) {
        self.lon0 = lon0
        self.lat0 = lat0
        metresPerDegreeLat = Geodesy.earthRadius * Geodesy.radiansPerDegree
        metresPerDegreeLon = metresPerDegreeLat * cos(lat0 * Geodesy.radiansPerDegree)
    }

    /// Metres east and north of the reference point.
    @inlinable
    public func project(lon: Double, lat: Double) -> (x: Double, y: Double) {
        ((lon - lon0) * metresPerDegreeLon, (lat - lat0) * metresPerDegreeLat)
    }

    /// Degrees of a point given in plane metres.
    @inlinable
    public func unproject(x: Double, y: Double) -> (lon: Double, lat: Double) {
        (lon0 + x / metresPerDegreeLon, lat0 + y / metresPerDegreeLat)
    }
}
