@testable import CircleEngine
import CircleCatalog
import CircleGraph
import Foundation
import Testing

/// ``OriginCache``: origins read back are the origins stored, field by field; a damaged entry
/// reads as absent; the key changes with every input an origin is resolved from.
@Suite struct OriginCacheTests {
    /// Random origins: texts with commas, quotes, CJK and empty ones, repeated and distinct,
    /// populations present, absent and zero, any coordinates.
    static func randomOrigins(_ n: Int, seed: UInt64) -> [Origin] {
        var rng = OutputReuseTests.Seeded(state: seed)
        let pieces = ["", "a", "S1", "陆家嘴街道", "x,y", "\"q\"", "line 1", "Community 00001", "名字 with space", "🙂"]
        func text() -> String { (0..<Int(rng.next() % 3)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined() }
        return (0..<n).map { k in
            Origin(id: k % 7 == 0 ? text() : "id-\(k)", name: text(), kind: rng.next() % 2 == 0 ? .residential : .village,
                   areaClass: ["urban", "expansion", "remote"][Int(rng.next() % 3)], areaClassSource: ["attribute", "areas", "catalog"][Int(rng.next() % 3)],
                   subdistrict: text(), population: rng.next() % 4 == 0 ? nil : rng.next() % 5 == 0 ? 0 : Double(rng.next() % 100_000) / 7,
                   lon: Double(Int64(bitPattern: rng.next() % 3_600_000_000)) / 1e7 - 180, lat: Double(rng.next() % 1_800_000_000) / 1e7 - 90,
                   mode: rng.next() % 2 == 0 ? .walk : .cycle, location: k % 5 == 0 ? "feature \(k)" : "line \(k + 2)")
        }
    }

    @Test(arguments: [0, 1, 37, 2_000]) func originsReadBackAreTheOriginsStored(count: Int) throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = EntryFolder(dir, touchOnRead: true, durable: false)
        for seed in 1...5 as ClosedRange<UInt64> {
            let origins = Self.randomOrigins(count, seed: seed)
            try OriginCache.store(folder, key: "k\(seed)", origins)
            let back = try #require(OriginCache.load(folder, key: "k\(seed)"))
            #expect(back == origins)
            #expect(zip(back, origins).allSatisfy { $0.population?.bitPattern == $1.population?.bitPattern
                && $0.lon.bitPattern == $1.lon.bitPattern && $0.lat.bitPattern == $1.lat.bitPattern })
        }
    }

    @Test func aDamagedEntryReadsAsAbsent() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = EntryFolder(dir, touchOnRead: false, durable: false)
        try OriginCache.store(folder, key: "k", Self.randomOrigins(50, seed: 9))
        let path = folder.url("k", OriginCache.suffix).path
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[bytes.count / 2] ^= 0x40
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(OriginCache.load(folder, key: "k") == nil)
        // A forged entry with a matching checksum but a kind that is none: absent too.
        try OriginCache.store(folder, key: "k", Self.randomOrigins(50, seed: 9))
        try OutputReuseTests.forge(path) { payload in
            let from = Array("residential".utf8), to = Array("residentiaL".utf8)
            for start in 0...(payload.count - from.count) where Array(payload[start..<(start + from.count)]) == from {
                payload.replaceSubrange(start..<(start + from.count), with: to)
            }
        }
        #expect(OriginCache.load(folder, key: "k") == nil)
    }

    /// Every input an origin is resolved from changes the key: the file's content, its name, the
    /// areas' content, `--crs`, `--encoding`, the catalog's area classes and subdistricts.
    @Test func theKeyFollowsEveryInput() throws {
        let dir = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let origins = dir.appendingPathComponent("o.csv"), areas = dir.appendingPathComponent("a.geojson")
        try "id,name,kind,area_class,lon,lat\n1,A,village,remote,121.5,31.2\n".write(to: origins, atomically: true, encoding: .utf8)
        try #"{"type":"FeatureCollection","features":[]}"#.write(to: areas, atomically: true, encoding: .utf8)
        let catalog = try Catalog.resolve("pudong")
        let options = AnalysisOptions(network: "n.osm.pbf", origins: origins.path, facilities: [], out: dir.appendingPathComponent("out").path)
        let base = try #require(OriginCache.key(options, catalog: catalog))
        #expect(OriginCache.key(options, catalog: catalog) == base)
        var keys: [(String, String?)] = []
        var o = options; o.areas = areas.path
        keys.append(("areas", OriginCache.key(o, catalog: catalog)))
        o = options; o.crs = "EPSG:4326"
        keys.append(("crs", OriginCache.key(o, catalog: catalog)))
        o = options; o.encoding = "GB18030"
        keys.append(("encoding", OriginCache.key(o, catalog: catalog)))
        var other = catalog
        other.areaClasses[0].id += "-x"
        keys.append(("area classes", OriginCache.key(options, catalog: other)))
        other = catalog
        other.subdistricts.removeLast()
        keys.append(("subdistricts", OriginCache.key(options, catalog: other)))
        try "id,name,kind,area_class,lon,lat\n1,B,village,remote,121.5,31.2\n".write(to: origins, atomically: true, encoding: .utf8)
        keys.append(("content", OriginCache.key(options, catalog: catalog)))
        for (what, key) in keys { #expect(key != nil && key != base, "\(what)") }
        #expect(Set(keys.compactMap(\.1)).count == keys.count)
        // An areas file that cannot be read: no key (the origins are read as usual).
        o = options; o.areas = dir.appendingPathComponent("none.geojson").path
        #expect(OriginCache.key(o, catalog: catalog) == nil)
    }
}
