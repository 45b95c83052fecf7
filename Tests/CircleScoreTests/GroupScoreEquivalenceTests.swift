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

/// Scoring many origins (in concurrent slices) gives what scoring them a few at a time gives.
@Suite struct ScoringSlicesTests {
    @Test func slicedScoresEqualSmallBatches() {
        var state: UInt64 = 21
        func random(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
        let items = (0..<7).map { ScoredItem(id: "i\($0)", domain: "d\($0 % 3)", isBasic: $0 < 5, isX: $0 == 6, reachMinutes: 15) }
        let origins = (0..<20_000).map { o in
            ScoredOrigin(id: "o\(o)", subdistrict: "s\(random(9))", areaClass: random(3) == 0 ? "urban" : "remote",
                         population: random(5) == 0 ? nil : Double(random(10_000)) / 7,
                         applies: items.indices.map { $0 < 5 || random(2) == 0 })
        }
        let minutes: [[Double?]] = items.map { _ in origins.map { _ in random(6) == 0 ? nil : Double(random(300)) / 10 } }
        #expect(Scoring.parallelSlices(20_000).count == 8)
        let all = Scoring.origins(items: items, origins: origins, minutes: minutes)
        var batched: [OriginScore] = []
        for start in stride(from: 0, to: origins.count, by: 1000) {
            let r = start..<min(start + 1000, origins.count)
            batched += Scoring.origins(items: items, origins: Array(origins[r]), minutes: minutes.map { Array($0[r]) })
        }
        #expect(all == batched)
        let groups = Scoring.groups(items: items, origins: origins, scores: all)
        #expect(groups.map(\.name) == (0..<9).map { "s\($0)" }.filter { s in origins.contains { $0.subdistrict == s } }
            .sorted { a, b in origins.firstIndex { $0.subdistrict == a }! < origins.firstIndex { $0.subdistrict == b }! }
            + ["remote", "urban"].sorted { a, b in origins.firstIndex { $0.areaClass == a }! < origins.firstIndex { $0.areaClass == b }! }
            + ["all"])
        #expect(groups.last == Scoring.group(.overall, name: "all", members: Array(origins.indices), items: items,
                                             origins: origins, scores: all))
    }
}
