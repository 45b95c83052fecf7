import CircleInput

/// libFuzzer entry: the CSV point reader (origins' and facilities' fields), via PointReader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Inputs that start with '{' go to the GeoJSON reader, fuzzed by FuzzGeoJSONPoints.
    if bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "{") { return 0 }
    _ = try? PointReader.read(bytes: bytes, path: "fuzz.csv", fields: Columns.originFields)
    _ = try? PointReader.read(bytes: bytes, path: "fuzz.csv", polygonSpacing: 50, fields: Columns.facilityFields)
    return 0
}
