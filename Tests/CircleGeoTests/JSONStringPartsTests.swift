@testable import CircleGeo
import Foundation
import Testing

/// `JSONStringParts.joined` writes exactly what `JSONString` writes for the joined string.
@Suite struct JSONStringPartsTests {
    static let strings = ["kindergarten", "", "a\"b", "back\\slash", "tab\there", "line\nfeed", "\u{01}\u{1f}",
                          "幼儿园", "emoji 🏫", "semi;colon", "x"]

    @Test func joinedEqualsEscapingTheJoinedString() {
        let parts = JSONStringParts(Self.strings)
        #expect(parts.count == Self.strings.count)
        var rng = SystemRandomNumberGenerator()
        var subsets: [[Int]] = [[], [0], [1], [1, 1], Array(Self.strings.indices), Array(Self.strings.indices.reversed())]
        for _ in 0..<200 { subsets.append((0..<Int.random(in: 0...6, using: &rng)).map { _ in Int.random(in: 0..<Self.strings.count, using: &rng) }) }
        for subset in subsets {
            let joined = subset.map { Self.strings[$0] }.joined(separator: ";")
            #expect(parts.joined(subset).bytes == JSONString(joined).bytes, "\(subset)")
            let chosen = Set(subset)
            let inOrder = Self.strings.indices.filter { chosen.contains($0) }.map { Self.strings[$0] }.joined(separator: ";")
            #expect(parts.joined { chosen.contains($0) }.bytes == JSONString(inOrder).bytes, "\(subset)")
        }
        #expect(String(decoding: parts.joined([2, 3]).bytes, as: UTF8.self) == #""a\"b;back\\slash""#)
    }

    @Test func aPropertyWritesTheSameBytes() throws {
        let parts = JSONStringParts(Self.strings)
        var a = GeoJSONWriter(), b = GeoJSONWriter()
        let key = JSONKey("missing")
        try a.addPoint(lon: 121.5, lat: 31.2) { $0.add(key, string: parts.joined([0, 2, 5, 7])) }
        try b.addPoint(lon: 121.5, lat: 31.2) { $0.add(key, string: [0, 2, 5, 7].map { Self.strings[$0] }.joined(separator: ";")) }
        #expect(a.features == b.features)
    }
}
