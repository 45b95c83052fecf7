import CircleCoverage
import CircleGeo
import CircleGraph
import CircleSupport
import Foundation

/// The gap-map grid with its territories, each cell's snap, the digest of the cells' snaps per
/// mode (for the unit keys) and the origins' snaps, kept in the search cache: they depend only on
/// the network, the origins' positions and modes, the areas, the cell size and the snapping
/// parameters — not on any facility — so a rerun after facilities changed (the nightly case)
/// skips laying out the grid and snapping cells and origins.
enum StudyCache {
    /// The study's key: a SHA-256 of everything above.
    static func key(context: String, origins: [Origin], areasSHA256: String?, cellSize: Double, access: Double,
                    mask: String) -> String {
        var w = BinaryWriter()
        w.write(bytes: Array("study-v3|\(context)|\(areasSHA256 ?? "-")|\(cellSize)|\(access)|\(mask)".utf8))
        w.write(array: origins.flatMap { [$0.lon.bitPattern, $0.lat.bitPattern] })
        w.write(array: origins.map { UInt8($0.mode == .walk ? 0 : 1) })
        return SHA256.hex(w.data.withUnsafeBytes { SHA256.hash($0) })
    }

    /// What a study entry holds.
    struct Entry {
        var study: GapStudy
        var cellSnaps: [SnappedPoint?]
        var cellDigests: [TravelMode: [UInt8]]
        var originSnaps: [Snap]
    }

    static func load(_ folder: EntryFolder, key: String) -> Entry? {
        folder.loadPayload(key, suffix: "study") { r -> Entry in
            let crs = String(decoding: try r.readArray(of: UInt8.self), as: UTF8.self)
            let minX = Double(bitPattern: try r.read(UInt64.self)), minY = Double(bitPattern: try r.read(UInt64.self))
            let size = Double(bitPattern: try r.read(UInt64.self))
            let grid = try CellGrid(minX: minX, minY: minY, size: size, columns: Int(try r.read(Int64.self)),
                                    rows: Int(try r.read(Int64.self)))
            let cells = try r.readArray(of: Int64.self).map(Int.init)
            let lon: [Double] = try r.readArray(), lat: [Double] = try r.readArray()
            let territory = try r.readArray(of: Int64.self).map(Int.init)
            let originCell = try r.readArray(of: Int64.self).map { $0 < 0 ? nil : Int($0) }
            let edge: [UInt32] = try r.readArray(), offset: [UInt32] = try r.readArray(), access: [UInt32] = try r.readArray()
            guard lon.count == cells.count, lat.count == cells.count, territory.count == cells.count,
                  edge.count == cells.count, offset.count == cells.count, access.count == cells.count,
                  cells.allSatisfy({ $0 >= 0 && $0 < grid.count }) else { throw GapGeometryError("bad study cache entry") }
            let snaps = cells.indices.map { k in
                edge[k] == .max ? nil : SnappedPoint(edge: edge[k], offset: offset[k], access: access[k])
            }
            var digests: [TravelMode: [UInt8]] = [:]
            for mode in TravelMode.allCases { digests[mode] = try r.readArray(of: UInt8.self) }
            let origins = try readSnaps(&r)
            guard originCell.count == origins.count else { throw GapGeometryError("bad study cache entry") }
            let accessM = Double(bitPattern: try r.read(UInt64.self))
            let mask = String(decoding: try r.readArray(of: UInt8.self), as: UTF8.self)
            let clipped = try r.read(UInt8.self) != 0
            return Entry(study: GapStudy(metricCRS: crs, grid: grid, cells: cells, lon: lon, lat: lat, territory: territory,
                                         originCell: originCell, access: accessM, mask: mask, clippedByAreas: clipped),
                         cellSnaps: snaps, cellDigests: digests, originSnaps: origins)
        }
    }

    static func store(_ folder: EntryFolder, key: String, _ entry: Entry) throws {
        let study = entry.study, snaps = entry.cellSnaps
        var w = BinaryWriter()
        w.write(array: Array(study.metricCRS.utf8))
        w.write(study.grid.minX.bitPattern)
        w.write(study.grid.minY.bitPattern)
        w.write(study.grid.size.bitPattern)
        w.write(Int64(study.grid.columns))
        w.write(Int64(study.grid.rows))
        w.write(array: study.cells.map(Int64.init))
        w.write(array: study.lon)
        w.write(array: study.lat)
        w.write(array: study.territory.map(Int64.init))
        w.write(array: study.originCell.map { Int64($0 ?? -1) })
        w.write(array: snaps.map { $0?.edge ?? .max })
        w.write(array: snaps.map { $0?.offset ?? .max })
        w.write(array: snaps.map { $0?.access ?? .max })
        for mode in TravelMode.allCases { w.write(array: entry.cellDigests[mode] ?? []) }
        writeSnaps(entry.originSnaps, into: &w)
        w.write(study.access.bitPattern)
        w.write(array: Array(study.mask.utf8))
        w.write(UInt8(study.clippedByAreas ? 1 : 0))
        try folder.storePayload(w.data, key: key, suffix: "study")
    }

    static let statuses: [Snap.Status] = [.snapped, .tooFar, .noEligibleEdge]

    static func writeSnaps(_ snaps: [Snap], into w: inout BinaryWriter) {
        w.write(array: snaps.map { UInt8(statuses.firstIndex(of: $0.status)!) })
        w.write(array: snaps.map(\.edge))
        w.write(array: snaps.map(\.segment))
        w.write(array: snaps.map(\.offset))
        w.write(array: snaps.map(\.accessDistance))
        w.write(array: snaps.map(\.lon))
        w.write(array: snaps.map(\.lat))
        w.write(array: snaps.map { $0.node ?? .max })
    }

    static func readSnaps(_ r: inout BinaryReader) throws -> [Snap] {
        let status: [UInt8] = try r.readArray(), edge: [UInt32] = try r.readArray(), segment: [UInt32] = try r.readArray()
        let offset: [Double] = try r.readArray(), access: [Double] = try r.readArray()
        let lon: [Double] = try r.readArray(), lat: [Double] = try r.readArray(), node: [UInt32] = try r.readArray()
        let n = status.count
        guard [edge.count, segment.count, offset.count, access.count, lon.count, lat.count, node.count].allSatisfy({ $0 == n }),
              status.allSatisfy({ Int($0) < statuses.count }) else { throw GapGeometryError("bad study cache entry") }
        return (0..<n).map { k in
            Snap(status: statuses[Int(status[k])], edge: edge[k], segment: segment[k], offset: offset[k],
                 accessDistance: access[k], lon: lon[k], lat: lat[k], node: node[k] == .max ? nil : node[k])
        }
    }
}
