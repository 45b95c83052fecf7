@testable import CircleScore
import Foundation
import Testing

/// Scores and group figures of the faster scoring equal, field for field and bit for bit, the
/// previous implementation's (kept here as the oracle: a dictionary of domain counts built per
/// origin, group sums over copies of each origin and its score) on random inputs.
@Suite struct ScoringOracleTests {
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % n
        }
    }

    @Test(arguments: [(UInt64(1), 40), (2, 900), (3, 5000), (4, 9000), (5, 0)])
    func scoresAndGroupsEqualThePreviousScoring(seed: UInt64, count: Int) {
        var r = Random(state: seed)
        let n = 1 + r.next(12)
        let items = (0..<n).map { i in
            ScoredItem(id: "i\(i)", domain: "d\(r.next(4))", isBasic: r.next(3) != 0, isX: r.next(4) == 0,
                       reachMinutes: [15, 10, 5, 7.5][r.next(4)])
        }
        let origins = (0..<count).map { o in
            ScoredOrigin(id: "o\(o)", subdistrict: "s\(r.next(7))", areaClass: ["urban", "remote", ""][r.next(3)],
                         population: r.next(5) == 0 ? nil : Double(r.next(10_000)) / 7,
                         applies: items.indices.map { _ in r.next(5) != 0 })
        }
        let minutes: [[Double?]] = items.map { _ in
            origins.map { _ in r.next(6) == 0 ? nil : [15, 15.0001, 14.9999, 10, 5.0004][r.next(5)] + (r.next(2) == 0 ? 0 : Double(r.next(300)) / 10 - 15) }
        }
        let scores = Scoring.origins(items: items, origins: origins, minutes: minutes)
        let expected = OldScoring.origins(items: items, origins: origins, minutes: minutes)
        #expect(scores == expected)
        // The coverage alone (what the gap maps read before the origins are scored) is the scores'.
        #expect(Scoring.covered(items: items, origins: origins, minutes: minutes) == expected.map(\.covered))
        let groups = Scoring.groups(items: items, origins: origins, scores: scores)
        #expect(groups.count == Set(origins.map(\.subdistrict)).count + Set(origins.map(\.areaClass)).count + 1)
        for g in groups {
            let members = origins.indices.filter { o in
                g.level == .overall || (g.level == .subdistrict ? origins[o].subdistrict : origins[o].areaClass) == g.name
            }
            let old = OldScoring.group(g.level, name: g.name, members: members, items: items, origins: origins, scores: expected)
            #expect(g == old, "\(g.level) \(g.name)")
            #expect(g.meanBasicScore.bitPattern == old.meanBasicScore.bitPattern)
            #expect(zip(g.itemPopulationShare, old.itemPopulationShare).allSatisfy { $0?.bitPattern == $1?.bitPattern })
        }
    }
}

/// The previous scoring, verbatim but for names (the oracle of ``ScoringOracleTests``).
enum OldScoring {
    static func origins(items: [ScoredItem], origins: [ScoredOrigin], minutes: [[Double?]]) -> [OriginScore] {
        let basicTotal = items.filter(\.isBasic).count
        var domainList: [String] = []
        var domainOfItem: [Int] = []
        for item in items {
            if let d = domainList.firstIndex(of: item.domain) { domainOfItem.append(d) } else {
                domainOfItem.append(domainList.count)
                domainList.append(item.domain)
            }
        }
        let domains = domainList, domainOf = domainOfItem
        // Slices of origins scored concurrently; each origin's score depends on it alone.
        let slices = Scoring.parallelSlices(origins.count)
        var parts: [[OriginScore]] = []
        for k in slices.indices {
            var counts = [Int](repeating: 0, count: domains.count)
            var seen = [Bool](repeating: false, count: domains.count)
            parts.append(slices[k].map { o in
                var covered = [Bool?](repeating: nil, count: items.count)
                var missing: [Int] = []
                var basic = 0, x = 0, xTotal = 0
                for d in domains.indices { counts[d] = 0; seen[d] = false }
                let applies = origins[o].applies
                for i in items.indices where applies[i] {
                    let item = items[i]
                    let ok = Scoring.covers(minutes[i][o], reach: item.reachMinutes)
                    covered[i] = ok
                    seen[domainOf[i]] = true
                    counts[domainOf[i]] += ok ? 1 : 0
                    if item.isBasic { if ok { basic += 1 } else { missing.append(i) } }
                    if item.isX { xTotal += 1; x += ok ? 1 : 0 }
                }
                var domain: [String: Int] = [:]
                domain.reserveCapacity(domains.count)
                for d in domains.indices where seen[d] { domain[domains[d]] = counts[d] }
                return OriginScore(covered: covered, missingBasic: missing, basicCovered: basic, basicTotal: basicTotal,
                                   basicScore: basicTotal == 0 ? 0 : Double(basic) / Double(basicTotal),
                                   domainCovered: domain, xCovered: x, xTotal: xTotal)
            })
        }
        return parts.flatMap { $0 }
    }
    static func group(_ level: GroupScore.Level, name: String, members: [Int], items: [ScoredItem],
                             origins: [ScoredOrigin], scores: [OriginScore]) -> GroupScore {
        var sums = GroupSums(items: items.count)
        for m in members { OldScoring.add(&sums, origins[m], scores[m]) }
        var share = [Double?](repeating: nil, count: items.count)
        var popShare = [Double?](repeating: nil, count: items.count)
        for i in items.indices where sums.applying[i] > 0 {
            share[i] = Double(sums.covering[i]) / Double(sums.applying[i])
            popShare[i] = sums.applyingWeight[i] > 0 ? sums.coveringWeight[i] / sums.applyingWeight[i] : nil
        }
        let basicIdx = items.indices.filter { items[$0].isBasic && share[$0] != nil }
        let worst = basicIdx.filter { share[$0]! < 1 }
            .sorted { (share[$0]!, $0) < (share[$1]!, $1) }.prefix(3)
        let population: Double? = sums.withPopulation > 0 ? sums.population : nil
        return GroupScore(
            level: level, name: name, origins: members.count, population: population,
            originsWithoutPopulation: sums.withoutPopulation,
            itemShare: share, itemPopulationShare: popShare,
            allBasicShare: members.isEmpty ? 0 : Double(sums.full) / Double(members.count),
            allBasicPopulationShare: sums.population > 0 ? sums.fullWeight / sums.population : nil,
            meanBasicScore: members.isEmpty ? 0 : sums.basicScore / Double(members.count),
            missingCount: sums.missing, worstItems: Array(worst))
    }

    static func add(_ sums: inout GroupSums, _ origin: ScoredOrigin, _ score: OriginScore) {
        let w = origin.weight
        for i in 0..<sums.applying.count where origin.applies[i] {
            sums.applying[i] += 1
            sums.applyingWeight[i] += w
            if score.covered[i] == true {
                sums.covering[i] += 1
                sums.coveringWeight[i] += w
            }
        }
        sums.population += w
        if origin.population == nil { sums.withoutPopulation += 1 } else { sums.withPopulation += 1 }
        if score.missingBasic.isEmpty {
            sums.full += 1
            sums.fullWeight += w
        }
        sums.basicScore += score.basicScore
        sums.missing += score.missingBasic.count
    }
}
