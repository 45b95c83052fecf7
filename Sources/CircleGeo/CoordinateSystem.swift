import Foundation

/// The coordinate system of the user's input points, as given by `--crs` (SPEC §8).
///
/// - `wgs84` (also `EPSG:4326`, `WGS 84`, `OGC:CRS84`, `4326`): longitude and latitude on WGS 84,
///   used as they are;
/// - `gcj02` (also `GCJ-02`, `gcj`, `火星坐标`, `火星坐标系`, `国测局坐标`): AMap/Gaode and Tencent;
/// - `bd09` (also `BD-09`, `bd09ll`, `baidu`, `百度坐标`, `百度坐标系`): Baidu Maps lon/lat;
/// - anything else is handed to PROJ ("EPSG:4549", "+proj=utm +zone=51 ...", WKT), with x the
///   easting or longitude and y the northing or latitude whatever the CRS's official axis order.
///
/// Keywords are matched ignoring case, spaces, hyphens and underscores.
public enum CoordinateSystem: Sendable, Equatable, CustomStringConvertible {
    /// WGS 84 longitude and latitude (EPSG:4326 in lon/lat order): used as given.
    case wgs84
    /// GCJ-02 ("Mars coordinates") longitude and latitude, see ``ChineseCoordinates``.
    case gcj02
    /// BD-09 (Baidu) longitude and latitude, see ``ChineseCoordinates``.
    case bd09
    /// A CRS definition PROJ accepts, kept as the user wrote it.
    case proj(String)

    /// Parses a `--crs` value; a PROJ definition is checked by building its transformation to WGS 84.
    /// - Throws: ``ProjectionError`` `.unknownCRS` naming the value when PROJ cannot use it.
    public init(parsing value: String) throws {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let key = trimmed.lowercased().filter { !" -_".contains($0) }
        switch key {
        case "wgs84", "epsg:4326", "4326", "ogc:crs84", "crs84", "gps":
            self = .wgs84
        case "gcj02", "gcj", "mars", "火星坐标", "火星坐标系", "国测局坐标", "国测局坐标系":
            self = .gcj02
        case "bd09", "bd09ll", "baidu", "百度坐标", "百度坐标系", "百度经纬度":
            self = .bd09
        case "bd09mc", "baidumercator", "百度墨卡托":
            throw ProjectionError(.unknownCRS, crs: trimmed, message:
                "Baidu Mercator (BD-09MC) is not supported; export Baidu lon/lat and use --crs bd09")
        case "":
            throw ProjectionError(.unknownCRS, crs: value, message: "empty coordinate system")
        default:
            _ = try Projection(from: trimmed, to: "EPSG:4326")
            self = .proj(trimmed)
        }
    }

    /// Whether coordinates are longitude/latitude degrees whose range can be checked as such
    /// (WGS84, GCJ-02, BD-09); a PROJ CRS may be projected metres.
    public var isLonLat: Bool {
        if case .proj = self { return false }
        return true
    }

    /// The canonical `--crs` spelling: "wgs84", "gcj02", "bd09" or the PROJ definition.
    public var name: String {
        switch self {
        case .wgs84: "wgs84"
        case .gcj02: "gcj02"
        case .bd09: "bd09"
        case .proj(let definition): definition
        }
    }

    /// A human-readable name for reports, e.g. "GCJ-02 (火星坐标, AMap/Gaode, Tencent)".
    public var description: String {
        switch self {
        case .wgs84: "WGS 84 (EPSG:4326)"
        case .gcj02: "GCJ-02 (火星坐标, AMap/Gaode, Tencent)"
        case .bd09: "BD-09 (百度坐标, Baidu)"
        case .proj(let definition): definition
        }
    }

    /// The area, in WGS 84 degrees, where input in this system is valid: the world for WGS 84,
    /// China's bounding box (where the offset applies) for GCJ-02 and BD-09, PROJ's area of use
    /// (`proj_get_area_of_use`) for other CRSs, nil when PROJ knows none.
    public func areaOfUse() throws -> AreaOfUse? {
        switch self {
        case .wgs84: .world
        case .gcj02, .bd09: Self.china
        case .proj(let definition): try Projection.areaOfUse(of: definition)
        }
    }

