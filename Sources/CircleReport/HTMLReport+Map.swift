import CircleSupport
import Foundation

// The map: network lines, subdistrict outlines, one pre-rendered <g class="gap"> per item with
// gaps and one <g class="fac"> per item with facilities (only the chosen item's displayed; a
// <select> switches them), origins coloured by their minutes to the chosen item, a scale bar, an
// HTML legend below, and the data the script needs to pan, zoom and show an origin's or a gap's
// card (a JSON block: names, kinds, modes and every origin's minutes, a byte per item).

extension HTMLReport {
    static func mapSection(_ c: ReportContext) -> String {
        let l = c.labels
        var h = "<section id=\"map\">\n<h2>\(l.mapTitle)</h2>\n"
        guard let map = c.model.map, let projection = mapProjection(map, width: c.options.mapUnits)
        else { return h + "<p class=\"caption\">\(l.mapNoData)</p>\n</section>\n" }
        h += "<p class=\"caption\">\(escape(l.mapCaption))</p>\n"

        // Items in catalog order by domain, then gap keys the catalog does not list (sorted).
        var groups: [(title: String?, ids: [String])] = c.itemsByDomain.map { ($0.title, $0.items.map(\.id)) }
        let listed = Set(c.model.items.map(\.id))
        let unlisted = map.gaps.keys.filter { !listed.contains($0) }.sorted()
        if !unlisted.isEmpty { groups.append((nil, unlisted)) }
        let choices = groups.flatMap(\.ids)
        let hasGaps = { (id: String) -> Bool in !(map.gaps[id] ?? []).isEmpty }
        let selected = map.defaultItem.flatMap { id in hasGaps(id) ? id : nil } ?? choices.first(where: hasGaps)

        func caption(_ id: String) -> String {
            let name = c.itemName(id)
            guard hasGaps(id) else { return name + l.mapNoGaps }
            return l.mapGapsOf(name, ReportFormat.percent(c.itemsById[id]?.originShare, empty: l.empty))
        }

        if !choices.isEmpty {
            h += "<div class=\"controls js-only noprint\"><span class=\"pick\"><label for=\"gap-item\">\(escape(l.mapItem))</label> <select id=\"gap-item\">\n"
            for group in groups {
                if let title = group.title { h += "<optgroup label=\"\(escape(title))\">\n" }
                for id in group.ids {
                    let label = c.itemName(id) + (hasGaps(id) ? "" : l.mapNoGaps)
                    h += "<option value=\"\(escape(id))\" data-caption=\"\(escape(caption(id)))\""
                    h += (id == selected ? " selected" : "") + ">\(escape(label))</option>\n"
                }
                if group.title != nil { h += "</optgroup>\n" }
            }
            h += "</select></span>\n<span class=\"layers\" id=\"map-layers\">"
            let layers: [(String, String, Bool)] = [("gap", l.layerGaps, true), ("fac", l.layerFacilities, !map.facilities.isEmpty),
                                                   ("origins", l.layerOrigins, true), ("net", l.legendNetwork, true),
                                                   ("bnd", l.legendBoundary, !map.boundaries.isEmpty)]
            for (key, label, shown) in layers where shown {
                h += "<label><input type=\"checkbox\" data-layer=\"\(key)\" checked> \(escape(label))</label>"
            }
            h += "</span></div>\n"
        }
        h += "<p class=\"gapcap\" id=\"gap-caption\">\(escape(selected.map(caption) ?? ""))</p>\n"

        // The data, then a strip below it for the scale bar and the north arrow.
        let unit = Double(c.options.mapUnits)
        let w = projection.width, ht = projection.height + Int((unit * 0.045).rounded())
        h += "<div class=\"mapbox\" id=\"mapbox\"><svg class=\"map\" id=\"map-svg\" viewBox=\"0 0 \(w) \(ht)\" role=\"img\" aria-label=\"\(escape(l.mapTitle))\">\n"
        h += "<rect class=\"bg\" width=\"\(w)\" height=\"\(ht)\"/>\n"

        let tolerance = c.options.lineTolerance
        // The road network (the largest layer, unless the cache holds it) is drawn on a second
        // core while the rest of the map is; the text is put together in the same order.
        let network = ConcurrentPart { networkLayer(map, projection, tolerance: tolerance, c) }
        h += baseLayer("water", map.water, projection, tolerance: tolerance)
        h += baseLayer("green", map.green, projection, tolerance: tolerance)
        let head = h   // the network goes after these
        h = ""

        // Each item's gap layer on its own (they are independent), on both cores, in item order.
        let gapIds = choices.filter(hasGaps)
        let gapLayers = ResultSlots<String>(count: gapIds.count)
        DispatchQueue.concurrentPerform(iterations: gapIds.count) { k in
            let id = gapIds[k]
            gapLayers.store(k, cachedGapLayer(id, map.gaps[id] ?? [], projection, tolerance: c.options.gapTolerance,
                                              shown: id == selected, c))
        }
        for layer in gapLayers.values { h += layer ?? "" }

        let dot = originRadius(map.origins.count, c)
        for id in choices {
            guard let points = map.facilities[id], !points.isEmpty else { continue }
            h += facilityLayer(id, points, projection, size: max(2, dot * 2), shown: id == selected)
        }

        var outline = PathBuilder()
        for line in MapGeometry.chain(map.boundaries.map { MapGeometry.gridLine($0, projection, tolerance: tolerance) },
                                      tolerance: tolerance) { outline.line(line) }
        if !outline.isEmpty { h += "<path class=\"bnd\" d=\"\(outline.d)\"/>\n" }

        let (drawn, rows) = drawnOrigins(map, items: c.model.items.count)
        let selectedIndex = selected.flatMap { id in c.model.items.firstIndex { $0.id == id } }
        h += originDots(drawn, rows, projection, c, item: selectedIndex)
        h += "<g id=\"map-fixed\">" + scaleBar(projection, unit: unit) + "</g>\n"
        h += "</svg>\n<div class=\"zoom js-only noprint\"><button type=\"button\" id=\"zoom-in\" aria-label=\"\(escape(l.zoomIn))\">+</button>"
        h += "<button type=\"button\" id=\"zoom-out\" aria-label=\"\(escape(l.zoomOut))\">−</button>"
        h += "<button type=\"button\" id=\"zoom-reset\" aria-label=\"\(escape(l.zoomReset))\">⟲</button></div>\n"
        h += "<div class=\"mapcard\" id=\"map-card\" role=\"status\" hidden></div></div>\n"
        h += mapLegend(map, c, item: selectedIndex, hasMinutes: rows.known.contains { $0 > 0 })
        h += mapData(map, drawn, rows, projection, c, selected: selectedIndex, height: ht)
        h += "</section>\n"
        return head + network.value + h
    }

