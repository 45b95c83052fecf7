#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A strict JSON (RFC 8259) parser over UTF-8 bytes, for input files: it never guesses, never
/// recurses (nesting is bounded by `maxDepth`, not by the thread's stack), and every error names the
/// line, column and byte offset where the text stopped being JSON.
///
/// Strict means: only `null`, `true`, `false`, numbers in JSON's grammar (no `0x18`, `NaN`, `+1`,
/// `.5`, `1.`, leading zeros) that are finite as a `Double`, strings with valid UTF-8 and valid
/// escapes (no raw control characters, no lone surrogates), no trailing commas, no comments, no
/// duplicate keys in one object, and nothing but white space after the value.
///
/// The document is kept as a flat tape of 16-byte tokens over the input bytes: strings are decoded
/// only when asked for, and keys can be compared with ASCII names without allocating.
public final class JSONDocument: @unchecked Sendable {
    /// The deepest nesting of arrays and objects accepted by default.
    public static let defaultMaxDepth = 512

    /// The input, as given.
    public let bytes: [UInt8]
    /// Immutable once parsed (a `let`: reading it needs no exclusivity check).
    @usableFromInline let tape: [JSONToken]

    /// Parses `bytes` (a UTF-8 byte order mark is skipped).
    ///
    /// - Throws: ``JSONSyntaxError`` with the position of the first problem.
    public init(bytes: [UInt8], maxDepth: Int = JSONDocument.defaultMaxDepth) throws(JSONSyntaxError) {
        self.bytes = bytes
        guard bytes.count < Int(UInt32.max) else {
            throw JSONSyntaxError(bytes: bytes, offset: 0, message: "the file is larger than 4 GiB")
        }
        var parser = JSONParser(maxDepth: maxDepth)
        do {
            try bytes.withUnsafeBufferPointer { buffer throws(JSONParser.Failure) in
                try parser.parse(buffer)
            }
        } catch {
            throw JSONSyntaxError(bytes: bytes, offset: error.offset, message: error.message)
        }
        tape = parser.tape
    }

    /// Parses UTF-8 text.
    public convenience init(text: String, maxDepth: Int = JSONDocument.defaultMaxDepth) throws(JSONSyntaxError) {
        try self.init(bytes: Array(text.utf8), maxDepth: maxDepth)
    }

    /// The top-level value.
    public var root: JSONNode { JSONNode(document: self, index: 0) }

    /// "line L, column C" of a byte offset (lines and columns from 1; columns count characters).
    public func location(ofOffset offset: Int) -> String {
        let (line, column) = JSONSyntaxError.lineAndColumn(bytes, offset: offset)
        return "line \(line), column \(column)"
    }
}

/// Where and why a text is not JSON.
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Line of the problem, from 1.
    public var line: Int
    /// Column of the problem in characters, from 1.
    public var column: Int
    /// Byte offset of the problem, from 0.
    public var offset: Int
    /// What is wrong.
    public var message: String

    init(bytes: [UInt8], offset: Int, message: String) {
        (line, column) = Self.lineAndColumn(bytes, offset: offset)
        self.offset = offset
        self.message = message
    }

    /// "line 3, column 14 (byte 52): message".
    public var description: String { "line \(line), column \(column) (byte \(offset)): \(message)" }

    /// The 1-based line and column (in characters, counting UTF-8 lead bytes) of byte `offset`.
    public static func lineAndColumn(_ bytes: some Collection<UInt8>, offset: Int) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

/// The kind of a JSON value.
public enum JSONKind: UInt8, Sendable {
    case null, bool, number, string, array, object

