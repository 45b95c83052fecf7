import Foundation

// Map geometry: a local equirectangular projection onto an integer SVG grid, Douglas–Peucker
// simplification, and compact relative path data ("M12 34l5-3 7 2z").

/// A point on the map's integer grid (x to the east, y to the south).
struct GridPoint: Hashable {
    var x: Int
    var y: Int
}

/// Longitude and latitude onto an integer grid whose larger side is `width` units, scaled equally
/// in both directions at the middle latitude, with a 2% margin around the data.
struct MapProjection {
    let minLon: Double
    let maxLat: Double
    let cosLat: Double
    /// Grid units per degree of latitude.
    let scale: Double
    let margin: Double
    let width: Int
    let height: Int

    /// The projection of everything in `positions`; nil when none is finite.
    init?<S: Sequence>(positions: S, width: Int) where S.Element == ReportPosition {
        var bounds = PositionBounds()
        for p in positions { bounds.add(p) }
        self.init(bounds: bounds, width: width)
    }

    /// The projection of the positions `bounds` met; nil when none was finite.
    init?(bounds: PositionBounds, width: Int) {
        let (minLon, maxLon, minLat, maxLat) = (bounds.minLon, bounds.maxLon, bounds.minLat, bounds.maxLat)
        guard minLon.isFinite, width > 0 else { return nil }
        let cosLat = max(cos((minLat + maxLat) / 2 * .pi / 180), 0.01)
        // A single point or a straight line still gets at least 0.001° (about 100 m) each way.
        let spanX = max((maxLon - minLon) * cosLat, 0.001)
        let spanY = max(maxLat - minLat, 0.001)
        let margin = Double(width) * 0.02
        let scale = Double(width) * 0.96 / max(spanX, spanY)
        self.minLon = minLon - (spanX - (maxLon - minLon) * cosLat) / 2 / cosLat
        self.maxLat = maxLat + (spanY - (maxLat - minLat)) / 2
        self.cosLat = cosLat
        self.scale = scale
        self.margin = margin
        self.width = Int((spanX * scale + 2 * margin).rounded(.up))
        self.height = Int((spanY * scale + 2 * margin).rounded(.up))
    }

    func project(_ p: ReportPosition) -> GridPoint {
        GridPoint(x: Int(((p.lon - minLon) * cosLat * scale + margin).rounded()),
                  y: Int(((maxLat - p.lat) * scale + margin).rounded()))
    }

    /// Metres per grid unit (mean Earth radius 6,371,008.8 m).
    var metresPerUnit: Double { 6_371_008.8 * .pi / 180 / scale }
}

/// The extent of positions (finite, latitude within ±90°), added one by one.
struct PositionBounds {
    var minLon = Double.infinity, maxLon = -Double.infinity
    var minLat = Double.infinity, maxLat = -Double.infinity

    @inline(__always)
    mutating func add(_ p: ReportPosition) {
        guard p.lon.isFinite && p.lat.isFinite && abs(p.lat) <= 90 else { return }
        minLon = min(minLon, p.lon); maxLon = max(maxLon, p.lon)
        minLat = min(minLat, p.lat); maxLat = max(maxLat, p.lat)
    }

    mutating func add(_ line: [ReportPosition]) {
        for p in line { add(p) }
    }
}

/// A part of the report made on another core while the caller goes on; ``value`` waits for it.
final class ConcurrentPart: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result = ""

    init(_ body: @escaping () -> String) {
        // The body reads the model only (value types, not changed while the report renders).
        nonisolated(unsafe) let work = body
        DispatchQueue.global().async { [self] in
            result = work()
            done.signal()
        }
    }

    /// The part's text, once it is made.
    var value: String {
        done.wait()
        done.signal()
        return result
    }
}

enum MapGeometry {
    /// Projects, drops repeated grid points, and simplifies (Douglas–Peucker, `tolerance` in grid
    /// units). The first and last points are kept, so a closed ring stays closed.
    static func gridLine(_ positions: [ReportPosition], _ projection: MapProjection, tolerance: Double) -> [GridPoint] {
        var scratch = SimplifyScratch()
        return gridLine(positions, projection, tolerance: tolerance, scratch: &scratch)
    }