    /// ``gapLayer(_:_:_:tolerance:shown:)``, from the layer cache when it holds these polygons drawn
    /// on this frame (a scenario redraws one item's gaps; the others' layers are as before).
    static func cachedGapLayer(_ id: String, _ polygons: [[[ReportPosition]]], _ projection: MapProjection,
                               tolerance: Double, shown: Bool, _ c: ReportContext) -> String {
        guard let layers = c.layers else { return gapLayer(id, polygons, projection, tolerance: tolerance, shown: shown) }
        let key = (["gap-v1", id, shown ? "shown" : "hidden", polygonsDigest(polygons)]
                   + [projection.minLon, projection.maxLat, projection.cosLat, projection.scale, projection.margin, tolerance]
                       .map { String($0.bitPattern, radix: 16) } + ["\(projection.width)", "\(projection.height)"])
            .joined(separator: "|")
        if let stored = layers.layer(key) { return stored }
        let layer = gapLayer(id, polygons, projection, tolerance: tolerance, shown: shown)
        layers.store(key, layer)
        return layer
    }

    /// A 128-bit digest (two XXH64 of different seeds, hex) of polygons: every ring's length and
    /// every position's bits, in order.
    static func polygonsDigest(_ polygons: [[[ReportPosition]]]) -> String {
        var words: [UInt64] = [UInt64(polygons.count)]
        for polygon in polygons {
            words.append(UInt64(polygon.count))
            for ring in polygon {
                words.append(UInt64(ring.count))
                for p in ring {
                    words.append(p.lon.bitPattern)
                    words.append(p.lat.bitPattern)
                }
            }
        }
        return words.withUnsafeBytes { b in
            String(xxHash64(b, seed: 0x6A9_1A7E5), radix: 16) + "-" + String(xxHash64(b, seed: 0x1A7E_56A9), radix: 16)
        }
    }

