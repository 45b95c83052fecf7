import CircleCatalog
import CircleGeo
import CircleGIS
import CircleGraph
import CircleSupport
import Foundation

/// The origins as read and resolved against the catalog (``OriginReader``), kept in the search
/// cache (`KEY.origins`): a cached rerun or a scenario with the same origins reads them back
/// instead of parsing the file and resolving every origin again (50,000 origins: about 45 ms of
/// a scenario's first stages, against about 10 ms to read them back).
///
/// KEY is a SHA-256 of the origins file (its name and layer as given, and the content of every
/// file it is read from), the areas file's content when areas are given (an origin's subdistrict
/// and class may come from them), `--crs` and `--encoding`, and the catalog's area classes and
/// subdistricts (what an origin resolves against), with the tool's version. A file that fails to
/// read stores nothing: its error comes from reading it, every run. A damaged or foreign entry
/// reads as absent.
///
/// The payload: the count, then each origin's population (with a flag for none), longitude and
/// latitude, and its eight text fields as numbers into one table of the distinct texts (ids and
/// names are mostly distinct; kinds, classes, subdistricts and modes repeat).
enum OriginCache {
    static let suffix = "origins"

    /// The entry's key; nil when an input file cannot be hashed (then origins are read as usual).
    static func key(_ options: AnalysisOptions, catalog: Catalog) -> String? {
        var d = RowDigester()
        d.add("origins-v1")   // bumped with any change to what OriginReader gives for the same inputs
        d.add(circleVersion)
        d.add(options.origins)
        do {
            for file in InputFiles.files(of: options.origins) { d.add(try sha256Hex(ofFileAt: file)) }
            d.add(options.areas ?? "")
            if let areas = options.areas { for file in InputFiles.files(of: areas) { d.add(try sha256Hex(ofFileAt: file)) } }
        } catch {
            return nil
        }
        d.add(options.crs ?? "")
        d.add(options.encoding ?? "")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let classes = try? encoder.encode(catalog.areaClasses),
              let subdistricts = try? encoder.encode(catalog.subdistricts) else { return nil }
        d.add(String(decoding: classes, as: UTF8.self))
        d.add(String(decoding: subdistricts, as: UTF8.self))
        return d.sha256Hex()
    }

    /// Each origin's text fields, in the order stored.
    static func texts(_ o: Origin) -> [String] {
        [o.id, o.name, o.kind.rawValue, o.areaClass, o.areaClassSource, o.subdistrict, o.mode.rawValue, o.location]
    }

    static let fieldCount = 8

    static func store(_ folder: EntryFolder, key: String, _ origins: [Origin]) throws {
        var table: [String] = [], index: [String: UInt32] = [:]
        var refs: [UInt32] = []
        refs.reserveCapacity(origins.count * fieldCount)
        for o in origins {
            for text in texts(o) {
                if let k = index[text] { refs.append(k); continue }
                index[text] = UInt32(table.count)
                refs.append(UInt32(table.count))
                table.append(text)
            }
        }
        var bytes: [UInt8] = [], ends: [UInt32] = []
        for text in table {
            bytes += Array(text.utf8)
            ends.append(UInt32(bytes.count))
        }
        var w = BinaryWriter()
        w.write(UInt64(origins.count))
        w.write(array: origins.map { $0.population == nil ? UInt8(0) : 1 })
        w.write(array: origins.map { $0.population ?? 0 })
        w.write(array: origins.map(\.lon))
        w.write(array: origins.map(\.lat))
        w.write(array: ends)
        w.write(array: bytes)
        w.write(array: refs)
        try folder.storePayload(w.data, key: key, suffix: suffix)
    }

    struct DamagedEntry: Error {}

    static func load(_ folder: EntryFolder, key: String) -> [Origin]? {
        folder.loadPayload(key, suffix: suffix) { r -> [Origin] in
            let count = Int(try r.read(UInt64.self))
            let hasPopulation: [UInt8] = try r.readArray(), population: [Double] = try r.readArray()
            let lon: [Double] = try r.readArray(), lat: [Double] = try r.readArray()
            let ends: [UInt32] = try r.readArray(), bytes: [UInt8] = try r.readArray(), refs: [UInt32] = try r.readArray()
            guard [hasPopulation.count, population.count, lon.count, lat.count].allSatisfy({ $0 == count }),
                  refs.count == count * fieldCount, zip(ends, ends.dropFirst()).allSatisfy({ $0 <= $1 }),
                  Int(ends.last ?? 0) == bytes.count else { throw DamagedEntry() }
            let table = bytes.withUnsafeBufferPointer { b in
                ends.indices.map { k in
                    String(decoding: UnsafeBufferPointer(rebasing: b[Int(k == 0 ? 0 : ends[k - 1])..<Int(ends[k])]), as: UTF8.self)
                }
            }
            guard refs.allSatisfy({ Int($0) < table.count }) else { throw DamagedEntry() }
            // Kinds and modes by their text's number (a handful of distinct ones), not parsed per origin.
            var kinds: [UInt32: OriginKind] = [:], modes: [UInt32: TravelMode] = [:]
            func kind(_ ref: UInt32) -> OriginKind? {
                if let k = kinds[ref] { return k }
                kinds[ref] = OriginKind(rawValue: table[Int(ref)])
                return kinds[ref]
            }
            func mode(_ ref: UInt32) -> TravelMode? {
                if let m = modes[ref] { return m }
                modes[ref] = TravelMode(rawValue: table[Int(ref)])
                return modes[ref]
            }
            return try (0..<count).map { o in
                let f = o * fieldCount
                func text(_ k: Int) -> String { table[Int(refs[f + k])] }
                guard let kind = kind(refs[f + 2]), let mode = mode(refs[f + 6]) else { throw DamagedEntry() }
                return Origin(id: text(0), name: text(1), kind: kind, areaClass: text(3), areaClassSource: text(4),
                              subdistrict: text(5), population: hasPopulation[o] == 0 ? nil : population[o], lon: lon[o],
                              lat: lat[o], mode: mode, location: text(7))
            }
        }
    }
}

extension AnalysisRun {
    /// The origins: from the cache (``OriginCache``) when it holds them for these inputs, else
    /// read (``OriginReader``) and stored there.
    static func readOrigins(_ options: AnalysisOptions, catalog: Catalog, areas: AreaPolygons?, crs: CoordinateSystem?,
                            cache: EntryFolder?) throws -> [Origin] {
        let key = cache == nil ? nil : OriginCache.key(options, catalog: catalog)
        if let cache, let key, let stored = OriginCache.load(cache, key: key) { return stored }
        let origins = try OriginReader.read(path: options.origins, catalog: catalog, areas: areas, crs: crs,
                                            encoding: options.encoding)
        if let cache, let key { try? OriginCache.store(cache, key: key, origins) }
        return origins
    }
}
