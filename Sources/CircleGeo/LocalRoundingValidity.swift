// Whether rounding a valid polygon set to the written 7-decimal grid keeps it valid, decided on the
// few rings rounding can affect instead of the whole set (issue 14 §4: GEOS's validity check of a
// correction's rounded result, over the city-wide gap polygon and its thousands of holes, was a
// quarter of the consistency pass).
//
// RoundingCheck lists the position–segment pairs closer than its clearance that rounding can
// change (`movedClosePairs`: after an overlay of polygons already on the grid, only the overlay's
// new positions move); every other pair of rings keeps its relation under rounding (its argument,
// applied to that pair alone). So when the
// rounded positions of the listed pairs do not land on their rounded segments (no new touching
// point, which could close a cycle of touching rings elsewhere and cut an interior), the rounded
// set is valid exactly when the listed rings are valid together: a crossing, a ring collapsing or
// crossing itself involves a listed pair. GEOS checks those rings, each polygon's exterior with
// its listed holes. Dropping the other holes can only make that check fail where the whole set is
// valid (a polygon lying in a dropped hole), never pass where it is not; a failure is handed back
// to the caller's check of the whole set.

extension GapGeometry {
    /// True when `onGrid` (`parts`, a valid set, with every position rounded) is shown valid as
    /// above; nil when it is not shown (ask GEOS about the whole set).
    static func roundedIsValidLocally(_ parts: [AreaPolygon], _ onGrid: [AreaPolygon], context: GEOSContext) -> Bool? {
        guard let pairs = RoundingCheck.movedClosePairs(parts, rounded: onGrid, limit: 256) else { return nil }
        if pairs.isEmpty { return true }
        var involved: [Int: Set<Int>] = [:]
        for pair in pairs {
            let v = pair.position, s = pair.segment
            let ring = onGrid[v.polygon].rings[v.ring], other = onGrid[s.polygon].rings[s.ring]
            let px = ring.lon[v.index], py = ring.lat[v.index]
            let ax = other.lon[s.index], ay = other.lat[s.index], bx = other.lon[s.index + 1], by = other.lat[s.index + 1]
            // A new touching point: the rounded position on the rounded segment, ends included.
            if GEOSArithmetic.inBox(ax, ay, bx, by, px, py) && GEOSArithmetic.orientationIndex(ax, ay, bx, by, px, py) == 0 {
                return nil
            }
            involved[v.polygon, default: []].insert(v.ring)
            involved[s.polygon, default: []].insert(s.ring)
        }
        let near = involved.keys.sorted().map { p in
            AreaPolygon(rings: [onGrid[p].rings[0]] + involved[p, default: []].filter { $0 > 0 }.sorted().map { onGrid[p].rings[$0] })
        }
        guard let whole = context.multiPolygon(near), context.validityProblem(whole) == nil else { return nil }
        return true
    }
}
