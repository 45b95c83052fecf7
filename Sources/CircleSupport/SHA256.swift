// Pure-Swift SHA-256 (FIPS 180-4), standard library only.

/// Incremental SHA-256 (FIPS 180-4).
///
/// Feed bytes with `update(_:)` as often as needed, then call `finalize()` once for the
/// 32-byte digest. Whole 64-byte blocks are compressed straight from the caller's memory;
/// only a partial trailing block is copied into the hasher, and hashing never allocates.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("abc".utf8))
/// let hex = SHA256.hex(hasher.finalize())   // "ba7816bf…"
/// ```
public struct SHA256: Sendable {
    /// The size in bytes of one compression block.
    public static let blockSize = 64
    /// The size in bytes of a digest.
    public static let digestSize = 32

    private var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85
    private var h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
    private var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c
    private var h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19
    /// A partial block of up to 63 bytes, kept inline (64 bytes) so hashing never allocates.
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    /// How many bytes of `pending` are in use.
    private var pendingCount = 0
    /// Total bytes fed so far.
    private var totalLength: UInt64 = 0

    /// Creates a hasher in the initial SHA-256 state.
    public init() {}

    /// Feeds `bytes` to the hasher.
    ///
    /// - Complexity: O(`bytes.count`).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var src = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        totalLength &+= UInt64(remaining)
        let used = pendingCount
        if used > 0 {
            let take = min(Self.blockSize - used, remaining)
            withUnsafeMutableBytes(of: &pending) { buf in
                (buf.baseAddress! + used).copyMemory(from: src, byteCount: take)
            }
            src += take
            remaining -= take
            pendingCount = used + take
            guard pendingCount == Self.blockSize else { return }
            var block = pending
            withUnsafeBytes(of: &block) { compress($0.baseAddress!, blocks: 1) }
            pendingCount = 0
        }
        let whole = remaining / Self.blockSize
        if whole > 0 {
            compress(src, blocks: whole)
            src += whole * Self.blockSize
            remaining -= whole * Self.blockSize
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { buf in
                buf.baseAddress!.copyMemory(from: src, byteCount: remaining)
            }
            pendingCount = remaining
        }
    }

    /// Feeds the bytes of any collection (an array, a `String.UTF8View`, a slice…) to the hasher.
    ///
    /// Contiguous collections are hashed in place; others are copied through a small stack buffer.
    ///
    /// - Complexity: O(`bytes.count`).
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        guard done == nil else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { chunk in
            var count = 0
            for byte in bytes {
                chunk[count] = byte
                count += 1
                if count == chunk.count {
                    update(UnsafeRawBufferPointer(chunk))
                    count = 0
                }
            }
            update(UnsafeRawBufferPointer(start: chunk.baseAddress, count: count))
        }
    }

    /// Pads the message, compresses the final block(s) and returns the 32-byte digest.
    ///
    /// - Complexity: O(1).
    public consuming func finalize() -> [UInt8] {
        let bitLength = totalLength &<< 3
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                   UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let used = pendingCount
        let tailLength = used < 56 ? 64 : 128
        var block = pending
        withUnsafeMutableBytes(of: &tail) { out in
            withUnsafeBytes(of: &block) { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: used) }
            out[used] = 0x80
            out.storeBytes(of: bitLength.bigEndian, toByteOffset: tailLength - 8, as: UInt64.self)
            compress(UnsafeRawPointer(out.baseAddress!), blocks: tailLength / 64)
        }
        var digest = (h0.bigEndian, h1.bigEndian, h2.bigEndian, h3.bigEndian,
                      h4.bigEndian, h5.bigEndian, h6.bigEndian, h7.bigEndian)
        return withUnsafeBytes(of: &digest) { Array($0) }
    }

    /// Returns the SHA-256 digest (32 bytes) of `bytes` in one call.
    ///
    /// - Complexity: O(`bytes.count`).
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Returns the SHA-256 digest (32 bytes) of the bytes of `bytes` in one call.
    ///
    /// - Complexity: O(`bytes.count`).
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Formats a digest (or any bytes) as lowercase hexadecimal, two characters per byte.
    ///
    /// - Complexity: O(`digest.count`).
    public static func hex(_ digest: [UInt8]) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: digest.count * 2) { out in
            digits.withUTF8Buffer { d in
                for (i, byte) in digest.enumerated() {
                    out[2 * i] = d[Int(byte &>> 4)]
                    out[2 * i + 1] = d[Int(byte & 0x0f)]
                }
            }
            return digest.count * 2
        }
    }

    // MARK: - Compression

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// One SHA-256 round; callers rotate the roles of the eight working variables instead of
    /// moving values, so only `d` and `h` change. Maj(a, b, c) = ((a ^ b) & (b ^ c)) ^ b reuses
    /// `b ^ c`, which is the previous round's `a ^ b`. `kw` is K[t] + W[t].
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32,
                              _ g: UInt32, _ h: inout UInt32, _ bc: inout UInt32, _ kw: UInt32) {
        let bigSigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let t1 = h &+ kw &+ (g ^ (e & (f ^ g))) &+ bigSigma1
        let bigSigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let ab = a ^ b
        d &+= t1
        h = t1 &+ bigSigma0 &+ ((ab & bc) ^ b)
        bc = ab
    }

    /// Compresses `blocks` consecutive 64-byte blocks starting at `src` (any alignment) into the state.
    private mutating func compress(_ src: UnsafeRawPointer, blocks: Int) {
        var s0 = h0, s1 = h1, s2 = h2, s3 = h3, s4 = h4, s5 = h5, s6 = h6, s7 = h7
        Self.roundConstants.withUnsafeBufferPointer { kBuf in
            let k = kBuf.baseAddress!
            // The message schedule W[0..<64], then K[t] + W[t] for the rounds: 512 bytes of stack.
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 128) { scratch in
                let w = scratch.baseAddress!, kw = w + 64
                var p = src
                for _ in 0 ..< blocks {
                    for t in 0 ..< 16 {
                        w[t] = UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 4 &* t, as: UInt32.self))
                    }
                    for t in 16 ..< 64 {
                        let x = w[t &- 15], y = w[t &- 2]
                        let sigma0 = Self.rotr(x, 7) ^ Self.rotr(x, 18) ^ (x &>> 3)
                        let sigma1 = Self.rotr(y, 17) ^ Self.rotr(y, 19) ^ (y &>> 10)
                        w[t] = sigma1 &+ w[t &- 7] &+ sigma0 &+ w[t &- 16]
                    }
                    for t in 0 ..< 64 { kw[t] = w[t] &+ k[t] }
                    var a = s0, b = s1, c = s2, d = s3, e = s4, f = s5, g = s6, h = s7
                    var bc = b ^ c
                    var q = UnsafePointer(kw)
                    let end = q + 64
                    while q < end {
                        Self.round(a, b, &d, e, f, g, &h, &bc, q[0])
                        Self.round(h, a, &c, d, e, f, &g, &bc, q[1])
                        Self.round(g, h, &b, c, d, e, &f, &bc, q[2])
                        Self.round(f, g, &a, b, c, d, &e, &bc, q[3])
                        Self.round(e, f, &h, a, b, c, &d, &bc, q[4])
                        Self.round(d, e, &g, h, a, b, &c, &bc, q[5])
                        Self.round(c, d, &f, g, h, a, &b, &bc, q[6])
                        Self.round(b, c, &e, f, g, h, &a, &bc, q[7])
                        q += 8
                    }
                    s0 &+= a; s1 &+= b; s2 &+= c; s3 &+= d; s4 &+= e; s5 &+= f; s6 &+= g; s7 &+= h
                    p += 64
                }
            }
        }
        h0 = s0; h1 = s1; h2 = s2; h3 = s3; h4 = s4; h5 = s5; h6 = s6; h7 = s7
    }
}
