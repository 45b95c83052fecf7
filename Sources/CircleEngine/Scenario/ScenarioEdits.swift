import CircleCatalog
import CircleGeo
import CircleOSM
import CircleSupport
import Foundation

/// A scenario's facility edits, applied to the facilities a run read: the removed ids leave, the
/// additions follow the rest in the scenario's order. The result is what a fresh run reads from the
/// same facility files with the removed rows deleted and one more file, listing the additions, given
/// last (docs/scenarios.md).
enum ScenarioFacilities {
    /// - Throws: ``ScenarioError`` naming the entry's line: an item the catalog lacks (with the
    ///   closest names), an item outside the run's `--items`, a position outside the coordinate
    ///   system's area, an id to remove that no facility has.
    static func apply(_ s: Scenario, to facilities: [FacilityPoint], catalog: Catalog, items: [Item],
                      crs: CoordinateSystem) throws -> [FacilityPoint] {
        let present = Set(facilities.map(\.id))
        var removed = Set<String>()
        for r in s.removals {
            guard present.contains(r.id) else {
                throw ScenarioError(file: s.file, line: r.line, problem: "remove: no facility has id '\(r.id)'"
                                    + hint(closestId(to: r.id, in: present)))
            }
            guard removed.insert(r.id).inserted else {
                throw ScenarioError(file: s.file, line: r.line, problem: "remove: facility '\(r.id)' is removed twice")
            }
        }
        var out = facilities.filter { !removed.contains($0.id) }
        let index = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        var added: [(item: Int, Scenario.Addition)] = []
        for a in s.additions {
            guard let item = catalog.item(named: a.item) else {
                let like = NameSuggestions.items(like: a.item, in: catalog)
                throw ScenarioError(file: s.file, line: a.line, problem: "add: '\(a.item)' is not an item of catalog \(catalog.id)"
                                    + (like.isEmpty ? " (see `circle catalog`)"
                                       : "; did you mean " + like.map { "\($0.id) (\($0.nameZh))" }.joined(separator: ", ") + "?"))
            }
            guard let i = index[item.id] else {
                throw ScenarioError(file: s.file, line: a.line,
                                    problem: "add: \(item.id) is not among the items of this run (--items); add it there or drop the entry")
            }
            do { try crs.validate(lon: [a.lon], lat: [a.lat]) } catch {
                throw ScenarioError(file: s.file, line: a.line,
                                    problem: "add: position (\(a.lon), \(a.lat)) is not a valid \(crs.name) position: \(error)")
            }
            added.append((i, a))
        }
        guard !added.isEmpty else { return out }
        let wgs: (lon: [Double], lat: [Double])
        do { wgs = try crs.toWGS84(lon: added.map(\.1.lon), lat: added.map(\.1.lat)) } catch {
            throw ScenarioError(file: s.file, line: added[0].1.line, problem: "add: cannot convert the positions to WGS 84: \(error)")
        }
        for (k, a) in added.enumerated() {
            out.append(FacilityPoint(item: a.item, id: a.1.id, lon: wgs.lon[k], lat: wgs.lat[k], source: s.file))
        }
        return out
    }

    static func hint(_ id: String?) -> String { id.map { "; did you mean '\($0)'?" } ?? "" }

    /// The facility id closest in spelling, when close (at most a third of its length differs).
    static func closestId(to id: String, in ids: Set<String>) -> String? {
        let best = ids.sorted().map { ($0, NameSuggestions.distance(id, $0)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= max(1, id.count / 3) else { return nil }
        return best.0
    }
}

/// Networks with a scenario's street closures and links: the OSM file is read again, the closed ways
/// left out and the links added as ways (``ScenarioLinks``) before the networks are built, as a fresh
/// run on the file without those ways, and with the links' ways, builds them.
enum ScenarioNetwork {
    static func load(path: String, scenario s: Scenario, crs: CoordinateSystem, options: NetworkOptions,
                     log: StageLog) async throws -> LoadedNetworks {
        var source = path, sourceSHA: String
        var timings: [String: Double] = [:]
        if GraphCache.isCache(path: path) {
            // The closures and links need the ways: the cache names the OSM file it was built from.
            let loaded = try await NetworkLoader.load(path: path, options: options, log: log)
            source = loaded.inputPath
            sourceSHA = loaded.inputSHA256
            guard FileManager.default.fileExists(atPath: source) else {
                let edit = s.closures.isEmpty ? "adding links" : "closing streets"
                throw ScenarioError(file: s.file, line: s.closures.first?.line ?? s.links[0].line,
                                    problem: "\(edit) needs the OSM file the graph cache \(path) was built from, "
                                    + "\(source), which is gone: give --network the OSM file")
            }
        } else {
            let (sha, seconds) = try measure { try sha256Hex(ofFileAt: path) }
            sourceSHA = sha
            timings["fingerprint"] = seconds
        }
        log.stage("reading \(source) (scenario: \(s.closures.count) streets closed, \(s.links.count) links added)")
        let (read, readSeconds) = try measure { try OSMData.read(path: source) }
        var data = read
        timings["read"] = readSeconds
        let (linked, editSeconds) = try measure {
            try close(&data, s, path: source)
            return try ScenarioLinks.add(&data, s, path: source, crs: crs)
        }
        timings["edit network"] = editSeconds
        let (networks, buildSeconds) = await measure { await NetworkBuilder.build(data, options: options) }
        timings["build"] = buildSeconds
        guard networks.walk.edges.count > 0 else {
            throw ScenarioError(file: s.file, problem: "with its streets closed, \(source) has no walkable way left")
        }
        // The networks' identity: the source, the closures and the links, so that cached searches,
        // the run fingerprint and the report's stored layers never mix them up with the source's own.
        let closed = s.closures.map(\.way).sorted().map(String.init).joined(separator: ",")
        let links = linked.isEmpty ? "" : "|links:" + linked
        let sha = SHA256.hex(SHA256.hash(Array("\(sourceSHA)|closed:\(closed)\(links)".utf8)))
        return LoadedNetworks(networks: networks, path: path, fromCache: false, inputPath: source, inputSHA256: sha, timings: timings)
    }

    /// Removes the closed ways from `data`.
    ///
    /// - Throws: ``ScenarioError`` naming the entry of a way that is not a street of the file.
    static func close(_ data: inout OSMData, _ s: Scenario, path: String) throws {
        var closed = Set<Int>()
        for c in s.closures {
            let w = lowerBound(data.wayIds, c.way)
            guard w < data.wayIds.count, data.wayIds[w] == c.way else {
                throw ScenarioError(file: s.file, line: c.line,
                                    problem: "close: way \(c.way) is not a street of \(path) (no way with a highway tag has this id)")
            }
            guard closed.insert(w).inserted else {
                throw ScenarioError(file: s.file, line: c.line, problem: "close: way \(c.way) is closed twice")
            }
        }
        let keys = OSMData.wayKeys.count
        var out = data
        out.wayIds = []
        out.wayRefStart = [0]
        out.refIds = []
        out.refIndex = []
        out.tagValues = []
        for w in data.wayIds.indices where !closed.contains(w) {
            out.wayIds.append(data.wayIds[w])
            let refs = data.refs(of: w)
            out.refIds += data.refIds[refs]
            out.refIndex += data.refIndex[refs]
            out.wayRefStart.append(out.refIds.count)
            out.tagValues += data.tagValues[(w * keys)..<((w + 1) * keys)]
        }
        data = out
    }

    static func lowerBound(_ a: [Int64], _ v: Int64) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if a[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
