import CircleScore
import Foundation
import Testing

/// Scoring against figures computed by hand.
@Suite struct ScoringTests {
    // Three basic items in two domains, one related item, one X item.
    let items = [
        ScoredItem(id: "kindergarten", domain: "education", isBasic: true, reachMinutes: 15),
        ScoredItem(id: "primary_school", domain: "education", isBasic: true, reachMinutes: 15),
        ScoredItem(id: "clinic", domain: "health", isBasic: true, reachMinutes: 10),
        ScoredItem(id: "bus_stop", domain: "transport", isBasic: false, reachMinutes: 15),
        ScoredItem(id: "museum", domain: "x_local", isBasic: false, isX: true, reachMinutes: 15),
    ]

    var origins: [ScoredOrigin] {
        [
            ScoredOrigin(id: "A", subdistrict: "S1", areaClass: "urban", population: 1000, applies: [true, true, true, true, true]),
            ScoredOrigin(id: "B", subdistrict: "S1", areaClass: "urban", population: 3000, applies: [true, true, true, true, true]),
            ScoredOrigin(id: "C", subdistrict: "S2", areaClass: "remote", population: nil, applies: [true, true, true, true, false]),
        ]
    }

    // minutes[item][origin]
    let minutes: [[Double?]] = [
        [3, 15, nil],       // kindergarten: A yes, B yes (exactly 15 counts), C unreachable
        [14.999, 15.001, 2], // primary: A yes, B no, C yes
        [10, 9, 11],        // clinic (reach 10): A yes, B yes, C no
        [1, 1, 1],          // bus: all
        [20, 5, nil],       // museum (X of S1): A no, B yes, not for C
    ]

    @Test func originScores() {
        let s = Scoring.origins(items: items, origins: origins, minutes: minutes)
        #expect(s[0].covered == [true, true, true, true, false])
        #expect(s[0].missingBasic == [] && s[0].basicScore == 1)
        #expect(s[1].missingBasic == [1] && abs(s[1].basicScore - 2.0 / 3) < 1e-12)
        #expect(s[2].covered == [false, true, false, true, nil])
        #expect(s[2].missingBasic == [0, 2])
        #expect(s[2].domainCovered == ["education": 1, "health": 0, "transport": 1])
        #expect(s[0].xCovered == 0 && s[0].xTotal == 1 && s[1].xCovered == 1 && s[2].xTotal == 0)
    }

    /// SPEC §8: an item is covered exactly when its listed minutes (rounded up to 3 decimals) are
    /// within the reach: a hair over 15 lists as 15.001 and is missing; float error above an exact
    /// 15 lists as 15.000 and is covered.
    @Test func coverageFollowsTheListedMinutes() {
        let item = [ScoredItem(id: "kindergarten", domain: "education", isBasic: true, reachMinutes: 15)]
        let times: [Double?] = [15.0004, 15.0, 15.000000000000002, 14.9996, 15.00001, nil]
        let origins = times.indices.map {
            ScoredOrigin(id: "O\($0)", subdistrict: "S", areaClass: "urban", population: nil, applies: [true])
        }
        let s = Scoring.origins(items: item, origins: origins, minutes: [times])
        #expect(s.map { $0.covered[0]! } == [false, true, true, true, false, false])
        // Random times: covered ⇔ the written three decimals, read back, are within the reach.
        var state: UInt64 = 9
        var random: [Double?] = []
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            random.append(14.99 + Double(state >> 11) / Double(1 << 53) * 0.02)
        }
        let many = random.indices.map {
            ScoredOrigin(id: "R\($0)", subdistrict: "S", areaClass: "urban", population: nil, applies: [true])
        }
        let scored = Scoring.origins(items: item, origins: many, minutes: [random])
        for (k, t) in random.enumerated() {
            let written = Double(String(format: "%.3f", (t! * 1000).rounded(.up) / 1000))!
            // Away from float error at a boundary, the written value is the plain ceiling.
            guard abs(t! * 1000 - (t! * 1000).rounded()) > 1e-6 else { continue }
            #expect(scored[k].covered[0] == (written <= 15), "\(t!)")
        }
    }

    @Test func groupScores() {
        let o = origins
        let s = Scoring.origins(items: items, origins: o, minutes: minutes)
        let groups = Scoring.groups(items: items, origins: o, scores: s)
        #expect(groups.map(\.name) == ["S1", "S2", "urban", "remote", "all"])
        let s1 = groups[0]
        #expect(s1.origins == 2 && s1.population == 4000)
        #expect(s1.itemShare[1] == 0.5 && s1.itemPopulationShare[1] == 0.25)
        #expect(s1.allBasicShare == 0.5 && s1.allBasicPopulationShare == 0.25)
        #expect(s1.missingCount == 1 && s1.worstItems == [1])
        let all = groups[4]
        // C has no population: it is left out of population figures, never counted as 1 resident.
        #expect(all.origins == 3 && all.population == 4000 && all.originsWithoutPopulation == 1)
        #expect(groups[1].population == nil && groups[1].allBasicPopulationShare == nil)
        #expect(groups[1].itemPopulationShare.allSatisfy { $0 == nil })
        // Origin shares still count C: kindergarten 2 of 3 origins, by population 4000 of 4000.
        #expect(all.itemShare[0] == 2.0 / 3 && all.itemPopulationShare[0] == 1)
        #expect(all.allBasicPopulationShare == 0.25)
        #expect(all.missingCount == 3)
        // Kindergarten 2/3, primary 2/3, clinic 2/3: ties go in catalog order.
        #expect(all.worstItems == [0, 1, 2])
        #expect(all.itemShare[4] == 0.5)   // the X item applies to A and B only
        #expect(abs(all.meanBasicScore - (1 + 2.0 / 3 + 1.0 / 3) / 3) < 1e-12)
    }
}
