import CircleOSM
import CircleReport
import Foundation

/// Water and green areas for the report's basemap, from the OSM file the network came from
/// (closed ways; multipolygon relations are not read by the facade). Drawn under the streets so
/// that a planner sees the river, the sea and the parks the gaps lie beside.
enum BaseLand {
    // The search cache keeps what these rules give (BaseLandCache): change its version with them.
    static let keys = ["natural", "water", "waterway", "landuse", "leisure"]

    /// Whether a feature's tags make it water.
    static func isWater(_ t: [String: String]) -> Bool {
        t["natural"] == "water" || t["natural"] == "bay" || t["waterway"] == "riverbank" || t["waterway"] == "dock"
            || ["reservoir", "basin"].contains(t["landuse"] ?? "")
    }

    /// Whether a feature's tags make it green space.
    static func isGreen(_ t: [String: String]) -> Bool {
        ["park", "garden", "nature_reserve", "golf_course", "recreation_ground"].contains(t["leisure"] ?? "")
            || ["grass", "forest", "meadow", "recreation_ground", "village_green", "cemetery"].contains(t["landuse"] ?? "")
            || ["wood", "scrub", "grassland", "heath", "wetland"].contains(t["natural"] ?? "")
    }

    /// The water and green polygons (one ring each) of the run's OSM file; empty when the file is
    /// gone (a graph cache whose OSM file moved) or cannot be read: the basemap is an aid, never a
    /// reason to fail a run.
    static func read(_ osm: OSMFeatureSource) -> (water: [[ReportPosition]], green: [[ReportPosition]]) {
        rings(osm.exists ? try? osm.features() : nil)
    }

    /// The water and green rings of features read (none without).
    static func rings(_ data: OSMData?) -> (water: [[ReportPosition]], green: [[ReportPosition]]) {
        guard let data else { return ([], []) }
        var water: [[ReportPosition]] = [], green: [[ReportPosition]] = []
        for f in 0..<data.features.count where data.features.isWay[f] {
            let tags = data.featureTags(f)
            let w = isWater(tags), g = !w && isGreen(tags)
            guard w || g else { continue }
            let points = data.featurePoints(f)
            guard points.count >= 4, points.first! == points.last! else { continue }   // closed ways only
            let ring = points.map { ReportPosition($0.lon, $0.lat) }
            if w { water.append(ring) } else { green.append(ring) }
        }
        return (water, green)
    }
}
