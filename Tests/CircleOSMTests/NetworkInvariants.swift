import CircleGeo
import CircleGraph
import Foundation
import Testing

/// Structural invariants every network must satisfy, whatever its input.
enum NetworkInvariants {
    static func check(_ n: RoadNetwork, sourceLocation: SourceLocation = #_sourceLocation) {
        let e = n.edges
        #expect(e.shapeStart.count == e.count + 1, sourceLocation: sourceLocation)
        var arcsWanted: [String: Int] = [:]
        for i in 0..<e.count {
            let s = e.shape(of: i)
            // At least two shape points; the ends sit at the edge's nodes.
            #expect(s.count >= 2, sourceLocation: sourceLocation)
            #expect(e.shapeLon[s.lowerBound] == n.nodes.lon[Int(e.from[i])] && e.shapeLat[s.lowerBound] == n.nodes.lat[Int(e.from[i])],
                    sourceLocation: sourceLocation)
            #expect(e.shapeLon[s.upperBound - 1] == n.nodes.lon[Int(e.to[i])], sourceLocation: sourceLocation)
            // Length is the haversine sum of the shape.
            var length = 0.0
            for p in s.lowerBound..<(s.upperBound - 1) {
                length += Geodesy.haversine(fixedLon1: e.shapeLon[p], fixedLat1: e.shapeLat[p],
                                            fixedLon2: e.shapeLon[p + 1], fixedLat2: e.shapeLat[p + 1])
            }
            #expect(abs(length - e.length[i]) < 1e-6, sourceLocation: sourceLocation)
            #expect(e.directions[i] != 0, sourceLocation: sourceLocation)
            // Both ends in one component.
            #expect(n.components.ofNode[Int(e.from[i])] == n.components.ofNode[Int(e.to[i])], sourceLocation: sourceLocation)
            if e.from[i] != e.to[i] {
                let d = e.directions(of: i)
                if d.contains(.forward) { arcsWanted["\(e.from[i])>\(e.to[i])#\(i)", default: 0] += 1 }
                if d.contains(.backward) { arcsWanted["\(e.to[i])>\(e.from[i])#\(i)", default: 0] += 1 }
            }
            if mode(n) == .walk { #expect(e.directions[i] == EdgeDirections.both.rawValue, sourceLocation: sourceLocation) }
        }
        // Edge ids follow ways in ascending id.
        #expect(zip(e.wayId, e.wayId.dropFirst()).allSatisfy { $0 <= $1 }, sourceLocation: sourceLocation)
        // The forward graph holds exactly one arc per allowed direction; backward is its reverse.
        var arcsForward: [String: Int] = [:], arcsBackward: [String: Int] = [:]
        for v in 0..<n.nodes.count {
            for a in n.forward.arcs(from: UInt32(v)) {
                arcsForward["\(v)>\(n.forward.head[a])#\(n.forward.edge[a])", default: 0] += 1
            }
            for a in n.backward.arcs(from: UInt32(v)) {
                arcsBackward["\(n.backward.head[a])>\(v)#\(n.backward.edge[a])", default: 0] += 1
            }
        }
        #expect(arcsForward == arcsWanted, sourceLocation: sourceLocation)
        #expect(arcsBackward == arcsWanted, sourceLocation: sourceLocation)
        // Every node is used by an edge; component sizes add up.
        var used = [Bool](repeating: false, count: n.nodes.count)
        for i in 0..<e.count { used[Int(e.from[i])] = true; used[Int(e.to[i])] = true }
        #expect(used.allSatisfy { $0 }, sourceLocation: sourceLocation)
        #expect(n.components.size.reduce(0, +) == UInt32(n.nodes.count), sourceLocation: sourceLocation)
        // No two edges of different ways between the same nodes share a direction.
        var seen: [String: Int] = [:]
        for i in 0..<e.count {
            let d = e.directions(of: i)
            if d.contains(.forward) { checkParallel("\(e.from[i])>\(e.to[i])", i, e, &seen, sourceLocation) }
            if d.contains(.backward) { checkParallel("\(e.to[i])>\(e.from[i])", i, e, &seen, sourceLocation) }
        }
    }

    static func mode(_ n: RoadNetwork) -> TravelMode { n.mode }

    static func checkParallel(_ key: String, _ i: Int, _ e: EdgeTable, _ seen: inout [String: Int],
                              _ loc: SourceLocation) {
        if let j = seen[key], e.from[i] != e.to[i] {
            #expect(e.wayId[j] == e.wayId[i], "parallel edges \(j) and \(i) of different ways", sourceLocation: loc)
        }
        seen[key] = i
    }
}
