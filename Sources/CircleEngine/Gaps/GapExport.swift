import CircleCatalog
import CircleGeo
import CircleSupport
import Foundation

/// Writes the gap maps and the origins as RFC 7946 GeoJSON: `gaps/ITEM.geojson` per item,
/// `gaps.geojson` with every item, and `origins.geojson` (SPEC §7–8).
enum GapExport {
    /// Writes the gap maps and origins.geojson of a run without `--cache` (with it, ``EarlyWrites``
    /// writes them from the bytes the cache keeps). The gap features and origins.geojson (in slices
    /// of origins) are made concurrently; the files are the same as formatted in one piece.
    static func write(maps: [GapMap], run: RunTables, study: GapStudy, to output: OutputFolder) throws {
        let gapFeatures = ResultSlots<Result<[[UInt8]], Error>>(count: 1)
        let origins = ResultSlots<Result<MadeFile, Error>>(count: 1)
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                gapFeatures.store(0, Result { try features(maps, cellSize: study.grid.size, reuse: nil) })
            } else {
                origins.store(0, Result { try RowMemo.make(originsFile(run), reuse: nil) })
            }
        }
        try writeFeatures(maps, try gapFeatures.values[0]!.get(), to: output)
        let made = try origins.values[0]!.get()
        try output.write(parts: made.parts, to: made.name)
    }

    /// gaps/ITEM.geojson of each map and gaps.geojson with them all, from each map's feature bytes.
    static func writeFeatures(_ maps: [GapMap], _ gapBytes: [[UInt8]], to output: OutputFolder) throws {
        let start = Piece(GeoJSONWriter.collectionStart), end = Piece(GeoJSONWriter.collectionEnd)
        var all: [Piece] = [start]
        for (k, (map, feature)) in zip(maps, gapBytes).enumerated() {
            if k > 0 { all.append(Piece([UInt8(ascii: ",")])) }
            all.append(Piece(feature))
            try output.write(parts: [start, Piece(feature), end], to: "gaps/\(map.item.id).geojson")
        }
        try output.write(parts: all + [end], to: "gaps.geojson")
    }

    /// Each gap map's feature (its polygons with ``properties(_:cellSize:)``), in order: with
    /// `reuse`, stored ones read and the others formatted (and stored).
    static func features(_ maps: [GapMap], cellSize: Double, reuse: OutputReuse?) throws -> [[UInt8]] {
        try maps.map { map in
            let key = reuse.map { _ in GapFeatureCache.key(map, cellSize: cellSize) }
            if let reuse, let key, let stored = GapFeatureCache.load(reuse.cache, key: key) { return stored }
            var one = GeoJSONWriter()
            try one.addPolygons(map.polygons.polygons, properties: properties(map, cellSize: cellSize))
            if let reuse, let key { try? GapFeatureCache.store(reuse.cache, key: key, one.features) }
            return one.features
        }
    }

    /// `isochrones.geojson`: each origin's reachable area within the reach, by its mode.
    static func writeIsochrones(_ shapes: [GapPolygons], origins: [Origin], reachMinutes: Double,
                                to output: OutputFolder) throws {
        var writer = GeoJSONWriter()
        for (o, shape) in shapes.enumerated() {
            try writer.addPolygons(shape.polygons, properties: [
                "id": .string(origins[o].id), "name": .string(origins[o].name), "mode": .string(origins[o].mode.rawValue),
                "reach_minutes": .number(reachMinutes), "area_m2": .number(shape.areaSquareMetres.rounded()),
            ])
        }
        try output.write(writer.data, to: "isochrones.geojson")
    }

    static func properties(_ map: GapMap, cellSize: Double) -> [String: JSONValue] {
        [
            "item": .string(map.item.id), "name_zh": .string(map.item.nameZh), "name_en": .string(map.item.nameEn),
            "domain": .string(map.item.domain), "reach_minutes": .number(map.item.reachMinutes),
            // Lists are joined into one string (";"), so every GIS format (Shapefile too) takes them.
            "modes": .string(map.modes.joined(separator: ";")),
            // The gap's area within the study area (its cells), and its simplified polygons' area.
            "area_m2": .number((Double(map.cells) * cellSize * cellSize).rounded()),
            "polygon_area_m2": .number(map.polygons.areaSquareMetres.rounded()),
            "cells": .int(map.cells), "cell_m": .number(cellSize),
            "subdistricts": .string(map.subdistricts.joined(separator: ";")),
            "population": map.population.map { .number($0) } ?? .null,
        ]
    }

    /// origins.geojson: one feature per origin (``origins(_:_:)``).
    static func originsFile(_ run: RunTables) -> RowFile {
        RowFile(name: "origins.geojson", prefix: GeoJSONWriter.collectionStart, suffix: GeoJSONWriter.collectionEnd,
                separator: [UInt8(ascii: ",")], count: run.origins.count, format: { try origins(run, $0) })
    }

    /// One point per origin in `ranges`: who it is, how it snapped, its score and which items it
    /// covers and misses (item ids joined with ";", no list-typed properties), each feature ending
    /// at its entry of `ends`.
    /// Properties are written in sorted key order, as a dictionary of them would be written.
    static func origins(_ run: RunTables, _ ranges: [Range<Int>]) throws -> FormattedRows {
        var writer = GeoJSONWriter()
        var ends: [Int] = []
        let ids = JSONStringParts(run.items.map(\.id))
        let k = OriginKeys.self
        for o in ranges.joined() {
            let origin = run.origins[o]
            let s = run.scores[o]
            try writer.addPoint(lon: origin.lon, lat: origin.lat) { p in
                p.add(k.areaClass, string: origin.areaClass)
                p.add(k.basicScore, number: (s.basicScore * 10_000).rounded() / 10_000)
                p.add(k.covered, string: ids.joined { s.covered[$0] == true })
                p.add(k.id, string: origin.id)
                p.add(k.kind, string: origin.kind.rawValue)
                p.add(k.missing, string: ids.joined { s.covered[$0] == false })
                p.add(k.missingBasic, string: ids.joined(s.missingBasic))
                p.add(k.mode, string: origin.mode.rawValue)
                p.add(k.name, string: origin.name)
                p.add(k.population, number: origin.population)
                p.add(k.snapStatus, string: run.snaps[o].status.rawValue)
                p.add(k.subdistrict, string: origin.subdistrict)
            }
            ends.append(writer.features.count)
        }
        return FormattedRows(bytes: writer.features, ends: ends)
    }

    /// The reuse of origins.geojson's features: every input of ``origins(_:_:)`` (each row's in
    /// `shared`, its scores made from them and the scored items).
    static func originsReuse(_ run: RunTables, _ reuse: OutputReuse, _ shared: OriginRowDigests) -> RowReuse {
        reuse.originRows("origins.geojson", shared) { d in
            d.add(run.items.count)
            for item in run.items { d.add(item.id) }
        }
    }

    /// The keys of an origin's properties, in the (sorted) order they are written.
    enum OriginKeys {
        static let areaClass = JSONKey("area_class"), basicScore = JSONKey("basic_score"), covered = JSONKey("covered")
        static let id = JSONKey("id"), kind = JSONKey("kind"), missing = JSONKey("missing")
        static let missingBasic = JSONKey("missing_basic"), mode = JSONKey("mode"), name = JSONKey("name")
        static let population = JSONKey("population"), snapStatus = JSONKey("snap_status")
        static let subdistrict = JSONKey("subdistrict")
    }
}
