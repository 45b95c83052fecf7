internal import COsmium
import Foundation

/// The parts of an OSM file the network needs, in columns: every node, and every way with a
/// `highway` tag with its references resolved to node indices and the profile tag values.
public struct OSMData: Sendable {
    /// Node ids, ascending; coordinates as degrees × 10⁷.
    public var nodeIds: [Int64] = []
    public var nodeLon: [Int32] = []
    public var nodeLat: [Int32] = []
    /// Way ids, ascending.
    public var wayIds: [Int64] = []
    /// `wayIds.count + 1` offsets into `refIds` / `refIndex`.
    public var wayRefStart: [Int] = [0]
    /// The node id of each reference.
    public var refIds: [Int64] = []
    /// The node index of each reference, or ``OSMData/missing`` when the node is not in the file.
    public var refIndex: [UInt32] = []
    /// For way `w` and key `k` of ``OSMData/wayKeys``: `tagValues[w * wayKeys.count + k]`,
    /// an index into `strings`, or -1 when the way lacks the key.
    public var tagValues: [Int32] = []
    /// Interned tag values.
    public var strings: [String] = []
    /// Whether the file was PBF (else OSM XML).
    public var isPBF = false
    /// Nodes and ways carrying one of the feature keys asked for (facilities from OSM tags).
    public var features = OSMFeatures()

    /// A reference to a node missing from the file.
    public static let missing = UInt32.max

    /// The tag keys captured for each way, in column order. Mode profiles read these.
    public static let wayKeys = [
        "highway", "foot", "bicycle", "access", "motorroad", "area", "oneway", "oneway:bicycle",
        "junction", "cycleway", "cycleway:left", "cycleway:right", "cycleway:both",
    ]

    public init() {}

    /// The references of way `w`.
    public func refs(of w: Int) -> Range<Int> { wayRefStart[w]..<wayRefStart[w + 1] }

    /// The value of key column `k` on way `w`, if present.
    public func tag(_ w: Int, _ k: Int) -> String? {
        let v = tagValues[w * Self.wayKeys.count + k]
        return v < 0 ? nil : strings[Int(v)]
    }
}

extension OSMData {
    /// Reads an `.osm.pbf`, `.osm`, `.osm.gz` or `.osm.bz2` file through libosmium. The format is
    /// recognised from the file's first bytes, not its name.
    ///
    /// - Throws: ``OSMError`` naming the file: missing, empty, not OSM, truncated or corrupt.
    /// - Complexity: O(file size); about 3 M nodes/s.
    /// - Parameter featureKeys: nodes and ways with any of these keys are kept in ``features``
    ///   with all their tags.
    public static func read(path: String, featureKeys: [String] = []) throws -> OSMData {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw OSMError(path: path, problem: "no such file")
        }
        if isDir.boolValue { throw OSMError(path: path, problem: "is a directory, not an OSM file") }
        let keys = wayKeys.map { strdup($0) }
        let fkeys = featureKeys.map { strdup($0) }
        defer { (keys + fkeys).forEach { free($0) } }
        var errbuf = [CChar](repeating: 0, count: 1024)
        let result: OpaquePointer? = keys.withUnsafeBufferPointer { kp in
            kp.withMemoryRebound(to: UnsafePointer<CChar>?.self) { kcp in
                fkeys.withUnsafeBufferPointer { fp in
                    fp.withMemoryRebound(to: UnsafePointer<CChar>?.self) { fcp in
                        "highway".withCString { filter in
                            var opts = cosm_options(way_filter_key: filter, way_keys: kcp.baseAddress,
                                                    way_key_count: kcp.count, feature_keys: fcp.baseAddress,
                                                    feature_key_count: fcp.count)
                            return cosm_read(path, &opts, &errbuf, errbuf.count)
                        }
                    }
                }
            }
        }
        guard let result else {
            let message = errbuf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            throw OSMError(path: path, problem: message.isEmpty ? "could not be read" : message)
        }
        defer { cosm_free(result) }
        var view = cosm_view()
        cosm_get_view(result, &view)
        return OSMData(view: view)
    }

    private init(view v: cosm_view) {
        func copy<T>(_ p: UnsafePointer<T>?, _ n: Int) -> [T] {
            guard let p, n > 0 else { return [] }
            return Array(UnsafeBufferPointer(start: p, count: n))
        }
        nodeIds = copy(v.node_ids, v.node_count)
        nodeLon = copy(v.node_lon, v.node_count)
        nodeLat = copy(v.node_lat, v.node_count)
        wayIds = copy(v.way_ids, v.way_count)
        wayRefStart = copy(v.way_ref_start, v.way_count + 1).map { Int($0) }
        refIds = copy(v.ref_ids, v.ref_count)
        refIndex = copy(v.ref_index, v.ref_count)
        tagValues = copy(v.way_tag_values, v.way_count * Self.wayKeys.count)
        strings = (0..<v.string_count).map { String(cString: v.strings[$0]!) }
        isPBF = v.is_pbf != 0
        let n = v.feature_count
        features = OSMFeatures(
            ids: copy(v.feature_ids, n), isWay: copy(v.feature_is_way, n).map { $0 != 0 },
            lon: copy(v.feature_lon, n), lat: copy(v.feature_lat, n),
            tagStart: copy(v.feature_tag_start, n + 1).map { Int($0) },
            tagKeys: copy(v.feature_tag_keys, Int(n > 0 ? v.feature_tag_start[n] : 0)),
            tagValues: copy(v.feature_tag_values, Int(n > 0 ? v.feature_tag_start[n] : 0)),
            refStart: copy(v.feature_ref_start, n + 1).map { Int($0) },
            refs: copy(v.feature_refs, Int(n > 0 ? v.feature_ref_start[n] : 0)))
    }
}
