import CircleSupport
import Foundation

/// Why a catalog could not be loaded or is invalid. Names the file and the JSON path, e.g.
/// `my.json: items[3].domain: unknown domain 'helth' (known: education, health, …)`.
public struct CatalogError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file concerned, `builtin:NAME` for a built-in catalog, or empty for a catalog in memory.
    public var file: String
    /// Where in the document, as a JSON path with 0-based indices (`items[3].domain`); empty for the
    /// whole document.
    public var path: String
    /// What is wrong, in one sentence.
    public var problem: String

    /// An error from its parts.
    public init(file: String = "", path: String = "", problem: String) {
        self.file = file
        self.path = path
        self.problem = problem
    }

    /// `file: path: problem`, leaving out empty parts.
    public var description: String {
        [file, path, problem].filter { !$0.isEmpty }.joined(separator: ": ")
    }

    /// The same error attributed to `file`.
    func inFile(_ file: String) -> CatalogError {
        CatalogError(file: file, path: path, problem: problem)
    }

    /// A JSON path from decoding keys: `items[3].domain`.
    static func jsonPath(_ keys: [any CodingKey]) -> String {
        var out = ""
        for key in keys {
            if let i = key.intValue {
                out += "[\(i)]"
            } else {
                out += out.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return out
    }

    /// The error that a decoding error of `data` read from `file` stands for.
    static func decoding(_ error: DecodingError, file: String, data: Data) -> CatalogError {
        switch error {
        case let .keyNotFound(key, context):
            return CatalogError(file: file, path: jsonPath(context.codingPath),
                                problem: "missing field '\(key.stringValue)'")
        case let .typeMismatch(type, context):
            return CatalogError(file: file, path: jsonPath(context.codingPath),
                                problem: "expected \(describe(type))\(found(context.debugDescription))")
        case let .valueNotFound(type, context):
            return CatalogError(file: file, path: jsonPath(context.codingPath),
                                problem: "expected \(describe(type)), found null")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty, let problem = malformed(data) {
                return CatalogError(file: file, problem: problem)
            }
            return CatalogError(file: file, path: jsonPath(context.codingPath), problem: context.debugDescription)
        @unknown default:
            return CatalogError(file: file, problem: "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch ObjectIdentifier(type) {
        case ObjectIdentifier(String.self): return "a string"
        case ObjectIdentifier(Double.self), ObjectIdentifier(Int.self): return "a number"
        case ObjectIdentifier(Bool.self): return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") || name.hasPrefix("[") { return "a list" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return name
        }
    }

    /// ", found a string" from Foundation's "Expected to decode X but found a string instead."
    private static func found(_ debugDescription: String) -> String {
        guard let r = debugDescription.range(of: "but found ") else { return "" }
        let rest = debugDescription[r.upperBound...].replacingOccurrences(of: " instead.", with: "")
        return ", found \(rest)"
    }

    /// Why `data` is not JSON, with the line and column where the parser gave up; nil if it is JSON.
    static func malformed(_ data: Data) -> String? {
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return "malformed JSON: the file is empty" }
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            if let r = detail.range(of: #"character (\d+)"#, options: .regularExpression),
               let offset = Int(detail[r].dropFirst("character ".count)) {
                let (line, column) = JSONSyntaxError.lineAndColumn(data, offset: offset)
                let what = detail[..<r.lowerBound].replacingOccurrences(of: " around ", with: "")
                return "malformed JSON: \(what.lowercased()) at line \(line), column \(column)"
            }
            return "malformed JSON: \(detail.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")))"
        }
        return nil
    }
}
