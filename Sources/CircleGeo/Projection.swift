internal import CPROJ
import Foundation

// The only file of CircleGeo that calls PROJ (with Projection+Parallel.swift). A `PJ` and its
// `PJ_CONTEXT` are not thread-safe, so `Projection` is not Sendable: make one per thread or task
// (each owns its own context) and keep it there. Network access (remote grids) is always disabled; PROJ reads only the local proj.db.

/// A failure of a coordinate reference system (CRS) or transformation, naming the CRS involved.
public struct ProjectionError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// PROJ could not build the CRS or the transformation (unknown code, bad syntax).
        case unknownCRS
        /// A coordinate could not be transformed (PROJ returned infinity or an error).
        case transformFailed
        /// Coordinates lie outside the area in which the CRS is valid.
        case outsideAreaOfUse
        /// The caller's arrays do not match (different lengths).
        case invalidInput
    }

    /// What went wrong.
    public let kind: Kind
    /// The CRS (or "source → target" pair) the error concerns, as the user wrote it.
    public let crs: String
    /// The explanation, including PROJ's own message where it gave one.
    public let message: String

    /// An error of `kind` about `crs`, explained by `message`.
    public init(_ kind: Kind, crs: String, message: String) {
        self.kind = kind
        self.crs = crs
        self.message = message
    }

    /// "CRS: message", e.g. "EPSG:999999: PROJ does not know this CRS (proj_create: crs not found)".
    public var description: String { "\(crs): \(message)" }
}

/// A transformation between two CRSs, built by PROJ (`proj_create_crs_to_crs`).
///
/// Axis order is always normalised for visualisation (`proj_normalize_for_visualization`): x is
/// longitude or easting, y is latitude or northing, whatever the authority says (EPSG:4326 is
/// officially latitude first). Each instance owns a `PJ_CONTEXT` with network access disabled
/// (`proj_context_set_enable_network(ctx, 0)`) and PROJ's log captured rather than printed.
///
/// Not thread-safe and deliberately not Sendable: create one per thread or task.
public final class Projection {
    /// The source CRS as given.
    public let source: String
    /// The target CRS as given.
    public let target: String
    private let context: OpaquePointer
    let pj: OpaquePointer
    private let log: Log

    /// PROJ's log messages, reached from the C callback through an unretained pointer that stays
    /// valid because `deinit` destroys the context before the log is released.
    private final class Log {
        var messages: [String] = []
    }

    /// Builds the transformation `from` → `to`; each may be anything PROJ accepts as a CRS:
    /// "EPSG:4547", "EPSG:4326", a "+proj=..." string, WKT or PROJJSON.
    ///
    /// Calls `proj_context_create`, `proj_create_crs_to_crs` and `proj_normalize_for_visualization`.
    /// - Throws: ``ProjectionError`` of kind `.unknownCRS` naming the CRS PROJ rejected.
    public init(from source: String, to target: String) throws {
        self.source = source
        self.target = target
        log = Log()
        let context = Projection.makeContext(log)
        self.context = context
        // Check each side alone first, so the error names the CRS that is wrong.
        for crs in [source, target] {
            if let error = Projection.crsError(crs, context: context, log: log) {
                proj_context_destroy(context)
                throw error
            }
        }
        guard let raw = proj_create_crs_to_crs(context, Projection.crsDefinition(source),
                                               Projection.crsDefinition(target), nil) else {
            let message = Projection.takeMessage(context, log)
            proj_context_destroy(context)
            throw ProjectionError(.unknownCRS, crs: "\(source) → \(target)",
                                  message: "PROJ found no transformation (\(message))")
        }
        defer { proj_destroy(raw) }
        guard let normalised = proj_normalize_for_visualization(context, raw) else {
            let message = Projection.takeMessage(context, log)
            proj_context_destroy(context)
            throw ProjectionError(.unknownCRS, crs: "\(source) → \(target)",
                                  message: "cannot normalise the axis order (\(message))")
        }
        pj = normalised
    }

    deinit {
        proj_destroy(pj)
        proj_context_destroy(context)
    }

    /// PROJ's name for the chosen operation (`proj_get_name`), e.g. "Inverse of WGS 84 + UTM zone 51N".
    public var operationName: String {
        proj_get_name(pj).map { String(cString: $0) } ?? "unnamed operation"
    }

    // MARK: Transforming

    /// Transforms the points (`xs[i]`, `ys[i]`) from source to target in place (`proj_trans_generic`).
    /// - Throws: ``ProjectionError`` `.transformFailed` naming the first point PROJ could not transform
    ///   (the arrays are then partly transformed), or `.invalidInput` if the lengths differ.
    public func forward(_ xs: inout [Double], _ ys: inout [Double]) throws {
        try transform(&xs, &ys, direction: PJ_FWD)
    }

    /// Transforms the points from target back to source in place (`proj_trans_generic`, `PJ_INV`).
    public func inverse(_ xs: inout [Double], _ ys: inout [Double]) throws {
        try transform(&xs, &ys, direction: PJ_INV)
    }

    /// One point from source to target (`proj_trans_generic` on one coordinate).
    public func forward(x: Double, y: Double) throws -> (x: Double, y: Double) {
        var xs = [x], ys = [y]
        try transform(&xs, &ys, direction: PJ_FWD)
        return (xs[0], ys[0])
    }

