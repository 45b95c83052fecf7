import CircleOSM
import Foundation

/// libFuzzer entry: the graph cache reader. An even first byte feeds the rest to the whole loader
/// (magic, version, JSON header, length and checksum); an odd one feeds it to the payload decoder
/// directly, past the checksum that random bytes would never match.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let rest = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    if data[0] & 1 == 0 {
        _ = try? GraphCache.load(data: Data(rest), path: "fuzz.scgraph", options: NetworkOptions())
    } else {
        _ = try? GraphCache.decodePayload(rest, path: "fuzz.scgraph")
    }
    return 0
}
