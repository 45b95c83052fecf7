import CircleGeo
import CircleOSM
import Foundation

/// A scenario's links, written into the OSM data before the networks are built, as ways of an OSM
/// file: way `-1`, `-2`, … in the scenario's order, through the nodes they join and new nodes `-1`,
/// `-2`, … for the positions inside them (ids below the file's smallest when it has negative ones).
/// A fresh run on the file with these nodes and ways added builds the same networks (docs/scenarios.md).
enum ScenarioLinks {
    /// Adds the links of `s` to `data` (read from `path`, closures already applied).
    ///
    /// - Returns: the links as text, for the networks' identity (empty without links).
    /// - Throws: ``ScenarioError`` naming the point's line: a node the file lacks or on no street,
    ///   a position outside the coordinate system's area, an end farther than
    ///   ``Scenario/linkJoinMetres`` from every street node, a link joining one node only.
    static func add(_ data: inout OSMData, _ s: Scenario, path: String, crs: CoordinateSystem) throws -> String {
        guard !s.links.isEmpty else { return "" }
        func fail(_ link: Scenario.Link, _ line: Int, _ problem: String) -> ScenarioError {
            ScenarioError(file: s.file, line: line, problem: "link '\(link.id)': " + problem)
        }
        // Every position, converted to WGS 84 at once.
        var positions: [(lon: Double, lat: Double)] = []
        for link in s.links {
            for p in link.points where p.node == nil {
                do { try crs.validate(lon: [p.lon], lat: [p.lat]) } catch {
                    throw fail(link, p.line, "position (\(p.lon), \(p.lat)) is not a valid \(crs.name) position: \(error)")
                }
                positions.append((p.lon, p.lat))
            }
        }
        var fixed: [(lon: Int32, lat: Int32)] = []
        if !positions.isEmpty {
            let wgs: (lon: [Double], lat: [Double])
            do { wgs = try crs.toWGS84(lon: positions.map(\.lon), lat: positions.map(\.lat)) } catch {
                throw ScenarioError(file: s.file, line: s.links[0].line, problem: "links: cannot convert the positions to WGS 84: \(error)")
            }
            fixed = zip(wgs.lon, wgs.lat).map { (Self.fixed($0), Self.fixed($1)) }
        }
        let street = data.streetNodes()
        var nextNode = min(-1, (data.smallestNodeId ?? 0) - 1)
        var nextWay = min(-1, (data.wayIds.first ?? 0) - 1)
        var nodes: [NewNode] = [], ways: [NewWay] = []
        var position = 0
        for link in s.links {
            var refs: [Int64] = []
            for (k, p) in link.points.enumerated() {
                if let node = p.node {
                    guard let i = data.nodeIndex(of: node) else { throw fail(link, p.line, "node \(node) is not a node of \(path)") }
                    guard street[i] else {
                        throw fail(link, p.line, "node \(node) is on no street of \(path) (no way that walking or cycling may use "
                                   + "passes through it)")
                    }
                    refs.append(node)
                    continue
                }
                let (lon, lat) = fixed[position]
                position += 1
                guard k == 0 || k == link.points.count - 1 else {
                    nodes.append(NewNode(id: nextNode, lon: lon, lat: lat))
                    refs.append(nextNode)
                    nextNode -= 1
                    continue
                }
                let end = k == 0 ? "first" : "last"
                guard let near = data.nearestNode(lon: lon, lat: lat, among: street) else {
                    throw fail(link, p.line, "\(path) has no street to join")
                }
                guard near.metres <= Scenario.linkJoinMetres else {
                    throw fail(link, p.line, "its \(end) point (\(p.lon), \(p.lat)) is \(Int(near.metres.rounded())) m from the nearest "
                               + "street node (node \(data.nodeIds[near.index])); an end joins the network at a street node within "
                               + "\(Int(Scenario.linkJoinMetres)) m: move it or give a node id")
                }
                refs.append(data.nodeIds[near.index])
            }
            guard Set(refs).count >= 2 else {
                throw fail(link, link.line, "its points all join node \(refs[0]); a link needs two different points")
            }
            ways.append(NewWay(id: nextWay, refs: refs, tags: link.tags))
            nextWay -= 1
        }
        data = data.adding(nodes: nodes, ways: ways)
        let nodeText = nodes.map { "n\($0.id)@\($0.lon),\($0.lat)" }.joined(separator: ";")
        let wayText = ways.map { w in
            "w\(w.id):" + w.refs.map(String.init).joined(separator: ",") + "|"
                + w.tags.keys.sorted().map { "\($0)=\(w.tags[$0]!)" }.joined(separator: ";")
        }.joined(separator: "/")
        return nodeText + "#" + wayText
    }

    /// Degrees as OSM stores them: × 10⁷, rounded to the nearest (7 decimals).
    static func fixed(_ degrees: Double) -> Int32 { Int32((degrees * 1e7).rounded(.toNearestOrAwayFromZero)) }
}
