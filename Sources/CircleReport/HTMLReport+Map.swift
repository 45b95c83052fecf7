import Foundation

// The map: network lines, subdistrict outlines, one pre-rendered <g class="gap"> per item with
// gaps (only the chosen one displayed; a <select> switches them), origins coloured by basic score,
// a scale bar, and an HTML legend below.

extension HTMLReport {
    static func mapSection(_ c: ReportContext) -> String {
        let l = c.labels
        var h = "<section id=\"map\">\n<h2>\(l.mapTitle)</h2>\n"
        guard let map = c.model.map, let projection = MapProjection(positions: allPositions(map), width: c.options.mapUnits)
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
            h += "<div class=\"controls js-only noprint\"><label for=\"gap-item\">\(escape(l.mapItem))</label> <select id=\"gap-item\">\n"
            for group in groups {
                if let title = group.title { h += "<optgroup label=\"\(escape(title))\">\n" }
                for id in group.ids {
                    let label = c.itemName(id) + (hasGaps(id) ? "" : l.mapNoGaps)
                    h += "<option value=\"\(escape(id))\" data-caption=\"\(escape(caption(id)))\""
                    h += (id == selected ? " selected" : "") + ">\(escape(label))</option>\n"
                }
                if group.title != nil { h += "</optgroup>\n" }
            }
            h += "</select></div>\n"
        }
        h += "<p class=\"gapcap\" id=\"gap-caption\">\(escape(selected.map(caption) ?? ""))</p>\n"

        // The data, then a strip below it for the scale bar and the north arrow.
        let unit = Double(c.options.mapUnits)
        let w = projection.width, ht = projection.height + Int((unit * 0.045).rounded())
        h += "<div class=\"mapbox\"><svg class=\"map\" id=\"map-svg\" viewBox=\"0 0 \(w) \(ht)\" role=\"img\" aria-label=\"\(escape(l.mapTitle))\">\n"
        h += "<rect class=\"bg\" width=\"\(w)\" height=\"\(ht)\"/>\n"

        let tolerance = c.options.lineTolerance
        h += networkLayer(map, projection, tolerance: tolerance, c)

        for id in choices where hasGaps(id) {
            var path = PathBuilder()
            for polygon in map.gaps[id] ?? [] {
                guard let exterior = polygon.first else { continue }
                let outer = MapGeometry.gridLine(exterior, projection, tolerance: c.options.gapTolerance)
                guard path.ring(outer) else { continue }
                for hole in polygon.dropFirst() {
                    path.ring(MapGeometry.gridLine(hole, projection, tolerance: c.options.gapTolerance))
                }
            }
            h += "<g class=\"gap\" data-item=\"\(escape(id))\"" + (id == selected ? "" : " style=\"display:none\"")
            h += "><path d=\"\(path.d)\"/></g>\n"
        }

        var outline = PathBuilder()
        for line in MapGeometry.chain(map.boundaries.map { MapGeometry.gridLine($0, projection, tolerance: tolerance) },
                                      tolerance: tolerance) { outline.line(line) }
        if !outline.isEmpty { h += "<path class=\"bnd\" d=\"\(outline.d)\"/>\n" }

