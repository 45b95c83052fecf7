/// Which gap polygons a set of correcting squares can change (the local consistency repair).
///
/// The consistency pass adds or cuts a few squares of about a metre. A polygon whose bounding box
/// stays more than ``margin`` from every square cannot meet one, so only the others ("touched")
/// go through GEOS's overlays; the rest are kept exactly as they are. The union of the kept and
/// the repaired polygons is the point set a whole-map overlay gives, because each square only
/// meets touched polygons and the overlays keep every input position that is not in a square.
struct LocalRepair {
    /// A closed longitude/latitude box.
    struct Box: Sendable, Equatable {
        var x0: Double, y0: Double, x1: Double, y1: Double

        /// The box grown by `d` on every side.
        func grown(_ d: Double) -> Box { Box(x0: x0 - d, y0: y0 - d, x1: x1 + d, y1: y1 + d) }

        func intersects(_ other: Box) -> Bool { x0 <= other.x1 && other.x0 <= x1 && y0 <= other.y1 && other.y0 <= y1 }

        func contains(x: Double, y: Double) -> Bool { x >= x0 && x <= x1 && y >= y0 && y <= y1 }

        /// The box of a polygon's exterior ring (its holes lie inside), nil for an empty ring.
        init?(_ polygon: AreaPolygon) {
            guard let ring = polygon.rings.first, !ring.lon.isEmpty else { return nil }
            var (a, b, c, d) = (Double.infinity, Double.infinity, -Double.infinity, -Double.infinity)
            for x in ring.lon { a = min(a, x); c = max(c, x) }
            for y in ring.lat { b = min(b, y); d = max(d, y) }
            self.init(x0: a, y0: b, x1: c, y1: d)
        }

        init(x0: Double, y0: Double, x1: Double, y1: Double) { (self.x0, self.y0, self.x1, self.y1) = (x0, y0, x1, y1) }
    }

    /// How close (degrees, about 11 cm) a polygon's box may come to a square and still be kept:
    /// ten times the written 7-decimal grid, so neither the overlays' new positions nor their
    /// rounding can reach a kept polygon.
    static let margin = 1e-6

    /// Indices of the polygons that go through the overlays, ascending.
    let touched: [Int]
    /// Indices of the polygons kept as they are, ascending.
    let kept: [Int]
    /// Boxes (grown by ``margin``) outside which no polygon changed: the touched polygons' and the squares'.
    let region: [Box]

    init(_ polygons: [AreaPolygon], squares: [Box]) {
        let grownSquares = squares.map { $0.grown(Self.margin) }
        let index = BoxIndex(grownSquares)
        var touched: [Int] = [], kept: [Int] = [], region = grownSquares
        for (i, polygon) in polygons.enumerated() {
            guard let box = Box(polygon) else {
                kept.append(i)
                continue
            }
            if index.anyIntersecting(box) {
                touched.append(i)
                region.append(box.grown(Self.margin))
            } else {
                kept.append(i)
            }
        }
        (self.touched, self.kept, self.region) = (touched, kept, region)
    }
}

/// Boxes sorted by their west edge, for "does any box meet this one / hold this point" questions.
struct BoxIndex {
    private let boxes: [LocalRepair.Box]
    /// The given index of each of `boxes`.
    private let labels: [Int]
    private let widest: Double

    init(_ boxes: [LocalRepair.Box]) {
        labels = boxes.indices.sorted { boxes[$0].x0 < boxes[$1].x0 }
        self.boxes = labels.map { boxes[$0] }
        widest = boxes.reduce(0) { max($0, $1.x1 - $1.x0) }
    }

    /// Calls `body` with the given index of every box that meets `box` (boundaries included).
    func forEachIntersecting(_ box: LocalRepair.Box, _ body: (Int) -> Void) {
        var i = first(from: box.x0 - widest)
        while i < boxes.count, boxes[i].x0 <= box.x1 {
            if boxes[i].intersects(box) { body(labels[i]) }
            i += 1
        }
    }

    /// The first box whose west edge is at least `x`.
    private func first(from x: Double) -> Int {
        var lo = 0, hi = boxes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if boxes[mid].x0 < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Whether some box meets `box` (boundaries included).
    func anyIntersecting(_ box: LocalRepair.Box) -> Bool {
        var i = first(from: box.x0 - widest)
        while i < boxes.count, boxes[i].x0 <= box.x1 {
            if boxes[i].intersects(box) { return true }
            i += 1
        }
        return false
    }

    /// Whether some box holds the point (boundaries included).
    func anyContaining(x: Double, y: Double) -> Bool {
        var i = first(from: x - widest)
        while i < boxes.count, boxes[i].x0 <= x {
            if boxes[i].contains(x: x, y: y) { return true }
            i += 1
        }
        return false
    }
}
