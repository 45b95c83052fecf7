/// OSM nodes and ways kept for their tags (candidate facilities), in file order.
public struct OSMFeatures: Sendable {
    public var ids: [Int64] = []
    /// Whether each feature is a way (else a node).
    public var isWay: [Bool] = []
    /// Node position, degrees × 10⁷ (0 for ways).
    public var lon: [Int32] = []
    public var lat: [Int32] = []
    /// `count + 1` offsets into `tagKeys` / `tagValues` (indices into ``OSMData/strings``).
    public var tagStart: [Int] = [0]
    public var tagKeys: [Int32] = []
    public var tagValues: [Int32] = []
    /// `count + 1` offsets into `refs`: a way's node indices (``OSMData/missing`` when absent).
    public var refStart: [Int] = [0]
    public var refs: [UInt32] = []

    public init() {}

    public init(ids: [Int64], isWay: [Bool], lon: [Int32], lat: [Int32], tagStart: [Int], tagKeys: [Int32],
                tagValues: [Int32], refStart: [Int], refs: [UInt32]) {
        self.ids = ids
        self.isWay = isWay
        self.lon = lon
        self.lat = lat
        self.tagStart = ids.isEmpty ? [0] : tagStart
        self.tagKeys = tagKeys
        self.tagValues = tagValues
        self.refStart = ids.isEmpty ? [0] : refStart
        self.refs = refs
    }

    /// The number of features.
    public var count: Int { ids.count }
}

extension OSMData {
    /// The tags of feature `f` as a dictionary.
    public func featureTags(_ f: Int) -> [String: String] {
        var tags: [String: String] = [:]
        for k in features.tagStart[f]..<features.tagStart[f + 1] {
            tags[strings[Int(features.tagKeys[k])]] = strings[Int(features.tagValues[k])]
        }
        return tags
    }

    /// The positions (degrees) of feature `f`: one point for a node, the present nodes of a way.
    public func featurePoints(_ f: Int) -> [(lon: Double, lat: Double)] {
        if !features.isWay[f] { return [(Double(features.lon[f]) / 1e7, Double(features.lat[f]) / 1e7)] }
        return (features.refStart[f]..<features.refStart[f + 1]).compactMap { r in
            let i = features.refs[r]
            return i == OSMData.missing ? nil : (Double(nodeLon[Int(i)]) / 1e7, Double(nodeLat[Int(i)]) / 1e7)
        }
    }
}