        h += originDots(map.origins, projection, c)
        h += scaleBar(projection, unit: unit)
        h += "</svg></div>\n"
        h += mapLegend(map, c)
        h += "</section>\n"
        return h
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
        for line in MapGeometry.chain(map.network.map { MapGeometry.gridLine($0, projection, tolerance: tolerance,
                                                                             scratch: &scratch) },
                                      tolerance: tolerance) { net.line(line) }
        let layer = net.isEmpty ? "" : "<path class=\"net\" d=\"\(net.d)\"/>\n"
        if let key, let layers = c.layers { layers.store(key, layer) }
        return layer
    }

    static func allPositions(_ map: ReportMap) -> [ReportPosition] {
        var all: [ReportPosition] = []
        for line in map.network { all.append(contentsOf: line) }
        for line in map.boundaries { all.append(contentsOf: line) }
        for o in map.origins { all.append(o.position) }
        for key in map.gaps.keys.sorted() {
            for polygon in map.gaps[key] ?? [] { if let outer = polygon.first { all.append(contentsOf: outer) } }
        }
        return all
    }

    /// Origins in one <g> per colour, the best drawn first so that the worst lie on top.
    static func originDots(_ origins: [ReportMapOrigin], _ projection: MapProjection, _ c: ReportContext) -> String {
        let l = c.labels
        let unit = Double(c.options.mapUnits)
        let r = c.options.originRadius ?? Int((unit * (origins.count > 1500 ? 0.0026 : origins.count > 300 ? 0.0036 : 0.005)).rounded())
        var byColour: [String: (score: Double, dots: [ReportMapOrigin])] = [:]
        for o in origins where o.position.lon.isFinite && o.position.lat.isFinite {
            let colour = ScoreColor.hex(o.basicScore)
            let score = o.basicScore.flatMap { $0.isFinite ? $0 : nil } ?? 2   // unscored first (below)
            byColour[colour, default: (score, [])].dots.append(o)
            byColour[colour]!.score = max(byColour[colour]!.score, score)
        }
        let order = byColour.sorted { a, b in a.value.score != b.value.score ? a.value.score > b.value.score : a.key < b.key }
        var h = Array("<g class=\"origins\">\n".utf8)
        var radius: [UInt8] = []
        Format.appendDecimal(r, to: &radius)
        let scoreLabel = " — \(l.legendScore) "
        for (colour, group) in order {
            h.append(contentsOf: "<g fill=\"\(colour)\">".utf8)
            for o in group.dots {
                let p = projection.project(o.position)
                var tip = o.name.isEmpty ? o.id : "\(o.name) · \(o.id)"
                tip += scoreLabel + ReportFormat.percent(o.basicScore, empty: l.legendNoScore)
                if let m = o.missingCount { tip += " · " + l.missingShort(m) }
                h.append(contentsOf: "<circle cx=\"".utf8)
                Format.appendDecimal(p.x, to: &h)
                h.append(contentsOf: "\" cy=\"".utf8)
                Format.appendDecimal(p.y, to: &h)
                h.append(contentsOf: "\" r=\"".utf8)
                h.append(contentsOf: radius)
                h.append(contentsOf: "\"><title>".utf8)
                h.append(contentsOf: escape(tip).utf8)
                h.append(contentsOf: "</title></circle>".utf8)
            }
            h.append(contentsOf: "</g>\n".utf8)
        }
        h.append(contentsOf: "</g>\n".utf8)
        return String(decoding: h, as: UTF8.self)
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

    static func mapLegend(_ map: ReportMap, _ c: ReportContext) -> String {
        let l = c.labels
        var h = "<div class=\"maplegend\">\n<span class=\"lg\">\(escape(l.legendScore)) 0% <svg class=\"ramp\" viewBox=\"0 0 110 12\" aria-hidden=\"true\">"
        for i in 0...10 { h += "<rect x=\"\(i * 10)\" width=\"10\" height=\"12\" fill=\"\(ScoreColor.hex(Double(i) / 10))\"/>" }
        h += "</svg> 100%</span>\n"
        if map.origins.contains(where: { $0.basicScore == nil }) {
            h += "<span class=\"lg\"><svg class=\"sym s12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"\(ScoreColor.hex(nil))\"/></svg> \(escape(l.legendNoScore))</span>\n"
        }
        h += "<span class=\"lg\"><svg class=\"sym s12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\"><rect class=\"gapsym\" x=\"1\" y=\"1\" width=\"10\" height=\"10\"/></svg> \(escape(l.legendGap))</span>\n"
        h += "<span class=\"lg\"><svg class=\"sym s24\" viewBox=\"0 0 24 12\" aria-hidden=\"true\"><path class=\"netsym\" d=\"M0 6h24\"/></svg> \(escape(l.legendNetwork))</span>\n"
        if !map.boundaries.isEmpty {
            h += "<span class=\"lg\"><svg class=\"sym s24\" viewBox=\"0 0 24 12\" aria-hidden=\"true\"><path class=\"bndsym\" d=\"M0 6h24\"/></svg> \(escape(l.legendBoundary))</span>\n"
        }
        return h + "</div>\n"
    }
}
