import Foundation

extension GraphCache {
    /// The header of the graph cache at `path` alone (the payload is not read or checked); nil
    /// when it is no graph cache or its header cannot be read. For work that may start before
    /// the cache loads (e.g. reading the OSM file it names); ``load(path:options:)`` decides
    /// whether the cache is usable.
    public static func header(path: String) -> Header? {
        versionedHeader(path: path)?.header
    }

    /// The cache's format version and header, read without the payload; nil when `path` is not
    /// a readable cache.
    static func versionedHeader(path: String) -> (version: UInt32, header: Header)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: magic.count + 8), head.count == magic.count + 8,
              Array(head.prefix(magic.count)) == magic else { return nil }
        let bytes = Array(head)
        func u32(_ at: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * $1) } }
        let version = u32(magic.count), length = Int(u32(magic.count + 4))
        guard length < 1 << 24, let json = try? handle.read(upToCount: length), json.count == length,
              let header = try? JSONDecoder().decode(Header.self, from: json) else { return nil }
        return (version, header)
    }
}
