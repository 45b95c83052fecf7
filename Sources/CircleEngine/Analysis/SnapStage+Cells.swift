import CircleGeo
import CircleGraph

extension SnapStage {
    /// The gap grid's cell centres, each snapped on its own mode's network: what
    /// ``points(lon:lat:modes:)`` gives, by ``Snapper/snapCells(lon:lat:)`` (which skips
    /// candidates that cannot win).
    func cells(lon: [Double], lat: [Double], modes: [TravelMode]) -> [Snap] {
        var snaps = [Snap](repeating: .unsnapped(.tooFar), count: lon.count)
        for mode in TravelMode.allCases {
            let idx = modes.indices.filter { modes[$0] == mode }
            guard !idx.isEmpty else { continue }
            if idx.count == lon.count { return snappers[mode]!.snapCells(lon: lon, lat: lat) }
            let s = snappers[mode]!.snapCells(lon: idx.map { lon[$0] }, lat: idx.map { lat[$0] })
            for (k, i) in idx.enumerated() { snaps[i] = s[k] }
        }
        return snaps
    }
}
