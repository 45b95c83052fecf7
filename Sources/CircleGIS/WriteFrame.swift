import CircleGeo
import Foundation

/// The coordinate frame outputs are written in (`--out-crs`): WGS 84 (the default), GCJ-02
/// (Amap/Gaode, Tencent), BD-09 (Baidu) or a PROJ CRS such as EPSG:4547.
///
/// GCJ-02 and BD-09 have no EPSG code: layers in them are tagged EPSG:4326 (their coordinates are
/// longitude and latitude), which is how QGIS overlays them on Amap or Baidu tiles; the frame is
/// named in each layer's description and in the parameters table.
public struct OutputFrame: Sendable, Equatable {
    /// The frame.
    public let system: CoordinateSystem

    /// Parses an `--out-crs` value (the same spellings as `--crs`).
    /// - Throws: ``ProjectionError`` when PROJ does not know the CRS.
    public init(parsing value: String) throws {
        system = try CoordinateSystem(parsing: value)
    }

    /// WGS 84.
    public static let wgs84 = OutputFrame(system: .wgs84)

    private init(system: CoordinateSystem) { self.system = system }

    /// The CRS the written layers are tagged with: EPSG:4326 for the longitude/latitude frames,
    /// else the PROJ definition.
    public var layerCRS: String {
        if case .proj(let definition) = system { return definition }
        return "EPSG:4326"
    }

    /// The frame's canonical name, e.g. "gcj02" or "EPSG:4547".
    public var name: String { system.name }

    /// Converts WGS 84 longitudes and latitudes to this frame, in place (x, y for a PROJ CRS).
    /// - Throws: ``ProjectionError`` naming the first point PROJ cannot convert.
    public func convert(lon: inout [Double], lat: inout [Double]) throws {
        switch system {
        case .wgs84:
            return
        case .gcj02, .bd09:
            let convert = system == .gcj02 ? ChineseCoordinates.wgs84ToGCJ02 : ChineseCoordinates.wgs84ToBD09
            for k in lon.indices { (lon[k], lat[k]) = convert(lon[k], lat[k]) }
        case .proj(let definition):
            try Projection(from: "EPSG:4326", to: definition).forward(&lon, &lat)
        }
    }

    /// One WGS 84 point in this frame.
    public func convert(lon: Double, lat: Double) throws -> (x: Double, y: Double) {
        var x = [lon], y = [lat]
        try convert(lon: &x, lat: &y)
        return (x[0], y[0])
    }

    /// `geometry` (WGS 84) in this frame.
    public func convert(_ geometry: GISGeometry) throws -> GISGeometry {
        switch geometry {
        case .point(let lon, let lat):
            let p = try convert(lon: lon, lat: lat)
            return .point(lon: p.x, lat: p.y)
        case .polygons(let polygons):
            return .polygons(try polygons.map { polygon in
                AreaPolygon(rings: try polygon.rings.map { ring in
                    var lon = ring.lon, lat = ring.lat
                    try convert(lon: &lon, lat: &lat)
                    return AreaRing(lon: lon, lat: lat)
                })
            })
        }
    }
}
