import CircleGeo
import CircleGraph
import CircleOSM
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
    }

    /// Every edge is kept (SPEC §3, revised 2026-12-04): the edges of each way of the network
    /// add up to the way's whole length, over its present nodes (repeated consecutive references
    /// dropped; a segment next to a missing node is no part of any edge). A dropped parallel edge
    /// or loop, or a way left unsplit where it should be split, breaks the sum or the count.
    static func everyEdgeKept(_ n: RoadNetwork, _ data: OSMData, sourceLocation: SourceLocation = #_sourceLocation) {
        var edgeLength: [Int64: Double] = [:]
        for i in 0..<n.edges.count { edgeLength[n.edges.wayId[i], default: 0] += n.edges.length[i] }
        for w in data.wayIds.indices {
            guard let got = edgeLength[data.wayIds[w]] else { continue }
            var want = 0.0, previous: Int? = nil, lastId = Int64.min
            for r in data.refs(of: w) where data.refIds[r] != lastId {
                lastId = data.refIds[r]
                let index = data.refIndex[r]
                let here: Int? = index == OSMData.missing ? nil : Int(index)
                if let a = previous, let b = here {
                    want += Geodesy.haversine(fixedLon1: data.nodeLon[a], fixedLat1: data.nodeLat[a],
                                              fixedLon2: data.nodeLon[b], fixedLat2: data.nodeLat[b])
                }
                previous = here
            }
            #expect(abs(got - want) < 1e-6 * max(1, want), "way \(data.wayIds[w]): edges \(got) m, way \(want) m",
                    sourceLocation: sourceLocation)
        }
    }

    static func mode(_ n: RoadNetwork) -> TravelMode { n.mode }
}
