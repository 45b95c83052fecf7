import CircleReport
import Foundation
import Testing

@Suite struct FormatTests {
    @Test func fixedMatchesPrintf() {
        var state: UInt64 = 5
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let v = Double(state >> 11) / Double(1 << 53) * 60 - 5
            for d in [1, 3, 4] {
                let ours = Format.fixed(v, decimals: d)
                let printf = String(format: "%.\(d)f", v)
                // Values that sit within 1e-9 of a rounding boundary may differ; others must not.
                let scaled = v * pow(10, Double(d))
                // printf keeps a minus on values that round to zero ("-0.0"); we print "0.0".
                let wantNoNegativeZero = printf.hasPrefix("-") && Double(printf) == 0 ? String(printf.dropFirst()) : printf
                if abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 { #expect(ours == wantNoNegativeZero, "\(v) \(d)") }
            }
        }
        #expect(Format.fixed(0, decimals: 3) == "0.000")
        #expect(Format.fixed(-0.0004, decimals: 3) == "0.000" || Format.fixed(-0.0004, decimals: 3) == "-0.000")
        #expect(Format.fixed(-1.25, decimals: 1) == "-1.2")   // exact halfway: to even, as printf
        #expect(Format.fixed(12.0, decimals: 0) == "12")
        #expect(Format.minutes(nil) == "")
        // Halfway cases follow the exact binary value, as printf does.
        for v in [3.7575, 7.0005, 0.125, 2.675, 1.0005] {
            #expect(Format.fixed(v, decimals: 3) == String(format: "%.3f", v))
            #expect(Format.fixed(v, decimals: 2) == String(format: "%.2f", v))
        }
    }

    /// SPEC §8: a listed time never understates the trip; float error at a boundary is no excess.
    @Test func minutesAreRoundedUp() {
        #expect(Format.minutes(15.0004) == "15.001")
        #expect(Format.minutes(15.0) == "15.000")
        #expect(Format.minutes(15.000000000000002) == "15.000")
        #expect(Format.minutes(14.9996) == "15.000")
        #expect(Format.minutes(2.0001) == "2.001")
        #expect(Format.minutes(1.0110000000000001) == "1.011")   // 67.40 m at 4 km/h
        #expect(Format.minutes(0) == "0.000")
        var csv = CSVWriter(header: ["minutes"])
        for m in [15.0004, 15.0, nil, 0.0001] {
            csv.field(minutes: m)
            csv.endRow()
        }
        #expect(csv.text == "\u{FEFF}minutes\n15.001\n15.000\n\n0.001\n")
    }

    @Test func csvQuoting() {
        var csv = CSVWriter(header: ["a", "b"])
        csv.row(["x,y", "say \"hi\""])
        csv.row(["张江", "line\nbreak"])
        #expect(csv.text == "\u{FEFF}a,b\n\"x,y\",\"say \"\"hi\"\"\"\n张江,\"line\nbreak\"\n")
    }
}
