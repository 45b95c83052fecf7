import CircleGeo
import CircleSupport
import Foundation

/// Each gap map's GeoJSON feature (what gaps/ITEM.geojson holds, and gaps.geojson joins) kept in
/// the search cache (`KEY.feature`): a rerun or a scenario whose map is unchanged reads the bytes
/// instead of formatting its coordinates again. KEY is a SHA-256 of everything the feature is
/// formatted from (``GapExport/properties(_:cellSize:)`` and the polygons, coordinate by
/// coordinate) and ``OutputReuse/formatVersion``.
enum GapFeatureCache {
    static let suffix = "feature"

    static func key(_ map: GapMap, cellSize: Double) -> String {
        var d = RowDigester()
        d.add("circle-gap-feature")
        d.add(OutputReuse.formatVersion)
        d.add(circleVersion)
        for text in [map.item.id, map.item.nameZh, map.item.nameEn, map.item.domain] { d.add(text) }
        d.add(map.item.reachMinutes)
        d.add(map.modes.count)
        for m in map.modes { d.add(m) }
        d.add(map.subdistricts.count)
        for s in map.subdistricts { d.add(s) }
        d.add(map.cells)
        d.add(cellSize)
        d.add(map.polygons.areaSquareMetres)
        d.add(map.population)
        var sha = SHA256()
        sha.update(d.bytes)
        var counts: [UInt64] = [UInt64(map.polygons.polygons.count)]
        for polygon in map.polygons.polygons {
            counts.append(UInt64(polygon.rings.count))
            for ring in polygon.rings { counts += [UInt64(ring.lon.count), UInt64(ring.lat.count)] }
        }
        counts.withUnsafeBytes { sha.update($0) }
        for polygon in map.polygons.polygons {
            for ring in polygon.rings {
                ring.lon.withUnsafeBytes { sha.update($0) }
                ring.lat.withUnsafeBytes { sha.update($0) }
            }
        }
        return SHA256.hex(sha.finalize())
    }

    static func load(_ cache: EntryFolder, key: String) -> [UInt8]? {
        cache.loadPayload(key, suffix: suffix) { r in try r.readArray(of: UInt8.self) }
    }

    static func store(_ cache: EntryFolder, key: String, _ feature: [UInt8]) throws {
        var w = BinaryWriter()
        w.write(array: feature)
        try cache.storePayload(w.data, key: key, suffix: suffix)
    }
}
