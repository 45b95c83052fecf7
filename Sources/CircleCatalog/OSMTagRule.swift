import Foundation

/// One way an OpenStreetMap feature can be recognised as an item: a conjunction of tag terms.
///
/// Written as text, terms are separated by `;` (the JSON form, e.g. `"amenity=school;isced:level=1"`):
///
/// | term | matches when |
/// |---|---|
/// | `key=value` | the tag has that value |
/// | `key=v1\|v2` | the tag has one of the values |
/// | `key=*` | the tag is present, with any value |
/// | `key!=value`, `key!=v1\|v2` | the tag is absent or has none of the values |
/// | `key!=*` | the tag is absent |
/// | `name~` | one of the feature's names matches the item's `name_regex` |
///
/// A feature's value that lists several values (`sport=soccer;basketball`) matches when any of them
/// does. Keys and values compare exactly (case-sensitive), after trimming spaces around terms.
public struct OSMTagRule: Sendable, Hashable, Codable, CustomStringConvertible {
    /// One term of a rule.
    public enum Term: Sendable, Hashable {
        /// `key=value` or `key=v1|v2`: the tag has one of these values.
        case equals(key: String, values: [String])
        /// `key=*`: the tag is present.
        case present(key: String)
        /// `key!=value` or `key!=v1|v2`: the tag is absent or has none of these values.
        case notEquals(key: String, values: [String])
        /// `key!=*`: the tag is absent.
        case absent(key: String)
        /// `name~`: one of the feature's names matches the item's name pattern. Checked by
        /// ``FacilityMatcher`` and ``Item/matches(tags:)``, which know the pattern.
        case nameMatches
    }

    /// The terms, all of which must hold.
    public var terms: [Term]

    /// A rule from its terms.
    public init(terms: [Term]) {
        self.terms = terms
    }

    /// Parses the text form (see the type's documentation).
    /// - Throws: ``OSMTagRule/SyntaxError`` saying what is wrong with the text.
    public init(parsing text: String) throws {
        var terms: [Term] = []
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        for raw in parts {
            let term = raw.trimmingCharacters(in: .whitespaces)
            guard !term.isEmpty else {
                throw SyntaxError(message: "empty term in tag rule '\(text)' (terms are separated by ';')")
            }
            terms.append(try Self.parseTerm(term, in: text))
        }
        self.terms = terms
    }

    /// Why a tag rule's text could not be parsed.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, in one sentence.
        public var message: String
        /// The message.
        public var description: String { message }
    }

    private static func parseTerm(_ term: String, in text: String) throws -> Term {
        if term.hasSuffix("~") {
            let key = term.dropLast().trimmingCharacters(in: .whitespaces)
            guard key == "name" else {
                throw SyntaxError(message: "unsupported term '\(term)' in tag rule '\(text)' (the only '~' term is 'name~')")
            }
            return .nameMatches
        }
        if term.contains("~") {
            throw SyntaxError(message: "unsupported term '\(term)' in tag rule '\(text)' (write 'name~'; the pattern is the item's name_regex)")
        }
        let negated: Bool
        let key: String, rhs: String
        if let r = term.range(of: "!=") {
            negated = true
            key = String(term[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            rhs = String(term[r.upperBound...]).trimmingCharacters(in: .whitespaces)
        } else if let r = term.range(of: "=") {
            negated = false
            key = String(term[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            rhs = String(term[r.upperBound...]).trimmingCharacters(in: .whitespaces)
        } else {
            throw SyntaxError(message: "term '\(term)' in tag rule '\(text)' is not key=value, key=*, key!=value, key!=* or name~")
        }
        guard !key.isEmpty, !key.contains("=") else {
            throw SyntaxError(message: "term '\(term)' in tag rule '\(text)' has no key")
        }
        guard !rhs.isEmpty else {
            throw SyntaxError(message: "term '\(term)' in tag rule '\(text)' has no value (write \(key)=* for any value)")
        }
        if rhs == "*" { return negated ? .absent(key: key) : .present(key: key) }
        let values = rhs.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !values.contains(where: \.isEmpty), !values.contains("*") else {
            throw SyntaxError(message: "term '\(term)' in tag rule '\(text)' has an empty or '*' alternative")
        }
        return negated ? .notEquals(key: key, values: values) : .equals(key: key, values: values)
    }

    /// Whether the rule contains `name~`, so that a match also needs the item's name pattern.
    public var requiresName: Bool { terms.contains(.nameMatches) }

    /// Whether every tag term holds for `tags`. The `name~` term is not checked here (it needs the
    /// item's pattern): use ``FacilityMatcher`` or ``Item/matches(tags:)`` for the full test.
    public func matches(_ tags: [String: String]) -> Bool {
        terms.allSatisfy { term in
            switch term {
            case let .equals(key, values): return Self.has(tags[key], oneOf: values)
            case let .present(key): return tags[key] != nil
            case let .notEquals(key, values): return !Self.has(tags[key], oneOf: values)
            case let .absent(key): return tags[key] == nil
            case .nameMatches: return true
            }
        }
    }

    /// Whether an OSM value, or one of its `;`-separated parts, is among `values`.
    private static func has(_ value: String?, oneOf values: [String]) -> Bool {
        guard let value else { return false }
        if values.contains(value) { return true }
        guard value.contains(";") else { return false }
        return value.split(separator: ";").contains { values.contains($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The canonical text form, e.g. `amenity=school;isced:level=1;name~`.
    public var description: String {
        terms.map { term -> String in
            switch term {
            case let .equals(key, values): return "\(key)=\(values.joined(separator: "|"))"
            case let .present(key): return "\(key)=*"
            case let .notEquals(key, values): return "\(key)!=\(values.joined(separator: "|"))"
            case let .absent(key): return "\(key)!=*"
            case .nameMatches: return "name~"
            }
        }.joined(separator: ";")
    }

    /// Decodes the text form; a syntax error becomes a decoding error at this value's JSON path.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch let e as SyntaxError {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: e.message)
        }
    }

    /// Encodes the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