    /// An item's gap polygons as one filled path in a `<g class="gap">`, hidden unless `shown`.
    static func gapLayer(_ id: String, _ polygons: [[[ReportPosition]]], _ projection: MapProjection, tolerance: Double,
                         shown: Bool) -> String {
        var path = PathBuilder()
        var scratch = SimplifyScratch()
        for polygon in polygons {
            guard let exterior = polygon.first else { continue }
            let outer = MapGeometry.gridLine(exterior, projection, tolerance: tolerance, scratch: &scratch)
            guard path.ring(outer) else { continue }
            for hole in polygon.dropFirst() {
                path.ring(MapGeometry.gridLine(hole, projection, tolerance: tolerance, scratch: &scratch))
            }
        }
        return "<g class=\"gap\" data-item=\"\(escape(id))\"" + (shown ? "" : " style=\"display:none\"")
            + "><path d=\"\(path.d)\"/></g>\n"
    }

    /// A basemap layer (water or green): its rings as one filled path under the streets.
    static func baseLayer(_ kind: String, _ rings: [[ReportPosition]], _ projection: MapProjection, tolerance: Double) -> String {
        var path = PathBuilder()
        for ring in rings { path.ring(MapGeometry.gridLine(ring, projection, tolerance: tolerance)) }
        return path.isEmpty ? "" : "<path class=\"\(kind)\" d=\"\(path.d)\"/>\n"
    }

    /// A facility layer: one small square per facility, in one path.
    static func facilityLayer(_ id: String, _ points: [ReportPosition], _ projection: MapProjection, size: Int, shown: Bool) -> String {
        var d: [UInt8] = []
        let half = size / 2
        for p in points where p.lon.isFinite && p.lat.isFinite {
            let g = projection.project(p)
            d.append(UInt8(ascii: "M"))
            Format.appendDecimal(g.x - half, to: &d)
            d.append(UInt8(ascii: " "))
            Format.appendDecimal(g.y - half, to: &d)
            d.append(UInt8(ascii: "h")); Format.appendDecimal(size, to: &d)
            d.append(UInt8(ascii: "v")); Format.appendDecimal(size, to: &d)
            d.append(UInt8(ascii: "h")); Format.appendDecimal(-size, to: &d)
            d.append(UInt8(ascii: "z"))
        }
        return "<g class=\"fac\" data-item=\"\(escape(id))\"" + (shown ? "" : " style=\"display:none\"")
            + "><path d=\"\(String(decoding: d, as: UTF8.self))\"/></g>\n"
    }

    static func originRadius(_ count: Int, _ c: ReportContext) -> Int {
        let unit = Double(c.options.mapUnits)
        return c.options.originRadius ?? Int((unit * (count > 1500 ? 0.0026 : count > 300 ? 0.0036 : 0.005)).rounded())
    }

    /// The minute class of an origin for an item of reach `reach`: 1 within two thirds of the
    /// reach, 2 within the reach, 3 within a third beyond it, 4 beyond or unreachable, 0 not
    /// applicable. The script uses the same rule (``minuteCode(_:)``'s bytes).
    static func minuteClass(_ m: ReportMinutes, reach: Double) -> Int {
        minuteClass(code: minuteCode(m), reach: reach)   // as the script sees it
    }

    /// A time as one byte: quarter minutes rounded up (0…250, so a listed time never understates the
    /// trip), 251 beyond 62.5 minutes, 252 unreachable, 253 not applicable.
    public static func minuteCode(_ m: ReportMinutes) -> UInt8 {
        switch m {
        case .notApplicable: return 253
        case .unreachable: return 252
        case .minutes(let v):
            guard v.isFinite, v >= 0 else { return v.isFinite ? 0 : 252 }
            let q = (v * 4 - 1e-9).rounded(.up)
            return q > 250 ? 251 : UInt8(max(q, 0))
        }
    }

    /// The road network as one path: chained, simplified lines — or, when the model names its
    /// network and the cache holds this network drawn on this frame, the stored path.
    static func networkLayer(_ map: ReportMap, _ projection: MapProjection, tolerance: Double, _ c: ReportContext) -> String {
        let key = c.model.networkKey.map { network in
            ([network] + [projection.minLon, projection.maxLat, projection.cosLat, projection.scale, projection.margin, tolerance]
                .map { String($0.bitPattern, radix: 16) } + ["\(projection.width)", "\(projection.height)"])
                .joined(separator: "|")
        }
        if let key, let layers = c.layers, let stored = layers.layer(key) { return stored }
        var net = PathBuilder()
        var scratch = SimplifyScratch()
        let lines = map.networkLines.map { table in
            (0..<table.count).map { MapGeometry.gridLine(table, $0, projection, tolerance: tolerance, scratch: &scratch) }
        } ?? map.network.map { MapGeometry.gridLine($0, projection, tolerance: tolerance, scratch: &scratch) }
        for line in MapGeometry.chain(lines, tolerance: tolerance) { net.line(line) }
        let layer = net.isEmpty ? "" : "<path class=\"net\" d=\"\(net.d)\"/>\n"
        if let key, let layers = c.layers { layers.store(key, layer) }
        return layer
    }

