import Foundation

/// The fields of one 512-byte Axivity CWA data block ("AX") that decoding needs.
///
/// Layout (little-endian): @0 "AX", @2 packet length 508, @4 device id or timestamp fraction,
/// @6 session id, @10 sequence id, @14 packed RTC timestamp, @18 light (bits 0-9) with the
/// unpacked accelerometer scale (bits 13-15, 1/2^(8+n) g) and gyroscope range (bits 10-12,
/// 8000/2^n deg/s), @20 temperature (bits 0-9), @22 events, @23 battery, @24 rate code,
/// @25 axes (high nibble) and packing (low nibble: 0 = 3×10-bit + exponent in 32 bits,
/// 2 = 16-bit signed), @26 timestamp offset (the sample index at which the whole-second
/// timestamp holds), @28 sample count, @30 480 bytes of samples, @510 checksum (the 256
/// 16-bit words of a good block sum to zero).
struct CWABlock {
    static let size = 512
    static let payloadOffset = 30
    static let payloadBytes = 480

    /// Seconds since 1970 of the block's first sample, on the device's local clock.
    var start: Double
    /// The configured sample rate in Hz, from the rate code.
    var configuredRate: Double
    /// The accelerometer range in ±g, from the rate code.
    var accelRange: Int
    var axes: Int
    /// True for the 3×10-bit packed format (AX3 only).
    var packed: Bool
    var sampleCount: Int
    /// Raw 10-bit light value.
    var light: Int
    /// Raw 10-bit temperature value.
    var temperatureRaw: Int
    /// Counts per g for unpacked samples.
    var accelCountsPerG: Float
    /// Full-scale gyroscope range in deg/s (32768 counts).
    var gyroRange: Float

    /// True when the block is marked "AX" (0x5841): other block kinds carry no samples.
    static func isDataBlock(_ b: UnsafeRawBufferPointer) -> Bool { b.u16(0) == 0x5841 }

    /// True when the block's 256 words sum to zero, as the device writes them.
    /// Complexity: 256 additions.
    static func checksumIsValid(_ b: UnsafeRawBufferPointer) -> Bool {
        var sum: UInt16 = 0
        var i = 0
        while i < size { sum &+= b.u16(i); i += 2 }
        return sum == 0
    }

    /// Parses the header of a data block whose checksum is good.
    ///
    /// Throws `.invalidField` naming the byte offset (`blockOffset` + field position) when a
    /// field is impossible: an unknown packing, more samples than 480 bytes hold, a date that
    /// cannot exist.
    init(_ b: UnsafeRawBufferPointer, blockOffset: Int, file: String) throws {
        func bad(_ at: Int, _ field: String, _ value: Int, _ reason: String) -> FormatError {
            .invalidField(file: file, offset: blockOffset + at, field: field, value: String(value), reason: reason)
        }
        guard b.u16(2) == 508 else { throw bad(2, "CWA block packet length", Int(b.u16(2)), "is not 508") }
        let rateCode = b.u8(24)
        configuredRate = 3200.0 / Double(1 << (15 - Int(rateCode & 0x0F)))
        accelRange = 16 >> Int(rateCode >> 6)
        let axesPacking = b.u8(25)
        axes = Int(axesPacking >> 4)
        let packing = axesPacking & 0x0F
        guard axes == 3 || axes == 6 || axes == 9 else {
            throw bad(25, "CWA block number of axes", axes, "is not 3, 6 or 9")
        }
        switch packing {
        case 0:
            guard axes == 3 else { throw bad(25, "CWA block packing", Int(axesPacking), "packs only 3 axes") }
            packed = true
        case 2: packed = false
        default: throw bad(25, "CWA block packing", Int(packing), "is neither 0 (packed) nor 2 (16-bit)")
        }
        sampleCount = Int(b.u16(28))
        let capacity = packed ? Self.payloadBytes / 4 : Self.payloadBytes / (2 * axes)
        guard sampleCount <= capacity else {
            throw bad(28, "CWA block sample count", sampleCount, "is more than the \(capacity) a block holds")
        }
        let lightWord = b.u16(18)
        light = Int(lightWord & 0x3FF)
        accelCountsPerG = Float(1 << (8 + Int(lightWord >> 13)))
        gyroRange = Float(8000 >> Int((lightWord >> 10) & 7))
        temperatureRaw = Int(b.u16(20) & 0x3FF)
        guard let whole = Self.decodeTimestamp(b.u32(14)) else {
            throw bad(14, "CWA block timestamp", Int(b.u32(14)), "is not a valid packed date and time")
        }
        // The offset already folds in the sub-second fraction (the device adjusts it), so the
        // block starts `timestampOffset` samples before the whole-second timestamp.
        start = whole - Double(b.i16(26)) / configuredRate
    }

    /// Seconds since 1970 of a packed CWA date-time (YYYYYYMM MMDDDDDh hhhhmmmm mmssssss,
    /// years from 2000), or `nil` for an impossible date.
    static func decodeTimestamp(_ v: UInt32) -> Double? {
        let year = Int((v >> 26) & 0x3F) + 2000, month = Int((v >> 22) & 0x0F), day = Int((v >> 17) & 0x1F)
        let hour = Int((v >> 12) & 0x1F), minute = Int((v >> 6) & 0x3F), second = Int(v & 0x3F)
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        return Double(daysFromCivil(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second)
    }

    /// Temperature in °C from the raw 10-bit value (MCP9700 sensor on a 3 V, 10-bit ADC).
    static func celsius(_ raw: Int) -> Float { Float(raw) * 75.0 / 256.0 - 50.0 }

    /// Decodes the samples of block `b` into `out`, axis-major per sample as the reader's
    /// channels expect: out[c][at + i] for channel c (accel x, y, z, then gyro, then mag).
    /// Complexity: O(samples); no allocation.
    func decode(_ b: UnsafeRawBufferPointer, into out: [UnsafeMutablePointer<Float>], at: Int) {
        let p = Self.payloadOffset
        if packed {
            let scale = 1 / accelCountsPerG
            for i in 0..<sampleCount {
                let w = b.u32(p + 4 * i)
                let shift = 6 - Int(w >> 30)
                // Each 10-bit field is moved to the top of an Int16 so the shift back sign-extends.
                out[0][at + i] = Float(Int16(truncatingIfNeeded: (w << 6) & 0xFFC0) >> shift) * scale
                out[1][at + i] = Float(Int16(truncatingIfNeeded: (w >> 4) & 0xFFC0) >> shift) * scale
                out[2][at + i] = Float(Int16(truncatingIfNeeded: (w >> 14) & 0xFFC0) >> shift) * scale
            }
            return
        }
        let accelScale = 1 / accelCountsPerG
        let gyroScale = gyroRange / 32768
        let stride = 2 * axes
        for i in 0..<sampleCount {
            let s = p + stride * i
            if axes == 3 {
                for a in 0..<3 { out[a][at + i] = Float(b.i16(s + 2 * a)) * accelScale }
            } else {
                // File order is gyro x/y/z, accel x/y/z, then magnetometer x/y/z.
                for a in 0..<3 {
                    out[a][at + i] = Float(b.i16(s + 6 + 2 * a)) * accelScale
                    out[3 + a][at + i] = Float(b.i16(s + 2 * a)) * gyroScale
                }
                if axes == 9 {
                    for a in 0..<3 { out[6 + a][at + i] = Float(b.i16(s + 12 + 2 * a)) / 16 }
                }
            }
        }
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil algorithm).
/// Complexity: O(1).
func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146097 + dayOfEra - 719468
}
