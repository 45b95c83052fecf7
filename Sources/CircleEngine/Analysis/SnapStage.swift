import CircleCoverage
import CircleGeo
import CircleGraph
import CircleInput
import CircleOSM
import CircleSupport
import Foundation

/// Snapping of origins and facilities (SPEC §4), with the checks that stop a run whose points
/// mostly miss the network.
struct SnapStage {
    let snappers: [TravelMode: Snapper]

    /// Both modes' snappers; with `sideBySide`, their segment indexes built at the same time.
    init(networks: Networks, maxDistance: Double, sideBySide: Bool = false) {
        guard sideBySide else {
            snappers = [.walk: Snapper(network: networks.walk, maxDistance: maxDistance),
                        .cycle: Snapper(network: networks.cycle, maxDistance: maxDistance)]
            return
        }
        let nets = [networks.walk, networks.cycle]
        let slots = ResultSlots<Snapper>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { k in slots.store(k, Snapper(network: nets[k], maxDistance: maxDistance)) }
        let built = slots.values.map { $0! }
        snappers = [.walk: built[0], .cycle: built[1]]
    }

    /// Each origin snapped on its own mode's network.
    func origins(_ origins: [Origin]) -> [Snap] {
        points(lon: origins.map(\.lon), lat: origins.map(\.lat), modes: origins.map(\.mode))
    }

    /// Points snapped each on its own mode's network.
    func points(lon: [Double], lat: [Double], modes: [TravelMode]) -> [Snap] {
        var snaps = [Snap](repeating: .unsnapped(.tooFar), count: lon.count)
        for mode in TravelMode.allCases {
            let idx = modes.indices.filter { modes[$0] == mode }
            guard !idx.isEmpty else { continue }
            let s = snappers[mode]!.snapAll(idx.map { (lon[$0], lat[$0]) })
            for (k, i) in idx.enumerated() { snaps[i] = s[k] }
        }
        return snaps
    }

    /// Every facility point snapped on each mode's network.
    func facilities(_ points: [FacilityPoint], modes: Set<TravelMode>) -> [TravelMode: [Snap]] {
        var out: [TravelMode: [Snap]] = [:]
        for mode in modes { out[mode] = snappers[mode]!.snapAll(points.map { ($0.lon, $0.lat) }) }
        return out
    }

    /// Throws when more than half of at least five points did not snap, saying what usually causes it.
    static func checkMostlySnapped(_ points: [(lon: Double, lat: Double)], _ snaps: [Snap], file: String,
                                   network: RoadNetwork) throws {
        let missed = snaps.filter { $0.status != .snapped }.count
        guard points.count >= 5, missed * 2 > points.count else { return }
        let hint = diagnose(points, network: network).text
        throw InputError(path: file, problem: "\(missed) of \(points.count) points lie farther than the snapping "
                         + "distance from the network; the run stops. \(hint)")
    }

    /// The origins' rule for a facility file: when more than half of at least five points did not
    /// snap on any mode's network, and the points look swapped or offset (GCJ-02/BD-09), or none
    /// snapped at all, the run stops; a file that merely reaches beyond the network (a city-wide
    /// list for one district) only warns. Returns the warning, if any.
    static func checkFacilityFile(_ file: String, points: [(lon: Double, lat: Double)], snapped: [Bool],
                                  network: RoadNetwork) throws -> String? {
        let missed = snapped.filter { !$0 }.count
        guard points.count >= 5, missed * 2 > points.count else { return nil }
        let (kind, hint) = diagnose(points, network: network)
        if kind != .outside || missed == points.count {
            throw InputError(path: file, problem: "\(missed) of \(points.count) facility points lie farther than the "
                             + "snapping distance from the network; the run stops. \(hint)")
        }
        return "\(file): \(missed) of \(points.count) facility points lie farther than the snapping distance from "
            + "the network and are left out. \(hint)"
    }

    /// What ``diagnose(_:network:)`` found.
    enum Diagnosis { case swapped, offset, outside }

    /// Guesses why points miss the network: swapped coordinates, Chinese offsets, another CRS or area.
    static func diagnose(_ points: [(lon: Double, lat: Double)], network: RoadNetwork) -> (kind: Diagnosis, text: String) {
        guard let x0 = network.nodes.lon.min(), let x1 = network.nodes.lon.max(),
              let y0 = network.nodes.lat.min(), let y1 = network.nodes.lat.max() else { return (.outside, "") }
        let box = (Geodesy.degrees(x0), Geodesy.degrees(y0), Geodesy.degrees(x1), Geodesy.degrees(y1))
        func inside(_ lon: Double, _ lat: Double, margin: Double) -> Bool {
            lon >= box.0 - margin && lon <= box.2 + margin && lat >= box.1 - margin && lat <= box.3 + margin
        }
        let n = Double(points.count)
        let swapped = Double(points.filter { inside($0.lat, $0.lon, margin: 0.01) }.count) / n
        let near = Double(points.filter { inside($0.lon, $0.lat, margin: 0.02) }.count) / n
        let boxText = String(format: "%.4f,%.4f – %.4f,%.4f", box.0, box.1, box.2, box.3)
        if swapped > 0.5 { return (.swapped, "Latitude and longitude look swapped: swap the columns.") }
        let inChina = box.0 > 73 && box.2 < 135 && box.1 > 18 && box.3 < 54
        if near > 0.5 && inChina {
            return (.offset, "The points are near the network but off it: coordinates copied from Amap or Baidu are in "
                + "GCJ-02 or BD-09, offset by several hundred metres from WGS84; convert them to WGS84 (or give --crs gcj02).")
        }
        if near > 0.5 { return (.offset, "The points are near the network but off it: are they in another datum or CRS?") }
        return (.outside, "Most points lie outside the network's area (\(boxText)): is it the right network file, or are "
            + "the coordinates in a projected CRS instead of WGS84 longitude/latitude?")
    }
}
