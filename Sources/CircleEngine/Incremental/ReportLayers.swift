import CircleReport
import CircleSupport
import Foundation

/// The report map's drawn layers kept in the search cache (`KEY.layer`, KEY the SHA-256 of the
/// report's layer key): the road network (network, rules and map frame) and each item's gap
/// polygons (their digest, whether shown, and the map frame).
struct ReportLayers: MapLayerCache {
    let entries: EntryFolder

    func file(_ key: String) -> String { SHA256.hex(SHA256.hash(Array(key.utf8))) }

    func layer(_ key: String) -> String? {
        entries.loadPayload(file(key), suffix: "layer") { r in String(decoding: try r.readArray(of: UInt8.self), as: UTF8.self) }
    }

    func store(_ key: String, _ layer: String) {
        var w = BinaryWriter()
        w.write(array: Array(layer.utf8))
        try? entries.storePayload(w.data, key: file(key), suffix: "layer")
    }
}
