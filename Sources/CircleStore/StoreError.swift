/// A problem with the PostGIS run store (`--db`): the server cannot be reached, refuses the login,
/// lacks PostGIS, holds a newer schema, or fails a statement. Messages name the server (host and
/// port) and the URL with its password hidden; they never print a password.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The whole message.
    public var message: String
    /// Creates an error with its message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A `postgresql://` URL as given to `--db`, and the same URL safe to print.
public struct DatabaseURL: Sendable, Equatable {
    /// The URL as given (it may hold a password): only ever passed to libpq.
    public let text: String

    /// Accepts `postgresql://…` and `postgres://…` URLs (libpq's syntax:
    /// `postgresql://user@host:port/database?sslmode=require`).
    ///
    /// - Throws: ``StoreError`` for anything else, naming the option.
    public init(_ text: String, option: String = "--db") throws {
        guard text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") else {
            throw StoreError("\(option) must be a PostgreSQL URL such as postgresql://user@host:5432/database, got '"
                             + Self.redacted(text) + "'")
        }
        self.text = text
    }

    /// The URL with any password (in the user part or as a `password=` parameter) replaced by `***`.
    public var redacted: String { Self.redacted(text) }

    /// `text` with any password replaced by `***`.
    public static func redacted(_ text: String) -> String {
        var out = text
        if let scheme = out.range(of: "://") {
            let rest = out[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out.replaceSubrange(out.index(after: colon)..<at, with: "***")
            }
        }
        // `password=…` as a query parameter (up to the next `&`).
        var searchFrom = out.startIndex
        while let r = out.range(of: "password=", options: .caseInsensitive, range: searchFrom..<out.endIndex) {
            let end = out[r.upperBound...].firstIndex(of: "&") ?? out.endIndex
            out.replaceSubrange(r.upperBound..<end, with: "***")
            searchFrom = out.index(r.upperBound, offsetBy: 3, limitedBy: out.endIndex) ?? out.endIndex
        }
        return out
    }
}
