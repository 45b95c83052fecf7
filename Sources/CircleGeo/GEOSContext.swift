internal import CGEOS

// The only file of CircleGeo's area code that calls GEOS. Every call is reentrant (`_r`) and goes
// through one `GEOSContext`. GEOS objects belong to the context that made them, so none of these
// types is Sendable: make one context per thread or task, and keep its objects there.

/// An owning GEOS context (`GEOS_init_r` / `GEOS_finish_r`) that captures GEOS's messages.
///
/// GEOS reports failures by calling a message handler and returning NULL (or 2 for predicates);
/// the context keeps the last error and notice so callers can say what went wrong.
final class GEOSContext {
    /// The `GEOSContextHandle_t`.
    let handle: OpaquePointer
    private let messages = Messages()

    /// Messages written by GEOS's handlers; the handlers reach it through an unretained pointer,
    /// which stays valid because `deinit` finishes the context before releasing it.
    private final class Messages {
        var lastError: String?
        var lastNotice: String?
    }

    init() {
        guard let handle = GEOS_init_r() else { fatalError("GEOS_init_r returned NULL (out of memory)") }
        self.handle = handle
        let user = Unmanaged.passUnretained(messages).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(handle, { message, user in
            guard let message, let user else { return }
            Unmanaged<Messages>.fromOpaque(user).takeUnretainedValue().lastError = String(cString: message)
        }, user)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { message, user in
            guard let message, let user else { return }
            Unmanaged<Messages>.fromOpaque(user).takeUnretainedValue().lastNotice = String(cString: message)
        }, user)
    }

    deinit { GEOS_finish_r(handle) }

    /// The last error GEOS reported in this context, if any.
    var lastError: String? { messages.lastError }
    /// The last notice GEOS reported in this context, if any.
    var lastNotice: String? { messages.lastNotice }

    /// The last error, or `fallback` when GEOS failed without saying why; clears the error.
    func takeError(or fallback: String) -> String {
        defer { messages.lastError = nil }
        return messages.lastError ?? fallback
    }

    // MARK: Making geometries

    /// A point (`GEOSGeom_createPointFromXY_r`), or nil if GEOS fails.
    func point(x: Double, y: Double) -> GEOSGeometryBox? {
        GEOSGeom_createPointFromXY_r(handle, x, y).map { GEOSGeometryBox(adopting: $0, in: self) }
    }

    /// A polygon from an exterior ring and holes, or nil if GEOS refuses it (see ``lastError``).
    /// Rings must be closed and have at least 4 positions.
    func polygon(_ polygon: AreaPolygon) -> GEOSGeometryBox? {
        rawPolygon(polygon).map { GEOSGeometryBox(adopting: $0, in: self) }
    }

    /// A MultiPolygon (`GEOSGeom_createCollection_r`) of `polygons`, or nil if GEOS refuses it.
    func multiPolygon(_ polygons: [AreaPolygon]) -> GEOSGeometryBox? {
        var parts: [OpaquePointer?] = []
        for p in polygons {
            guard let raw = rawPolygon(p) else {
                for part in parts { GEOSGeom_destroy_r(handle, part) }
                return nil
            }
            parts.append(raw)
        }
        // The collection takes ownership of the parts (not of the array).
        let made = parts.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(handle, Int32(GEOS_MULTIPOLYGON.rawValue), buffer.baseAddress,
                                        UInt32(buffer.count))
        }
        return made.map { GEOSGeometryBox(adopting: $0, in: self) }
    }

    /// An owned polygon pointer; on failure destroys what it built and returns nil.
    private func rawPolygon(_ polygon: AreaPolygon) -> OpaquePointer? {
        var rings: [OpaquePointer?] = []
        for ring in polygon.rings {
            guard let raw = rawRing(ring) else {
                for r in rings { GEOSGeom_destroy_r(handle, r) }
                return nil
            }
            rings.append(raw)
        }
        guard let shell = rings.first else { return GEOSGeom_createEmptyPolygon_r(handle) }
        // GEOSGeom_createPolygon_r takes ownership of the shell and the holes (not of the array).
        return rings.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(handle, shell, buffer.baseAddress! + 1, UInt32(buffer.count - 1))
        }
    }

    /// An owned linear ring pointer (`GEOSCoordSeq_copyFromArrays_r` + `GEOSGeom_createLinearRing_r`).
    private func rawRing(_ ring: AreaRing) -> OpaquePointer? {
        precondition(ring.lon.count == ring.lat.count, "AreaRing with unequal lon and lat counts")
        let sequence = ring.lon.withUnsafeBufferPointer { x in
            ring.lat.withUnsafeBufferPointer { y in
                GEOSCoordSeq_copyFromArrays_r(handle, x.baseAddress, y.baseAddress, nil, nil, UInt32(x.count))
            }
        }
        guard let sequence else { return nil }
        return GEOSGeom_createLinearRing_r(handle, sequence)   // owns the sequence
    }

    // MARK: Validity

    /// Nil when `geometry` is valid (`GEOSisValid_r`), else GEOS's reason (`GEOSisValidReason_r`),
    /// e.g. "Self-intersection[0.5 0.5]".
    func validityProblem(_ geometry: GEOSGeometryBox) -> String? {
        switch GEOSisValid_r(handle, geometry.pointer) {
        case 1: return nil
        case 0:
            guard let reason = GEOSisValidReason_r(handle, geometry.pointer) else {
                return takeError(or: "invalid geometry")
            }
            defer { GEOSFree_r(handle, reason) }
            return String(cString: reason)
        default: return takeError(or: "GEOS could not check validity")
        }
    }
}

