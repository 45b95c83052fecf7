import CircleGeo
import Foundation

/// Haversine segment lengths along the ways, computed once for both modes.
enum SegmentLengths {
    /// For every reference `r`, the metres from reference `r - 1` of the same way to `r`; 0 for a
    /// way's first reference and next to a missing node (where a piece starts anew).
    ///
    /// - Complexity: O(references), split over all cores.
    static func compute(_ data: OSMData) -> [Double] {
        let wayCount = data.wayIds.count
        var lengths = [Double](repeating: 0, count: data.refIds.count)
        guard wayCount > 0 else { return lengths }
        let chunks = min(wayCount, ProcessInfo.processInfo.activeProcessorCount * 4)
        lengths.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                for w in (wayCount * c / chunks)..<(wayCount * (c + 1) / chunks) {
                    let refs = data.refs(of: w)
                    for r in refs.dropFirst() {
                        let a = data.refIndex[r - 1], b = data.refIndex[r]
                        guard a != OSMData.missing, b != OSMData.missing else { continue }
                        out[r] = Geodesy.haversine(fixedLon1: data.nodeLon[Int(a)], fixedLat1: data.nodeLat[Int(a)],
                                                   fixedLon2: data.nodeLon[Int(b)], fixedLat2: data.nodeLat[Int(b)])
                    }
                }
            }
        }
        return lengths
    }
}
