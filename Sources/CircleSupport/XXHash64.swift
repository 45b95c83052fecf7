// XXH64 (xxHash, 64-bit variant) in pure Swift, standard library only.
// Bit-for-bit compatible with the reference implementation (XXH64 in xxhash.h).

private let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
private let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
private let prime3: UInt64 = 0x1656_67B1_9E37_79F9
private let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
private let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

@inline(__always)
private func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &<< n) | (x &>> (64 &- n)) }

@inline(__always)
private func xxRound(_ acc: UInt64, _ input: UInt64) -> UInt64 {
    rotl(acc &+ input &* prime2, 31) &* prime1
}

@inline(__always)
private func xxMerge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
    (acc ^ xxRound(0, value)) &* prime1 &+ prime4
}

@inline(__always)
private func load64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
}

/// The four XXH64 stripe accumulators.
private struct Lanes: Sendable {
    var v1, v2, v3, v4: UInt64

    init(seed: UInt64) {
        v1 = seed &+ prime1 &+ prime2
        v2 = seed &+ prime2
        v3 = seed
        v4 = seed &- prime1
    }

    /// Consumes `stripes` 32-byte stripes from `p`.
    @inline(__always)
    mutating func consume(_ p: UnsafeRawPointer, stripes: Int) {
        var a = v1, b = v2, c = v3, d = v4
        var q = p
        for _ in 0 ..< stripes {
            a = xxRound(a, load64(q, 0))
            b = xxRound(b, load64(q, 8))
            c = xxRound(c, load64(q, 16))
            d = xxRound(d, load64(q, 24))
            q += 32
        }
        v1 = a; v2 = b; v3 = c; v4 = d
    }

    /// Folds the accumulators into one 64-bit value.
    var merged: UInt64 {
        var h = rotl(v1, 1) &+ rotl(v2, 7) &+ rotl(v3, 12) &+ rotl(v4, 18)
        h = xxMerge(h, v1)
        h = xxMerge(h, v2)
        h = xxMerge(h, v3)
        return xxMerge(h, v4)
    }
}

/// Mixes in the final `count` (< 32) bytes at `p` and applies the avalanche.
@inline(__always)
private func xxFinish(_ hash: UInt64, _ p: UnsafeRawPointer, count: Int) -> UInt64 {
    var h = hash
    var i = 0
    while i &+ 8 <= count {
        h = rotl(h ^ xxRound(0, load64(p, i)), 27) &* prime1 &+ prime4
        i &+= 8
    }
    if i &+ 4 <= count {
        let word = UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self))
        h = rotl(h ^ (UInt64(word) &* prime1), 23) &* prime2 &+ prime3
        i &+= 4
    }
    while i < count {
        h = rotl(h ^ (UInt64(p.load(fromByteOffset: i, as: UInt8.self)) &* prime5), 11) &* prime1
        i &+= 1
    }
    return avalanche(h)
}

/// The final XXH64 bit mixing.
@inline(__always)
private func avalanche(_ hash: UInt64) -> UInt64 {
    var h = hash
    h ^= h &>> 33
    h &*= prime2
    h ^= h &>> 29
    h &*= prime3
    h ^= h &>> 32
    return h
}

/// Returns the XXH64 hash of `bytes` with `seed`; equal to the reference `XXH64(bytes, len, seed)`.
///
/// Reads with unaligned little-endian loads, so any buffer (including a slice at an odd
/// offset) is fine. Not a cryptographic hash: use ``SHA256`` where tampering matters.
///
/// - Complexity: O(`bytes.count`).
public func xxHash64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return avalanche(seed &+ prime5) }  // empty input
    let stripes = count / 32
    var h: UInt64
    if stripes > 0 {
        var lanes = Lanes(seed: seed)
        lanes.consume(base, stripes: stripes)
        h = lanes.merged
    } else {
        h = seed &+ prime5
    }
    h &+= UInt64(truncatingIfNeeded: count)
    return xxFinish(h, base + stripes * 32, count: count - stripes * 32)
}

/// Returns the XXH64 hash of the bytes of a collection (an array, a `String.UTF8View`, …) with `seed`.
///
/// - Complexity: O(`bytes.count`).
public func xxHash64<C: Collection>(_ bytes: C, seed: UInt64 = 0) -> UInt64 where C.Element == UInt8 {
    if let hash = bytes.withContiguousStorageIfAvailable({ xxHash64(UnsafeRawBufferPointer($0), seed: seed) }) {
        return hash
    }
    return Array(bytes).withUnsafeBytes { xxHash64($0, seed: seed) }
}

/// Incremental XXH64: feeding the same bytes in any number of pieces gives ``xxHash64(_:seed:)``.
///
/// Allocation-free: a partial 32-byte stripe is kept inline.
public struct XXHasher64: Sendable {
    private let seed: UInt64
    private var lanes: Lanes
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0
    private var totalLength: UInt64 = 0

    /// Creates a hasher for `seed`.
    public init(seed: UInt64 = 0) {
        self.seed = seed
        lanes = Lanes(seed: seed)
    }

    /// Feeds `bytes` to the hasher.
    ///
    /// - Complexity: O(`bytes.count`).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var src = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        totalLength &+= UInt64(remaining)
        let used = pendingCount
        if used > 0 {
            let take = min(32 - used, remaining)
            withUnsafeMutableBytes(of: &pending) { (($0.baseAddress! + used).copyMemory(from: src, byteCount: take)) }
            src += take
            remaining -= take
            pendingCount = used + take
            guard pendingCount == 32 else { return }
            var stripe = pending
            withUnsafeBytes(of: &stripe) { lanes.consume($0.baseAddress!, stripes: 1) }
            pendingCount = 0
        }
        let stripes = remaining / 32
        if stripes > 0 {
            lanes.consume(src, stripes: stripes)
            src += stripes * 32
            remaining -= stripes * 32
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: src, byteCount: remaining) }
            pendingCount = remaining
        }
    }

    /// Feeds the bytes of any collection to the hasher.
    ///
    /// - Complexity: O(`bytes.count`).
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Returns the hash of everything fed so far; the hasher may keep being updated afterwards.
    ///
    /// - Complexity: O(1).
    public func finalize() -> UInt64 {
        var h = totalLength >= 32 ? lanes.merged : seed &+ prime5
        h &+= totalLength
        var tail = pending
        let count = pendingCount
        return withUnsafeBytes(of: &tail) { xxFinish(h, $0.baseAddress!, count: count) }
    }
}
