/// Finds which area of an ``AreaSet`` holds a point, using GEOS prepared polygons and an STRtree.
///
/// A locator owns its own GEOS context, so it is not Sendable: make one per thread or task (they
/// are cheap next to the queries; all share the same ``AreaSet`` value).
///
/// Rules:
/// - A point belongs to an area when the area covers it (`GEOSPreparedCovers_r`): inside, or on
///   the boundary, including the boundary of a hole. A point strictly inside a hole is outside.
/// - When several areas cover a point (a shared edge, or overlapping areas) the lowest feature
///   index wins, so the answer does not depend on the tree's order.
/// - Coordinates are compared as planar longitude/latitude, exactly as written in the file.
public final class AreaLocator {
    /// The number of areas.
    public let count: Int
    private let context: GEOSContext
    /// One prepared polygon per polygon part, parts in feature order.
    private let parts: [GEOSPreparedBox]
    /// The feature index of each part (non-decreasing).
    private let partFeature: [Int]
    private let tree: GEOSEnvelopeTree
    private let minLon: Double, minLat: Double, maxLon: Double, maxLat: Double
    /// Scratch list of tree hits, reused between queries.
    private var candidates: [Int] = []

    /// Builds GEOS polygons for every part of every area, prepares them and indexes their
    /// envelopes in an STRtree.
    ///
    /// - Complexity: O(n log n) in the number of positions.
    public init(_ areas: AreaSet) {
        let context = GEOSContext()
        let tree = GEOSEnvelopeTree(context: context)
        var parts: [GEOSPreparedBox] = [], partFeature: [Int] = []
        var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
        for feature in areas.features {
            for polygon in feature.polygons {
                // An AreaSet has passed GEOS's own validity check, so GEOS cannot refuse these.
                guard let geometry = context.polygon(polygon), let prepared = geometry.prepared() else {
                    preconditionFailure("GEOS refused a validated polygon of feature \(feature.index + 1): "
                                        + context.takeError(or: "no message"))
                }
                if let e = geometry.extent {
                    x0 = min(x0, e.minX); y0 = min(y0, e.minY); x1 = max(x1, e.maxX); y1 = max(y1, e.maxY)
                }
                tree.insert(geometry, label: parts.count)
                parts.append(prepared)
                partFeature.append(feature.index)
            }
        }
        self.count = areas.count
        self.context = context
        self.parts = parts
        self.partFeature = partFeature
        self.tree = tree
        (minLon, minLat, maxLon, maxLat) = (x0, y0, x1, y1)
        // GEOS 3.11 builds the tree lazily on the first query: do it now.
        if !parts.isEmpty, let probe = context.point(x: x0, y: y0) { tree.query(probe, into: &candidates) }
    }

    /// The index of the area that covers the point, or nil if none does (or a coordinate is NaN
    /// or infinite). Ties go to the lowest index.
    ///
    /// - Complexity: O(log n) tree descent plus one prepared-polygon test per area whose bounding
    ///   box holds the point, each O(log v) in that polygon's vertex count v.
    public func locate(lon: Double, lat: Double) -> Int? {
        guard lon >= minLon, lon <= maxLon, lat >= minLat, lat <= maxLat,  // false for NaN
              let point = context.point(x: lon, y: lat) else { return nil }
        candidates.removeAll(keepingCapacity: true)
        tree.query(point, into: &candidates)
        if candidates.count > 1 { candidates.sort() }
        for part in candidates where parts[part].covers(point) { return partFeature[part] }
        return nil
    }

    /// ``locate(lon:lat:)`` for each point, in order.
    public func locateAll(_ points: [(lon: Double, lat: Double)]) -> [Int?] {
        points.map { locate(lon: $0.lon, lat: $0.lat) }
    }
}

@available(*, unavailable, message: "an AreaLocator owns a GEOS context; make one per thread or task")
extension AreaLocator: Sendable {}
