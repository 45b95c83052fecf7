@testable import CircleScore
import Testing

/// ``Scoring/origins(items:origins:minutes:)`` shares one domain-count dictionary per pattern of
/// counts (packed into a word up to 8 domains, an array key beyond): either way each origin's
/// counts are its own, as counted item by item.
@Suite struct DomainPatternTests {
    @Test(arguments: [3, 8, 11]) func domainCountsAreEachOriginsOwn(domains: Int) {
        var state: UInt64 = UInt64(domains)
        func random(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let items = (0..<(2 * domains + 3)).map {
            ScoredItem(id: "i\($0)", domain: "d\($0 % domains)", isBasic: $0 % 2 == 0, isX: $0 % 5 == 4, reachMinutes: 15)
        }
        let origins = (0..<2500).map { o in
            ScoredOrigin(id: "o\(o)", subdistrict: "s\(random(3))", areaClass: "urban", population: nil,
                         applies: items.indices.map { _ in random(4) != 0 })
        }
        let minutes: [[Double?]] = items.map { _ in origins.map { _ in random(3) == 0 ? nil : Double(random(250)) / 10 } }
        let scores = Scoring.origins(items: items, origins: origins, minutes: minutes)
        for o in origins.indices {
            var expected: [String: Int] = [:]
            for i in items.indices where origins[o].applies[i] {
                expected[items[i].domain, default: 0] += Scoring.covers(minutes[i][o], reach: 15) ? 1 : 0
            }
            #expect(scores[o].domainCovered == expected, "origin \(o)")
        }
    }
}
