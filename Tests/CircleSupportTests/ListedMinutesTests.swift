import CircleSupport
import Foundation
import Testing

/// SPEC §8 (revised 2026-12-04): minutes are listed rounded up to 3 decimals, and coverage is
/// decided on the listed value.
@Suite struct ListedMinutesTests {
    /// The exact listed thousandths of a trip of `cm` centimetres at `p / q` km/h, in integers:
    /// minutes × 1000 = cm × 60 / (100 × kmh) = 6 · cm · q / (10 · p), rounded up.
    static func exactThousandths(cm: Int, p: Int, q: Int) -> Int {
        let num = 6 * cm * q, den = 10 * p
        return (num + den - 1) / den
    }

    /// Every trip of 0–4 km in whole centimetres, at the default and some other speeds, lists the
    /// exact rounded-up value: never a thousandth more through float error (67.40 m at 4 km/h
    /// computes as 1.0110000000000001 min), never one less.
    @Test(arguments: [(4, 1), (12, 1), (45, 10), (5, 1), (36, 10), (1234, 100)])
    func centimetreTripsListExactly(speed: (p: Int, q: Int)) {
        let metresPerMinute = Double(speed.p) / Double(speed.q) * 1000 / 60
        var wrong: [Int] = []
        for cm in stride(from: 0, through: 400_000, by: 1) {
            let minutes = Double(cm) / 100 / metresPerMinute
            if ListedMinutes.thousandths(minutes) != Double(Self.exactThousandths(cm: cm, p: speed.p, q: speed.q)) {
                wrong.append(cm)
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) trips, first \(wrong.prefix(5))")
    }

    @Test func boundaries() {
        #expect(ListedMinutes.roundedUp(15.0) == 15.0)
        #expect(ListedMinutes.roundedUp(15.0.nextUp) == 15.0)          // float error, not a real excess
        #expect(ListedMinutes.roundedUp(15.000000000000002) == 15.0)
        #expect(ListedMinutes.roundedUp(15.0004) == 15.001)             // a hair over 15 is 15.001
        #expect(ListedMinutes.roundedUp(15.00001) == 15.001)
        #expect(ListedMinutes.roundedUp(14.9996) == 15.0)
        #expect(ListedMinutes.roundedUp(15.591000000000001) == 15.591)  // 1039.40 m at 4 km/h
        #expect(ListedMinutes.roundedUp(0) == 0 && ListedMinutes.roundedUp(0).sign == .plus)
        #expect(ListedMinutes.roundedUp(1e-9) == 0.001)
        #expect(ListedMinutes.isWithin(15.0, reach: 15) && !ListedMinutes.isWithin(15.0004, reach: 15))
        #expect(ListedMinutes.roundedUp(.infinity) == .infinity)
    }

    /// Random times: the listed value is at or above the time (but for float error, at most 64
    /// units in the last place below), less than a thousandth above it, a whole number of
    /// thousandths, and lists as itself.
    @Test func randomTimes() {
        var state: UInt64 = 15
        for _ in 0..<200_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let t = Double(state >> 11) / Double(1 << 53) * 60
            let listed = ListedMinutes.roundedUp(t)
            let text = String(format: "%.3f", listed)
            #expect(Double(text)! == listed, "\(t)")
            #expect(listed * 1000 >= t * 1000 - 64 * (t * 1000).ulp, "\(t)")
            #expect(listed - t < 0.001, "\(t)")
            #expect(ListedMinutes.roundedUp(listed) == listed, "\(t)")
            #expect(ListedMinutes.isWithin(t, reach: 15) == (Double(text)! <= 15), "\(t)")
        }
    }
}
