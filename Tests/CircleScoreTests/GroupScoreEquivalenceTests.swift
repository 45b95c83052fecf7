@testable import CircleScore
import Testing

/// Group scores summed in one pass equal, bit for bit, the figures summed one by one.
@Suite struct GroupScoreEquivalenceTests {
    @Test func onePassEqualsSeparateSums() {
        var state: UInt64 = 7
        func random(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let items = (0..<6).map { ScoredItem(id: "i\($0)", domain: "d\($0 % 3)", isBasic: $0 < 4, isX: $0 == 5, reachMinutes: 15) }
        let origins = (0..<300).map { o in
            ScoredOrigin(id: "o\(o)", subdistrict: "s\(random(4))", areaClass: random(2) == 0 ? "urban" : "remote",
                         population: random(5) == 0 ? nil : Double(random(10_000)) / 7,
                         applies: items.indices.map { $0 < 5 || random(2) == 0 })
        }
        let minutes: [[Double?]] = items.map { _ in origins.map { _ in random(6) == 0 ? nil : Double(random(300)) / 10 } }
        let scores = Scoring.origins(items: items, origins: origins, minutes: minutes)
        let groups = Scoring.groups(items: items, origins: origins, scores: scores)
        let overall = groups.last!
        let all = Array(origins.indices)
        for i in items.indices {
            let applying = all.filter { origins[$0].applies[i] }
            let yes = applying.filter { scores[$0].covered[i] == true }
            #expect(overall.itemShare[i] == Double(yes.count) / Double(applying.count))
            let total = applying.reduce(0) { $0 + origins[$1].weight }
            #expect(overall.itemPopulationShare[i] == yes.reduce(0) { $0 + origins[$1].weight } / total)
        }
        #expect(overall.population == all.reduce(0) { $0 + origins[$1].weight })
        #expect(overall.meanBasicScore == all.reduce(0) { $0 + scores[$1].basicScore } / Double(all.count))
        let full = all.filter { scores[$0].missingBasic.isEmpty }
        #expect(overall.allBasicPopulationShare == full.reduce(0) { $0 + origins[$1].weight } / overall.population!)
        for (o, s) in scores.enumerated() {
            var domain: [String: Int] = [:]
            for (i, item) in items.enumerated() where origins[o].applies[i] {
                domain[item.domain, default: 0] += s.covered[i] == true ? 1 : 0
            }
            #expect(s.domainCovered == domain)
        }
    }
}
