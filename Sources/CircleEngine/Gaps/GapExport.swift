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

    /// One point per origin in `range`: who it is, how it snapped, its score and which items it covers
    /// and misses (item ids joined with ";", no list-typed properties).
    /// Properties are written in sorted key order, as a dictionary of them would be written.
    static func origins(_ run: RunTables, _ range: Range<Int>) throws -> GeoJSONWriter {
        var writer = GeoJSONWriter()
        let ids = run.items.map { JSONString($0.id) }
        let k = OriginKeys.self
        for o in range {
            let origin = run.origins[o]
            let s = run.scores[o]
            try writer.addPoint(lon: origin.lon, lat: origin.lat) { p in
                p.add(k.areaClass, string: origin.areaClass)
                p.add(k.basicScore, number: (s.basicScore * 10_000).rounded() / 10_000)
                p.add(k.covered, string: ids.indices.filter { s.covered[$0] == true }.map { run.items[$0].id }.joined(separator: ";"))
                p.add(k.id, string: origin.id)
                p.add(k.kind, string: origin.kind.rawValue)
                p.add(k.missing, string: ids.indices.filter { s.covered[$0] == false }.map { run.items[$0].id }.joined(separator: ";"))
                p.add(k.missingBasic, string: s.missingBasic.map { run.items[$0].id }.joined(separator: ";"))
                p.add(k.mode, string: origin.mode.rawValue)
                p.add(k.name, string: origin.name)
                p.add(k.population, number: origin.population)
                p.add(k.snapStatus, string: run.snaps[o].status.rawValue)
                p.add(k.subdistrict, string: origin.subdistrict)
            }
        }
        return writer
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
