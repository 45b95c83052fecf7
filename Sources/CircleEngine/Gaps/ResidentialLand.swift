import CircleOSM
import Foundation

/// `--gap-mask osm`: where people live, from the OSM file the network was built from.
///
/// Read through the libosmium facade (nodes and ways carrying `landuse` or `building`):
/// - `landuse=residential` ways: their area;
/// - `building=*` ways and nodes, except the values in ``nonResidentialBuildings``: their outline
///   (a building smaller than a cell still marks the cells its corners fall in).
/// Multipolygon relations are not read (the facade reads nodes and ways): a residential area
/// mapped only as a relation counts through its buildings. The gap study keeps the cells within
/// ``GapStudy/residentialBuffer`` of these.
enum ResidentialLand {
    /// The OSM keys read.
    static let keys = ["landuse", "building"]
    /// `building` values that are not homes: they do not make the land around them residential.
    static let nonResidentialBuildings: Set<String> = [
        "no", "industrial", "warehouse", "factory", "manufacture", "retail", "commercial", "office", "supermarket",
        "kiosk", "garage", "garages", "carport", "parking", "shed", "roof", "hangar", "service", "transformer_tower",
        "substation", "bridge", "greenhouse", "barn", "cowshed", "stable", "sty", "farm_auxiliary", "silo",
        "storage_tank", "church", "chapel", "cathedral", "mosque", "temple", "synagogue", "shrine", "toilets",
        "train_station", "transportation", "ruins", "construction", "container", "tent", "digester", "water_tower",
    ]

    /// The outlines (longitude/latitude) of residential land and homes in the run's OSM file.
    ///
    /// - Throws: ``OptionError`` when the file is gone (a graph cache keeps no such polygons, so
    ///   the OSM file it was built from is read) or holds no residential land at all; ``OSMError``
    ///   when it cannot be read.
    static func read(_ osm: OSMFeatureSource) throws -> [[(lon: Double, lat: Double)]] {
        let path = osm.path
        guard osm.exists else {
            throw OptionError("--gap-mask osm reads residential land and buildings from the OSM file the network "
                              + "came from, \(path), which is gone (a graph cache keeps only the streets): "
                              + "give that file, or --gap-mask FILE with polygons")
        }
        let data = try osm.features()
        var outlines: [[(lon: Double, lat: Double)]] = []
        for f in 0..<data.features.count {
            let tags = data.featureTags(f)
            let residential = tags["landuse"] == "residential"
                || tags["building"].map { !nonResidentialBuildings.contains($0) } == true
            guard residential else { continue }
            var points = data.featurePoints(f)
            if points.count > 1, let first = points.first, let last = points.last, first == last { points.removeLast() }
            if !points.isEmpty { outlines.append(points) }
        }
        guard !outlines.isEmpty else {
            throw OptionError("--gap-mask osm: \(path) has no residential land (landuse=residential) and no buildings; "
                              + "use --gap-mask FILE with polygons, or no mask")
        }
        return outlines
    }
}
