import CircleGraph

/// Applies the mode profiles to every way of an ``OSMData``, evaluating each distinct combination
/// of profile tags once.
enum WayDirections {
    /// For each way, the directions walking and cycling may use (``EdgeDirections`` raw values).
    static func evaluate(_ data: OSMData) -> (walk: [UInt8], cycle: [UInt8]) {
        let keys = OSMData.wayKeys
        precondition(keys.count <= 16)
        var memo: [SIMD16<Int32>: (UInt8, UInt8)] = [:]
        var walk = [UInt8](repeating: 0, count: data.wayIds.count)
        var cycle = walk
        data.tagValues.withUnsafeBufferPointer { tv in
            for w in 0..<data.wayIds.count {
                var combo = SIMD16<Int32>(repeating: -1)
                for k in 0..<keys.count { combo[k] = tv[w * keys.count + k] }
                if let hit = memo[combo] {
                    (walk[w], cycle[w]) = hit
                    continue
                }
                var dict: [String: String] = [:]
                for k in 0..<keys.count where combo[k] >= 0 { dict[keys[k]] = data.strings[Int(combo[k])] }
                let tags = WayTags(dict)
                let result = (ModeProfile.walk.directions(tags).rawValue, ModeProfile.cycle.directions(tags).rawValue)
                memo[combo] = result
                (walk[w], cycle[w]) = result
            }
        }
        return (walk, cycle)
    }
}
