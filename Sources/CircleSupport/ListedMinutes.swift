/// Travel times as every output lists them (SPEC §8, revised 2026-12-04): minutes rounded **up**
/// to whole thousandths, so that a listed time never understates the trip, and an item is covered
/// exactly when its listed minutes are within the reach (the coverage decision compares the
/// listed value, never the unrounded one).
///
/// A time is computed from whole centimetres and a speed in floating point, which can leave it a
/// few units in the last place above a boundary that the exact time sits on (1000 m at 4 km/h can
/// come out as 15.000000000000002 minutes). Rounding that up would list 15.001 for an exact 15.
/// So the value is first lowered by 64 units in the last place of the time in thousandths — far
/// more than the error of the few operations that compute it (under 8 units), and far less than any
/// real distance from a boundary (a trip in whole centimetres at a speed given with up to 6
/// significant digits lies at least 10⁻⁷ thousandths off a boundary when it is not on one; 64 units
/// in the last place are below 2·10⁻⁸ thousandths for any time under a day). The rule is
/// idempotent: a listed value lists as itself.
public enum ListedMinutes {
    /// Units in the last place of the time in thousandths that are taken for representation error.
    public static let tolerance = 64.0

    /// The listed time in whole thousandths of a minute (an integral `Double`), for `minutes` ≥ 0.
    @inlinable
    public static func thousandths(_ minutes: Double) -> Double {
        let scaled = minutes * 1000
        guard scaled.isFinite, scaled > 0 else { return scaled.isNaN ? scaled : max(0, scaled) }
        let up = (scaled - tolerance * scaled.ulp).rounded(.up)
        return up > 0 ? up : 0
    }

    /// The listed time in minutes: ``thousandths(_:)`` / 1000, the `Double` nearest to the
    /// three-decimal number written (so parsing the written text gives this value back).
    @inlinable
    public static func roundedUp(_ minutes: Double) -> Double { thousandths(minutes) / 1000 }

    /// Whether a time is within a reach, by its listed value (SPEC §5 and §8).
    @inlinable
    public static func isWithin(_ minutes: Double, reach: Double) -> Bool { roundedUp(minutes) <= reach }
}
