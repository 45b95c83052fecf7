import CircleCatalog
import CircleGeo
import CircleSupport
import Foundation

/// Writes the gap maps and the origins as RFC 7946 GeoJSON: `gaps/ITEM.geojson` per item,
/// `gaps.geojson` with every item, and `origins.geojson` (SPEC §7–8).
enum GapExport {
    /// Writes the gap maps and origins.geojson. The gap features and slices of the origins are
    /// formatted concurrently; the files are the same as formatted in one piece.
    static func write(maps: [GapMap], run: RunTables, study: GapStudy, to output: OutputFolder) throws {
        let slices = RunTables.slices(run.origins.count, parts: 8)
        let parts = ResultSlots<Result<[GeoJSONWriter], Error>>(count: slices.count + 1)
        DispatchQueue.concurrentPerform(iterations: slices.count + 1) { k in
            parts.store(k, Result {
                k == 0 ? try gapWriters(maps, cellSize: study.grid.size) : [try origins(run, slices[k - 1])]
            })
        }
        let built = try parts.values.map { try $0!.get() }
        var all = GeoJSONWriter()
        for (map, one) in zip(maps, built[0]) {
            all.append(contentsOf: one)
            try output.write(one.data, to: "gaps/\(map.item.id).geojson")
        }
        try output.write(all.data, to: "gaps.geojson")
        try output.write(GeoJSONWriter.data(joining: built.dropFirst().map { $0[0] }), to: "origins.geojson")
    }

    /// One collection per gap map, in order.
    static func gapWriters(_ maps: [GapMap], cellSize: Double) throws -> [GeoJSONWriter] {
        try maps.map { map in
            var one = GeoJSONWriter()
            try one.addPolygons(map.polygons.polygons, properties: properties(map, cellSize: cellSize))
            return one
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
            "modes": .array(map.modes.map { .string($0) }), "area_m2": .number(map.polygons.areaSquareMetres.rounded()),
            "cells": .int(map.cells), "cell_m": .number(cellSize),
            "subdistricts": .array(map.subdistricts.map { .string($0) }),
            "population": map.population.map { .number($0) } ?? .null,
        ]
    }

    /// One point per origin in `range`: who it is, how it snapped, its score and which items it covers and misses.
    /// Properties are listed in sorted key order, as a dictionary of them would be written.
    static func origins(_ run: RunTables, _ range: Range<Int>) throws -> GeoJSONWriter {
        var writer = GeoJSONWriter()
        let ids = run.items.map { JSONValue.string($0.id) }
        for o in range {
            let origin = run.origins[o]
            let s = run.scores[o]
            var covered: [JSONValue] = [], missing: [JSONValue] = []
            for i in ids.indices {
                if s.covered[i] == true { covered.append(ids[i]) } else if s.covered[i] == false { missing.append(ids[i]) }
            }
            try writer.addPoint(lon: origin.lon, lat: origin.lat, orderedProperties: [
                "area_class": .string(origin.areaClass),
                "basic_score": .number((s.basicScore * 10_000).rounded() / 10_000),
                "covered": .array(covered),
                "id": .string(origin.id),
                "kind": .string(origin.kind.rawValue),
                "missing": .array(missing),
                "missing_basic": .array(s.missingBasic.map { ids[$0] }),
                "mode": .string(origin.mode.rawValue),
                "name": .string(origin.name),
                "population": origin.population.map { .number($0) } ?? .null,
                "snap_status": .string(run.snaps[o].status.rawValue),
                "subdistrict": .string(origin.subdistrict),
            ])
        }
        return writer
    }
}
