import CircleSupport
import Foundation

/// Formatted output bytes kept between runs in the search cache (`--cache`): the rows of the
/// per-origin and per-facility files (``RowMemo``, `KEY.rows`) and each gap map's GeoJSON feature
/// (``GapFeatureCache``, `KEY.feature`). A scenario that adds one facility changes the rows of the
/// few origins near it and one gap map: the rest of its outputs are copied, not formatted again.
///
/// Every reused byte is named by everything its formatter reads — the row's own inputs, the
/// file's fixed ones and ``formatVersion`` — so a copy is always what formatting would give.
struct OutputReuse: Sendable {
    /// The version of the formatters of the files whose bytes are reused (times.csv, origins.csv,
    /// origins.geojson, facilities.csv and .geojson, gaps/ITEM.geojson): bump it with any change to
    /// what they write for the same inputs, so that no run copies bytes an older formatter wrote.
    static let formatVersion = 1

    let cache: EntryFolder
    /// Whether this run is a scenario (`--scenario`): it reads memos but never replaces one (see
    /// ``RowMemo``), so a series of scenarios keeps copying from the baseline's rows.
    var scenario = false

    /// The reuse of file `name`'s rows: `fixed` adds what every row shares, `digest` one row's
    /// own inputs (rows are matched by it, wherever they stand: an origin or facility added or
    /// removed shifts the others, which are still copied).
    func rows(_ name: String, fixed: (inout RowDigester) -> Void,
              digest: @escaping @Sendable (Int, inout RowDigester) -> Void) -> RowReuse {
        rows(name, fixed: fixed, digests: .each(digest))
    }

    /// The reuse of file `name`, one origin a row, its rows matched by ``OriginRowDigests``:
    /// `fixed` adds what every row shares besides the scored items, which are added here.
    func originRows(_ name: String, _ shared: OriginRowDigests, fixed: (inout RowDigester) -> Void) -> RowReuse {
        rows(name, fixed: { d in
            fixed(&d)
            OriginRowDigests.addScoring(shared.tables, to: &d)
        }, digests: .origins(shared))
    }

    private func rows(_ name: String, fixed: (inout RowDigester) -> Void, digests: RowDigests) -> RowReuse {
        var d = RowDigester()
        d.add("circle-output-rows")
        d.add(Self.formatVersion)
        d.add(circleVersion)
        d.add(name)
        fixed(&d)
        return RowReuse(cache: cache, key: d.sha256Hex(), replaces: !scenario, digests: digests)
    }
}
