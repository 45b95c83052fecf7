import CircleSupport
import Foundation

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
    /// Total population of the members that have one; nil when none has (SPEC §6: population
    /// figures are then omitted, never computed with 1 per origin).
    public var population: Double?
    /// Origins without a population: left out of every population figure.
    public var originsWithoutPopulation: Int
    /// Per item: share of the origins it applies to that cover it (nil when it applies to none).
    public var itemShare: [Double?]
    /// Per item: the same, weighted by population over the members with one (nil when their
    /// population is 0 or none has one).
    public var itemPopulationShare: [Double?]
    /// Share of origins covering every basic item, and the population share (nil as above).
    public var allBasicShare: Double
    public var allBasicPopulationShare: Double?
    /// Mean basic score of its origins.
    public var meanBasicScore: Double
    /// The number of 缺项: missing basic items summed over its origins.
    public var missingCount: Int
    /// Basic item indices by share of origins covered, lowest first (at most three, only those below 1).
    public var worstItems: [Int]
}

/// Pure scoring functions over the times of a run.
public enum Scoring {
    /// Whether a trip of `minutes` (nil: unreachable or unsnapped) covers an item of `reach`
    /// minutes: its time as listed (rounded up to 3 decimals, ``ListedMinutes``) is within the
    /// reach. The one rule every stage (scoring, siting) decides coverage by, so the table a planner
    /// reads and the coverage never disagree (SPEC §8).
    public static func covers(_ minutes: Double?, reach: Double) -> Bool {
        minutes.map { ListedMinutes.isWithin($0, reach: reach) } ?? false
    }

    /// Scores each origin. `minutes[item][origin]` is nil when unreachable or unsnapped.
    ///
    /// - Complexity: O(origins × items).
    public static func origins(items: [ScoredItem], origins: [ScoredOrigin], minutes: [[Double?]]) -> [OriginScore] {
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
        let reach = items.map(\.reachMinutes), isBasic = items.map(\.isBasic), isX = items.map(\.isX)
        // Slices of origins scored concurrently; each origin's score depends on it alone.
        let slices = parallelSlices(origins.count)
        let parts = ResultSlots<[OriginScore]>(count: slices.count)
        DispatchQueue.concurrentPerform(iterations: slices.count) { k in
            // Per domain: covered items, -1 where none applies. Origins with the same counts share
            // one dictionary (a city has few patterns): no dictionary built per origin.
            var counts = [Int](repeating: -1, count: domains.count)
            var shared: [[Int]: [String: Int]] = [:]
            // The counts packed a byte each (up to 8 domains of up to 254 items), looked for among
            // the patterns met so far without hashing an array per origin.
            let packs = domains.count <= 8 && items.count < 255
            var packed: [UInt64: [String: Int]] = [:]
            var lastKey = UInt64.max, lastDomain: [String: Int] = [:]
            var out: [OriginScore] = []
            out.reserveCapacity(slices[k].count)
            let slice = slices[k], width = items.count
            let state = coverage(slice, reach: reach, origins: origins, minutes: minutes)
            for j in 0..<slice.count {
                var covered = [Bool?](repeating: nil, count: width)
                var missing: [Int] = []
                var basic = 0, x = 0, xTotal = 0
                for d in counts.indices { counts[d] = -1 }
                for i in 0..<width where state[j * width + i] != 0 {
                    let ok = state[j * width + i] == 2
                    covered[i] = ok
                    let d = domainOf[i]
                    counts[d] = max(counts[d], 0) + (ok ? 1 : 0)
                    if isBasic[i] { if ok { basic += 1 } else { missing.append(i) } }
                    if isX[i] { xTotal += 1; x += ok ? 1 : 0 }
                }
                func made() -> [String: Int] {
                    var made: [String: Int] = [:]
                    made.reserveCapacity(domains.count)
                    for d in domains.indices where counts[d] >= 0 { made[domains[d]] = counts[d] }
                    return made
                }
                let domain: [String: Int]
                if packs {
                    var key: UInt64 = 0
                    for d in counts.indices { key |= UInt64(counts[d] + 1) << (8 * UInt64(d)) }
                    if key == lastKey {
                        domain = lastDomain
                    } else {
                        if let known = packed[key] { domain = known } else {
                            domain = made()
                            packed[key] = domain
                        }
                        lastKey = key
                        lastDomain = domain
                    }
                } else if let known = shared[counts] {
                    domain = known
                } else {
                    domain = made()
                    shared[counts] = domain
                }
                out.append(OriginScore(covered: covered, missingBasic: missing, basicCovered: basic, basicTotal: basicTotal,
                                       basicScore: basicTotal == 0 ? 0 : Double(basic) / Double(basicTotal),
                                       domainCovered: domain, xCovered: x, xTotal: xTotal))
            }
            parts.store(k, out)
        }
        return parts.values.flatMap { $0! }
    }