    /// ``gridLine(_:_:tolerance:)`` with working space reused from call to call.
    static func gridLine(_ positions: [ReportPosition], _ projection: MapProjection, tolerance: Double,
                         scratch: inout SimplifyScratch) -> [GridPoint] {
        var points: [GridPoint] = []
        points.reserveCapacity(positions.count)
        for p in positions where p.lon.isFinite && p.lat.isFinite {
            let g = projection.project(p)
            if points.last != g { points.append(g) }
        }
        return simplify(points, tolerance: tolerance, scratch: &scratch)
    }

    /// ``gridLine(_:_:tolerance:scratch:)`` of line `k` of a table of lines.
    static func gridLine(_ lines: ReportPolylines, _ k: Int, _ projection: MapProjection, tolerance: Double,
                         scratch: inout SimplifyScratch) -> [GridPoint] {
        let range = lines.starts[k]..<lines.starts[k + 1]
        var points: [GridPoint] = []
        points.reserveCapacity(range.count)
        for j in range {
            let p = ReportPosition(lines.lon[j], lines.lat[j])
            guard p.lon.isFinite && p.lat.isFinite else { continue }
            let g = projection.project(p)
            if points.last != g { points.append(g) }
        }
        return simplify(points, tolerance: tolerance, scratch: &scratch)
    }

    /// Douglas–Peucker with an explicit stack (long lines must not recurse deeply).
    static func simplify(_ p: [GridPoint], tolerance: Double) -> [GridPoint] {
        var scratch = SimplifyScratch()
        return simplify(p, tolerance: tolerance, scratch: &scratch)
    }

    /// ``simplify(_:tolerance:)`` with working space reused from call to call; the kept points
    /// are moved to the front of `p`'s own storage.
    static func simplify(_ line: consuming [GridPoint], tolerance: Double,
                         scratch: inout SimplifyScratch) -> [GridPoint] {
        var p = line
        guard p.count > 2, tolerance > 0 else { return p }
        scratch.keep.removeAll(keepingCapacity: true)
        scratch.keep.append(contentsOf: repeatElement(false, count: p.count))
        scratch.keep[0] = true
        scratch.keep[p.count - 1] = true
        scratch.stack.removeAll(keepingCapacity: true)
        scratch.stack.append((0, p.count - 1))
        let tol2 = tolerance * tolerance
        while let (a, b) = scratch.stack.popLast() {
            guard b > a + 1 else { continue }
            var best = -1.0, index = -1
            let pa = p[a], pb = p[b]
            for i in (a + 1)..<b {
                let d = distanceSquared(p[i], pa, pb)
                if d > best { best = d; index = i }
            }
            if best > tol2 {
                scratch.keep[index] = true
                scratch.stack.append((a, index))
                scratch.stack.append((index, b))
            }
        }
        var w = 0
        for i in p.indices where scratch.keep[i] {
            p[w] = p[i]
            w += 1
        }
        p.removeLast(p.count - w)
        return p
    }

    /// Squared distance from `p` to the segment `a`–`b` (to `a` when the segment is a point).
    static func distanceSquared(_ p: GridPoint, _ a: GridPoint, _ b: GridPoint) -> Double {
        let ax = Double(a.x), ay = Double(a.y)
        let dx = Double(b.x) - ax, dy = Double(b.y) - ay
        let px = Double(p.x) - ax, py = Double(p.y) - ay
        let len2 = dx * dx + dy * dy
        guard len2 > 0 else { return px * px + py * py }
        let t = min(max((px * dx + py * dy) / len2, 0), 1)
        let ex = px - t * dx, ey = py - t * dy
        return ex * ex + ey * ey
    }
}

/// Working space for ``MapGeometry/simplify(_:tolerance:scratch:)``, kept between calls.
struct SimplifyScratch {
    var keep: [Bool] = []
    var stack: [(Int, Int)] = []
}
