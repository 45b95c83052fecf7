/// The points of an input file as columns: ids, longitudes, latitudes, where each came from, and
/// the attributes as byte ranges of the file (or of a small side buffer for text that had to be
/// decoded), made into `String`s only when asked for.
///
/// This is what the readers build; ``InputPoint``s (one dictionary of attributes each) are made
/// from it on demand (``point(_:)``, ``points``), with exactly the values the readers gave before.
/// The analysis reads only the few attributes it needs, by ``Attribute`` (names looked up once).
public struct PointTable: Sendable {
    /// One attribute value: `length` bytes at `start` of the file's bytes, or of ``extra`` when
    /// the top bit of `key` is set; the rest of `key` indexes ``keys``.
    struct Cell {
        var start: Int
        var length: UInt32
        var key: UInt32
    }

    static let inExtra: UInt32 = 1 << 31

    /// Each point's id (the `id` column or property, else its position in the file).
    public internal(set) var ids: [String] = []
    /// Longitudes, WGS84.
    public internal(set) var lon: [Double] = []
    /// Latitudes, WGS84.
    public internal(set) var lat: [Double] = []
    /// Already converted to WGS84 (points sampled along a polygon in another system).
    var converted: [Bool] = []

    /// "line" or "feature": with ``placeNumbers``, each point's location; empty when ``placeTexts`` holds them.
    var placeWord = ""
    var placeNumbers: [Int] = []
    var placeTexts: [String] = []

    /// The attribute names, trimmed and lowercased, in order of first appearance.
    public internal(set) var keys: [String] = []
    var keyIndex: [String: UInt32] = [:]
    var cells: [Cell] = []
    /// Each point's cells: `cells[rowCells[2 * i] ..< rowCells[2 * i + 1]]` (points of one feature share them).
    var rowCells: [UInt32] = []
    /// The file's bytes, which most values are ranges of.
    var source: [UInt8] = []
    /// Values that are not a range of the file as they stand (unescaped, compact JSON, `true`).
    var extra: [UInt8] = []

    init(source: [UInt8], placeWord: String) {
        self.source = source
        self.placeWord = placeWord
    }

    /// A table of points read otherwise (GIS layers), attributes and locations as given.
    public init(points: [InputPoint]) {
        reserve(points.count)
        for p in points {
            let first = cells.count
            // Sorted keys: a dictionary's order is not stable between runs; the values are the same.
            for (key, value) in p.attributes.sorted(by: { $0.key < $1.key }) { appendExtra(value, key: self.key(key)) }
            append(id: p.id, lon: p.lon, lat: p.lat, cells: first, converted: p.converted)
            placeTexts.append(p.location)
        }
    }

    /// The number of points.
    public var count: Int { ids.count }
    /// Whether there are no points.
    public var isEmpty: Bool { ids.isEmpty }

    mutating func reserve(_ n: Int) {
        ids.reserveCapacity(n)
        lon.reserveCapacity(n)
        lat.reserveCapacity(n)
        converted.reserveCapacity(n)
        rowCells.reserveCapacity(2 * n)
        if !placeWord.isEmpty { placeNumbers.reserveCapacity(n) }
    }

    /// The index of attribute name `name` (already trimmed and lowercased), added when new.
    mutating func key(_ name: String) -> UInt32 {
        if let k = keyIndex[name] { return k }
        let k = UInt32(keys.count)
        keys.append(name)
        keyIndex[name] = k
        return k
    }

    /// Appends a value that is `bytes[start..<end]` of the file.
    @inline(__always)
    mutating func appendCell(start: Int, end: Int, key: UInt32) {
        cells.append(Cell(start: start, length: UInt32(end - start), key: key))
    }

    /// Appends a value given as text.
    mutating func appendExtra(_ text: String, key: UInt32) {
        let start = extra.count
        extra.append(contentsOf: text.utf8)
        cells.append(Cell(start: start, length: UInt32(extra.count - start), key: key | Self.inExtra))
    }

    /// Appends a value given as bytes.
    mutating func appendExtra(bytes: some Collection<UInt8>, key: UInt32) {
        let start = extra.count
        extra.append(contentsOf: bytes)
        cells.append(Cell(start: start, length: UInt32(extra.count - start), key: key | Self.inExtra))
    }

