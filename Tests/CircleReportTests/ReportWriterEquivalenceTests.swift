@testable import CircleReport
import Foundation
import Testing

/// The report's map data, origin dots and JSON strings as the previous implementation wrote them
/// (kept here as the oracle: minutes read per origin, strings escaped byte by byte), against the
/// faster writer, on random models — with each origin's minutes, and with the model's table of
/// minute codes (``ReportMap/minuteCodes``) instead.
@Suite struct ReportWriterEquivalenceTests {
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
    }

    static let pieces = ["居委", "A", "<", ">", "&", "=", ":", "'", "/", "\"", "\\", "\u{2028}", "\u{2029}", "\n", "\u{1}",
                         "é", "村", "http://x", " ", "—", "⟲", "z"]

    static func text(_ r: inout Random) -> String {
        (0..<r.next(6)).map { _ in pieces[r.next(pieces.count)] }.joined()
    }

    static func minutes(_ r: inout Random) -> ReportMinutes {
        switch r.next(12) {
        case 0: return .unreachable
        case 1: return .notApplicable
        case 2: return .minutes([Double.nan, .infinity, -.infinity, -3, 62.5, 62.6, 1e9, 0][r.next(8)])
        default: return .minutes(Double(r.next(8000)) / 100)
        }
    }

    /// A model with random origins (some off the map, some with fewer or more minutes than items).
    static func model(seed: UInt64, table: Bool) -> ReportModel {
        var r = Random(state: seed)
        var m = SampleReport.model(r.next(2) == 0 ? .en : .zh)
        let n = m.items.count
        let count = r.next(120)
        var codes: [UInt8] = []
        m.map!.origins = (0..<count).map { k in
            let finite = r.next(15) != 0
            var o = ReportMapOrigin(id: "O\(k)" + text(&r), name: text(&r),
                                    position: finite ? ReportPosition(121.58 + Double(r.next(4000)) / 1e5, 31.2 + Double(r.next(4000)) / 1e5)
                                                     : ReportPosition(.nan, 31.2),
                                    basicScore: r.next(9) == 0 ? nil : Double(r.next(101)) / 100, missingCount: r.next(5),
                                    kind: ["residential", "village", "", "other"][r.next(4)], mode: ["walk", "cycle", "", "bus"][r.next(4)],
                                    subdistrict: ["陆家嘴街道", "书院镇", "", "Q&A"][r.next(4)])
            if r.next(4) == 0 { o.coordinates = text(&r) }
            let row = (0..<n).map { _ in minutes(&r) }
            codes += row.map(HTMLReport.minuteCode)
            o.minutes = table ? [] : r.next(10) == 0 ? Array(row.prefix(r.next(n + 1))) + (r.next(2) == 0 ? [.unreachable] : []) : row
            return o
        }
        if table { m.map!.minuteCodes = codes }
        m.map!.defaultItem = r.next(3) == 0 ? nil : m.items[r.next(n)].id
        return m
    }

    /// The previous implementation's map data and dots for `model`.
    static func oracle(_ model: ReportModel) -> (dots: String, data: String)? {
        let c = ReportContext(model: model, options: HTMLReport.Options())
        guard let map = model.map, let projection = MapProjection(positions: HTMLReport.allPositions(map), width: 10_000) else { return nil }
        let drawn = map.origins.filter { $0.position.lon.isFinite && $0.position.lat.isFinite }
        let item = model.items.indices.first { model.items[$0].id == map.defaultItem }
        return (OldMap.originDots(drawn, projection, c, item: item), OldMap.mapData(map, drawn, projection, c, selected: item, height: 777))
    }

    static func current(_ model: ReportModel) -> (dots: String, data: String)? {
        let c = ReportContext(model: model, options: HTMLReport.Options())
        guard let map = model.map, let projection = HTMLReport.mapProjection(map, width: 10_000) else { return nil }
        let finite = { (o: ReportMapOrigin) in o.position.lon.isFinite && o.position.lat.isFinite }
        let index: [Int]? = map.origins.allSatisfy(finite) ? nil : map.origins.indices.filter { finite(map.origins[$0]) }
        let drawn = map.origins.filter(finite)
        let rows = MinuteRows(map, drawn: drawn, index: index, width: model.items.count)
        let item = model.items.indices.first { model.items[$0].id == map.defaultItem }
        return (HTMLReport.originDots(drawn, rows, projection, c, item: item),
                HTMLReport.mapData(map, drawn, rows, projection, c, selected: item, height: 777))
    }

    @Test func mapDataAndDotsEqualThePreviousWriters() throws {
        for seed in UInt64(1)...60 {
            let model = Self.model(seed: seed, table: false)
            let old = try #require(Self.oracle(model)), new = try #require(Self.current(model))
            #expect(old.dots == new.dots, "seed \(seed)")
            #expect(old.data == new.data, "seed \(seed)")
        }
    }

    @Test func aTableOfMinuteCodesRendersAsEveryOriginsMinutes() throws {
        for seed in UInt64(100)...140 {
            var perOrigin = Self.model(seed: seed, table: true)
            let table = try #require(perOrigin.map?.minuteCodes)
            #expect(perOrigin.map!.origins.allSatisfy { $0.minutes.isEmpty })
            // The same model with each origin's minutes (decoded from the codes) and no table.
            let n = perOrigin.items.count
            for k in perOrigin.map!.origins.indices {
                perOrigin.map!.origins[k].minutes = (0..<n).map { i in
                    let code = table[k * n + i]
                    return code == 253 ? .notApplicable : code == 252 ? .unreachable : .minutes(Double(code) / 4)
                }
            }
            perOrigin.map!.minuteCodes = nil
            let withTable = Self.model(seed: seed, table: true)
            #expect(HTMLReport.render(withTable) == HTMLReport.render(perOrigin), "seed \(seed)")
            // A table of the wrong size is not read: each origin's (empty) minutes are.
            var wrong = withTable
            wrong.map!.minuteCodes = [1, 2, 3]
            var none = withTable
            none.map!.minuteCodes = nil
            #expect(HTMLReport.render(wrong) == HTMLReport.render(none))
        }
    }

    /// The origins' part of the map data made ahead (``ReportMap/originData``) renders the page
    /// the report makes itself, byte for byte: random origins (some off the map), with a table of
    /// minute codes and with each origin's minutes.
    @Test func originDataMadeAheadRendersTheSamePage() throws {
        for seed in UInt64(300)...340 {
            let plain = Self.model(seed: seed, table: seed % 2 == 0)
            var ahead = plain
            ahead.map!.originData = HTMLReport.originData(plain.map!, items: plain.items.count)
            #expect(!ahead.map!.originData!.isEmpty)
            #expect(HTMLReport.render(ahead) == HTMLReport.render(plain), "seed \(seed)")
            // Data made for other origins shows: the page reads it, not the origins again.
            var stale = ahead
            stale.map!.originData = HTMLReport.originData(Self.model(seed: seed + 1000, table: true).map!, items: plain.items.count)
            if stale.map!.originData != ahead.map!.originData { #expect(HTMLReport.render(stale) != HTMLReport.render(plain)) }
        }
    }

    /// A layer cache in memory, counting what it is asked.
    final class MemoryLayers: MapLayerCache, @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String: String] = [:]
        private(set) var hits = 0
        func layer(_ key: String) -> String? {
            lock.lock(); defer { lock.unlock() }
            if let s = stored[key] { hits += 1; return s }
            return nil
        }
        func store(_ key: String, _ layer: String) {
            lock.lock(); defer { lock.unlock() }
            stored[key] = layer
        }
        var count: Int { lock.lock(); defer { lock.unlock() }; return stored.count }
    }

    /// Gap layers kept in the layer cache render the page drawn without one; a changed polygon (a
    /// scenario's item) is drawn again, the others come from the cache.
    @Test func cachedGapLayersRenderTheSamePage() throws {
        for seed in UInt64(400)...420 {
            var r = Random(state: seed)
            var model = Self.model(seed: seed, table: true)
            model.map!.gaps = [:]
            for item in model.items where r.next(3) != 0 {
                model.map!.gaps[item.id] = (0..<(1 + r.next(3))).map { _ in
                    let lon = 121.58 + Double(r.next(4000)) / 1e5, lat = 31.2 + Double(r.next(4000)) / 1e5, d = 0.001 + Double(r.next(50)) / 1e4
                    return [[ReportPosition(lon, lat), ReportPosition(lon + d, lat), ReportPosition(lon + d, lat + d),
                             ReportPosition(lon, lat + d), ReportPosition(lon, lat)]]
                }
            }
            // An outline around everything: the frame stays when a gap moves.
            model.map!.boundaries = [[ReportPosition(121.0, 30.5), ReportPosition(122.5, 30.5), ReportPosition(122.5, 32.0),
                                      ReportPosition(121.0, 32.0), ReportPosition(121.0, 30.5)]]
            let ids = model.map!.gaps.keys.sorted()
            guard let first = ids.first else { continue }
            model.map!.defaultItem = first
            let layers = MemoryLayers()
            let plain = HTMLReport.render(model)
            #expect(HTMLReport.render(model, layers: layers) == plain, "seed \(seed), cache empty")
            #expect(layers.count == ids.count)
            #expect(HTMLReport.render(model, layers: layers) == plain, "seed \(seed), from the cache")
            #expect(layers.hits == ids.count)
            // One item's polygons moved (inside the frame): that layer is drawn anew, the others read.
            var changed = model
            let last = ids.last!
            changed.map!.gaps[last] = changed.map!.gaps[last]!.map { $0.map { $0.map { ReportPosition($0.lon + 0.0005, $0.lat) } } }
            #expect(HTMLReport.render(changed, layers: layers) == HTMLReport.render(changed), "seed \(seed), one item changed")
            #expect(layers.count == ids.count + 1)
        }
    }

    @Test func aTableOfNetworkLinesRendersAsTheLines() throws {
        for seed in UInt64(200)...230 {
            var r = Random(state: seed)
            var lines = Self.model(seed: seed, table: true)
            lines.map!.network = (0..<r.next(40)).map { _ in
                (0..<r.next(8)).map { _ in
                    r.next(30) == 0 ? ReportPosition(.infinity, 31.2)
                        : ReportPosition(121.58 + Double(r.next(4000)) / 1e5, 31.2 + Double(r.next(4000)) / 1e5)
                }
            }
            var table = lines
            table.map!.networkLines = ReportPolylines(lines.map!.network)
            table.map!.network = []
            #expect(HTMLReport.render(table) == HTMLReport.render(lines), "seed \(seed)")
            let bits = { (m: ReportMap) in HTMLReport.allPositions(m).map { [$0.lon.bitPattern, $0.lat.bitPattern] } }
            #expect(bits(table.map!) == bits(lines.map!))
            let t = try #require(table.map!.networkLines)
            #expect((0..<t.count).map(t.line) == lines.map!.network)
        }
        #expect(ReportPolylines(lon: [1, 2], lat: [3, 4], starts: [0, 2]) != nil)
        #expect(ReportPolylines(lon: [1, 2], lat: [3, 4], starts: [0, 3]) == nil)
        #expect(ReportPolylines(lon: [1, 2], lat: [3], starts: [0, 2]) == nil)
        #expect(ReportPolylines(lon: [1, 2], lat: [3, 4], starts: [0, 2, 1, 2]) == nil)
    }

    @Test func minuteClassOfACodeIsTheClassOfItsMinutes() {
        var r = Random(state: 5)
        for _ in 0..<5000 {
            let m = Self.minutes(&r), reach = [15.0, 10, 5, 30, 7.5][r.next(5)]
            #expect(HTMLReport.minuteClass(m, reach: reach) == OldMap.oldMinuteClass(m, reach: reach))
            #expect(HTMLReport.minuteClass(code: HTMLReport.minuteCode(m), reach: reach) == OldMap.oldMinuteClass(m, reach: reach))
        }
    }

    @Test func quotedStringsEqualTheByteByByteEscaping() {
        var r = Random(state: 9)
        for _ in 0..<3000 {
            let s = Self.text(&r) + Self.text(&r)
            #expect(JSONText.quoted(s) == OldMap.quoted(s), "\(s.debugDescription)")
        }
        #expect(JSONText.quoted("a\u{2028}b</c>") == "\"a\\u2028b\\u003c\\u002fc\\u003e\"")
    }
}

