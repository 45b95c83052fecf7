import CircleCatalog
import CircleCoverage
import CircleGeo
import CircleGraph
import CircleSupport
import Foundation

/// Gap maps kept between runs in the search cache's folder: an item's map depends only on the
/// study grid and territories, the origins, the item's reach and applicability, and the item's
/// search results — so its key is a SHA-256 of those grid facts plus the item's unit keys.
enum GapCache {
    /// The key of each item's gap map.
    static func keys(study: GapStudy, origins: [Origin], applies: [[Bool]], items: [Item], tolerance: Double,
                     unitKeys: [CoverageSearch.Unit: String]) -> [Int: String] {
        var w = BinaryWriter()
        w.write(bytes: Array("gap-v2|\(study.metricCRS)|\(study.grid)|\(tolerance)".utf8))
        w.write(array: study.cells.map { Int64($0) })
        w.write(array: study.territory.map { Int64($0) })
        w.write(array: origins.flatMap { [$0.lon, $0.lat] }.map(\.bitPattern))
        w.write(array: origins.map { UInt8($0.mode == .walk ? 0 : 1) })
        let base = SHA256.hex(w.data.withUnsafeBytes { SHA256.hash($0) })
        var keys: [Int: String] = [:]
        for (i, item) in items.enumerated() {
            let units = TravelMode.allCases.map { unitKeys[CoverageSearch.Unit(item: i, mode: $0)] ?? "-" }.joined(separator: ",")
            var text = Array("\(base)|\(item.id)|\(item.reachMinutes)|".utf8)
            text += applies.map { $0[i] ? UInt8(ascii: "1") : UInt8(ascii: "0") }
            text += Array("|\(units)".utf8)
            keys[i] = SHA256.hex(SHA256.hash(text))
        }
        return keys
    }

    static func load(_ cache: EntryFolder, key: String, item: Item) -> GapMap? {
        cache.loadPayload(key, suffix: "gap") { r -> GapMap in
            let polygonCount = Int(try r.read(UInt64.self))
            var polygons: [AreaPolygon] = []
            for _ in 0..<polygonCount {
                let ringCount = Int(try r.read(UInt64.self))
                var rings: [AreaRing] = []
                for _ in 0..<ringCount { rings.append(AreaRing(lon: try r.readArray(), lat: try r.readArray())) }
                polygons.append(AreaPolygon(rings: rings))
            }
            let area = Double(bitPattern: try r.read(UInt64.self))
            let cellArea = Double(bitPattern: try r.read(UInt64.self))
            let cells = Int(try r.read(UInt64.self))
            let population = Double(bitPattern: try r.read(UInt64.self))
            let text = String(decoding: try r.readArray(of: UInt8.self), as: UTF8.self)
            let parts = text.components(separatedBy: "\n")
            guard parts.count == 2 else { throw GapGeometryError("bad gap cache entry") }
            func list(_ s: String) -> [String] { s.isEmpty ? [] : s.components(separatedBy: "\t") }
            return GapMap(item: item,
                          polygons: GapPolygons(polygons: polygons, metricPolygons: [], areaSquareMetres: area,
                                                cellAreaSquareMetres: cellArea, repaired: false),
                          cells: cells, modes: list(parts[0]), subdistricts: list(parts[1]),
                          population: population.isNaN ? nil : population)
        }
    }

    static func store(_ cache: EntryFolder, key: String, _ map: GapMap) throws {
        var w = BinaryWriter()
        w.write(UInt64(map.polygons.polygons.count))
        for polygon in map.polygons.polygons {
            w.write(UInt64(polygon.rings.count))
            for ring in polygon.rings {
                w.write(array: ring.lon)
                w.write(array: ring.lat)
            }
        }
        w.write(map.polygons.areaSquareMetres.bitPattern)
        w.write(map.polygons.cellAreaSquareMetres.bitPattern)
        w.write(UInt64(map.cells))
        w.write((map.population ?? .nan).bitPattern)
        w.write(array: Array((map.modes.joined(separator: "\t") + "\n" + map.subdistricts.joined(separator: "\t")).utf8))
        try cache.storePayload(w.data, key: key, suffix: "gap")
    }
}
