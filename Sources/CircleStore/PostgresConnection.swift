import CPQ
import Foundation

/// One synchronous libpq connection: statements with text parameters, and COPY FROM STDIN.
/// Used from one thread at a time (it is not `Sendable`); closed when released.
public final class PostgresConnection {
    private let conn: OpaquePointer
    /// The URL connected to, password hidden.
    public let url: DatabaseURL

    /// Connects (waiting at most 10 seconds unless the URL sets `connect_timeout`).
    ///
    /// - Throws: ``StoreError`` naming the host and port tried and the server's reason.
    public init(_ url: DatabaseURL) throws {
        self.url = url
        // Later keywords override earlier ones, so the URL's own settings win over these defaults.
        let keys = ["connect_timeout", "application_name", "client_encoding", "dbname"]
        let values = ["10", "circle", "UTF8", url.text]
        let made: OpaquePointer? = withCStrings(keys) { k in
            withCStrings(values) { v in
                k.withUnsafeBufferPointer { kb in
                    v.withUnsafeBufferPointer { vb in PQconnectdbParams(kb.baseAddress, vb.baseAddress, 1) }
                }
            }
        }
        guard let made else { throw StoreError("\(url.redacted): cannot connect: libpq is out of memory") }
        guard PQstatus(made) == CONNECTION_OK else {
            let reason = Self.message(made)
            let host = Self.string(PQhost(made)) ?? "?", port = Self.string(PQport(made)) ?? "?"
            PQfinish(made)
            throw StoreError("--db \(url.redacted): cannot connect to PostgreSQL at host \(host) port \(port): \(reason)")
        }
        conn = made
        // Server notices (e.g. "relation already exists, skipping") are not for the user.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(conn) }

    /// The server the connection went to, as "host H port P".
    public var server: String {
        "host \(Self.string(PQhost(conn)) ?? "?") port \(Self.string(PQport(conn)) ?? "?")"
    }

    /// Runs one statement with text parameters (nil: null) and returns its rows as text (nil: null).
    ///
    /// - Throws: ``StoreError`` with the server's message.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws -> [[String?]] {
        let result: OpaquePointer? = withOptionalCStrings(parameters) { params in
            params.withUnsafeBufferPointer { p in
                PQexecParams(conn, sql, Int32(parameters.count), nil, p.baseAddress, nil, nil, 0)
            }
        }
        guard let result else { throw failure("statement failed") }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw failure(Self.string(PQresultErrorMessage(result)) ?? "statement failed")
        }
        var rows: [[String?]] = []
        let n = PQntuples(result), m = PQnfields(result)
        rows.reserveCapacity(Int(n))
        for r in 0..<n {
            rows.append((0..<m).map { c in PQgetisnull(result, r, c) == 1 ? nil : Self.string(PQgetvalue(result, r, c)) })
        }
        return rows
    }

    /// The first column of the first row, if any.
    public func value(_ sql: String, _ parameters: [String?] = []) throws -> String? {
        try execute(sql, parameters).first?.first ?? nil
    }

    /// Sends `rows` to `COPY table (columns) FROM STDIN` (text format), in chunks.
    ///
    /// - Throws: ``StoreError`` with the server's message (the statement is then aborted).
    public func copy(_ sql: String, rows: CopyRows) throws {
        guard let start = PQexec(conn, sql) else { throw failure("COPY failed") }
        let startStatus = PQresultStatus(start)
        let startMessage = Self.string(PQresultErrorMessage(start))
        PQclear(start)
        guard startStatus == PGRES_COPY_IN else { throw failure(startMessage ?? "COPY did not start") }
        let chunk = 1 << 20
        var sent = true
        rows.bytes.withUnsafeBufferPointer { all in
            var offset = 0
            while offset < all.count && sent {
                let n = min(chunk, all.count - offset)
                sent = all.baseAddress!.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: n) {
                    PQputCopyData(conn, $0, Int32(n)) == 1
                }
                offset += n
            }
        }
        if PQputCopyEnd(conn, sent ? nil : "circle: sending the rows failed") != 1 { throw failure("COPY failed") }
        var problem: String?
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) != PGRES_COMMAND_OK {
                problem = problem ?? Self.string(PQresultErrorMessage(result)) ?? "COPY failed"
            }
            PQclear(result)
        }
        if let problem { throw failure(problem) }
        if !sent { throw failure("COPY failed") }
    }

    private func failure(_ reason: String) -> StoreError {
        let text = reason.isEmpty ? Self.message(conn) : reason
        return StoreError("--db \(url.redacted) (\(server)): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
    }

    private static func message(_ conn: OpaquePointer) -> String {
        (string(PQerrorMessage(conn)) ?? "unknown error")
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }

    private static func string(_ p: UnsafePointer<CChar>?) -> String? { p.map { String(cString: $0) } }
    private static func string(_ p: UnsafeMutablePointer<CChar>?) -> String? { p.map { String(cString: $0) } }
}

/// `strings` as C strings, null-terminated array, alive for `body`.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    withOptionalCStrings(strings.map(Optional.some) + [nil], body)
}

/// `strings` as C strings (nil stays a null pointer), alive for `body`.
private func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { for c in copies { free(c) } }
    return body(copies.map { $0.map { UnsafePointer($0) } })
}
