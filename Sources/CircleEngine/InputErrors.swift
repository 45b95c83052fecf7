import CircleCatalog
import CircleGeo
import CircleHistory
import CircleInput
import CircleOSM
import CircleSupport

/// Whether an error is the user's input at fault (exit code 1) rather than ours.
public func isInputError(_ error: Error) -> Bool {
    error is OSMError || error is LocatedError || error is CatalogError || error is OptionError
        || error is AtomicWriteError || error is FileDigestError || error is ProjectionError || error is HistoryError || error is CellGridError
        || error is OutputPlaceError
        || error is any UserInputError
}
