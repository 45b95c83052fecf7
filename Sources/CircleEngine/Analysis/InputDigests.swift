import CircleOSM
import CircleSupport

extension AnalysisRun {
    /// Starts hashing the graph cache given as `--network` on a thread of its own, so that its
    /// SHA-256 (listed in summary.json) is ready, remembered by ``sha256Hex(ofFileAt:)``, when
    /// the summary is made: the 100 MB or so are read while the inputs are read and searched
    /// instead of after. nil when the network is not a graph cache (a PBF's digest is taken
    /// while it loads) or its digest is already known from the search cache's `digests.tsv`.
    static func digestGraphCacheInBackground(_ options: AnalysisOptions, _ stores: ResultStores) -> BackgroundWork<Void>? {
        if let cache = stores.cache { DigestStore.load(from: cache.folder.appendingPathComponent("digests.tsv").path) }
        let path = options.network
        guard GraphCache.identity(path: path) != nil, !DigestStore.knows(path) else { return nil }
        return BackgroundWork { _ = try? sha256Hex(ofFileAt: path) }
    }
}
