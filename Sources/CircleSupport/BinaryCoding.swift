import Foundation

/// Appends little-endian scalars and whole arrays to a byte buffer, each array padded to 8 bytes.
///
/// Arrays are written as a `UInt64` element count followed by their raw bytes, so reading them
/// back is one bounds check and one copy.
public struct BinaryWriter {
    public private(set) var data = Data()

    public init(reservingCapacity capacity: Int = 0) { data.reserveCapacity(capacity) }

    /// Appends one fixed-width integer, little-endian.
    public mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    /// Appends raw bytes without a length.
    public mutating func write(bytes: some Collection<UInt8>) { data.append(contentsOf: bytes) }

    /// Appends an array of trivial values (integers, floating point) with its count.
    public mutating func write<T: BitwiseCopyable>(array: [T]) {
        write(UInt64(array.count))
        array.withUnsafeBytes { data.append(contentsOf: $0) }
        let pad = (8 - data.count % 8) % 8
        if pad > 0 { data.append(contentsOf: repeatElement(0, count: pad)) }
    }
}

/// Reads what ``BinaryWriter`` wrote, checking every length against the bytes that remain.
public struct BinaryReader {
    let bytes: UnsafeRawBufferPointer
    /// The read position.
    public private(set) var offset: Int

    /// Reads `bytes`, which must outlive the reader.
    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Thrown when the data ends early or holds an impossible length.
    public struct Truncated: Error, CustomStringConvertible {
        public var description: String { "the data ends early or holds an impossible length" }
    }

    /// Reads one little-endian integer.
    public mutating func read<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let n = MemoryLayout<T>.size
        guard offset + n <= bytes.count else { throw Truncated() }
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        offset += n
        return T(littleEndian: v)
    }

    /// Reads raw bytes.
    public mutating func read(byteCount n: Int) throws -> [UInt8] {
        guard n >= 0, offset + n <= bytes.count else { throw Truncated() }
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }

    /// Reads an array written by ``BinaryWriter/write(array:)``.
    public mutating func readArray<T: BitwiseCopyable>(of _: T.Type = T.self) throws -> [T] {
        let count = try read(UInt64.self)
        let size = MemoryLayout<T>.stride
        guard count <= UInt64(bytes.count - offset) / UInt64(max(size, 1)) else { throw Truncated() }
        let n = Int(count)
        let byteCount = n * size
        let result = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            if byteCount > 0 {
                UnsafeMutableRawBufferPointer(buffer).copyMemory(
                    from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + byteCount)]))
            }
            initialized = n
        }
        offset += byteCount
        offset += (8 - offset % 8) % 8
        guard offset <= bytes.count else { throw Truncated() }
        return result
    }
}
