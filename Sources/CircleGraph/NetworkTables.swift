/// The graph nodes of a network: split points and way ends, with their OSM ids and positions.
///
/// Coordinates are fixed-point degrees × 10⁷, the precision OSM stores.
public struct NodeTable: Sendable, Equatable {
    /// The OSM node id of each graph node.
    public var osmId: [Int64] = []
    /// Longitude × 10⁷.
    public var lon: [Int32] = []
    /// Latitude × 10⁷.
    public var lat: [Int32] = []

    public init() {}
    public init(osmId: [Int64], lon: [Int32], lat: [Int32]) {
        precondition(osmId.count == lon.count && lon.count == lat.count)
        self.osmId = osmId
        self.lon = lon
        self.lat = lat
    }

    /// The number of nodes.
    public var count: Int { osmId.count }

    /// Appends a node and returns its id.
    @discardableResult
    public mutating func append(osmId id: Int64, lon x: Int32, lat y: Int32) -> UInt32 {
        osmId.append(id)
        lon.append(x)
        lat.append(y)
        return UInt32(osmId.count - 1)
    }
}

/// The edges of a network: each runs between two graph nodes along a shape of OSM node positions.
///
/// Edge `e` has the shape points `shapeStart[e] ..< shapeStart[e + 1]`, its first point at node
/// `from[e]` and its last at node `to[e]`; `length[e]` is the sum of its segments in metres.
public struct EdgeTable: Sendable, Equatable {
    public var from: [UInt32] = []
    public var to: [UInt32] = []
    /// Metres, the sum of haversine segment lengths.
    public var length: [Double] = []
    /// Allowed directions (``EdgeDirections`` raw values), relative to `from` → `to`.
    public var directions: [UInt8] = []
    /// The OSM way the edge comes from.
    public var wayId: [Int64] = []
    /// `count + 1` offsets into the shape arrays.
    public var shapeStart: [UInt32] = [0]
    /// Shape longitudes × 10⁷.
    public var shapeLon: [Int32] = []
    /// Shape latitudes × 10⁷.
    public var shapeLat: [Int32] = []

    public init() {}

    /// The number of edges.
    public var count: Int { from.count }

    /// The allowed directions of edge `e`.
    @inlinable
    public func directions(of e: Int) -> EdgeDirections { EdgeDirections(rawValue: directions[e]) }

    /// The shape point indices of edge `e`.
    @inlinable
    public func shape(of e: Int) -> Range<Int> { Int(shapeStart[e])..<Int(shapeStart[e + 1]) }

    /// Appends an edge whose shape points were already appended to `shapeLon`/`shapeLat`.
    public mutating func closeEdge(from a: UInt32, to b: UInt32, length: Double,
                                   directions: EdgeDirections, wayId: Int64) {
        from.append(a)
        to.append(b)
        self.length.append(length)
        self.directions.append(directions.rawValue)
        self.wayId.append(wayId)
        shapeStart.append(UInt32(shapeLon.count))
    }
}
