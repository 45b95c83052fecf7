import CircleSupport
import Foundation
import Testing

/// The strict JSON parser behind the GeoJSON readers (issue 10 §3).
@Suite struct StrictJSONTests {
    /// A plain JSON value, for comparing what was written with what was read.
    indirect enum Value: Equatable {
        case null, bool(Bool), number(Double), string(String), array([Value]), object([(String, Value)])

        static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.null, .null): true
            case let (.bool(x), .bool(y)): x == y
            case let (.number(x), .number(y)): x == y
            case let (.string(x), .string(y)): x == y
            case let (.array(x), .array(y)): x == y
            case let (.object(x), .object(y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: false
            }
        }
    }

    static func value(_ node: JSONNode) -> Value {
        switch node.kind {
        case .null: .null
        case .bool: .bool(node.bool!)
        case .number: .number(node.number!)
        case .string: .string(node.string!)
        case .array: .array(node.elements!.map(value))
        case .object: .object(node.members!.map { ($0.key.string, value($0.value)) })
        }
    }

    typealias Random = SplitMix64

    static let alphabet: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}",
                                        "\u{1}", "\u{1F}", "居", "委", "社区", "é", "😀", "\u{7F}", "\u{2028}", "{", "]", ","]

    static func randomString(_ r: inout Random) -> String {
        (0..<Int.random(in: 0...8, using: &r)).map { _ in alphabet.randomElement(using: &r)! }.joined()
    }

    static func randomValue(_ r: inout Random, depth: Int) -> Value {
        let pick = Int.random(in: 0..<(depth > 6 ? 4 : 6), using: &r)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &r))
        case 2:
            let choices: [Double] = [0, -0.0, 1, -1, 121.4737, 31.2304, 1e308, -2.5e-308, Double.leastNonzeroMagnitude, 0.1, 123456789012345680,
                                     Double.random(in: -1e6...1e6, using: &r), Double.random(in: -180...180, using: &r)]
            return .number(choices.randomElement(using: &r)!)
        case 3: return .string(randomString(&r))
        case 4: return .array((0..<Int.random(in: 0...4, using: &r)).map { _ in randomValue(&r, depth: depth + 1) })
        default:
            var keys = Set<String>()
            var members: [(String, Value)] = []
            for _ in 0..<Int.random(in: 0...4, using: &r) {
                let k = randomString(&r)
                if keys.insert(k).inserted { members.append((k, randomValue(&r, depth: depth + 1))) }
            }
            return .object(members)
        }
    }

    /// Serialises with random white space and a random choice of escapes for each character.
    static func write(_ v: Value, _ r: inout Random, into out: inout String) {
        func space() { out += ["", " ", "\n", "\t", "\r\n  "].randomElement(using: &r)! }
        func string(_ s: String) {
            out += "\""
            for scalar in s.unicodeScalars {
                let escapeAnyway = Bool.random(using: &r)
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += escapeAnyway ? "\\n" : "\\u000A"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{8}": out += "\\b"
                case "\u{C}": out += "\\f"
                case "/" where escapeAnyway: out += "\\/"
                default:
                    if scalar.value < 0x20 || escapeAnyway {
                        if scalar.value > 0xFFFF {
                            let v = scalar.value - 0x10000
                            out += String(format: "\\u%04X\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF))
                        } else {
                            out += String(format: escapeAnyway ? "\\u%04x" : "\\u%04X", scalar.value)
                        }
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        space()
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d):
            // Swift's shortest round-trip form, or an exponent form of it.
            var text = "\(d)"
            if text.hasSuffix(".0"), Bool.random(using: &r) { text.removeLast(2) }
            if Bool.random(using: &r), d != 0, d.isNormal { text = String(format: "%.17e", d) }
            out += text
        case .string(let s): string(s)
        case .array(let a):
            out += "["
            for (k, e) in a.enumerated() {
                if k > 0 { out += "," }
                write(e, &r, into: &out)
            }
            space()
            out += "]"
        case .object(let o):
            out += "{"
            for (k, m) in o.enumerated() {
                if k > 0 { out += "," }
                space()
                string(m.0)
                space()
                out += ":"
                write(m.1, &r, into: &out)
            }
            space()
            out += "}"
        }
        space()
    }

    @Test func randomValuesRoundTrip() throws {
        for seed in 0..<2000 as Range<UInt64> {
            var r = Random(seed: seed)
            let v = Self.randomValue(&r, depth: 0)
            var text = ""
            Self.write(v, &r, into: &text)
            let doc = try JSONDocument(text: text)
            let back = Self.value(doc.root)
            #expect(back == v, "seed \(seed): \(text)")
            // Foundation agrees on what the text is.
            let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            if case .string(let s) = back { #expect(foundation as? String == s, "seed \(seed)") }
            if case .array(let a) = back { #expect((foundation as? [Any])?.count == a.count, "seed \(seed)") }
            if case .object(let o) = back { #expect((foundation as? [String: Any])?.count == o.count, "seed \(seed)") }
        }
    }

    @Test func deepNestingRoundTripsUpToTheLimitAndIsRefusedBeyondIt() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(try JSONDocument(text: ok).root.count == 1)
        for opener in ["[", "{\"a\":"] {
            let deep = String(repeating: opener, count: 100_000)
            #expect {
                _ = try JSONDocument(text: deep)
            } throws: { error in
                guard let e = error as? JSONSyntaxError else { return false }
                return e.message.contains("nesting deeper than 512 levels") && e.line == 1
            }
        }
    }

    @Test(arguments: [
        ("[1,2,]", 1, 6, "a trailing ','"),
        ("{\"a\":1,}", 1, 8, "a trailing ','"),
        ("[0x18]", 1, 2, "hexadecimal"),
        ("[24.5, 0x18.F]", 1, 8, "hexadecimal"),
        ("[NaN]", 1, 2, "where a value was expected"),
        ("[Infinity]", 1, 2, "where a value was expected"),
        ("[-]", 1, 2, "'-' not followed by a digit"),
        ("[01]", 1, 2, "leading zero"),
        ("[1.]", 1, 4, "no digit after its decimal point"),
        ("[.5]", 1, 2, "where a value was expected"),
        ("[+1]", 1, 2, "where a value was expected"),
        ("[1e]", 1, 4, "no digit in its exponent"),
        ("[1e400]", 1, 2, "too large"),
        ("[1.5.3]", 1, 2, "not a JSON number"),
        ("[tru]", 1, 2, "not a JSON value"),
        ("['a']", 1, 2, "where a value was expected"),
        ("{a:1}", 1, 2, "a key must be a string"),
        ("{\"a\" 1}", 1, 6, "':' expected"),
        ("{\"kind\":1,\"kind\":2}", 1, 11, "the key \"kind\" appears twice"),
        ("{\"k\\u0069nd\":1,\"kind\":2}", 1, 16, "appears twice"),
        ("\"a\nb\"", 1, 3, "a line break inside a string"),
        ("\"\\x\"", 1, 2, "an invalid escape"),
        ("\"\\ud800\"", 1, 2, "without its low surrogate"),
        ("\"\\udc00\"", 1, 2, "a lone low surrogate"),
        ("\"\\u12G4\"", 1, 2, "four hex digits"),
        ("\"abc", 1, 1, "never closed"),
        ("[1 2]", 1, 4, "where ',' or ']' was expected"),
        ("{\"a\":1}\n{\"b\":2}", 2, 1, "after the end of the JSON value"),
        ("[1] // comment", 1, 5, "after the end"),
        ("", 1, 1, "empty"),
        ("   \n ", 2, 2, "empty"),
        ("{\"type\":\n  [1,\n   2", 3, 5, "the text ends inside the list"),
    ])
    func malformedTextNamesLineAndColumn(text: String, line: Int, column: Int, phrase: String) {
        #expect {
            _ = try JSONDocument(text: text)
        } throws: { error in
            guard let e = error as? JSONSyntaxError else { return false }
            return e.line == line && e.column == column && e.message.contains(phrase)
        }
    }

    @Test func invalidUTF8InAStringIsRefused() throws {
        for bad: [UInt8] in [[0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xB8]] {
            #expect(throws: JSONSyntaxError.self) { _ = try JSONDocument(bytes: [0x22] + bad + [0x22]) }
        }
        #expect(try JSONDocument(bytes: Array("\"居委 😀\"".utf8)).root.string == "居委 😀")
    }

    @Test func numbersAreReadExactly() throws {
        let literals = ["0", "-0", "121.4737", "31.2304", "24.9437242", "60.1731080", "1e308", "-1.7976931348623157e308",
                        "5e-324", "0.1", "123456789012345678", "121.50123456789012", "1E+2", "2.5e-3", "1e22", "1e23",
                        "9007199254740993", "0.000001234"]
        let doc = try JSONDocument(text: "[" + literals.joined(separator: ",") + "]")
        for (node, literal) in zip(doc.root.elements!, literals) {
            #expect(node.number == Double(literal), "\(literal)")
            #expect(node.sourceText == literal)
        }
    }

    @Test func keysCompareWithoutDecodingAndValuesKeepTheirSource() throws {
        let doc = try JSONDocument(text: #"{"type":"Feature","id":7.50,"properties":{"a":[1, {"b":null}],"k\u0069nd":"居委"}}"#)
        let root = doc.root
        #expect(root["type"]?.string == "Feature")
        #expect(root["id"]?.sourceText == "7.50")
        #expect(root["properties"]?["kind"]?.string == "居委")
        #expect(root["properties"]?["a"]?.compactText == #"[1,{"b":null}]"#)
        #expect(root["missing"] == nil)
        #expect(root["properties"]?["a"]?.location == "line 1, column 47")
    }
}