/// The previous writers, verbatim but for names (the oracle of ``ReportWriterEquivalenceTests``).
enum OldMap {
    static func oldMinuteClass(_ m: ReportMinutes, reach: Double) -> Int {
        switch m {
        case .notApplicable: return 0
        case .unreachable: return 4
        case .minutes(let v):
            let q = Double(HTMLReport.minuteCode(m)) / 4   // as the script sees it
            let v = v.isFinite ? q : .infinity
            return v <= reach * 2 / 3 ? 1 : v <= reach ? 2 : v <= reach * 4 / 3 ? 3 : 4
        }
    }

    static func quoted(_ s: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        func escape(_ value: UInt32) {
            let digits = Array("0123456789abcdef".utf8)
            out += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
            for shift in stride(from: 12, through: 0, by: -4) { out.append(digits[Int((value >> UInt32(shift)) & 0xF)]) }
        }
        let utf8 = Array(s.utf8)
        var k = 0
        while k < utf8.count {
            let b = utf8[k]
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), b]
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "="), UInt8(ascii: ":"),
                 UInt8(ascii: "'"), UInt8(ascii: "/"), 0..<0x20:
                escape(UInt32(b))
            case 0xE2 where k + 2 < utf8.count && utf8[k + 1] == 0x80 && (utf8[k + 2] == 0xA8 || utf8[k + 2] == 0xA9):
                escape(utf8[k + 2] == 0xA8 ? 0x2028 : 0x2029)
                k += 2
            default: out.append(b)
            }
            k += 1
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    static func originDots(_ origins: [ReportMapOrigin], _ projection: MapProjection, _ c: ReportContext, item: Int?) -> String {
        let r = HTMLReport.originRadius(origins.count, c)
        var h = Array("<g class=\"origins\">\n".utf8)
        var radius: [UInt8] = []
        Format.appendDecimal(r, to: &radius)
        let reach = item.map { c.model.items[$0].reachMinutes } ?? c.model.headline.reachMinutes
        for o in origins {
            let p = projection.project(o.position)
            h.append(contentsOf: "<circle cx=\"".utf8)
            Format.appendDecimal(p.x, to: &h)
            h.append(contentsOf: "\" cy=\"".utf8)
            Format.appendDecimal(p.y, to: &h)
            h.append(contentsOf: "\" r=\"".utf8)
            h.append(contentsOf: radius)
            if let item, item < o.minutes.count {
                h.append(contentsOf: "\" class=\"m".utf8)
                Format.appendDecimal(oldMinuteClass(o.minutes[item], reach: reach), to: &h)
            } else {
                h.append(contentsOf: "\" fill=\"".utf8)
                h.append(contentsOf: ScoreColor.hex(o.basicScore).utf8)
            }
            h.append(contentsOf: "\"/>".utf8)
        }
        h.append(contentsOf: "\n</g>\n".utf8)
        return String(decoding: h, as: UTF8.self)
    }
    static func mapData(_ map: ReportMap, _ origins: [ReportMapOrigin], _ projection: MapProjection, _ c: ReportContext,
                        selected: Int?, height: Int) -> String {
        let l = c.labels
        var j = JSONText()
        j.open("{")
        j.key("items"); j.open("[")
        for (index, item) in c.model.items.enumerated() {
            j.open("{")
            j.key("id"); j.string(item.id)
            j.key("name"); j.string(c.name(item))
            j.key("reach"); j.number(item.reachMinutes)
            j.key("basic"); j.bool(item.isBasic)
            j.key("nodata"); j.bool(c.noData(item))
            if let gaps = map.gaps[item.id], !gaps.isEmpty {
                j.key("area"); j.number((HTMLReport.gapAreaKm2(gaps) * 100).rounded() / 100)
                if let residents = map.gapResidents[item.id] { j.key("res"); j.number(residents.rounded()) }
                let missing = origins.filter { o in
                    index < o.minutes.count && oldMinuteClass(o.minutes[index], reach: item.reachMinutes) >= 3
                }.count
                j.key("n"); j.number(Double(missing))
            }
            j.close("}")
        }
        j.close("]")
        j.key("sel"); j.number(Double(selected ?? -1))
        j.key("mpu"); j.number(projection.metresPerUnit)
        j.key("w"); j.number(Double(projection.width))
        j.key("h"); j.number(Double(height))
        j.key("unit"); j.number(Double(c.options.mapUnits))
        j.key("r"); j.number(Double(HTMLReport.originRadius(origins.count, c)))
        j.key("names"); j.strings(origins.map(\.name))
        j.key("ids"); j.strings(origins.map(\.id))
        if origins.contains(where: { !$0.coordinates.isEmpty }) { j.key("xy"); j.strings(origins.map(\.coordinates)) }
        var subs: [String] = [], subIndex: [String: Int] = [:]
        var subOf: [Int] = []
        for o in origins {
            if subIndex[o.subdistrict] == nil { subIndex[o.subdistrict] = subs.count; subs.append(o.subdistrict) }
            subOf.append(subIndex[o.subdistrict]!)
        }
        j.key("subs"); j.strings(subs)
        j.key("sub"); j.numbers(subOf)
        j.key("kind"); j.string(String(origins.map { $0.kind == "residential" ? "r" : $0.kind == "village" ? "v" : "-" }))
        j.key("mode"); j.string(String(origins.map { $0.mode == "walk" ? "w" : $0.mode == "cycle" ? "c" : "-" }))
        let n = c.model.items.count
        var bytes = [UInt8](repeating: 253, count: origins.count * n)
        for (k, o) in origins.enumerated() where o.minutes.count == n {
            for i in 0..<n { bytes[k * n + i] = HTMLReport.minuteCode(o.minutes[i]) }
        }
        j.key("hasMinutes"); j.bool(origins.contains { $0.minutes.count == n })
        // Base64 without its padding ("=" only ever ends it).
        var encoded = Data(bytes).base64EncodedString()
        while encoded.utf8.last == UInt8(ascii: "=") { encoded.removeLast() }
        j.key("t"); j.string(encoded)
        j.key("l"); j.open("{")
        let labels: [(String, String)] = [
            ("min", l.cardMinutes), ("missing", l.cardMissingItems), ("unreachable", l.cardUnreachable), ("na", l.cardNotApplicable),
            ("far", l.cardBeyond), ("none", l.noneMissing), ("gap", l.cardGapOf), ("area", l.cardGapArea),
            ("res", l.cardGapResidents), ("nores", l.noPopulation), ("n", l.cardGapOrigins), ("residential", l.kindResidential),
            ("village", l.kindVillage), ("walk", l.modeNames["walk"] ?? "walk"), ("cycle", l.modeNames["cycle"] ?? "cycle"),
            ("nodata", l.noData), ("items", l.cardAllItems), ("close", l.cardClose),
        ]
        for (k, v) in labels { j.key(k); j.string(v) }
        j.close("}")
        j.close("}")
        return "<script type=\"application/json\" id=\"map-data\">" + j.text + "</script>\n"
    }
}
