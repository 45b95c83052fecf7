import CircleGraph
import CircleSupport
import Foundation

extension GraphCache {
    /// Writes `networks` to `path` atomically, recording the input they were built from.
    ///
    /// - Throws: ``OSMError`` naming `path` when it cannot be written.
    public static func write(_ networks: Networks, input: InputFingerprint, options: NetworkOptions,
                             toolVersion: String, to path: String) throws {
        var payload = BinaryWriter(reservingCapacity: estimatedSize(networks))
        encode(networks.walk, into: &payload)
        encode(networks.cycle, into: &payload)
        let body = payload.data
        let checksum = body.withUnsafeBytes { xxHash64($0) }
        let header = Header(formatVersion: formatVersion, toolVersion: toolVersion, inputPath: input.path,
                            inputSize: input.size, inputModified: input.modified, inputSHA256: input.sha256,
                            profileFingerprint: profileFingerprint, options: options,
                            payloadLength: UInt64(body.count), payloadXXH64: String(checksum, radix: 16))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json: Data
        do { json = try encoder.encode(header) } catch {
            throw OSMError(path: path, problem: "cannot encode the cache header: \(error)")
        }
        var file = BinaryWriter(reservingCapacity: body.count + json.count + 64)
        file.write(bytes: magic)
        file.write(formatVersion)
        file.write(UInt32(json.count))
        file.write(bytes: json)
        var out = file.data
        out.append(body)
        do { try AtomicWrite.write(out, to: path) } catch {
            throw OSMError(path: path, problem: "cannot write the graph cache: \(error)")
        }
    }

    static func estimatedSize(_ n: Networks) -> Int {
        [n.walk, n.cycle].reduce(0) {
            $0 + $1.nodes.count * 16 + $1.edges.count * 40 + $1.edges.shapeLon.count * 8
                + ($1.hierarchy.map { $0.nodeCount * 12 + $0.arcCount * 8 } ?? 0)
        }
    }

    static func encode(_ n: RoadNetwork, into w: inout BinaryWriter) {
        w.write(UInt8(n.mode == .walk ? 0 : 1))
        w.write(UInt64(n.minEligibleNodes))
        w.write(array: n.nodes.osmId)
        w.write(array: n.nodes.lon)
        w.write(array: n.nodes.lat)
        let e = n.edges
        w.write(array: e.from)
        w.write(array: e.to)
        w.write(array: e.length)
        w.write(array: e.directions)
        w.write(array: e.wayId)
        w.write(array: e.shapeStart)
        w.write(array: e.shapeLon)
        w.write(array: e.shapeLat)
        for g in [n.forward, n.backward] {
            w.write(array: g.firstOut)
            w.write(array: g.head)
            w.write(array: g.edge)
        }
        w.write(array: n.components.ofNode)
        w.write(array: n.components.size)
        w.write(array: n.components.eligible.map { UInt8($0 ? 1 : 0) })
        // Format 2: the contraction hierarchy of the backward graph, when built (a flag, then its arrays).
        if let h = n.hierarchy {
            w.write(UInt8(1))
            w.write(array: h.position)
            w.write(array: h.upFirst)
            w.write(array: h.upArcs)
            w.write(array: h.downFirst)
            w.write(array: h.downArcs)
        } else {
            w.write(UInt8(0))
        }
    }
}

/// Identifies an input file: path, size, modification time and SHA-256.
public struct InputFingerprint: Sendable, Codable, Equatable {
    public var path: String
    public var size: UInt64
    public var modified: Double
    public var sha256: String

    public init(path: String, size: UInt64, modified: Double, sha256: String) {
        self.path = path
        self.size = size
        self.modified = modified
        self.sha256 = sha256
    }

    /// Fingerprints the file at `path` (hashing its whole content).
    public static func of(path: String) throws -> InputFingerprint {
        let (size, modified) = try stat(path: path)
        let sha = try sha256Hex(ofFileAt: path)
        return InputFingerprint(path: path, size: size, modified: modified, sha256: sha)
    }

    /// Size and modification time of `path`.
    public static func stat(path: String) throws -> (UInt64, Double) {
        do {
            let attrs = try FileManager.default.attributesOfItem(atPath: path)
            let size = (attrs[.size] as? NSNumber)?.uint64Value ?? 0
            let modified = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return (size, modified)
        } catch {
            throw OSMError(path: path, problem: "no such file")
        }
    }
}
