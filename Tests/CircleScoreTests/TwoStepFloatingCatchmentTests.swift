import CircleScore
import Testing

/// 2SFCA on a case computed by hand.
@Suite struct TwoStepFloatingCatchmentTests {
    /// Origins 0, 1, 2 with 100, 200, 300 residents; facility 0 (capacity 30) is reached by
    /// origins 0 and 1, facility 1 (capacity 10) by origins 1 and 2; origins 0 and 1 are in
    /// facility 0's catchment, origin 2 in facility 1's.
    ///   R0 = 30 / 300 = 0.1, R1 = 10 / 500 = 0.02
    ///   A0 = 0.1, A1 = 0.1 + 0.02 = 0.12, A2 = 0.02
    ///   catchment access 0 = (100 × 0.1 + 200 × 0.12) / 300 = 34 / 300, of 1 = 0.02
    @Test func handComputedCase() throws {
        let r = TwoStepFloatingCatchment.compute(capacity: [30, 10], reach: [[0, 1], [1, 2]], nearest: [0, 0, 1],
                                                 residents: [100, 200, 300])
        #expect(abs(r.supplyRatio[0]! - 0.1) < 1e-12 && abs(r.supplyRatio[1]! - 0.02) < 1e-12)
        let a = try #require(r.originAccess)
        #expect(abs(a[0] - 0.1) < 1e-12 && abs(a[1] - 0.12) < 1e-12 && abs(a[2] - 0.02) < 1e-12)
        #expect(abs(r.catchmentAccess[0]! - 34.0 / 300) < 1e-12 && abs(r.catchmentAccess[1]! - 0.02) < 1e-12)
        // Supply is conserved: Σ P_i A_i = Σ S_j over facilities someone reaches.
        #expect(abs(100 * a[0] + 200 * a[1] + 300 * a[2] - 40) < 1e-9)
    }

    /// A facility nobody reaches has no ratio and adds nothing; a missing capacity leaves step 2 out.
    @Test func unreachedFacilityAndMissingCapacity() {
        let r = TwoStepFloatingCatchment.compute(capacity: [30, 10], reach: [[0], []], nearest: [0, nil], residents: [50, 70])
        #expect(r.supplyRatio == [0.6, nil] && r.originAccess == [0.6, 0] && r.catchmentAccess == [0.6, nil])
        let partial = TwoStepFloatingCatchment.compute(capacity: [30, nil], reach: [[0], [1]], nearest: [0, 1], residents: [50, 70])
        #expect(partial.supplyRatio == [0.6, nil] && partial.originAccess == nil && partial.catchmentAccess == [nil, nil])
    }
}
