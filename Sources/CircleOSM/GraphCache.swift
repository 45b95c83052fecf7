import CircleGraph
import CircleSupport
import Foundation

/// A versioned binary file holding both networks of an OSM file, which loads far faster than
/// parsing the OSM file again.
///
/// Layout: the 8-byte magic `SCGRAPH\0`, a `UInt32` format version, a `UInt32` header length, a
/// JSON header (``GraphCache/Header``: input path, size, modification time and SHA-256, profile
/// fingerprint, options, payload length and XXH64 checksum), then the payload of both networks'
/// arrays (``BinaryWriter``). See docs/graph-cache.md.
public enum GraphCache {
    /// The first bytes of every cache file.
    public static let magic: [UInt8] = Array("SCGRAPH\0".utf8)
    /// Bumped whenever the layout or the meaning of a field changes. 2: each network ends with its
    /// contraction hierarchy (a flag byte, then the arrays), for PHAST coverage searches.
    public static let formatVersion: UInt32 = 2

    /// What the cache was built from and with.
    public struct Header: Codable, Sendable, Equatable {
        public var formatVersion: UInt32
        public var toolVersion: String
        public var inputPath: String
        public var inputSize: UInt64
        public var inputModified: Double
        public var inputSHA256: String
        public var profileFingerprint: String
        public var options: NetworkOptions
        public var payloadLength: UInt64
        public var payloadXXH64: String
    }

    /// The version of the rules that turn ways into edges, beyond the profile tables: bumped
    /// whenever they change, so that caches (and search results keyed on the fingerprint) built
    /// under the old rules are stale. 2: every edge is kept, parallel edges and loops included
    /// (SPEC §3 revised 2026-12-04; 1 dropped the longer parallel edges).
    public static let networkRulesVersion = 2

    /// A fingerprint of the network rules compiled into this build (the mode profiles and
    /// ``networkRulesVersion``): a cache built under other rules is stale.
    public static var profileFingerprint: String {
        var text = "v\(networkRulesVersion)"
        for p in [ModeProfile.walk, ModeProfile.cycle] {
            text += "|\(p.mode.rawValue);\(p.modeKey);\(p.included.sorted());\(p.includedWhenPermitted.sorted())"
            text += ";\(p.forbidden.sorted());\(p.honoursOneway)"
        }
        text += "|\(ModeProfile.permitted.sorted())\(ModeProfile.restrictiveAccess.sorted())"
        text += "\(ModeProfile.squares.sorted())\(ModeProfile.onewayForward.sorted())"
        let digest = text.utf8CString.withUnsafeBytes { SHA256.hash(UnsafeRawBufferPointer(rebasing: $0.dropLast())) }
        return SHA256.hex(digest)
    }

    /// What identifies a cache's content without reading its payload: its format version, payload
    /// length and checksum (XXH64 of the whole payload) and the input it was built from; nil
    /// when `path` is not a readable cache. Run fingerprints use it instead of hashing a cache
    /// of a hundred megabytes on every run.
    public static func identity(path: String) -> String? {
        guard let (version, header) = versionedHeader(path: path) else { return nil }
        return "scgraph-v\(version):\(header.payloadLength):\(header.payloadXXH64):\(header.inputSHA256):"
            + "\(header.profileFingerprint):\(header.options.minEligibleNodes)"
    }

    /// Whether the file at `path` starts with the cache magic.
    public static func isCache(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: magic.count)) ?? Data()
        return Array(head) == magic
    }
}
