import CircleEngine
import Foundation

/// The one line a finished run prints on stdout.
func printResult(_ result: AnalysisResult) {
    let all = result.summary.groups.last!
    print(String(format: "%@/report.html: %d origins, mean basic score %.3f, %.1f%% cover all basic items, %d 缺项",
                 result.outputFolder, all.origins, all.meanBasicScore, all.allBasicShare * 100, all.missingCount))
}

/// The one line a finished shard prints on stdout.
func printShard(_ result: ShardResult) {
    print("\(result.folder): shard \(result.shard), \(result.items.count) items, \(result.searchUnits) searches "
          + "(\(result.searchUnitsReused) reused), \(result.gapMapsReused) gap maps reused")
}