    /// The map's projection: the frame of ``allPositions(_:)``, found without gathering them.
    static func mapProjection(_ map: ReportMap, width: Int) -> MapProjection? {
        var bounds = PositionBounds()
        if let table = map.networkLines {
            for k in table.lon.indices { bounds.add(ReportPosition(table.lon[k], table.lat[k])) }
        } else {
            for line in map.network { bounds.add(line) }
        }
        for line in map.boundaries { bounds.add(line) }
        for o in map.origins { bounds.add(o.position) }
        for key in map.gaps.keys.sorted() {
            for polygon in map.gaps[key] ?? [] { if let outer = polygon.first { bounds.add(outer) } }
        }
        return MapProjection(bounds: bounds, width: width)
    }

    static func allPositions(_ map: ReportMap) -> [ReportPosition] {
        var all: [ReportPosition] = []
        if let table = map.networkLines {
            for k in table.lon.indices { all.append(ReportPosition(table.lon[k], table.lat[k])) }
        } else {
            for line in map.network { all.append(contentsOf: line) }
        }
        for line in map.boundaries { all.append(contentsOf: line) }
        for o in map.origins { all.append(o.position) }
        for key in map.gaps.keys.sorted() {
            for polygon in map.gaps[key] ?? [] { if let outer = polygon.first { all.append(contentsOf: outer) } }
        }
        return all
    }

    /// Origins in model order, one <circle> each, classed by their minutes to the chosen item
    /// (`item`, an index of the model's items) — or, for origins without minutes, filled by basic score.
    static func originDots(_ origins: [ReportMapOrigin], _ rows: MinuteRows, _ projection: MapProjection, _ c: ReportContext,
                           item: Int?) -> String {
        let r = originRadius(origins.count, c)
        var h = Array("<g class=\"origins\">\n".utf8)
        h.reserveCapacity(origins.count * 40)
        var radius: [UInt8] = []
        Format.appendDecimal(r, to: &radius)
        let reach = item.map { c.model.items[$0].reachMinutes } ?? c.model.headline.reachMinutes
        let classes = minuteClasses(reach: reach)
        for k in origins.indices {
            let p = projection.project(origins[k].position)
            h.append(contentsOf: "<circle cx=\"".utf8)
            Format.appendDecimal(p.x, to: &h)
            h.append(contentsOf: "\" cy=\"".utf8)
            Format.appendDecimal(p.y, to: &h)
            h.append(contentsOf: "\" r=\"".utf8)
            h.append(contentsOf: radius)
            if let item, item < rows.known[k] {
                h.append(contentsOf: "\" class=\"m".utf8)
                h.append(UInt8(ascii: "0") + classes[Int(rows.code(k, item))])
            } else {
                h.append(contentsOf: "\" fill=\"".utf8)
                h.append(contentsOf: ScoreColor.hex(origins[k].basicScore).utf8)
            }
            h.append(contentsOf: "\"/>".utf8)
        }
        h.append(contentsOf: "\n</g>\n".utf8)
        return String(decoding: h, as: UTF8.self)
    }

