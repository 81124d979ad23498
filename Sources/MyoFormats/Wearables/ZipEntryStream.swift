import CZlib
import Foundation

/// Streams the uncompressed bytes of one zip entry, stored or deflated, in bounded pieces.
///
/// Deflated data goes through zlib's raw inflate (no zlib/gzip wrapper, as zip stores it).
/// The stream refuses to produce more bytes than the central directory declares (so a forged
/// size cannot make it inflate without end) and checks the CRC-32 and the size when the entry
/// ends, throwing `FormatError` that names the entry and the byte offset of its data.
///
/// Complexity: O(entry size) over the whole stream; memory O(`maxBytes` + 64 KB).
public final class ZipEntryStream {
    /// The entry being read.
    public let entry: ZipArchive.Entry
    /// Where the entry's compressed bytes start in the archive.
    public let dataOffset: Int
    private let archive: ZipArchive
    private var inputConsumed = 0
    private var produced = 0
    private var crc: UInt32 = 0
    private var finished = false
    private var zstream: UnsafeMutablePointer<z_stream>?
    private var input = [UInt8]()
    private var inputFill = 0
    private let inputPieceSize = 64 << 10

    init(archive: ZipArchive, entry: ZipArchive.Entry) throws {
        self.archive = archive
        self.entry = entry
        let path = archive.path
        let name = "zip entry \"\(printable(entry.name))\""
        if entry.flags & 1 != 0 {
            throw FormatError.unsupported(file: path, offset: entry.localHeaderOffset, feature: "encrypted \(name)")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw FormatError.unsupported(file: path, offset: entry.localHeaderOffset,
                                          feature: "\(name) compressed with method \(entry.method) (only stored and deflate)")
        }
        let local = try archive.file.bytes(offset: entry.localHeaderOffset, count: 30, field: "\(name) local header")
        guard local.u32(0) == 0x0403_4B50 else {
            throw FormatError.invalidField(file: path, offset: entry.localHeaderOffset, field: "\(name) local header signature",
                                           value: String(local.u32(0), radix: 16), reason: "is not 04034b50")
        }
        let start = entry.localHeaderOffset + 30 + Int(local.u16(26)) + Int(local.u16(28))
        guard start <= archive.centralDirectoryOffset,
              entry.compressedSize <= archive.centralDirectoryOffset - start else {
            throw FormatError.inconsistent(
                file: path, offset: entry.localHeaderOffset, field: "\(name) compressed size",
                reason: "\(entry.compressedSize) bytes from offset \(start) run into the central directory at \(archive.centralDirectoryOffset)")
        }
        if entry.method == 0 && entry.compressedSize != entry.uncompressedSize {
            throw FormatError.inconsistent(
                file: path, offset: entry.localHeaderOffset, field: "\(name) size",
                reason: "stored entry with compressed size \(entry.compressedSize) ≠ uncompressed size \(entry.uncompressedSize)")
        }
        self.dataOffset = start
        try rewind()
    }

    deinit { endInflate() }

    private func endInflate() {
        if let z = zstream {
            inflateEnd(z)
            z.deinitialize(count: 1)
            z.deallocate()
            zstream = nil
        }
    }

