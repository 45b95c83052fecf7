import CircleGeo
import Foundation

/// libFuzzer entry: the areas reader (GeoJSON polygons, shape and GEOS validity checks) and a
/// point look-up in what it accepted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let areas = try? AreaSet.read(data: Data(bytes: data, count: size), path: "fuzz.geojson") else { return 0 }
    let locator = AreaLocator(areas)
    for feature in areas.features {
        if let ring = feature.polygons.first?.rings.first, let lon = ring.lon.first, let lat = ring.lat.first {
            _ = locator.locate(lon: lon, lat: lat)
        }
    }
    return 0
}
