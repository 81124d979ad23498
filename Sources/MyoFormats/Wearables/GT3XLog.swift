import Foundation

/// Walks the records of an ActiGraph `log.bin` (inside a `.gt3x` zip) from a bounded buffer.
///
/// A record is: separator 0x1E, type, 4-byte little-endian Unix timestamp (device local time),
/// 2-byte payload size, payload, then a checksum byte: the one's complement of the XOR of every
/// header and payload byte. Zero bytes between records occur and are skipped, as ActiGraph
/// documents. Offsets in errors are byte offsets inside `log.bin`.
///
/// Complexity: O(log size) for a pass; memory O(1 MB buffer + one payload ≤ 64 KB).
struct GT3XLogCursor {
    struct Record {
        var type: UInt8
        var timestamp: UInt32
        var payload: [UInt8]
        /// Offset of the record's separator in `log.bin`.
        var offset: Int
        var checksumIsValid: Bool
    }

    static let activity: UInt8 = 0x00
    static let event: UInt8 = 0x03
    static let parameters: UInt8 = 0x15
    static let sensorData: UInt8 = 0x19
    static let activity2: UInt8 = 0x1A

    private let stream: ZipEntryStream
    private let path: String
    private var buffer = [UInt8]()
    private var position = 0
    private var bufferStart = 0
    private var exhausted = false

    init(stream: ZipEntryStream, path: String) throws {
        self.stream = stream
        self.path = path
        try stream.rewind()
    }

    /// Makes at least `count` bytes available from `position`; false if the entry ends first.
    private mutating func fill(_ count: Int) throws -> Bool {
        while buffer.count - position < count && !exhausted {
            let piece = try stream.read(maxBytes: 1 << 20)
            if piece.isEmpty { exhausted = true; break }
            if position > 0 {
                buffer.removeSubrange(0..<position)
                bufferStart += position
                position = 0
            }
            buffer += piece
        }
        return buffer.count - position >= count
    }

    /// The next record, or `nil` at the end of `log.bin`.
    /// Throws `.truncated` when a record runs past the end and `.invalidField` for a byte that
    /// is neither a separator nor padding where a record must start.
    mutating func next() throws -> Record? {
        while true {
            guard try fill(1) else { return nil }
            if buffer[position] == 0 { position += 1; continue }
            break
        }
        let at = bufferStart + position
        guard buffer[position] == 0x1E else {
            throw FormatError.invalidField(file: path, offset: at, field: "log.bin record separator",
                                           value: String(buffer[position], radix: 16), reason: "is not 1E")
        }
        guard try fill(8) else {
            throw FormatError.truncated(file: path, offset: at, field: "log.bin record header",
                                        expectedBytes: 8, availableBytes: buffer.count - position)
        }
        let size = Int(buffer.u16(position + 6))
        guard try fill(9 + size) else {
            throw FormatError.truncated(file: path, offset: at, field: "log.bin record payload",
                                        expectedBytes: 9 + size, availableBytes: buffer.count - position)
        }
        var x: UInt8 = 0
        for i in position..<(position + 8 + size) { x ^= buffer[i] }
        let record = Record(type: buffer[position + 1], timestamp: buffer.u32(position + 2),
                            payload: Array(buffer[(position + 8)..<(position + 8 + size)]), offset: at,
                            checksumIsValid: ~x == buffer[position + 8 + size])
        position += 9 + size
        return record
    }

    /// Samples (x, y, z raw counts) of an ACTIVITY (12-bit packed, Y X Z order) or ACTIVITY2
    /// (16-bit little-endian, X Y Z) payload, appended to `out`. Payloads too short for one
    /// sample (the 1-byte records written around idle sleep) hold none.
    /// Complexity: O(payload).
    static func decodeActivity(_ record: Record, into out: inout [(Int16, Int16, Int16)]) {
        let p = record.payload
        if record.type == activity2 {
            var i = 0
            while i + 6 <= p.count {
                out.append((Int16(bitPattern: p.u16(i)), Int16(bitPattern: p.u16(i + 2)), Int16(bitPattern: p.u16(i + 4))))
                i += 6
            }
            return
        }
        let count = p.count * 8 / 36
        func value(_ k: Int) -> Int16 {
            let byte = k * 3 / 2
            let raw = k % 2 == 0 ? Int(p[byte]) << 4 | Int(p[byte + 1]) >> 4 : (Int(p[byte]) & 0x0F) << 8 | Int(p[byte + 1])
            return Int16(raw > 2047 ? raw - 4096 : raw)
        }
        for s in 0..<count {
            let y = value(3 * s), x = value(3 * s + 1), z = value(3 * s + 2)
            out.append((x, y, z))
        }
    }

    /// The ACCEL_SCALE parameter (address space 0, identifier 55) of a PARAMETERS payload,
    /// decoded from ActiGraph's 24-bit-fraction, 8-bit-exponent float, or `nil`.
    static func accelScale(in payload: [UInt8]) -> Double? {
        var i = 0
        while i + 8 <= payload.count {
            if payload.u16(i) == 0 && payload.u16(i + 2) == 55 {
                let v = payload.u32(i + 4)
                guard v != 0x007F_FFFF, v != 0x0080_0000 else { return nil }
                let exponent = Int(Int8(bitPattern: UInt8(v >> 24)))
                var fraction = Int(v & 0x00FF_FFFF)
                if fraction & 0x0080_0000 != 0 { fraction -= 1 << 24 }
                let scale = Double(fraction) / Double(1 << 23) * pow(2, Double(exponent))
                return scale > 0 && scale.isFinite ? scale : nil
            }
            i += 8
        }
        return nil
    }
}
