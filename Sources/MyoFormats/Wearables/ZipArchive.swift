import Foundation

/// A read-only zip archive: the container of ActiGraph `.gt3x` files.
///
/// Reads the central directory once, then streams any entry through ``ZipEntryStream`` (stored
/// or deflated), so a multi-hundred-megabyte `log.bin` never has to sit in memory. Every entry's
/// CRC-32 and sizes are checked when its stream reaches the end. Zip64, multi-disk archives,
/// encryption and compression methods other than stored (0) and deflate (8) are refused with
/// `FormatError.unsupported`.
///
/// Complexity: opening is O(number of entries); the central directory is bounded by the file size.
public final class ZipArchive {
    /// One file inside the archive, as the central directory describes it.
    public struct Entry: Sendable, Equatable {
        /// The entry's path inside the archive ("log.bin").
        public var name: String
        /// 0 = stored, 8 = deflate.
        public var method: UInt16
        /// General purpose flags (bit 0: encrypted).
        public var flags: UInt16
        /// CRC-32 of the uncompressed bytes.
        public var crc32: UInt32
        /// Bytes in the archive.
        public var compressedSize: Int
        /// Bytes once extracted.
        public var uncompressedSize: Int
        /// Where the entry's local header starts.
        public var localHeaderOffset: Int
    }

    /// The archive's path, for messages.
    public let path: String
    /// The entries in central-directory order.
    public let entries: [Entry]
    let file: BinaryFile
    /// Where the central directory starts: no entry's data may reach past it.
    let centralDirectoryOffset: Int

    /// Opens `path` and reads its central directory.
    ///
    /// Throws `.unrecognizedFormat` when there is no end-of-central-directory record, and
    /// `.invalidField`/`.inconsistent`/`.unsupported` naming the offset of whatever is wrong.
    public init(path: String) throws {
        self.path = path
        let file = try BinaryFile(path: path)
        self.file = file
        let eocdSize = 22
        guard file.size >= eocdSize else {
            throw FormatError.unrecognizedFormat(file: path, reason: "too short for a zip archive (\(file.size) bytes)")
        }
        // The end record sits in the last 22 bytes plus at most a 65535-byte comment.
        let tailCount = min(file.size, eocdSize + 65535)
        let tailStart = file.size - tailCount
        let tail = try file.bytes(offset: tailStart, count: tailCount, field: "zip end of central directory")
        var eocd = -1
        var i = tailCount - eocdSize
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 5, tail[i + 3] == 6 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else {
            throw FormatError.unrecognizedFormat(file: path, reason: "no zip end-of-central-directory record")
        }
        let eocdOffset = tailStart + eocd
        let diskNumber = tail.u16(eocd + 4), cdDisk = tail.u16(eocd + 6)
        let entriesOnDisk = tail.u16(eocd + 8), entryCount = tail.u16(eocd + 10)
        let cdSize = tail.u32(eocd + 12), cdOffset = tail.u32(eocd + 16)
        if entryCount == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            throw FormatError.unsupported(file: path, offset: eocdOffset, feature: "zip64 archives")
        }
        if diskNumber != 0 || cdDisk != 0 || entriesOnDisk != entryCount {
            throw FormatError.unsupported(file: path, offset: eocdOffset, feature: "multi-disk zip archives")
        }
        guard Int(cdOffset) + Int(cdSize) <= eocdOffset else {
            throw FormatError.inconsistent(
                file: path, offset: eocdOffset, field: "zip central directory",
                reason: "offset \(cdOffset) + size \(cdSize) runs past the end record at \(eocdOffset)")
        }
        let headerSize = 46
        guard Int(entryCount) * headerSize <= Int(cdSize) else {
            throw FormatError.inconsistent(
                file: path, offset: eocdOffset + 10, field: "zip entry count",
                reason: "\(entryCount) entries cannot fit in a \(cdSize)-byte central directory")
        }
        let cd = try file.bytes(offset: Int(cdOffset), count: Int(cdSize), field: "zip central directory")
        var list: [Entry] = []
        list.reserveCapacity(Int(entryCount))
        var p = 0
        for _ in 0..<Int(entryCount) {
            let at = Int(cdOffset) + p
            guard p + headerSize <= cd.count else {
                throw FormatError.truncated(file: path, offset: at, field: "zip central directory entry",
                                            expectedBytes: headerSize, availableBytes: cd.count - p)
            }
            guard cd.u32(p) == 0x0201_4B50 else {
                throw FormatError.invalidField(file: path, offset: at, field: "zip central directory signature",
                                               value: String(cd.u32(p), radix: 16), reason: "is not 02014b50")
            }
            let nameLength = Int(cd.u16(p + 28)), extraLength = Int(cd.u16(p + 30)), commentLength = Int(cd.u16(p + 32))
            let recordLength = headerSize + nameLength + extraLength + commentLength
            guard p + recordLength <= cd.count else {
                throw FormatError.truncated(file: path, offset: at, field: "zip central directory entry name",
                                            expectedBytes: recordLength, availableBytes: cd.count - p)
            }
            let name = String(decoding: cd[(p + headerSize)..<(p + headerSize + nameLength)], as: UTF8.self)
            let entry = Entry(name: name, method: cd.u16(p + 10), flags: cd.u16(p + 8), crc32: cd.u32(p + 16),
                              compressedSize: Int(cd.u32(p + 20)), uncompressedSize: Int(cd.u32(p + 24)),
                              localHeaderOffset: Int(cd.u32(p + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF
                || entry.localHeaderOffset == 0xFFFF_FFFF {
                throw FormatError.unsupported(file: path, offset: at, feature: "zip64 entry \"\(printable(name))\"")
            }
            list.append(entry)
            p += recordLength
        }
        self.entries = list
        self.centralDirectoryOffset = Int(cdOffset)
    }

    /// The entry called `name` (exact match first, then ignoring case), or `nil`.
    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name } ?? entries.first { $0.name.lowercased() == name.lowercased() }
    }

    /// A stream over the uncompressed bytes of `entry`.
    public func stream(_ entry: Entry) throws -> ZipEntryStream {
        try ZipEntryStream(archive: self, entry: entry)
    }

    /// The whole uncompressed content of `entry`, refused above `limit` bytes so a small
    /// metadata file (`info.txt`) can be read at once without trusting its declared size.
    public func contents(of entry: Entry, limit: Int = 16 << 20) throws -> [UInt8] {
        guard entry.uncompressedSize <= limit else {
            throw FormatError.inconsistent(
                file: path, offset: entry.localHeaderOffset, field: "zip entry \"\(printable(entry.name))\" size",
                reason: "\(entry.uncompressedSize) bytes is more than the \(limit) this entry may hold")
        }
        let s = try stream(entry)
        var out: [UInt8] = []
        out.reserveCapacity(entry.uncompressedSize)
        while true {
            let piece = try s.read(maxBytes: 1 << 20)
            if piece.isEmpty { break }
            out.append(contentsOf: piece)
        }
        return out
    }
}