    /// Each origin's coverage of each item (nil where the item does not apply), as ``origins(items:origins:minutes:)``
    /// finds it: what the gap maps read, without scoring.
    public static func covered(items: [ScoredItem], origins: [ScoredOrigin], minutes: [[Double?]]) -> [[Bool?]] {
        let reach = items.map(\.reachMinutes), width = items.count
        let state = coverage(origins.indices, reach: reach, origins: origins, minutes: minutes)
        return origins.indices.map { o in (0..<width).map { i in state[o * width + i] == 0 ? nil : state[o * width + i] == 2 } }
    }

    /// The origins of `slice`, each item's result, origin after origin: 0 where the item does not
    /// apply, 1 missed, 2 covered (``covers(_:reach:)`` of the item's reach). Found item by item
    /// down each column of minutes, as they are stored, not a column looked up again per origin.
    static func coverage(_ slice: Range<Int>, reach: [Double], origins: [ScoredOrigin], minutes: [[Double?]]) -> [UInt8] {
        let width = reach.count
        var state = [UInt8](repeating: 0, count: slice.count * width)
        state.withUnsafeMutableBufferPointer { state in
            for (j, o) in slice.enumerated() {
                origins[o].applies.withUnsafeBufferPointer { applies in
                    precondition(applies.count >= width, "an origin's applies lists fewer items than scored")
                    for i in 0..<width where applies[i] { state[j * width + i] = 1 }
                }
            }
            for i in 0..<width {
                minutes[i].withUnsafeBufferPointer { column in
                    for (j, o) in slice.enumerated() where state[j * width + i] == 1 && covers(column[o], reach: reach[i]) {
                        state[j * width + i] = 2
                    }
                }
            }
        }
        return state
    }

    /// `0..<count` in consecutive slices for concurrent work: one below 4,096, else up to 8.
    static func parallelSlices(_ count: Int) -> [Range<Int>] {
        let n = count < 4096 ? 1 : min(8, count / 2048)
        return (0..<n).map { k in (count * k / n)..<(count * (k + 1) / n) }
    }

    /// Scores a group of origins (given by index). Sums run over the members in the order given.
    ///
    /// - Complexity: O(members × items).
    public static func group(_ level: GroupScore.Level, name: String, members: [Int], items: [ScoredItem],
                             origins: [ScoredOrigin], scores: [OriginScore]) -> GroupScore {
        var sums = GroupSums(items: items.count)
        sums.add(members: members, origins: origins, scores: scores)
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

    /// Groups for every subdistrict (in order of first appearance), every area class, and overall.
    public static func groups(items: [ScoredItem], origins: [ScoredOrigin], scores: [OriginScore]) -> [GroupScore] {
        func grouped(_ key: (ScoredOrigin) -> String) -> [(String, [Int])] {
            // Groups in order of first appearance; neighbouring origins mostly share one, so the
            // last group is tried before a look-up.
            var order: [String] = [], members: [[Int]] = [], index: [String: Int] = [:]
            var last = -1
            for i in origins.indices {
                let k = key(origins[i])
                if last < 0 || order[last] != k {
                    if let g = index[k] { last = g } else {
                        last = order.count
                        index[k] = last
                        order.append(k)
                        members.append([])
                    }
                }
                members[last].append(i)
            }
            return Array(zip(order, members))
        }
        // Every group sums its own members in order: computed concurrently, listed in this order.
        let specs = grouped(\.subdistrict).map { (GroupScore.Level.subdistrict, $0.0, $0.1) }
            + grouped(\.areaClass).map { (GroupScore.Level.areaClass, $0.0, $0.1) }
            + [(GroupScore.Level.overall, "all", Array(origins.indices))]
        let parts = ResultSlots<GroupScore>(count: specs.count)
        DispatchQueue.concurrentPerform(iterations: specs.count) { k in
            parts.store(k, group(specs[k].0, name: specs[k].1, members: specs[k].2, items: items, origins: origins,
                                 scores: scores))
        }
        return parts.values.map { $0! }
    }
}