    /// Goes back to the entry's first byte.
    public func rewind() throws {
        endInflate()
        inputConsumed = 0
        produced = 0
        crc = UInt32(CZlib.crc32(0, nil, 0))
        finished = false
        inputFill = 0
        if entry.method == 8 {
            let z = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            z.initialize(to: z_stream())
            // Negative window bits: raw deflate data, as zip stores it.
            let rc = inflateInit2_(z, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard rc == Z_OK else {
                z.deinitialize(count: 1)
                z.deallocate()
                throw FormatError.cannotOpen(file: archive.path, reason: "zlib could not start inflating (code \(rc))")
            }
            zstream = z
        }
    }

    /// The next at most `maxBytes` uncompressed bytes; empty once the entry is finished.
    public func read(maxBytes: Int) throws -> [UInt8] {
        if finished || maxBytes <= 0 { return [] }
        let out = entry.method == 0 ? try readStored(maxBytes) : try readDeflated(maxBytes)
        if !out.isEmpty {
            crc = out.withUnsafeBufferPointer { UInt32(CZlib.crc32(uLong(crc), $0.baseAddress, uInt($0.count))) }
            produced += out.count
        }
        if finished { try verifyEnd() }
        return out
    }

    private func readStored(_ maxBytes: Int) throws -> [UInt8] {
        let n = min(maxBytes, entry.compressedSize - inputConsumed)
        let bytes = try archive.file.bytes(offset: dataOffset + inputConsumed, count: n,
                                           field: "zip entry \"\(printable(entry.name))\" data")
        inputConsumed += n
        if inputConsumed == entry.compressedSize { finished = true }
        return bytes
    }

    private func readDeflated(_ maxBytes: Int) throws -> [UInt8] {
        guard let z = zstream else { return [] }
        let name = "zip entry \"\(printable(entry.name))\" deflate data"
        // Never produce more than the directory declares: a forged size stops here, not in memory.
        let want = min(maxBytes, entry.uncompressedSize - produced + 1)
        var out = [UInt8](repeating: 0, count: want)
        var written = 0
        while written < want {
            if z.pointee.avail_in == 0 {
                let n = min(inputPieceSize, entry.compressedSize - inputConsumed)
                if n == 0 {
                    throw FormatError.truncated(file: archive.path, offset: dataOffset + inputConsumed, field: name,
                                                expectedBytes: 1, availableBytes: 0)
                }
                try archive.file.read(into: &input, offset: dataOffset + inputConsumed, count: n, field: name)
                inputConsumed += n
                inputFill = n
                z.pointee.avail_in = uInt(n)
            }
            let rc: Int32 = input.withUnsafeMutableBufferPointer { inBuf in
                out.withUnsafeMutableBufferPointer { outBuf in
                    // Array storage may move between calls, so the pointers are set afresh each
                    // time; zlib has consumed all but `avail_in` of the last piece read.
                    z.pointee.next_in = inBuf.baseAddress! + (inputFill - Int(z.pointee.avail_in))
                    z.pointee.next_out = outBuf.baseAddress! + written
                    z.pointee.avail_out = uInt(want - written)
                    let rc = inflate(z, Z_NO_FLUSH)
                    written = want - Int(z.pointee.avail_out)
                    return rc
                }
            }
            if rc == Z_STREAM_END { finished = true; break }
            guard rc == Z_OK || rc == Z_BUF_ERROR else {
                throw FormatError.invalidField(file: archive.path, offset: dataOffset + inputConsumed, field: name,
                                               value: "zlib code \(rc)", reason: "is not valid deflate data")
            }
        }
        out.removeSubrange(written...)
        if produced + written > entry.uncompressedSize {
            throw FormatError.inconsistent(
                file: archive.path, offset: entry.localHeaderOffset, field: "zip entry \"\(printable(entry.name))\" size",
                reason: "inflates to more than the declared \(entry.uncompressedSize) bytes")
        }
        return out
    }

    private func verifyEnd() throws {
        let name = "zip entry \"\(printable(entry.name))\""
        guard produced == entry.uncompressedSize else {
            throw FormatError.inconsistent(file: archive.path, offset: entry.localHeaderOffset, field: "\(name) size",
                                           reason: "holds \(produced) bytes but the directory says \(entry.uncompressedSize)")
        }
        guard crc == entry.crc32 else {
            throw FormatError.inconsistent(
                file: archive.path, offset: entry.localHeaderOffset, field: "\(name) CRC-32",
                reason: "computed \(String(crc, radix: 16)), the directory says \(String(entry.crc32, radix: 16)); the entry is corrupt")
        }
    }
}