    /// Appends a point whose cells are `cells[first...]` (those appended since).
    @inline(__always)
    mutating func append(id: String, lon: Double, lat: Double, cells first: Int, converted: Bool = false) {
        ids.append(id)
        self.lon.append(lon)
        self.lat.append(lat)
        self.converted.append(converted)
        rowCells.append(UInt32(first))
        rowCells.append(UInt32(cells.count))
    }

    /// The text of a cell.
    func text(_ c: Cell) -> String {
        let buffer = c.key & Self.inExtra == 0 ? source : extra
        return buffer.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[c.start..<(c.start + Int(c.length))]), as: UTF8.self)
        }
    }

    /// Where point `i` came from, for messages: "line 12", "feature 3".
    public func location(_ i: Int) -> String {
        placeWord.isEmpty ? placeTexts[i] : "\(placeWord) \(placeNumbers[i])"
    }

    /// Point `i`'s attributes as ``InputPoint`` keeps them: every value as text, keyed by its
    /// name trimmed and lowercased.
    public func attributes(_ i: Int) -> [String: String] {
        let first = Int(rowCells[2 * i]), end = Int(rowCells[2 * i + 1])
        var out: [String: String] = [:]
        out.reserveCapacity(end - first)
        for c in cells[first..<end] { out[keys[Int(c.key & ~Self.inExtra)]] = text(c) }
        return out
    }

    /// Point `i` as an ``InputPoint``.
    public func point(_ i: Int) -> InputPoint {
        var p = InputPoint(id: ids[i], lon: lon[i], lat: lat[i], attributes: attributes(i), location: location(i))
        p.converted = converted[i]
        return p
    }

    /// Every point as an ``InputPoint``, in file order.
    public var points: [InputPoint] {
        var out: [InputPoint] = []
        out.reserveCapacity(count)
        var last = -1
        var shared: [String: String] = [:]
        for i in 0..<count {
            // The points of one feature share its attributes (one dictionary, as before).
            let first = Int(rowCells[2 * i])
            if first != last || rowCells[2 * i + 1] != rowCells[2 * i - 1] { shared = attributes(i); last = first }
            var p = InputPoint(id: ids[i], lon: lon[i], lat: lat[i], attributes: shared, location: location(i))
            p.converted = converted[i]
            out.append(p)
        }
        return out
    }

    /// An attribute looked up by its accepted names (``Columns``), resolved against the table's
    /// names once: then ``value(_:_:)`` reads it for each point without hashing.
    public struct Attribute: Sendable {
        /// Per name in order: the key of the name as given, and of its lowercase form (-1: none).
        let candidates: [(given: Int32, lower: Int32)]
    }

    /// The attribute given by any of `names`, as ``Columns/value(_:in:)`` looks them up.
    public func attribute(_ names: [String]) -> Attribute {
        Attribute(candidates: names.map { n in
            (keyIndex[n].map { Int32($0) } ?? -1, keyIndex[n.lowercased()].map { Int32($0) } ?? -1)
        })
    }

    /// The value of `attribute` at point `i` exactly as ``Columns/value(_:in:)`` gives it from
    /// the point's attributes: the first name present (as given, else lowercased) whose value is
    /// not blank, trimmed; nil when none is.
    public func value(_ attribute: Attribute, _ i: Int) -> String? {
        value(attribute, cells: Int(rowCells[2 * i])..<Int(rowCells[2 * i + 1]))
    }

    /// The value of `attribute` among `cells`, as ``value(_:_:)`` reads it.
    func value(_ attribute: Attribute, cells range: Range<Int>) -> String? {
        @inline(__always) func find(_ key: Int32) -> Cell? {
            guard key >= 0 else { return nil }
            var found: Cell?
            for k in range where cells[k].key & ~Self.inExtra == UInt32(key) { found = cells[k] }
            return found
        }
        for (given, lower) in attribute.candidates {
            guard let c = find(given) ?? find(lower) else { continue }
            let t = Columns.trimmed(text(c))
            if !t.isEmpty { return t }
        }
        return nil
    }

    /// Moves points `rows` to WGS84 positions `lon`, `lat`.
    mutating func setPositions(_ rows: [Int], lon newLon: [Double], lat newLat: [Double]) {
        for (k, i) in rows.enumerated() { (lon[i], lat[i]) = (newLon[k], newLat[k]) }
    }
}
