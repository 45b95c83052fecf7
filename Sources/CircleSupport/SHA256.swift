// SHA-256 (FIPS 180-4) through the platform's crypto library (CSHA256: OpenSSL's libcrypto on
// Linux, using the CPU's SHA extensions where present; CommonCrypto on macOS).
import CSHA256

/// Incremental SHA-256 (FIPS 180-4).
///
/// Feed bytes with `update(_:)` as often as needed, then call `finalize()` once for the
/// 32-byte digest. Bytes are hashed straight from the caller's memory, and hashing never
/// allocates (but for the digest array).
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

    /// The state, a plain C struct: copying the hasher copies the hash so far.
    private var context = circle_sha256_ctx()

    /// Creates a hasher in the initial SHA-256 state.
    public init() {
        circle_sha256_init(&context)
    }

    /// Feeds `bytes` to the hasher.
    ///
    /// - Complexity: O(`bytes.count`).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        circle_sha256_update(&context, base, bytes.count)
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
        var state = context
        return [UInt8](unsafeUninitializedCapacity: Self.digestSize) { out, count in
            circle_sha256_final(&state, out.baseAddress!)
            count = Self.digestSize
        }
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
}
