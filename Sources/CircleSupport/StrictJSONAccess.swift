#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Allocation-free access to a ``JSONDocument`` for readers that walk many small objects (the
/// point readers' features): members one at a time, and values as byte ranges of the input.
extension JSONNode {
    /// Calls `body` with each member of an object in document order (nothing for other values),
    /// without building the list ``members`` builds.
    public func forEachMember(_ body: (JSONMemberKey, JSONNode) throws -> Void) rethrows {
        guard kind == .object else { return }
        var i = index + 1
        for _ in 0..<count {
            let value = JSONNode(document: document, index: i + 1)
            try body(JSONMemberKey(value: JSONNode(document: document, index: i)), value)
            i = value.next
        }
    }

    /// For a string without escapes, the byte range of its text (between the quotes) in the
    /// document's ``JSONDocument/bytes``; nil for other values and for strings with escapes
    /// (read those with ``string``).
    public var plainStringRange: Range<Int>? {
        let t = token
        guard t.kind == .string, t.tag & 0x80 == 0 else { return nil }
        return (Int(t.start) + 1)..<(Int(t.payload) - 1)
    }

    /// The byte range of the value's text as it stands in the input (what ``sourceText`` holds).
    public var sourceRange: Range<Int> { offset..<endOffset }

    /// The two numbers of a list of exactly two numbers (a plain GeoJSON position), else nil.
    public var pairOfNumbers: (Double, Double)? {
        let t = token
        guard t.kind == .array, t.payload >> 32 == 2 else { return nil }
        let a = document.tape[index + 1]
        guard a.kind == .number else { return nil }
        let b = document.tape[index + 2]
        guard b.kind == .number else { return nil }
        return (Double(bitPattern: a.payload), Double(bitPattern: b.payload))
    }
}

extension JSONMemberKey {
    /// Whether the key is the text whose UTF-8 bytes are `name`: one comparison of bytes when
    /// the key has no escapes (else of the decoded key).
    public func equals(_ name: [UInt8]) -> Bool {
        guard let range = value.plainStringRange else { return string == String(decoding: name, as: UTF8.self) }
        guard range.count == name.count else { return false }
        return value.document.bytes.withUnsafeBufferPointer { bytes in
            name.withUnsafeBufferPointer { n in
                n.isEmpty || memcmp(bytes.baseAddress! + range.lowerBound, n.baseAddress!, n.count) == 0
            }
        }
    }
}