    /// China's bounding box as used by the GCJ-02 and BD-09 algorithms.
    public static let china = AreaOfUse(west: 72.004, south: 0.8293, east: 137.8347, north: 55.8271,
                                        name: "China (bounding box of the GCJ-02 offset)")

    /// Converts points given in this system (x = `lon`, y = `lat`) to WGS 84 longitude and latitude.
    /// PROJ CRSs go through a ``Projection`` made for this call alone (its own PROJ context), so
    /// concurrent calls do not share PROJ state.
    /// - Throws: ``ProjectionError`` `.invalidInput` when the arrays differ in length, or
    ///   `.transformFailed` naming the first point PROJ cannot convert.
    public func toWGS84(lon: [Double], lat: [Double]) throws -> (lon: [Double], lat: [Double]) {
        guard lon.count == lat.count else {
            throw ProjectionError(.invalidInput, crs: name, message: "\(lon.count) longitudes but \(lat.count) latitudes")
        }
        switch self {
        case .wgs84:
            return (lon, lat)
        case .gcj02, .bd09:
            var outLon = lon, outLat = lat
            let convert = self == .gcj02 ? ChineseCoordinates.gcj02ToWGS84 : ChineseCoordinates.bd09ToWGS84
            for i in lon.indices {
                (outLon[i], outLat[i]) = convert(lon[i], lat[i])
            }
            return (outLon, outLat)
        case .proj(let definition):
            var xs = lon, ys = lat
            try Projection(from: definition, to: "EPSG:4326").forward(&xs, &ys)
            return (xs, ys)
        }
    }

    /// Checks that every point (given in this system) lies in the system's area of use.
    ///
    /// WGS 84 points must be finite longitudes in [−180, 180] and latitudes in [−90, 90]; GCJ-02 and
    /// BD-09 points must lie in China's bounding box (outside it the map services apply no offset,
    /// so such input is almost certainly in another system); points in a PROJ CRS are converted to
    /// WGS 84 and checked against the CRS's area of use, a point PROJ cannot convert counting as
    /// outside (the world is used when PROJ knows no area).
    /// - Throws: ``ProjectionError`` `.outsideAreaOfUse` giving how many points are outside and the
    ///   first one, in the input's own coordinates.
    public func validate(lon: [Double], lat: [Double]) throws {
        guard lon.count == lat.count else {
            throw ProjectionError(.invalidInput, crs: name, message: "\(lon.count) longitudes but \(lat.count) latitudes")
        }
        let area = try areaOfUse() ?? .world
        var wgsLon = lon, wgsLat = lat
        if case .proj(let definition) = self {
            let projection = try Projection(from: definition, to: "EPSG:4326")
            do {
                try projection.forward(&wgsLon, &wgsLat)
            } catch let error as ProjectionError where error.kind == .transformFailed {
                // Convert point by point so that unconvertible points count as outside.
                for i in lon.indices {
                    (wgsLon[i], wgsLat[i]) = (try? projection.forward(x: lon[i], y: lat[i])) ?? (.nan, .nan)
                }
            }
        }
        guard let outside = area.outside(lon: wgsLon, lat: wgsLat) else { return }
        let i = outside.firstIndex
        var first = "#\(i) (0-based; x \(lon[i].formatted6), y \(lat[i].formatted6))"
        if case .proj = self {
            first += wgsLon[i].isFinite && wgsLat[i].isFinite
                ? " = lon \(wgsLon[i].formatted6), lat \(wgsLat[i].formatted6) in WGS 84"
                : ", which PROJ cannot convert to WGS 84"
        }
        throw ProjectionError(.outsideAreaOfUse, crs: name, message:
            "\(outside.count) of \(outside.total) points lie outside the area of use, \(area); the first is \(first)")
    }
}

private extension Double {
    var formatted6: String { isFinite ? String(format: "%.6f", self) : "\(self)" }
}
