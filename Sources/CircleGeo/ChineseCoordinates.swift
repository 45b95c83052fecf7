import Foundation

/// The coordinate systems of Chinese map services, in pure Swift (no PROJ):
///
/// - **GCJ-02** ("Mars coordinates", 火星坐标, 国测局坐标), used by AMap/Gaode, Tencent and Google
///   Maps in mainland China: WGS 84 plus a deliberate, smoothly varying offset of a few hundred metres,
///   computed by the published algorithm (Krasovsky-like constants a = 6,378,245 m,
///   e² = 0.00669342162296594323 and the `transformLat`/`transformLon` polynomials).
/// - **BD-09** (百度坐标), used by Baidu Maps: GCJ-02 further rotated and scaled around the origin.
///
/// Only points inside the usual bounding box of China (72.004–137.8347°E, 0.8293–55.8271°N) are
/// shifted; others are returned unchanged, as the map services do.
///
/// GCJ-02 → WGS 84 has no closed form; it is solved by fixed-point iteration until the forward image
/// of the estimate lies within 1e-9° (about 0.1 mm) of the given point, at most
/// ``maximumIterations`` steps. Each step shrinks the error about 400-fold (the offset's derivative is
/// below 3e-3), so 3–4 steps suffice; measured round trips WGS 84 → GCJ-02 → WGS 84 over Shanghai
/// stay below 1e-9° (0.1 mm). BD-09 → GCJ-02 starts from the published closed-form inverse, which
/// misses the forward formula by up to 2e-6° (0.2 m), and refines it the same way to 1e-9°.
public enum ChineseCoordinates {
    /// Semi-major axis of the GCJ-02 algorithm (Krasovsky 1940), metres.
    public static let semiMajorAxis = 6_378_245.0
    /// Squared eccentricity of the GCJ-02 algorithm.
    public static let eccentricitySquared = 0.00669342162296594323
    /// π × 3000 / 180, the BD-09 rotation constant.
    static let xPi = Double.pi * 3000.0 / 180.0
    /// Convergence threshold of the GCJ-02 inverse, degrees.
    public static let inverseTolerance = 1e-9
    /// Cap on GCJ-02 inverse iterations.
    public static let maximumIterations = 10

    /// Whether the point lies outside the bounding box of China (72.004–137.8347°E,
    /// 0.8293–55.8271°N), where no offset is applied.
    @inlinable
    public static func isOutsideChina(lon: Double, lat: Double) -> Bool {
        !(lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271)
    }

    // MARK: WGS 84 ↔ GCJ-02

    /// WGS 84 → GCJ-02 by the published algorithm; points outside China are unchanged.
    public static func wgs84ToGCJ02(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
        if isOutsideChina(lon: lon, lat: lat) { return (lon, lat) }
        let (dLon, dLat) = offset(lon: lon, lat: lat)
        return (lon + dLon, lat + dLat)
    }

    /// GCJ-02 → WGS 84 by fixed-point iteration (see the type's documentation for the accuracy);
    /// points outside China are unchanged.
    public static func gcj02ToWGS84(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
        if isOutsideChina(lon: lon, lat: lat) { return (lon, lat) }
        // Start from the one-step estimate g − δ(g), then correct by the residual of the forward map.
        var (dLon, dLat) = offset(lon: lon, lat: lat)
        var wLon = lon - dLon, wLat = lat - dLat
        for _ in 0..<maximumIterations {
            let forward = wgs84ToGCJ02(lon: wLon, lat: wLat)
            dLon = forward.lon - lon
            dLat = forward.lat - lat
            if abs(dLon) < inverseTolerance && abs(dLat) < inverseTolerance { break }
            wLon -= dLon
            wLat -= dLat
        }
        return (wLon, wLat)
    }

    // MARK: GCJ-02 ↔ BD-09

    /// GCJ-02 → BD-09 (z = √(x²+y²) + 0.00002 sin(y·xπ), θ = atan2(y, x) + 0.000003 cos(x·xπ), then
    /// offsets of 0.0065° and 0.006°); points outside China are unchanged.
    public static func gcj02ToBD09(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
        if isOutsideChina(lon: lon, lat: lat) { return (lon, lat) }
        let z = (lon * lon + lat * lat).squareRoot() + 0.00002 * sin(lat * xPi)
        let theta = atan2(lat, lon) + 0.000003 * cos(lon * xPi)
        return (z * cos(theta) + 0.0065, z * sin(theta) + 0.006)
    }