/// An owned `GEOSGeometry*`, destroyed with `GEOSGeom_destroy_r` in its context.
final class GEOSGeometryBox {
    let context: GEOSContext
    let pointer: OpaquePointer

    init(adopting pointer: OpaquePointer, in context: GEOSContext) {
        self.context = context
        self.pointer = pointer
    }

    deinit { GEOSGeom_destroy_r(context.handle, pointer) }

    /// The bounding box (`GEOSGeom_getExtent_r`), or nil for an empty geometry.
    var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        guard GEOSisEmpty_r(context.handle, pointer) == 0,
              GEOSGeom_getExtent_r(context.handle, pointer, &x0, &y0, &x1, &y1) == 1 else { return nil }
        return (x0, y0, x1, y1)
    }

    /// A prepared form for repeated predicates (`GEOSPrepare_r`), or nil if GEOS fails.
    func prepared() -> GEOSPreparedBox? {
        GEOSPrepare_r(context.handle, pointer).map { GEOSPreparedBox(adopting: $0, of: self) }
    }
}

/// An owned `GEOSPreparedGeometry*`; it keeps its base geometry alive.
final class GEOSPreparedBox {
    let base: GEOSGeometryBox
    let pointer: OpaquePointer

    init(adopting pointer: OpaquePointer, of base: GEOSGeometryBox) {
        self.base = base
        self.pointer = pointer
    }

    deinit { GEOSPreparedGeom_destroy_r(base.context.handle, pointer) }

    /// Whether no point of `other` lies outside this geometry (`GEOSPreparedCovers_r`), so points
    /// on the boundary count. A GEOS exception counts as false.
    func covers(_ other: GEOSGeometryBox) -> Bool {
        GEOSPreparedCovers_r(base.context.handle, pointer, other.pointer) == 1
    }

    /// Whether `other` lies in this geometry's interior and not on its boundary, for a point
    /// (`GEOSPreparedContains_r`). A GEOS exception counts as false.
    func contains(_ other: GEOSGeometryBox) -> Bool {
        GEOSPreparedContains_r(base.context.handle, pointer, other.pointer) == 1
    }
}

/// A GEOS STRtree (`GEOSSTRtree_create_r`) of envelopes labelled with non-negative integers.
/// GEOS 3.11 builds the tree on the first query; inserting after that is not allowed.
final class GEOSEnvelopeTree {
    let context: GEOSContext
    let pointer: OpaquePointer

    /// - Parameter nodeCapacity: children per node (at least 2).
    init(context: GEOSContext, nodeCapacity: Int = 10) {
        guard let tree = GEOSSTRtree_create_r(context.handle, max(2, nodeCapacity)) else {
            fatalError("GEOSSTRtree_create_r failed: \(context.lastError ?? "no message")")
        }
        self.context = context
        self.pointer = tree
    }

    deinit { GEOSSTRtree_destroy_r(context.handle, pointer) }

    /// Adds the envelope of `geometry` under `label` (`GEOSSTRtree_insert_r`; the tree copies it).
    func insert(_ geometry: GEOSGeometryBox, label: Int) {
        precondition(label >= 0)
        GEOSSTRtree_insert_r(context.handle, pointer, geometry.pointer, UnsafeMutableRawPointer(bitPattern: label + 1))
    }

    /// Appends to `labels` the label of every envelope that meets the envelope of `geometry`
    /// (`GEOSSTRtree_query_r`), in the tree's order.
    func query(_ geometry: GEOSGeometryBox, into labels: inout [Int]) {
        withUnsafeMutablePointer(to: &labels) { out in
            GEOSSTRtree_query_r(context.handle, pointer, geometry.pointer, { item, user in
                user!.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
            }, out)
        }
    }
}
