import CircleGeo
import CircleGIS
import CircleGraph
import CircleInput
import Foundation

/// A place where a facility could be added: one point, or the entrances of a parcel (a polygon's
/// boundary sampled every 50 m, reached there like a park).
struct Candidate: Sendable {
    var id: String
    /// Its entrances, WGS84.
    var points: [(lon: Double, lat: Double)]
    var cost: Double
    /// Where it is drawn and listed: the first entrance, or the mean of a parcel's.
    var lon: Double { points.count == 1 ? points[0].lon : points.map(\.lon).reduce(0, +) / Double(points.count) }
    var lat: Double { points.count == 1 ? points[0].lat : points.map(\.lat).reduce(0, +) / Double(points.count) }
}

/// Candidate sites from a file or along the streets.
enum CandidateSource {
    /// Reads points or polygons; rows sharing an `id` are entrances of one candidate; `cost`
    /// (optional, positive) weighs it for `--cover-all` and `--target`.
    static func read(path: String, crs: CoordinateSystem?, encoding: String? = nil) throws -> [Candidate] {
        let points = try InputFiles.points(path, polygonSpacing: FacilityReader.polygonSpacing, crs: crs, encoding: encoding)
        var order: [String] = []
        var byId: [String: Candidate] = [:]
        for p in points {
            var cost = 1.0
            if let text = Columns.value(["cost", "费用", "成本"], in: p.attributes), !text.isEmpty {
                guard let v = Double(text), v > 0, v.isFinite else {
                    throw InputError(path: path, location: p.location, problem: "candidate \(p.id): cost must be a positive number, got '\(text)'")
                }
                cost = v
            }
            if var c = byId[p.id] {
                c.points.append((p.lon, p.lat))
                byId[p.id] = c
            } else {
                order.append(p.id)
                byId[p.id] = Candidate(id: p.id, points: [(p.lon, p.lat)], cost: cost)
            }
        }
        guard !order.isEmpty else { throw InputError(path: path, location: "", problem: "holds no candidate points") }
        return order.map { byId[$0]! }
    }

    /// Points every `spacing` metres along the streets of `network` (eligible components only), each
    /// within `radius` metres (straight line) of some point of `near`, and inside `areas` when
    /// given. An edge shorter than the spacing gets its midpoint. Ids: `n1`, `n2`, … in edge order.
    static func alongStreets(_ network: RoadNetwork, spacing: Double, near: [(lon: Double, lat: Double)], radius: Double,
                             areas: AreaLocator?) -> [Candidate] {
        let index = NearPoints(near, radius: radius)
        var out: [Candidate] = []
        let edges = network.edges
        for e in 0..<edges.count where network.isEligible(edge: e) {
            let shape = edges.shape(of: e)
            let line = shape.map { [Geodesy.degrees(edges.shapeLon[$0]), Geodesy.degrees(edges.shapeLat[$0])] }
            let length = edges.length[e]
            let marks = length < spacing ? [length / 2] : stride(from: spacing / 2, to: length, by: spacing).map { $0 }
            for m in marks {
                let p = point(on: line, at: m)
                guard index.hasPoint(near: p) else { continue }
                if let areas, areas.locate(lon: p.lon, lat: p.lat) == nil { continue }
                out.append(Candidate(id: "n\(out.count + 1)", points: [p], cost: 1))
            }
        }
        return out
    }

    /// The point `distance` metres (haversine) along a polyline.
    static func point(on line: [[Double]], at distance: Double) -> (lon: Double, lat: Double) {
        var left = distance
        for k in 0..<(line.count - 1) {
            let a = line[k], b = line[k + 1]
            let d = Geodesy.haversine(lon1: a[0], lat1: a[1], lon2: b[0], lat2: b[1])
            if left <= d || k == line.count - 2 {
                let t = d > 0 ? min(max(left / d, 0), 1) : 0
                return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
            }
            left -= d
        }
        return (line[0][0], line[0][1])
    }
}

/// Points on a grid of `radius`-sized cells, for "which of them lie within `radius` of here".
struct NearPoints: Sendable {
    let plane: LocalPlane
    let cell: Double
    let radius: Double
    var cells: [Int64: [Int]] = [:]
    let points: [(lon: Double, lat: Double)]

    init(_ points: [(lon: Double, lat: Double)], radius: Double) {
        self.points = points
        self.radius = radius
        let lon0 = points.isEmpty ? 0 : points.map(\.lon).reduce(0, +) / Double(points.count)
        let lat0 = points.isEmpty ? 0 : points.map(\.lat).reduce(0, +) / Double(points.count)
        plane = LocalPlane(lon0: lon0, lat0: lat0)
        // Wider than the radius: the plane's scale drifts slightly away from its centre.
        cell = max(radius * 1.05, 1)
        for (i, p) in points.enumerated() { cells[key(p), default: []].append(i) }
    }

    func key(_ p: (lon: Double, lat: Double)) -> Int64 {
        let (x, y) = plane.project(lon: p.lon, lat: p.lat)
        return Self.key(Int64((x / cell).rounded(.down)), Int64((y / cell).rounded(.down)))
    }

    static func key(_ i: Int64, _ j: Int64) -> Int64 { (i << 32) ^ (j & 0xFFFF_FFFF) }

    /// Indices of the points within `radius` (haversine) of `p`.
    func within(_ p: (lon: Double, lat: Double)) -> [Int] {
        let (x, y) = plane.project(lon: p.lon, lat: p.lat)
        let ci = Int64((x / cell).rounded(.down)), cj = Int64((y / cell).rounded(.down))
        var out: [Int] = []
        for di in -1...1 {
            for dj in -1...1 {
                for i in cells[Self.key(ci + Int64(di), cj + Int64(dj))] ?? [] {
                    let q = points[i]
                    if Geodesy.haversine(lon1: p.lon, lat1: p.lat, lon2: q.lon, lat2: q.lat) <= radius { out.append(i) }
                }
            }
        }
        return out.sorted()
    }

    func hasPoint(near p: (lon: Double, lat: Double)) -> Bool { !within(p).isEmpty }
}