    /// BD-09 → GCJ-02: the published inverse formula, refined by fixed-point iteration until
    /// ``gcj02ToBD09(lon:lat:)`` of the result is within 1e-9° of the input (1–2 steps); points
    /// outside China are unchanged.
    public static func bd09ToGCJ02(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
        if isOutsideChina(lon: lon, lat: lat) { return (lon, lat) }
        var (gLon, gLat) = bd09ToGCJ02Formula(lon: lon, lat: lat)
        for _ in 0..<maximumIterations {
            let forward = gcj02ToBD09(lon: gLon, lat: gLat)
            let dLon = forward.lon - lon, dLat = forward.lat - lat
            if abs(dLon) < inverseTolerance && abs(dLat) < inverseTolerance { break }
            gLon -= dLon
            gLat -= dLat
        }
        return (gLon, gLat)
    }

    /// The published closed-form BD-09 → GCJ-02 formula (z − 0.00002 sin(y·xπ), θ − 0.000003 cos(x·xπ)
    /// after removing the offsets). It is not the exact inverse of ``gcj02ToBD09(lon:lat:)``: the
    /// round trip misses by up to 1.2e-6° over Shanghai and 1.9e-6° (0.2 m) across China.
    public static func bd09ToGCJ02Formula(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
        let x = lon - 0.0065, y = lat - 0.006
        let z = (x * x + y * y).squareRoot() - 0.00002 * sin(y * xPi)
        let theta = atan2(y, x) - 0.000003 * cos(x * xPi)
        return (z * cos(theta), z * sin(theta))
    }

    // MARK: WGS 84 ↔ BD-09

    /// WGS 84 → BD-09, through GCJ-02.
    public static func wgs84ToBD09(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
        let gcj = wgs84ToGCJ02(lon: lon, lat: lat)
        return gcj02ToBD09(lon: gcj.lon, lat: gcj.lat)
    }

    /// BD-09 → WGS 84, through GCJ-02 (with the iterative inverse).
    public static func bd09ToWGS84(lon: Double, lat: Double) -> (lon: Double, lat: Double) {
        let gcj = bd09ToGCJ02(lon: lon, lat: lat)
        return gcj02ToWGS84(lon: gcj.lon, lat: gcj.lat)
    }

    // MARK: The offset

    /// The GCJ-02 offset (degrees of longitude and latitude) at a WGS 84 point.
    static func offset(lon: Double, lat: Double) -> (dLon: Double, dLat: Double) {
        let x = lon - 105.0, y = lat - 35.0
        let radLat = lat / 180.0 * Double.pi
        var magic = sin(radLat)
        magic = 1 - eccentricitySquared * magic * magic
        let sqrtMagic = magic.squareRoot()
        let a = semiMajorAxis
        let dLat = transformLat(x, y) * 180.0 / ((a * (1 - eccentricitySquared)) / (magic * sqrtMagic) * Double.pi)
        let dLon = transformLon(x, y) * 180.0 / (a / sqrtMagic * cos(radLat) * Double.pi)
        return (dLon, dLat)
    }

    /// The latitude polynomial of the published algorithm (metres, before scaling).
    static func transformLat(_ x: Double, _ y: Double) -> Double {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        r += (20.0 * sin(6.0 * x * Double.pi) + 20.0 * sin(2.0 * x * Double.pi)) * 2.0 / 3.0
        r += (20.0 * sin(y * Double.pi) + 40.0 * sin(y / 3.0 * Double.pi)) * 2.0 / 3.0
        r += (160.0 * sin(y / 12.0 * Double.pi) + 320.0 * sin(y * Double.pi / 30.0)) * 2.0 / 3.0
        return r
    }

    /// The longitude polynomial of the published algorithm (metres, before scaling).
    static func transformLon(_ x: Double, _ y: Double) -> Double {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        r += (20.0 * sin(6.0 * x * Double.pi) + 20.0 * sin(2.0 * x * Double.pi)) * 2.0 / 3.0
        r += (20.0 * sin(x * Double.pi) + 40.0 * sin(x / 3.0 * Double.pi)) * 2.0 / 3.0
        r += (150.0 * sin(x / 12.0 * Double.pi) + 300.0 * sin(x / 30.0 * Double.pi)) * 2.0 / 3.0
        return r
    }
}
