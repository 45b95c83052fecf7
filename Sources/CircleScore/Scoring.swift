/// One origin's coverage (SPEC §6).
public struct OriginScore: Sendable, Equatable {
    /// Per item (catalog order): covered, not covered, or nil when the item does not apply.
    public var covered: [Bool?]
    /// Indices of the basic items it misses: its 缺项.
    public var missingBasic: [Int]
    public var basicCovered: Int
    public var basicTotal: Int
    /// Covered basic items / basic items in the catalog.
    public var basicScore: Double
    /// Covered items per domain id, over the items that apply.
    public var domainCovered: [String: Int]
    public var xCovered: Int
    public var xTotal: Int
}

/// Coverage of a group of origins: a subdistrict, an area class, or all.
public struct GroupScore: Sendable, Equatable {
    public enum Level: String, Sendable, Codable { case subdistrict, areaClass = "area_class", overall }

    public var level: Level
    public var name: String
    public var origins: Int
    /// Sum of weights (population, 1 for origins without one).
    public var population: Double
    /// Origins without a population, which weigh 1.
    public var originsWithoutPopulation: Int
    /// Per item: share of the origins it applies to that cover it (nil when it applies to none).
    public var itemShare: [Double?]
    /// Per item: the same, weighted by population.
    public var itemPopulationShare: [Double?]
    /// Share of origins covering every basic item, and the population share.
    public var allBasicShare: Double
    public var allBasicPopulationShare: Double
    /// Mean basic score of its origins.
    public var meanBasicScore: Double
    /// The number of 缺项: missing basic items summed over its origins.
    public var missingCount: Int
    /// Basic item indices by share of origins covered, lowest first (at most three, only those below 1).
    public var worstItems: [Int]
}

/// Pure scoring functions over the times of a run.
public enum Scoring {
    /// Scores each origin. `minutes[item][origin]` is nil when unreachable or unsnapped.
    public static func origins(items: [ScoredItem], origins: [ScoredOrigin], minutes: [[Double?]]) -> [OriginScore] {
        let basicTotal = items.filter(\.isBasic).count
        return origins.indices.map { o in
            var covered = [Bool?](repeating: nil, count: items.count)
            var missing: [Int] = []
            var domain: [String: Int] = [:]
            var basic = 0, x = 0, xTotal = 0
            for (i, item) in items.enumerated() where origins[o].applies[i] {
                let ok = minutes[i][o].map { $0 <= item.reachMinutes } ?? false
                covered[i] = ok
                domain[item.domain, default: 0] += ok ? 1 : 0
                if item.isBasic { if ok { basic += 1 } else { missing.append(i) } }
                if item.isX { xTotal += 1; x += ok ? 1 : 0 }
            }
            return OriginScore(covered: covered, missingBasic: missing, basicCovered: basic, basicTotal: basicTotal,
                               basicScore: basicTotal == 0 ? 0 : Double(basic) / Double(basicTotal),
                               domainCovered: domain, xCovered: x, xTotal: xTotal)
        }
    }

    /// Scores a group of origins (given by index).
    public static func group(_ level: GroupScore.Level, name: String, members: [Int], items: [ScoredItem],
                             origins: [ScoredOrigin], scores: [OriginScore]) -> GroupScore {
        var share = [Double?](repeating: nil, count: items.count)
        var popShare = [Double?](repeating: nil, count: items.count)
        for i in items.indices {
            let applying = members.filter { origins[$0].applies[i] }
            guard !applying.isEmpty else { continue }
            let yes = applying.filter { scores[$0].covered[i] == true }
            share[i] = Double(yes.count) / Double(applying.count)
            let total = applying.reduce(0) { $0 + origins[$1].weight }
            popShare[i] = total > 0 ? yes.reduce(0) { $0 + origins[$1].weight } / total : nil
        }
        let full = members.filter { scores[$0].missingBasic.isEmpty }
        let population = members.reduce(0) { $0 + origins[$1].weight }
        let basicIdx = items.indices.filter { items[$0].isBasic && share[$0] != nil }
        let worst = basicIdx.filter { share[$0]! < 1 }
            .sorted { (share[$0]!, $0) < (share[$1]!, $1) }.prefix(3)
        return GroupScore(
            level: level, name: name, origins: members.count, population: population,
            originsWithoutPopulation: members.filter { origins[$0].population == nil }.count,
            itemShare: share, itemPopulationShare: popShare,
            allBasicShare: members.isEmpty ? 0 : Double(full.count) / Double(members.count),
            allBasicPopulationShare: population > 0 ? full.reduce(0) { $0 + origins[$1].weight } / population : 0,
            meanBasicScore: members.isEmpty ? 0 : members.reduce(0) { $0 + scores[$1].basicScore } / Double(members.count),
            missingCount: members.reduce(0) { $0 + scores[$1].missingBasic.count },
            worstItems: Array(worst))
    }

    /// Groups for every subdistrict (in order of first appearance), every area class, and overall.
    public static func groups(items: [ScoredItem], origins: [ScoredOrigin], scores: [OriginScore]) -> [GroupScore] {
        func grouped(_ key: (ScoredOrigin) -> String) -> [(String, [Int])] {
            var order: [String] = [], members: [String: [Int]] = [:]
            for (i, o) in origins.enumerated() {
                let k = key(o)
                if members[k] == nil { order.append(k) }
                members[k, default: []].append(i)
            }
            return order.map { ($0, members[$0]!) }
        }
        var out = grouped(\.subdistrict).map {
            group(.subdistrict, name: $0.0, members: $0.1, items: items, origins: origins, scores: scores)
        }
        out += grouped(\.areaClass).map {
            group(.areaClass, name: $0.0, members: $0.1, items: items, origins: origins, scores: scores)
        }
        out.append(group(.overall, name: "all", members: Array(origins.indices), items: items, origins: origins,
                         scores: scores))
        return out
    }
}
