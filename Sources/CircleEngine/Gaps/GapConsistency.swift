import CircleGeo
import Foundation

/// Makes a gap map agree with the origins (SPEC §7): an origin covered for the item lies outside
/// its gap polygons, an origin missing it lies inside. The raster already gives every origin's own
/// cell the origin's result; simplification, or two origins in one cell that disagree, can still
/// put an origin on the wrong side, and a one-metre square around it settles that.
enum GapConsistency {
    /// Half the side of the correcting square, metres.
    static let halfSize = 0.5

    static func enforce(_ gaps: GapPolygons, item i: Int, input: GapMaps.Inputs, candidates: [Int],
                        projection: Projection) throws -> GapPolygons {
        guard !candidates.isEmpty else { return gaps }
        let (include, exclude) = try contradictions(gaps, item: i, input: input, candidates: candidates)
        guard !include.isEmpty || !exclude.isEmpty else { return gaps }
        var xs = (include + exclude).map { input.origins[$0].lon }, ys = (include + exclude).map { input.origins[$0].lat }
        try projection.forward(&xs, &ys)
        let points = zip(xs, ys).map { (x: $0, y: $1) }
        let fixed = try GapGeometry.adjusted(gaps, include: Array(points[..<include.count]),
                                             exclude: Array(points[include.count...]), halfSize: halfSize) { x, y in
            try projection.inverse(&x, &y)
        }
        let (stillIn, stillOut) = try contradictions(fixed, item: i, input: input, candidates: candidates)
        guard stillIn.isEmpty && stillOut.isEmpty else {
            throw GapGeometryError("the gap map of \(input.items[i].id) still contradicts \(stillIn.count + stillOut.count) origins")
        }
        return fixed
    }

    /// Among `candidates`, origins missing the item that lie outside the polygons, and covered ones inside.
    static func contradictions(_ gaps: GapPolygons, item i: Int, input: GapMaps.Inputs,
                               candidates: [Int]) throws -> (include: [Int], exclude: [Int]) {
        let inside = try locate(gaps, candidates.map { (input.origins[$0].lon, input.origins[$0].lat) })
        var include: [Int] = [], exclude: [Int] = []
        for (k, o) in candidates.enumerated() {
            guard let covered = input.covered[o][i] else { continue }
            if covered && inside[k] { exclude.append(o) }
            if !covered && !inside[k] { include.append(o) }
        }
        return (include, exclude)
    }

    /// Whether each point lies in (or on) the polygons.
    static func locate(_ gaps: GapPolygons, _ points: [(lon: Double, lat: Double)]) throws -> [Bool] {
        guard !gaps.polygons.isEmpty else { return points.map { _ in false } }
        // GapGeometry checked these polygons with GEOS already.
        let set = try AreaSet(checkedFeatures: [AreaFeature(index: 0, polygons: gaps.polygons)])
        let locator = AreaLocator(set)
        return points.map { locator.locate(lon: $0.lon, lat: $0.lat) != nil }
    }
}
