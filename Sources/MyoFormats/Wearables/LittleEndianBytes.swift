/// Little-endian integer reads from a byte buffer, for the wearable readers' fixed layouts.
///
/// Callers check bounds once per block or record (against the size the format fixes), so these
/// helpers only assert in debug builds; every call site reads inside a range it has validated.
/// Complexity: O(1).
extension UnsafeRawBufferPointer {
    @inline(__always) func u8(_ at: Int) -> UInt8 { self[at] }

    @inline(__always) func u16(_ at: Int) -> UInt16 {
        UInt16(self[at]) | UInt16(self[at + 1]) << 8
    }

    @inline(__always) func i16(_ at: Int) -> Int16 { Int16(bitPattern: u16(at)) }

    @inline(__always) func u32(_ at: Int) -> UInt32 {
        UInt32(self[at]) | UInt32(self[at + 1]) << 8 | UInt32(self[at + 2]) << 16 | UInt32(self[at + 3]) << 24
    }

    @inline(__always) func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}

extension Array where Element == UInt8 {
    /// Reads a little-endian `UInt16` at `at`; the caller has checked `at + 2 <= count`.
    @inline(__always) func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }

    /// Reads a little-endian `UInt32` at `at`; the caller has checked `at + 4 <= count`.
    @inline(__always) func u32(_ at: Int) -> UInt32 {
        UInt32(self[at]) | UInt32(self[at + 1]) << 8 | UInt32(self[at + 2]) << 16 | UInt32(self[at + 3]) << 24
    }
}