    /// One point from target back to source.
    public func inverse(x: Double, y: Double) throws -> (x: Double, y: Double) {
        var xs = [x], ys = [y]
        try transform(&xs, &ys, direction: PJ_INV)
        return (xs[0], ys[0])
    }

    private func transform(_ xs: inout [Double], _ ys: inout [Double], direction: PJ_DIRECTION) throws {
        let pair = "\(source) → \(target)"
        guard xs.count == ys.count else {
            throw ProjectionError(.invalidInput, crs: pair,
                                  message: "\(xs.count) x values but \(ys.count) y values")
        }
        let n = xs.count
        guard n > 0 else { return }
        let stride = MemoryLayout<Double>.stride
        proj_errno_reset(pj)
        log.messages.removeAll()
        let pj = self.pj
        let done = xs.withUnsafeMutableBufferPointer { xb in
            ys.withUnsafeMutableBufferPointer { yb in
                proj_trans_generic(pj, direction, xb.baseAddress, stride, n, yb.baseAddress, stride, n,
                                   nil, 0, 0, nil, 0, 0)
            }
        }
        let bad = (0..<n).first { !xs[$0].isFinite || !ys[$0].isFinite }
        if done != n || bad != nil {
            let errno = proj_errno(pj)
            var message = Projection.takeMessage(context, log)
            if errno != 0, let text = proj_context_errno_string(context, errno) {
                message = String(cString: text)
            }
            let way = direction == PJ_INV ? "inverse" : "forward"
            let which = bad.map { "point #\($0)" } ?? "\(n - done) of \(n) points"
            throw ProjectionError(.transformFailed, crs: pair,
                                  message: "\(way) transformation failed for \(which): \(message)")
        }
    }

    // MARK: Describing CRSs

    /// The area in which `crs` may be used, in degrees (`proj_get_area_of_use`), or nil when PROJ
    /// knows none (as for most "+proj=..." strings).
    /// - Throws: ``ProjectionError`` `.unknownCRS` if PROJ cannot build the CRS (`proj_create`).
    public static func areaOfUse(of crs: String) throws -> AreaOfUse? {
        let log = Log()
        let context = makeContext(log)
        defer { proj_context_destroy(context) }
        if let error = crsError(crs, context: context, log: log) { throw error }
        guard let object = proj_create(context, crsDefinition(crs)) else { return nil }
        defer { proj_destroy(object) }
        var west = 0.0, south = 0.0, east = 0.0, north = 0.0
        var name: UnsafePointer<CChar>?
        guard proj_get_area_of_use(context, object, &west, &south, &east, &north, &name) != 0,
              west > -1000, south > -1000, east > -1000, north > -1000 else { return nil }
        return AreaOfUse(west: west, south: south, east: east, north: north,
                         name: name.map { String(cString: $0) } ?? "")
    }

    /// The points (in degrees of longitude and latitude) that fall outside the area of use of `crs`,
    /// or nil when all lie inside or PROJ knows no area for `crs`.
    public static func pointsOutsideAreaOfUse(of crs: String, lon: [Double], lat: [Double]) throws
        -> OutsidePoints? {
        try areaOfUse(of: crs)?.outside(lon: lon, lat: lat)
    }

    // MARK: Helpers

    /// A fresh context with network off and the log routed into `log` (`proj_context_create`,
    /// `proj_context_set_enable_network`, `proj_log_func`).
    private static func makeContext(_ log: Log) -> OpaquePointer {
        guard let context = proj_context_create() else {
            fatalError("proj_context_create returned NULL (out of memory)")
        }
        _ = proj_context_set_enable_network(context, 0)
        proj_log_func(context, Unmanaged.passUnretained(log).toOpaque()) { data, _, message in
            guard let data, let message else { return }
            Unmanaged<Log>.fromOpaque(data).takeUnretainedValue().messages.append(String(cString: message))
        }
        return context
    }

    /// PROJ strings need "+type=crs" to be read as a CRS rather than as an operation.
    static func crsDefinition(_ crs: String) -> String {
        let trimmed = crs.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("+"), !trimmed.contains("+type=crs") { return trimmed + " +type=crs" }
        return trimmed
    }

    /// Nil if `crs` is a CRS PROJ can build (`proj_create`, `proj_is_crs`), else the error to throw.
    private static func crsError(_ crs: String, context: OpaquePointer, log: Log) -> ProjectionError? {
        log.messages.removeAll()
        guard let object = proj_create(context, crsDefinition(crs)) else {
            return ProjectionError(.unknownCRS, crs: crs,
                                   message: "PROJ does not know this CRS (\(takeMessage(context, log)))")
        }
        defer { proj_destroy(object) }
        if proj_is_crs(object) == 0 {
            return ProjectionError(.unknownCRS, crs: crs,
                                   message: "PROJ reads this as an operation, not a coordinate reference system")
        }
        return nil
    }

    /// PROJ's explanation of the last failure: the logged messages, else the context's error string
    /// (`proj_context_errno`, `proj_context_errno_string`); clears both.
    private static func takeMessage(_ context: OpaquePointer, _ log: Log) -> String {
        defer { log.messages.removeAll() }
        let errno = proj_context_errno(context)
        let logged = log.messages.joined(separator: "; ")
        if !logged.isEmpty { return logged }
        if errno != 0, let text = proj_context_errno_string(context, errno) { return String(cString: text) }
        return "no message from PROJ"
    }
}

@available(*, unavailable, message: "a PJ is not thread-safe: make one Projection per thread or task")
extension Projection: Sendable {}
