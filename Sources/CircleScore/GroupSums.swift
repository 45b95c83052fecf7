/// Running totals over a group's members, added in member order (so that floating-point sums
/// come out the same as summing each figure separately in that order).
struct GroupSums {
    /// Per item: members it applies to, and those of them it covers.
    var applying: [Int]
    var covering: [Int]
    /// Per item: the weights of the same members.
    var applyingWeight: [Double]
    var coveringWeight: [Double]
    var population = 0.0
    var withoutPopulation = 0
    /// Members with a population (of any value, 0 included).
    var withPopulation = 0
    /// Members covering every basic item, and their weight.
    var full = 0
    var fullWeight = 0.0
    var basicScore = 0.0
    var missing = 0

    init(items: Int) {
        applying = [Int](repeating: 0, count: items)
        covering = applying
        applyingWeight = [Double](repeating: 0, count: items)
        coveringWeight = applyingWeight
    }

    mutating func add(_ origin: ScoredOrigin, _ score: OriginScore) {
        let w = origin.weight
        for i in 0..<applying.count where origin.applies[i] {
            applying[i] += 1
            applyingWeight[i] += w
            if score.covered[i] == true {
                covering[i] += 1
                coveringWeight[i] += w
            }
        }
        population += w
        if origin.population == nil { withoutPopulation += 1 } else { withPopulation += 1 }
        if score.missingBasic.isEmpty {
            full += 1
            fullWeight += w
        }
        basicScore += score.basicScore
        missing += score.missingBasic.count
    }
}
