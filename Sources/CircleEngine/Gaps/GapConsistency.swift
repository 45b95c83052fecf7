import CircleGeo
import Foundation

/// Makes a gap map agree with the origins (SPEC §7): an origin covered for the item lies outside
/// its gap polygons, an origin missing it lies inside. The raster already gives every origin's own
/// cell the origin's result; simplification, or two origins in one cell that disagree, can still
/// put an origin on the wrong side, and a small square around it settles that.
enum GapConsistency {
    /// The largest half side of a correcting square, metres (smaller where origins stand closer).
    static let halfSize = 0.5

    /// - Parameter projected: every origin already in the metric projection (`projection.forward`), if known.
    static func enforce(_ gaps: GapPolygons, item i: Int, input: GapMaps.Inputs, candidates: [Int],
                        projection: Projection, projected: (x: [Double], y: [Double])? = nil) throws -> GapPolygons {
        guard candidates.contains(where: { input.covered[$0][i] != nil }) else { return gaps }
        // Every origin with a result keeps the correcting squares away from it; only candidates can be wrong.
        let known = input.origins.indices.filter { input.covered[$0][i] != nil }
        var position = [Int](repeating: -1, count: input.origins.count)
        for (k, o) in known.enumerated() { position[o] = k }
        let checking = candidates.compactMap { position[$0] >= 0 ? position[$0] : nil }
        var xs: [Double], ys: [Double]
        if let projected {
            (xs, ys) = (known.map { projected.x[$0] }, known.map { projected.y[$0] })
        } else {
            (xs, ys) = (known.map { input.origins[$0].lon }, known.map { input.origins[$0].lat })
            try projection.forward(&xs, &ys)
        }
        let points = known.indices.map { k in
            GapGeometry.SidedPoint(lon: GapGeometry.writtenDegrees(input.origins[known[k]].lon),
                                   lat: GapGeometry.writtenDegrees(input.origins[known[k]].lat), x: xs[k], y: ys[k],
                                   inside: input.covered[known[k]][i] == false)
        }
        let (fixed, wrong) = try GapGeometry.agreeing(gaps, points: points, checking: checking, halfSize: halfSize) { x, y in
            try projection.forward(&x, &y)
        }
        guard wrong.isEmpty else {
            let named = wrong.prefix(5).map { input.origins[known[$0]].id }.joined(separator: ", ")
            let twins = wrong.contains { k in
                points.indices.contains { j in j != k && points[j].x == points[k].x && points[j].y == points[k].y
                    && points[j].inside != points[k].inside }
            }
            throw GapGeometryError("the gap map of \(input.items[i].id) still contradicts \(wrong.count) origins (\(named))"
                                   + (twins ? ": origins at the very same position, less than 11 cm apart, one covering the item and one missing it" : ""))
        }
        return fixed
    }
}
