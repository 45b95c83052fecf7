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

    /// Adds each member in turn (so the sums come out as summing member by member, in that order),
    /// the totals' buffers held open across the members.
    mutating func add(members: [Int], origins: [ScoredOrigin], scores: [OriginScore]) {
        let n = applying.count
        var population = self.population, withPopulation = self.withPopulation, withoutPopulation = self.withoutPopulation
        var full = self.full, fullWeight = self.fullWeight, basicScore = self.basicScore, missing = self.missing
        applying.withUnsafeMutableBufferPointer { applying in
            covering.withUnsafeMutableBufferPointer { covering in
                applyingWeight.withUnsafeMutableBufferPointer { applyingWeight in
                    coveringWeight.withUnsafeMutableBufferPointer { coveringWeight in
                        origins.withUnsafeBufferPointer { origins in
                            scores.withUnsafeBufferPointer { scores in
                                for m in members {
                                    let w = origins[m].population ?? 0, count = scores[m].missingBasic.count
                                    origins[m].applies.withUnsafeBufferPointer { applies in
                                        scores[m].covered.withUnsafeBufferPointer { covered in
                                            precondition(applies.count >= n && covered.count >= n, "fewer items than summed")
                                            for i in 0..<n where applies[i] {
                                                applying[i] += 1
                                                applyingWeight[i] += w
                                                if covered[i] == true {
                                                    covering[i] += 1
                                                    coveringWeight[i] += w
                                                }
                                            }
                                        }
                                    }
                                    population += w
                                    if origins[m].population != nil { withPopulation += 1 } else { withoutPopulation += 1 }
                                    if count == 0 {
                                        full += 1
                                        fullWeight += w
                                    }
                                    basicScore += scores[m].basicScore
                                    missing += count
                                }
                            }
                        }
                    }
                }
            }
        }
        self.population = population
        self.withPopulation = withPopulation
        self.withoutPopulation = withoutPopulation
        self.full = full
        self.fullWeight = fullWeight
        self.basicScore = basicScore
        self.missing = missing
    }
}
