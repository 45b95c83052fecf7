import CircleCatalog
import Foundation

/// libFuzzer entry: the catalog reader (JSON decoding, validation, the OSM tag rules' parser) and
/// name look-ups in what it accepted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let catalog = try? Catalog.decode(Data(bytes: data, count: size), file: "fuzz.json") else { return 0 }
    _ = try? FacilityMatcher(items: catalog.items)
    for item in catalog.items.prefix(8) { _ = catalog.item(named: item.nameZh) }
    _ = NameSuggestions.items(like: "社区食堂", in: catalog)
    return 0
}
