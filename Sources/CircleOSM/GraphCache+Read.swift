import CircleGraph
import CircleSupport
import Foundation

extension GraphCache {
    /// Loads a cache, refusing a foreign, corrupt or stale one.
    ///
    /// Stale means: another format version, other network rules or options, or a network file
    /// that still exists at the recorded path but whose content changed (checked by size and
    /// modification time first, then by SHA-256).
    ///
    /// - Throws: ``OSMError`` naming the cache file and the problem, with the remedy.
    public static func load(path: String, options: NetworkOptions) throws -> (Networks, Header) {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: [.alwaysMapped]) } catch {
            throw OSMError(path: path, problem: FileManager.default.fileExists(atPath: path)
                ? "cannot read the graph cache" : "no such file")
        }
        return try load(data: data, path: path, options: options)
    }

    /// Loads a cache from its bytes; `path` names it in errors (see ``load(path:options:)``).
    public static func load(data: Data, path: String, options: NetworkOptions) throws -> (Networks, Header) {
        let rebuild = "rebuild it with `circle build-graph`"
        return try data.withUnsafeBytes { raw -> (Networks, Header) in
            var r = BinaryReader(raw)
            guard (try? r.read(byteCount: magic.count)) == magic else {
                throw OSMError(path: path, problem: "not a ServiceCircle graph cache (wrong magic bytes)")
            }
            guard let version = try? r.read(UInt32.self), let headerLength = try? r.read(UInt32.self) else {
                throw OSMError(path: path, problem: "corrupt graph cache: truncated header; \(rebuild)")
            }
            guard version == formatVersion else {
                throw OSMError(path: path, problem: "stale graph cache: format version \(version), this build "
                               + "reads version \(formatVersion); \(rebuild)")
            }
            guard let json = try? r.read(byteCount: Int(headerLength)),
                  let header = try? JSONDecoder().decode(Header.self, from: Data(json)) else {
                throw OSMError(path: path, problem: "corrupt graph cache: unreadable header; \(rebuild)")
            }
            try checkFresh(header, path: path, options: options, rebuild: rebuild)
            let payload = UnsafeRawBufferPointer(rebasing: raw[r.offset...])
            guard UInt64(payload.count) == header.payloadLength else {
                throw OSMError(path: path, problem: "corrupt graph cache: \(payload.count) payload bytes, "
                               + "\(header.payloadLength) expected (truncated?); \(rebuild)")
            }
            // The checksum is summed while the payload decodes (the decoder checks what it reads,
            // so a damaged payload cannot crash it); a mismatch still wins over any decoding error.
            nonisolated(unsafe) let bytes = payload
            nonisolated(unsafe) var sum: UInt64 = 0
            nonisolated(unsafe) var decoded: Result<Networks, Error>?
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                if k == 0 { sum = xxHash64(bytes) } else { decoded = Result { try decodePayload(bytes, path: path) } }
            }
            guard String(sum, radix: 16) == header.payloadXXH64 else {
                throw OSMError(path: path, problem: "corrupt graph cache: checksum mismatch; \(rebuild)")
            }
            return (try decoded!.get(), header)
        }
    }

    /// Both networks from a payload whose checksum matched; the structural checks still run, so a
    /// payload written by a buggy build cannot crash a search.
    ///
    /// - Throws: ``OSMError`` naming `path`.
    public static func decodePayload(_ payload: UnsafeRawBufferPointer, path: String) throws -> Networks {
        do {
            var p = BinaryReader(payload)
            let walk = try decode(&p)
            let cycle = try decode(&p)
            return Networks(walk: walk, cycle: cycle)
        } catch {
            throw OSMError(path: path, problem: "corrupt graph cache: \(error); rebuild it with `circle build-graph`")
        }
    }

    static func checkFresh(_ h: Header, path: String, options: NetworkOptions, rebuild: String) throws {
        guard h.profileFingerprint == profileFingerprint else {
            throw OSMError(path: path, problem: "stale graph cache: built under other network rules "
                           + "(tool \(h.toolVersion)); \(rebuild)")
        }
        guard h.options == options else {
            throw OSMError(path: path, problem: "stale graph cache: built with minimum component size "
                           + "\(h.options.minEligibleNodes), \(options.minEligibleNodes) requested; \(rebuild)")
        }
        guard FileManager.default.fileExists(atPath: h.inputPath) else { return }
        let (size, modified) = try InputFingerprint.stat(path: h.inputPath)
        if size == h.inputSize && modified == h.inputModified { return }
        guard let sha = try? sha256Hex(ofFileAt: h.inputPath), sha == h.inputSHA256 else {
            throw OSMError(path: path, problem: "stale graph cache: \(h.inputPath) changed since the cache "
                           + "was built; \(rebuild)")
        }
    }

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    static func decode(_ r: inout BinaryReader) throws -> RoadNetwork {
        let modeByte = try r.read(UInt8.self)
        guard modeByte <= 1 else { throw Invalid(description: "unknown mode \(modeByte)") }
        let mode: TravelMode = modeByte == 0 ? .walk : .cycle
        guard let minEligible = Int(exactly: try r.read(UInt64.self)) else {
            throw Invalid(description: "impossible minimum component size")
        }
        let osmId: [Int64] = try r.readArray(), lon: [Int32] = try r.readArray(), lat: [Int32] = try r.readArray()
        guard osmId.count == lon.count, lon.count == lat.count else { throw Invalid(description: "inconsistent node arrays") }
        let nodes = NodeTable(osmId: osmId, lon: lon, lat: lat)
        var e = EdgeTable()
        e.from = try r.readArray()
        e.to = try r.readArray()
        e.length = try r.readArray()
        e.directions = try r.readArray()
        e.wayId = try r.readArray()
        e.shapeStart = try r.readArray()
        e.shapeLon = try r.readArray()
        e.shapeLat = try r.readArray()
        let fwd = try readGraph(&r, nodeCount: nodes.count, edgeCount: e.from.count)
        let bwd = try readGraph(&r, nodeCount: nodes.count, edgeCount: e.from.count)
        let comps = Components(ofNode: try r.readArray(), size: try r.readArray(),
                               eligible: (try r.readArray(of: UInt8.self)).map { $0 != 0 })
        try validate(nodes: nodes, edges: e, components: comps)
        var hierarchy: ContractionHierarchy? = nil
        let hasHierarchy = try r.read(UInt8.self)
        guard hasHierarchy <= 1 else { throw Invalid(description: "bad hierarchy flag \(hasHierarchy)") }
        if hasHierarchy == 1 {
            let h = ContractionHierarchy(position: try r.readArray(), upFirst: try r.readArray(), upArcs: try r.readArray(),
                                         downFirst: try r.readArray(), downArcs: try r.readArray())
            guard h.nodeCount == nodes.count, h.isConsistent else {
                throw Invalid(description: "inconsistent contraction hierarchy")
            }
            hierarchy = h
        }
        return RoadNetwork(mode: mode, nodes: nodes, edges: e, forward: fwd, backward: bwd,
                           components: comps, minEligibleNodes: minEligible, hierarchy: hierarchy)
    }

    static func readGraph(_ r: inout BinaryReader, nodeCount: Int, edgeCount: Int) throws -> CSRGraph {
        let first: [UInt32] = try r.readArray(), head: [UInt32] = try r.readArray(), edge: [UInt32] = try r.readArray()
        guard first.count == nodeCount + 1, first.first == 0, Int(first.last!) == head.count,
              zip(first, first.dropFirst()).allSatisfy({ $0 <= $1 }),
              head.count == edge.count, head.allSatisfy({ Int($0) < nodeCount }),
              edge.allSatisfy({ Int($0) < edgeCount }) else {
            throw Invalid(description: "inconsistent search graph")
        }
        return CSRGraph(firstOut: first, head: head, edge: edge)
    }

    /// Cheap structural checks, so a cache that passed its checksum but was written by a buggy
    /// build cannot crash a search.
    static func validate(nodes: NodeTable, edges e: EdgeTable, components c: Components) throws {
        let m = e.from.count, n = nodes.count
        guard e.to.count == m, e.length.count == m, e.directions.count == m, e.wayId.count == m,
              e.shapeStart.count == m + 1, e.shapeLon.count == e.shapeLat.count,
              Int(e.shapeStart.last ?? 0) == e.shapeLon.count, e.shapeStart.first == 0,
              zip(e.shapeStart, e.shapeStart.dropFirst()).allSatisfy({ $0 <= $1 }),
              e.from.allSatisfy({ Int($0) < n }), e.to.allSatisfy({ Int($0) < n }),
              c.ofNode.count == n, c.size.count == c.eligible.count,
              c.ofNode.allSatisfy({ Int($0) < c.size.count }) else {
            throw Invalid(description: "inconsistent network arrays")
        }
    }
}
