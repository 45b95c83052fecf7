import CircleInput
import CircleSupport

/// libFuzzer entry: the strict JSON parser and the GeoJSON point reader (points, multipoints and
/// polygon facilities sampled every 50 m).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let doc = try? JSONDocument(bytes: bytes) {
        _ = doc.root.compactText   // walks every value
    }
    var input = bytes
    if input.first != UInt8(ascii: "{") { input.insert(UInt8(ascii: "{"), at: 0) }   // always the GeoJSON path
    _ = try? PointReader.read(bytes: input, path: "fuzz.geojson", fields: Columns.originFields)
    _ = try? PointReader.read(bytes: input, path: "fuzz.geojson", polygonSpacing: 50, fields: Columns.facilityFields)
    return 0
}
