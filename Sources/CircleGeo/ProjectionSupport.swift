import Foundation

/// The region, in degrees of longitude and latitude, in which a CRS may be used
/// (from `proj_get_area_of_use`; see ``Projection/areaOfUse(of:)``).
public struct AreaOfUse: Sendable, Equatable, CustomStringConvertible {
    /// Western bound, degrees of longitude (greater than `east` when the area crosses 180°).
    public let west: Double
    /// Southern bound, degrees of latitude.
    public let south: Double
    /// Eastern bound, degrees of longitude.
    public let east: Double
    /// Northern bound, degrees of latitude.
    public let north: Double
    /// The authority's description, e.g. "China - onshore between 118°30'E and 121°30'E.".
    public let name: String

    /// An area from its bounds in degrees and an optional description.
    public init(west: Double, south: Double, east: Double, north: Double, name: String = "") {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
        self.name = name
    }

    /// The whole world.
    public static let world = AreaOfUse(west: -180, south: -90, east: 180, north: 90, name: "World")

    /// Whether the point lies inside (bounds included). An area with `west > east` crosses the
    /// antimeridian. Non-finite coordinates are never inside.
    public func contains(lon: Double, lat: Double) -> Bool {
        guard lon.isFinite, lat.isFinite, lat >= south, lat <= north else { return false }
        return west <= east ? (lon >= west && lon <= east) : (lon >= west || lon <= east)
    }

    /// The points outside the area, or nil when all lie inside (or the arrays are empty).
    /// Pairs beyond the shorter array are ignored.
    public func outside(lon: [Double], lat: [Double]) -> OutsidePoints? {
        var count = 0, first = -1
        for i in 0..<min(lon.count, lat.count) where !contains(lon: lon[i], lat: lat[i]) {
            if first < 0 { first = i }
            count += 1
        }
        guard count > 0 else { return nil }
        return OutsidePoints(count: count, total: min(lon.count, lat.count), firstIndex: first,
                             firstX: lon[first], firstY: lat[first])
    }

    /// The name followed by the bounds, e.g. "… (118.5…121.5°E, 24.43…53.33°N)".
    public var description: String {
        let bounds = "\(Self.format(west))…\(Self.format(east))°E, \(Self.format(south))…\(Self.format(north))°N"
        return name.isEmpty ? bounds : "\(name) (\(bounds))"
    }

    /// Up to four decimals, trailing zeros dropped: "118.5", "137.8347", "-180".
    static func format(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}

/// Points found outside an area of use: how many, and the first of them (its index and
/// coordinates as they were checked).
public struct OutsidePoints: Sendable, Equatable {
    /// How many points lie outside.
    public let count: Int
    /// How many points were checked.
    public let total: Int
    /// The index of the first point outside.
    public let firstIndex: Int
    /// The first outside point's x (longitude or easting).
    public let firstX: Double
    /// The first outside point's y (latitude or northing).
    public let firstY: Double
}

extension Projection {
    /// The figure a local metric projection is drawn on.
    public enum Surface: Sendable {
        /// The sphere of radius ``Geodesy/earthRadius`` (6,371,008.8 m) on which every ServiceCircle
        /// length is measured, so that planar distances agree with ``Geodesy/haversine(lon1:lat1:lon2:lat2:)``.
        case sphere
        /// The WGS 84 ellipsoid: planar distances are true ground distances, which differ from
        /// haversine by up to about 0.3 % (at 31°N: +0.2 % east–west, −0.3 % north–south).
        case wgs84Ellipsoid
    }

    /// A PROJ string for a Transverse Mercator centred on (`centreLon`, `centreLat`), unit scale on
    /// the central meridian, false origin at the centre, in metres.
    ///
    /// Why: the scale error of a Transverse Mercator grows as k ≈ 1 + x²/2R² with the distance x from
    /// its central meridian: 0.012 % at 100 km, 0.05 % at 200 km, under 0.1 % within ±285 km. A study
    /// area of a district (Pudong is ~50 km across) therefore stays far below 0.1 %. Alternatives:
    /// the UTM zone (EPSG:32651 for Shanghai; k₀ = 0.9996 gives −0.04 % on the central meridian,
    /// about −0.014 % at Shanghai) or the CGCS2000 3° Gauss–Krüger zones (EPSG:4549/4550), whose
    /// 121.5°E boundary cuts through Shanghai. A centred projection avoids both zone choices.
    ///
    /// The default surface is the project's sphere (see ``Surface``).
    public static func localMetric(centreLon: Double, centreLat: Double, surface: Surface = .sphere) -> String {
        let figure = switch surface {
        case .sphere: "+R=\(Geodesy.earthRadius)"
        case .wgs84Ellipsoid: "+ellps=WGS84"
        }
        return String(format: "+proj=tmerc +lat_0=%.7f +lon_0=%.7f", centreLat, centreLon)
            + " +k=1 +x_0=0 +y_0=0 \(figure) +units=m +no_defs"
    }

    /// ``localMetric(centreLon:centreLat:surface:)`` centred on the middle of the points' bounding box
    /// (longitudes and latitudes in degrees; non-finite values are ignored; (0, 0) if none is left).
    public static func localMetric(lon: [Double], lat: [Double], surface: Surface = .sphere) -> String {
        let lons = lon.filter(\.isFinite), lats = lat.filter(\.isFinite)
        let centreLon = lons.isEmpty ? 0 : (lons.min()! + lons.max()!) / 2
        let centreLat = lats.isEmpty ? 0 : (lats.min()! + lats.max()!) / 2
        return localMetric(centreLon: centreLon, centreLat: centreLat, surface: surface)
    }
}