    /// "a string", "an object", … for messages.
    public var described: String {
        switch self {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// One tape entry: a value (or an object's key) and where it starts in the input.
@usableFromInline struct JSONToken {
    /// Byte offset of the value's first byte.
    var start: UInt32
    /// ``JSONKind`` raw value; for strings, bit 7 marks escapes; for bools, bit 6 marks true.
    var tag: UInt8
    /// Number: the Double's bits. String: the end offset (after the closing quote).
    /// Array, object: the tape index after the last descendant (low 32 bits) and the element
    /// or member count (high 32 bits). Null and bool: 0.
    var payload: UInt64

    var kind: JSONKind { JSONKind(rawValue: tag & 0x0F)! }
}

/// A value of a ``JSONDocument``: cheap to copy, navigated without allocating.
public struct JSONNode {
    /// The document it belongs to.
    public let document: JSONDocument
    /// Its position on the document's tape.
    let index: Int

    var token: JSONToken { document.tape[index] }

    /// What kind of value it is.
    public var kind: JSONKind { token.kind }
    /// Byte offset of its first byte in the input.
    public var offset: Int { Int(token.start) }
    /// "line L, column C" where it starts.
    public var location: String { document.location(ofOffset: offset) }

    public var isNull: Bool { kind == .null }
    /// The boolean, if it is `true` or `false`.
    public var bool: Bool? { kind == .bool ? token.tag & 0x40 != 0 : nil }
    /// The number, if it is a JSON number (always finite).
    public var number: Double? { kind == .number ? Double(bitPattern: token.payload) : nil }
    /// The decoded text, if it is a string.
    public var string: String? {
        guard kind == .string else { return nil }
        return JSONNode.decodeString(document.bytes, token)
    }
    /// The value's text as it stands in the input (a number's literal, a string with its quotes).
    public var sourceText: String {
        String(decoding: document.bytes[offset..<endOffset], as: UTF8.self)
    }

    /// Byte offset after the value's last byte.
    var endOffset: Int {
        let t = token
        switch t.kind {
        case .null: return Int(t.start) + 4
        case .bool: return Int(t.start) + (t.tag & 0x40 != 0 ? 4 : 5)
        case .string: return Int(t.payload)
        case .number:
            var e = Int(t.start)
            let b = document.bytes
            while e < b.count, JSONParser.isNumberByte(b[e]) { e += 1 }
            return e
        case .array, .object:
            // After the last element (or the opener, when empty) come white space and the closer.
            var e = Int(t.start) + 1
            if count > 0 {
                var last = JSONNode(document: document, index: index + 1)
                for _ in 1..<(t.kind == .object ? 2 * count : count) { last = JSONNode(document: document, index: last.next) }
                e = last.endOffset
            }
            let b = document.bytes
            while e < b.count, b[e] != (t.kind == .array ? 0x5D : 0x7D) { e += 1 }
            return e + 1
        }
    }

    /// Elements of an array, or members of an object: the number of them (0 for scalars).
    public var count: Int { kind == .array || kind == .object ? Int(token.payload >> 32) : 0 }

    /// Tape index after this value and its descendants.
    var next: Int {
        let t = token
        return t.kind == .array || t.kind == .object ? Int(t.payload & 0xFFFF_FFFF) : index + 1
    }

    /// The elements, if it is an array.
    public var elements: [JSONNode]? {
        guard kind == .array else { return nil }
        var out: [JSONNode] = []
        out.reserveCapacity(count)
        var i = index + 1
        for _ in 0..<count {
            let v = JSONNode(document: document, index: i)
            out.append(v)
            i = v.next
        }
        return out
    }

    /// The members in document order, if it is an object.
    public var members: [(key: JSONMemberKey, value: JSONNode)]? {
        guard kind == .object else { return nil }
        var out: [(key: JSONMemberKey, value: JSONNode)] = []
        out.reserveCapacity(count)
        var i = index + 1
        for _ in 0..<count {
            let value = JSONNode(document: document, index: i + 1)
            out.append((JSONMemberKey(value: JSONNode(document: document, index: i)), value))
            i = value.next
        }
        return out
    }

    /// The member named `key` (exact, without decoding other keys when `key` is ASCII), if it is
    /// an object holding one.
    public subscript(key: String) -> JSONNode? {
        guard kind == .object else { return nil }
        var i = index + 1
        for _ in 0..<count {
            let value = JSONNode(document: document, index: i + 1)
            if JSONMemberKey(value: JSONNode(document: document, index: i)) == key { return value }
            i = value.next
        }
        return nil
    }

    /// The value as compact JSON text (keys in document order).
    public var compactText: String {
        var out: [UInt8] = []
        JSONNode.writeCompact(self, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func writeCompact(_ v: JSONNode, into out: inout [UInt8]) {
        switch v.kind {
        case .null, .bool, .number, .string:
            out += v.document.bytes[v.offset..<v.endOffset]
        case .array:
            out.append(0x5B)
            for (k, e) in v.elements!.enumerated() {
                if k > 0 { out.append(0x2C) }
                writeCompact(e, into: &out)
            }
            out.append(0x5D)
        case .object:
            out.append(0x7B)
            for (k, m) in v.members!.enumerated() {
                if k > 0 { out.append(0x2C) }
                writeCompact(m.key.value, into: &out)
                out.append(0x3A)
                writeCompact(m.value, into: &out)
            }
            out.append(0x7D)
        }
    }

    static func decodeString(_ bytes: [UInt8], _ t: JSONToken) -> String {
        bytes.withUnsafeBufferPointer { decodeString($0, t) }
    }

    static func decodeString(_ bytes: UnsafeBufferPointer<UInt8>, _ t: JSONToken) -> String {
        let start = Int(t.start) + 1, end = Int(t.payload) - 1
        if t.tag & 0x80 == 0 { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var i = start
        func hex(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in at..<(at + 4) {
                let c = bytes[k]
                v = v << 4 | UInt32(c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10)
            }
            return v
        }
        while i < end {
            let c = bytes[i]
            guard c == 0x5C else { out.append(c); i += 1; continue }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = hex(i)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {   // a high surrogate; the parser checked its pair
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (hex(i + 2) - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(scalar)!)!)
            default: out.append(e)   // " \ /
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// An object's key.
public struct JSONMemberKey: CustomStringConvertible {
    /// The key as a string value (for its position).
    public let value: JSONNode

    /// The decoded key.
    public var string: String { value.string! }
    public var description: String { string }

    /// Whether the key is `name`; compares bytes when the key has no escapes.
    public static func == (key: JSONMemberKey, name: String) -> Bool {
        let t = key.value.token
        guard t.tag & 0x80 == 0 else { return key.string == name }
        let bytes = key.value.document.bytes
        let start = Int(t.start) + 1, end = Int(t.payload) - 1
        var k = start
        for c in name.utf8 {
            guard k < end, bytes[k] == c else { return false }
            k += 1
        }
        return k == end
    }
}

/// The parser proper: one pass over the bytes with an explicit stack of open containers.
struct JSONParser {
    struct Failure: Error {
        var offset: Int
        var message: String
    }

    let maxDepth: Int
    var tape: [JSONToken] = []
    /// Tape indices of the open arrays and objects.
    var open: [Int] = []

    init(maxDepth: Int) { self.maxDepth = maxDepth }

    static func isNumberByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D || c == 0x2B || c == 0x65 || c == 0x45
    }

    /// The byte at `i` for messages: "'x'", "byte 0xC3", or "the end of the text".
    static func describe(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> String {
        guard i < b.count else { return "the end of the text" }
        let c = b[i]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x" + String(c, radix: 16, uppercase: true)
    }

    /// Exact powers of ten for the fast path of number conversion.
    static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { p, _ in p * 10 } }

    mutating func parse(_ b: UnsafeBufferPointer<UInt8>) throws(Failure) {
        let n = b.count
        var i = 0
        if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        tape.reserveCapacity(max(16, n / 6))

        @inline(__always) func skipSpace(_ i: inout Int) {
            while i < n {
                let c = b[i]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
                i += 1
            }
        }
        func describe(_ i: Int) -> String { JSONParser.describe(b, i) }

        // Expecting: a value (after '[' , ',' in an array, ':' in an object, or at the start).
        // After a value: ',' or the closer of the innermost container, or the end.
        skipSpace(&i)
        if i >= n { throw Failure(offset: i, message: "no JSON value (the text is empty)") }
        while true {
            // A value at b[i].
            skipSpace(&i)
            guard i < n else { throw Failure(offset: i, message: "the text ends where a value was expected") }
            let c = b[i]
            let start = UInt32(i)
            var openedEmpty = false
            switch c {
            case 0x7B, 0x5B:   // { [
                guard open.count < maxDepth else {
                    throw Failure(offset: i, message: "nesting deeper than \(maxDepth) levels of lists and objects")
                }
                open.append(tape.count)
                tape.append(JSONToken(start: start, tag: c == 0x7B ? JSONKind.object.rawValue : JSONKind.array.rawValue,
                                      payload: 0))
                i += 1
                skipSpace(&i)
                if i < n && b[i] == (c == 0x7B ? 0x7D : 0x5D) {
                    openedEmpty = true
                } else if c == 0x7B {
                    try key(b, &i)
                    continue
                } else {
                    continue
                }
            case 0x22:
                try string(b, &i)
            case 0x74:   // true
                try literal(b, &i, "true")
                tape.append(JSONToken(start: start, tag: JSONKind.bool.rawValue | 0x40, payload: 0))
            case 0x66:
                try literal(b, &i, "false")
                tape.append(JSONToken(start: start, tag: JSONKind.bool.rawValue, payload: 0))
            case 0x6E:
                try literal(b, &i, "null")
                tape.append(JSONToken(start: start, tag: JSONKind.null.rawValue, payload: 0))
            case 0x2D, 0x30...0x39:
                try number(b, &i)
            case 0x5D, 0x7D:
                var k = i - 1
                while k > 0, b[k] == 0x20 || b[k] == 0x0A || b[k] == 0x0D || b[k] == 0x09 { k -= 1 }
                let trailing = k >= 0 && b[k] == 0x2C
                throw Failure(offset: i, message: trailing ? "a trailing ',' before '\(c == 0x5D ? "]" : "}")'"
                              : "\(describe(i)) where a value was expected")
            default:
                throw Failure(offset: i, message: "\(describe(i)) where a value was expected")
            }
            // After a value (or an empty container's opener): separators and closers.
            while true {
                if openedEmpty {
                    openedEmpty = false
                } else {
                    skipSpace(&i)
                    guard let top = open.last else {
                        guard i >= n else { throw Failure(offset: i, message: "\(describe(i)) after the end of the JSON value") }
                        return
                    }
                    guard i < n else {
                        let what = tape[top].kind == .array ? "list" : "object"
                        throw Failure(offset: i, message: "the text ends inside the \(what) opened at "
                                      + "byte \(tape[top].start) (a missing '\(tape[top].kind == .array ? "]" : "}")')")
                    }
                    let isObject = tape[top].kind == .object
                    let c = b[i]
                    if c == 0x2C {   // ,
                        i += 1
                        tape[top].payload += 1 << 32
                        if isObject {
                            skipSpace(&i)
                            try key(b, &i)
                        }
                        break
                    }
                    guard c == (isObject ? 0x7D : 0x5D) else {
                        throw Failure(offset: i, message: "\(describe(i)) where ',' or '\(isObject ? "}" : "]")' was expected")
                    }
                    tape[top].payload += 1 << 32   // the last element
                }
                // Close the innermost container at b[i].
                let top = open.removeLast()
                if tape[top].kind == .object { try checkDuplicateKeys(b, object: top) }
                tape[top].payload = (tape[top].payload & 0xFFFF_FFFF_0000_0000) | UInt64(tape.count)
                i += 1
            }
        }
    }

    /// An object's key and its colon, at b[i] (white space skipped).
    mutating func key(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(Failure) {
        guard i < b.count, b[i] == 0x22 else {
            let what = i < b.count ? (b[i] == 0x7D ? "'}' after ','" : "a key must be a string in double quotes")
                : "the text ends inside an object"
            throw Failure(offset: i, message: what == "'}' after ','" ? "a trailing ',' before '}'" : what)
        }
        try string(b, &i)
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        guard i < b.count, b[i] == 0x3A else { throw Failure(offset: i, message: "':' expected after the key") }
        i += 1
    }

    mutating func literal(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ word: StaticString) throws(Failure) {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard i + w.count <= b.count, (0..<w.count).allSatisfy({ b[i + $0] == w[$0] }) else {
            throw Failure(offset: i, message: "not a JSON value (expected \(word), or a quoted string)")
        }
        i += w.count
    }

    /// A string at b[i] (the opening quote): validates escapes and UTF-8 and records it.
    mutating func string(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int, ) throws(Failure) {
        let n = b.count
        let start = i
        var escaped = false
        i += 1
        let base = UnsafeRawPointer(b.baseAddress!)
        while true {
            // Eight plain bytes at a time: none a quote, a backslash, a control byte or non-ASCII.
            while i + 8 <= n {
                let x = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let quote = x ^ (ones &* 0x22), backslash = x ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((x &- ones &* 0x20) & ~x) | x
                if special & highs != 0 { break }
                i += 8
            }
            guard i < n else { throw Failure(offset: start, message: "a string that is never closed (a missing '\"')") }
            let c = b[i]
            if c == 0x22 { break }
            if c == 0x5C {
                escaped = true
                guard i + 1 < n else { throw Failure(offset: i, message: "an escape at the end of the text") }
                switch b[i + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74: i += 2
                case 0x75:
                    let high = try hex4(b, i + 2)
                    if high >= 0xDC00 && high < 0xE000 {
                        throw Failure(offset: i, message: "a lone low surrogate \\u\(String(high, radix: 16, uppercase: true))")
                    }
                    if high >= 0xD800 && high < 0xDC00 {
                        let paired = i + 11 < n && b[i + 6] == 0x5C && b[i + 7] == 0x75
                        let low = paired ? try hex4(b, i + 8) : 0
                        guard low >= 0xDC00 && low < 0xE000 else {
                            throw Failure(offset: i, message: "a high surrogate \\u\(String(high, radix: 16, uppercase: true)) "
                                          + "without its low surrogate")
                        }
                        i += 12
                    } else {
                        i += 6
                    }
                default:
                    throw Failure(offset: i, message: "an invalid escape '\\\(i + 1 < n && b[i + 1] >= 0x20 && b[i + 1] < 0x7F ? String(Character(Unicode.Scalar(b[i + 1]))) : "?")' "
                                  + "(valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
                }
                continue
            }
            if c < 0x20 {
                throw Failure(offset: i, message: c == 0x0A ? "a line break inside a string (write it as \\n)"
                              : "a control character inside a string (escape it as \\u00XX)")
            }
            if c < 0x80 { i += 1; continue }
            // UTF-8: a lead byte and its continuation bytes, no overlong forms or surrogates.
            let (len, lo, hi): (Int, UInt8, UInt8) = switch c {
            case 0xC2...0xDF: (2, 0x80, 0xBF)
            case 0xE0: (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80, 0xBF)
            case 0xED: (3, 0x80, 0x9F)
            case 0xF0: (4, 0x90, 0xBF)
            case 0xF1...0xF3: (4, 0x80, 0xBF)
            case 0xF4: (4, 0x80, 0x8F)
            default: (0, 0, 0)
            }
            guard len > 0, i + len <= n, b[i + 1] >= lo, b[i + 1] <= hi,
                  (2..<len).allSatisfy({ b[i + $0] & 0xC0 == 0x80 }) else {
                throw Failure(offset: i, message: "invalid UTF-8 in a string (save the file as UTF-8)")
            }
            i += len
        }
        i += 1
        tape.append(JSONToken(start: UInt32(start), tag: JSONKind.string.rawValue | (escaped ? 0x80 : 0),
                              payload: UInt64(i)))
    }

    func hex4(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) throws(Failure) -> UInt32 {
        guard at + 4 <= b.count else { throw Failure(offset: at - 2, message: "a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw Failure(offset: at - 2, message: "a \\u escape needs four hex digits")
            }
            v = v << 4 | d
        }
        return v
    }

    /// A number at b[i], in JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    mutating func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) throws(Failure) {
        let n = b.count
        let start = i
        var negative = false
        if b[i] == 0x2D { negative = true; i += 1 }
        @inline(__always) func digit(_ k: Int) -> Bool { k < n && b[k] >= 0x30 && b[k] <= 0x39 }
        guard digit(i) else { throw Failure(offset: start, message: "a '-' not followed by a digit") }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits taken into the mantissa
        var dropped = false     // nonzero digits beyond 19
        var exponent = 0        // decimal exponent adjustment
        if b[i] == 0x30 {
            i += 1
            if digit(i) { throw Failure(offset: start, message: "a number with a leading zero (JSON numbers are decimal: no 0x, no 007)") }
            if i < n && (b[i] == 0x78 || b[i] == 0x58) {
                throw Failure(offset: start, message: "a hexadecimal number (JSON numbers are decimal)")
            }
        } else {
            while digit(i) {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(b[i] - 0x30)
                    if mantissa > 0 { digits += 1 }
                } else {
                    exponent += 1
                    if b[i] != 0x30 { dropped = true }
                }
                i += 1
            }
        }
        if i < n && b[i] == 0x2E {
            i += 1
            guard digit(i) else { throw Failure(offset: i, message: "a number with no digit after its decimal point") }
            while digit(i) {
                if digits < 19 {
                    mantissa = mantissa * 10 + UInt64(b[i] - 0x30)
                    if mantissa > 0 { digits += 1 }
                    exponent -= 1
                } else if b[i] != 0x30 {
                    dropped = true
                }
                i += 1
            }
        }
        if i < n && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            var expNegative = false
            if i < n && (b[i] == 0x2B || b[i] == 0x2D) { expNegative = b[i] == 0x2D; i += 1 }
            guard digit(i) else { throw Failure(offset: i, message: "a number with no digit in its exponent") }
            var e = 0
            while digit(i) {
                if e < 100_000 { e = e * 10 + Int(b[i] - 0x30) }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        if i < n, b[i] >= 0x80 || (b[i] | 0x20) >= 0x61 && (b[i] | 0x20) <= 0x7A || b[i] == 0x2E || b[i] == 0x5F {
            throw Failure(offset: start, message: "not a JSON number (a number runs into \(JSONParser.describe(b, i)))")
        }
        var value: Double
        if !dropped && digits <= 15 && exponent >= -22 && exponent <= 22 {
            value = Double(mantissa)
            value = exponent >= 0 ? value * Self.powers[exponent] : value / Self.powers[-exponent]
            if negative { value = -value }
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            guard let v = Double(text) else { throw Failure(offset: start, message: "an unreadable number") }
            value = v
        }
        guard value.isFinite else {
            throw Failure(offset: start, message: "a number too large for a double (beyond ±1.8e308)")
        }
        tape.append(JSONToken(start: UInt32(start), tag: JSONKind.number.rawValue, payload: value.bitPattern))
    }

    /// Refuses an object with two equal keys (compared after decoding escapes). Small objects
    /// (the usual case) are checked pairwise on the raw bytes without allocating.
    func checkDuplicateKeys(_ b: UnsafeBufferPointer<UInt8>, object: Int) throws(Failure) {
        let count = Int(tape[object].payload >> 32)
        guard count > 1 else { return }
        @inline(__always) func nextKey(_ k: Int) -> Int {
            let v = tape[k + 1]
            return v.kind == .array || v.kind == .object ? Int(v.payload & 0xFFFF_FFFF) : k + 2
        }
        @inline(__always) func equal(_ x: Int, _ y: Int) -> Bool {
            let tx = tape[x], ty = tape[y]
            let nx = Int(tx.payload) - Int(tx.start), ny = Int(ty.payload) - Int(ty.start)
            guard nx == ny else { return false }
            return memcmp(b.baseAddress! + Int(tx.start), b.baseAddress! + Int(ty.start), nx) == 0
        }
        func fail(_ first: Int, _ second: Int) -> Failure {
            let name = JSONNode.decodeString(b, tape[second])
            return Failure(offset: Int(tape[second].start),
                           message: "the key \"\(name)\" appears twice in one object (first at byte \(tape[first].start))")
        }
        var anyEscaped = false
        var k = object + 1
        for _ in 0..<count {
            if tape[k].tag & 0x80 != 0 { anyEscaped = true }
            k = nextKey(k)
        }
        if count <= 16 && !anyEscaped {
            var x = nextKey(object + 1)
            for _ in 1..<count {
                var y = object + 1
                while y != x {
                    if equal(y, x) { throw fail(y, x) }
                    y = nextKey(y)
                }
                x = nextKey(x)
            }
            return
        }
        var seen: [String: Int] = [:]
        k = object + 1
        for _ in 0..<count {
            let text = JSONNode.decodeString(b, tape[k])
            if let first = seen.updateValue(k, forKey: text) { throw fail(first, k) }
            k = nextKey(k)
        }
    }
}
