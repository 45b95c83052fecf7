import CircleCoverage
import CircleEngine
import CircleGeo
import CircleGraph
import CircleOSM
import Foundation

/// `circle-bench STAGE FILE [--runs N]`: times one stage of the pipeline on a fixed input and
/// prints the median, min and max of N runs and the process's peak resident memory.
///
/// Stages:
///   read        parse the OSM file (libosmium facade, columnar arrays)
///   build       read + build both modes (profiles, splitting, Hilbert order, CSR)
///   cache-load  load a graph cache written by `circle build-graph`
///   snap        snap 100,000 seeded random points in the network's bounding box, both modes
@main
struct Bench {
    static func main() async throws {
        var args = Array(CommandLine.arguments.dropFirst())
        var runs = 5
        if let i = args.firstIndex(of: "--runs"), i + 1 < args.count {
            runs = Int(args[i + 1]) ?? 5
            args.removeSubrange(i...(i + 1))
        }
        if args.first == "coverage" && args.count == 4 {
            try await CoverageBench.run(cache: args[1], facilities: args[2], origins: args[3], runs: runs)
            return
        }
        if args.first == "points" && (args.count == 2 || args.count == 3 && args[2] == "--list") {
            try PointsBench.run(file: args[1], runs: runs, list: args.count == 3)
            return
        }
        if args.first == "hierarchy" && args.count == 2 {
            try await HierarchyBench.run(cache: args[1], runs: runs)
            return
        }
        guard args.count == 2 else {
            print("usage: circle-bench read|build|cache-load|snap FILE [--runs N]")
            print("       circle-bench coverage CACHE FACILITIES.csv ORIGINS.csv [--runs N]")
            print("       circle-bench hierarchy CACHE [--runs N]")
            print("       circle-bench points POINTS.csv|POINTS.geojson [--list] [--runs N]")
            exit(2)
        }
        let (stage, file) = (args[0], args[1])
        var times: [Double] = []
        var detail = ""
        for _ in 0..<runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            detail = try await runStage(stage, file)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        times.sort()
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print(String(format: "%@ %@: median %.3f s  min %.3f  max %.3f  (%d runs)  peak RSS %.0f MB  %@",
                     stage, (file as NSString).lastPathComponent, times[times.count / 2], times.first!,
                     times.last!, runs, Double(usage.ru_maxrss) / 1024, detail))
    }

    static func runStage(_ stage: String, _ file: String) async throws -> String {
        switch stage {
        case "read":
            let d = try OSMData.read(path: file)
            return "\(d.nodeIds.count) nodes, \(d.wayIds.count) ways"
        case "build":
            let d = try OSMData.read(path: file)
            let n = await NetworkBuilder.build(d)
            return "walk \(n.walk.nodes.count)/\(n.walk.edges.count), cycle \(n.cycle.nodes.count)/\(n.cycle.edges.count)"
        case "cache-load":
            let (n, _) = try GraphCache.load(path: file, options: NetworkOptions())
            return "walk \(n.walk.nodes.count)/\(n.walk.edges.count)"
        case "snap":
            let loaded = try await NetworkLoader.load(path: file)
            let net = loaded.networks.walk
            let lons = net.nodes.lon.map(Geodesy.degrees), lats = net.nodes.lat.map(Geodesy.degrees)
            var state: UInt64 = 42
            func unit() -> Double {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Double(state >> 11) / Double(1 << 53)
            }
            let (x0, x1, y0, y1) = (lons.min()!, lons.max()!, lats.min()!, lats.max()!)
            let points = (0..<100_000).map { _ in (lon: x0 + unit() * (x1 - x0), lat: y0 + unit() * (y1 - y0)) }
            let t0 = DispatchTime.now().uptimeNanoseconds
            var snapped = 0
            for mode in [loaded.networks.walk, loaded.networks.cycle] {
                snapped += Snapper(network: mode).snapAll(points).filter { $0.status == .snapped }.count
            }
            let s = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            return String(format: "snapping alone %.3f s, %d of 200000 snapped", s, snapped)
        default:
            throw NSError(domain: "bench", code: 2, userInfo: [NSLocalizedDescriptionKey: "unknown stage \(stage)"])
        }
    }
}