    /// The script's data: items, every drawn origin's name, id, kind, mode, subdistrict and minutes
    /// (base64, one byte per origin and item, ``minuteCode(_:)``), each gap's area and residents.
    static func mapData(_ map: ReportMap, _ origins: [ReportMapOrigin], _ rows: MinuteRows, _ projection: MapProjection,
                        _ c: ReportContext, selected: Int?, height: Int) -> String {
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
                j.key("area"); j.number((gapAreaKm2(gaps) * 100).rounded() / 100)
                if let residents = map.gapResidents[item.id] { j.key("res"); j.number(residents.rounded()) }
                let classes = minuteClasses(reach: item.reachMinutes)
                var missing = 0
                for k in 0..<rows.count where index < rows.known[k] && classes[Int(rows.code(k, index))] >= 3 { missing += 1 }
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
        j.key("r"); j.number(Double(originRadius(origins.count, c)))
        j.members(map.originData ?? originMembers(origins, rows, items: c.model.items.count))
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

    /// The origins drawn (those with a finite position, in model order) and their minutes' rows.
    static func drawnOrigins(_ map: ReportMap, items: Int) -> (drawn: [ReportMapOrigin], rows: MinuteRows) {
        let finite = { (o: ReportMapOrigin) in o.position.lon.isFinite && o.position.lat.isFinite }
        let drawnIndex: [Int]? = map.origins.allSatisfy(finite) ? nil : map.origins.indices.filter { finite(map.origins[$0]) }
        let drawn = drawnIndex == nil ? map.origins : map.origins.filter(finite)
        return (drawn, MinuteRows(map, drawn: drawn, index: drawnIndex, width: items))
    }

    /// The origins' part of the map's data (``ReportMap/originData``) for a map of `items` items:
    /// what the report would write there itself. Needs no gap map: a run makes it while they are
    /// drawn.
    public static func originData(_ map: ReportMap, items: Int) -> [UInt8] {
        let (drawn, rows) = drawnOrigins(map, items: items)
        return originMembers(drawn, rows, items: items)
    }

    /// The members of the map's data that describe the drawn origins: names, ids, labelled
    /// coordinates, subdistricts, kinds, modes and every origin's minutes (base64, a byte per item).
    static func originMembers(_ origins: [ReportMapOrigin], _ rows: MinuteRows, items n: Int) -> [UInt8] {
        var j = JSONText()
        j.key("names"); j.strings(origins.count) { origins[$0].name }
        j.key("ids"); j.strings(origins.count) { origins[$0].id }
        if origins.contains(where: { !$0.coordinates.isEmpty }) { j.key("xy"); j.strings(origins.count) { origins[$0].coordinates } }
        var subs: [String] = [], subIndex: [String: Int] = [:]
        var subOf: [Int] = []
        subOf.reserveCapacity(origins.count)
        for k in origins.indices {
            let name = origins[k].subdistrict
            // Origins come grouped by subdistrict more often than not: the last one is tried first.
            if let last = subs.last, last == name { subOf.append(subs.count - 1); continue }
            if subIndex[name] == nil { subIndex[name] = subs.count; subs.append(name) }
            subOf.append(subIndex[name]!)
        }
        j.key("subs"); j.strings(subs)
        j.key("sub"); j.numbers(subOf)
        j.key("kind"); j.string(letters(origins.count) { origins[$0].kind == "residential" ? "r" : origins[$0].kind == "village" ? "v" : "-" })
        j.key("mode"); j.string(letters(origins.count) { origins[$0].mode == "walk" ? "w" : origins[$0].mode == "cycle" ? "c" : "-" })
        let bytes = rows.scriptBytes
        j.key("hasMinutes"); j.bool(rows.known.contains(n))
        // Base64 without its padding ("=" only ever ends it).
        var encoded = Data(bytes).base64EncodedString()
        while encoded.utf8.last == UInt8(ascii: "=") { encoded.removeLast() }
        j.key("t"); j.string(encoded)
        return j.bytes
    }

    /// One ASCII letter per origin, as a string.
    static func letters(_ count: Int, _ letter: (Int) -> Unicode.Scalar) -> String {
        var bytes = [UInt8](repeating: 0, count: count)
        for k in 0..<count { bytes[k] = UInt8(ascii: letter(k)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The area of gap polygons in km² (exterior rings less holes, on a local equirectangular plane).
    static func gapAreaKm2(_ polygons: [[[ReportPosition]]]) -> Double {
        func ring(_ r: [ReportPosition]) -> Double {
            guard r.count > 2 else { return 0 }
            let lat0 = r.reduce(0) { $0 + $1.lat } / Double(r.count) * .pi / 180
            let k = 6_371_008.8 * .pi / 180
            var a = 0.0
            for (p, q) in zip(r, r.dropFirst() + [r[0]]) {
                a += (p.lon * cos(lat0) * k) * (q.lat * k) - (q.lon * cos(lat0) * k) * (p.lat * k)
            }
            return abs(a) / 2
        }
        var total = 0.0
        for polygon in polygons {
            guard let outer = polygon.first else { continue }
            total += ring(outer) - polygon.dropFirst().reduce(0) { $0 + ring($1) }
        }
        return total / 1e6
    }

    /// A scale bar of a round length near a fifth of the map's width (bottom left) and a north
    /// arrow (bottom right), in the strip below the data.
    static func scaleBar(_ projection: MapProjection, unit: Double) -> String {
        let mpu = projection.metresPerUnit
        let target = Double(projection.width) * 0.2 * mpu
        let lengths: [Double] = [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000]
        let metres = lengths.last { $0 <= target } ?? lengths[0]
        let len = Int((metres / mpu).rounded())
        let fs = Int((unit * 0.017).rounded())
        let baseline = projection.height + Int((unit * 0.03).rounded())
        let x = Int((unit * 0.02).rounded())
        let tick = Int((unit * 0.008).rounded())
        let label = metres >= 1000 ? "\(ReportFormat.minutes(metres / 1000)) km" : "\(Int(metres)) m"
        var h = "<g class=\"scale\"><path d=\"M\(x) \(baseline - tick)v\(tick)h\(len)v-\(tick)\"/>"
        h += "<text x=\"\(x + len + fs / 2)\" y=\"\(baseline)\" font-size=\"\(fs)\">\(label)</text></g>\n"
        let a = Int((unit * 0.007).rounded())
        let nx = projection.width - x - a, ny = baseline - a * 3
        h += "<g class=\"north\"><path d=\"M\(nx) \(ny)l\(a) \(a * 3)l-\(a) -\(a)l-\(a) \(a)z\"/>"
        h += "<text x=\"\(nx - a - fs / 4)\" y=\"\(baseline)\" font-size=\"\(fs)\" text-anchor=\"end\">N</text></g>\n"
        return h
    }

    static func mapLegend(_ map: ReportMap, _ c: ReportContext, item: Int?, hasMinutes: Bool) -> String {
        let l = c.labels
        var h = "<div class=\"maplegend\">\n"
        if let item, hasMinutes {
            // Origins by their minutes to the chosen item (the script rewrites the labels for another reach).
            let reach = c.model.items[item].reachMinutes
            let bounds = [reach * 2 / 3, reach, reach * 4 / 3].map(ReportFormat.minutes)
            h += "<span class=\"lg\" id=\"legend-minutes\">\(escape(l.legendMinutes)) "
            let texts = ["≤ \(bounds[0])", "≤ \(bounds[1])", "≤ \(bounds[2])", "> \(bounds[2])"]
            for (k, text) in texts.enumerated() {
                h += "<span class=\"lgi\"><svg class=\"sym s12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><circle class=\"m\(k + 1)\" cx=\"6\" cy=\"6\" r=\"5\"/></svg>"
                h += " <span class=\"lgm\" id=\"lg-m\(k + 1)\">\(escape(text))</span></span>"
            }
            h += "\(escape(l.minutesUnit))</span>\n"
            if !map.facilities.isEmpty {
                h += "<span class=\"lg\"><svg class=\"sym s12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect class=\"facsym\" x=\"2\" y=\"2\" width=\"8\" height=\"8\"/></svg> \(escape(l.legendFacilities))</span>\n"
            }
        } else {
            h += "<span class=\"lg\">\(escape(l.legendScore)) 0% <svg class=\"ramp\" viewBox=\"0 0 110 12\" aria-hidden=\"true\">"
            for i in 0...10 { h += "<rect x=\"\(i * 10)\" width=\"10\" height=\"12\" fill=\"\(ScoreColor.hex(Double(i) / 10))\"/>" }
            h += "</svg> 100%</span>\n"
        }
        if map.origins.contains(where: { $0.basicScore == nil }) {
            h += "<span class=\"lg\"><svg class=\"sym s12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"\(ScoreColor.hex(nil))\"/></svg> \(escape(l.legendNoScore))</span>\n"
        }
        h += "<span class=\"lg\"><svg class=\"sym s12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect class=\"gapsym\" x=\"1\" y=\"1\" width=\"10\" height=\"10\"/></svg> \(escape(l.legendGap))</span>\n"
        h += "<span class=\"lg\"><svg class=\"sym s24\" viewBox=\"0 0 24 12\" aria-hidden=\"true\"><path class=\"netsym\" d=\"M0 6h24\"/></svg> \(escape(l.legendNetwork))</span>\n"
        if !map.boundaries.isEmpty {
            h += "<span class=\"lg\"><svg class=\"sym s24\" viewBox=\"0 0 24 12\" aria-hidden=\"true\"><path class=\"bndsym\" d=\"M0 6h24\"/></svg> \(escape(l.legendBoundary))</span>\n"
        }
        for (kind, rings, label) in [("water", map.water, l.legendWater), ("green", map.green, l.legendGreen)] where !rings.isEmpty {
            h += "<span class=\"lg\"><svg class=\"sym s12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect class=\"\(kind)sym\" x=\"1\" y=\"1\" width=\"10\" height=\"10\"/></svg> \(escape(label))</span>\n"
        }
        return h + "</div>\n"
    }
}
