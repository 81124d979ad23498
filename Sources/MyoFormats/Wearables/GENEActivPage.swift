import Foundation

/// One page of a GENEActiv `.bin` file: "Recorded Data", a few "key:value" lines (Page Time,
/// Temperature, Measurement Frequency, …) and one line of 3600 hex digits holding 300 samples
/// of 48 bits: x, y, z (12-bit two's complement), light (10 bits), button, reserved.
struct GENEActivPage {
    static let samples = 300
    static let hexDigitsPerSample = 12

    /// Byte offset of the page's "Recorded Data" line.
    var offset: Int
    /// Seconds since 1970 of the first sample, on the device's clock.
    var time: Double
    var temperature: Float
    var rate: Double
    /// The hex digits of the samples.
    var data: [UInt8]
    var dataOffset: Int

    /// Reads the next page from `lines`, or returns `nil` at the end of the file.
    /// Throws `.truncated` when the file ends inside a page and `.invalidField` naming the byte
    /// offset of a malformed line.
    static func read(_ lines: inout TextLineCursor, path: String) throws -> GENEActivPage? {
        var first: (offset: Int, bytes: [UInt8])?
        repeat { first = try lines.next(field: "GENEActiv page") } while first?.bytes.isEmpty == true
        guard let start = first else { return nil }
        guard String(decoding: start.bytes, as: UTF8.self) == "Recorded Data" else {
            throw FormatError.invalidField(file: path, offset: start.offset, field: "GENEActiv page start",
                                           value: String(decoding: start.bytes.prefix(40), as: UTF8.self),
                                           reason: "is not \"Recorded Data\"")
        }
        var time: Double?, temperature: Float?, rate: Double?
        for _ in 0..<16 {
            guard let line = try lines.next(field: "GENEActiv page") else {
                throw FormatError.truncated(file: path, offset: lines.offset, field: "GENEActiv page at byte \(start.offset)",
                                            expectedBytes: 3600, availableBytes: 0)
            }
            guard let colon = line.bytes.firstIndex(of: 0x3A) else {
                return try finish(start.offset, line, time: time, temperature: temperature,
                                  rate: rate, lines: lines, path: path)
            }
            let key = String(decoding: line.bytes[..<colon], as: UTF8.self)
            let value = String(decoding: line.bytes[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            switch key {
            case "Page Time":
                time = GENEActivHeader.parseTime(value)
                if time == nil {
                    throw FormatError.invalidField(file: path, offset: line.offset, field: "GENEActiv Page Time",
                                                   value: value, reason: "is not a yyyy-MM-dd HH:mm:ss:SSS time")
                }
            case "Temperature": temperature = Float(value)
            case "Measurement Frequency":
                rate = Double(value.split(separator: " ").first ?? "")
                guard let r = rate, r > 0, r <= 10_000 else {
                    throw FormatError.invalidField(file: path, offset: line.offset, field: "GENEActiv page Measurement Frequency",
                                                   value: value, reason: "is not a sample rate in Hz")
                }
            default: break
            }
        }
        throw FormatError.invalidField(file: path, offset: start.offset, field: "GENEActiv page",
                                       value: "", reason: "has no line of sample data after 16 lines")
    }

    private static func finish(_ pageOffset: Int, _ line: (offset: Int, bytes: [UInt8]), time: Double?,
                               temperature: Float?, rate: Double?, lines: TextLineCursor, path: String) throws -> GENEActivPage {
        let expected = samples * hexDigitsPerSample
        if line.bytes.count != expected {
            if lines.atEnd && line.bytes.count < expected {
                throw FormatError.truncated(file: path, offset: line.offset, field: "GENEActiv page data",
                                            expectedBytes: expected, availableBytes: line.bytes.count)
            }
            throw FormatError.invalidField(file: path, offset: line.offset, field: "GENEActiv page data",
                                           value: String(decoding: line.bytes.prefix(24), as: UTF8.self),
                                           reason: "is \(line.bytes.count) characters, not \(expected) hex digits")
        }
        guard let time else {
            throw FormatError.invalidField(file: path, offset: pageOffset, field: "GENEActiv Page Time",
                                           value: "", reason: "is missing from the page")
        }
        guard let rate else {
            throw FormatError.invalidField(file: path, offset: pageOffset, field: "GENEActiv page Measurement Frequency",
                                           value: "", reason: "is missing from the page")
        }
        return GENEActivPage(offset: pageOffset, time: time, temperature: temperature ?? .nan, rate: rate,
                             data: line.bytes, dataOffset: line.offset)
    }

    /// Decodes the 300 samples into accel (calibrated g) and light (lux) at `at`.
    /// Throws `.invalidField` with the offset of the first character that is not a hex digit.
    /// Complexity: O(3600); no allocation.
    func decode(calibration c: GENEActivHeader.Calibration, accel: [UnsafeMutablePointer<Float>],
                light: UnsafeMutablePointer<Float>, at: Int, path: String) throws {
        try data.withUnsafeBufferPointer { hex in
            func digits(_ from: Int) throws -> Int {
                var v = 0
                for i in from..<(from + 3) {
                    let ch = hex[i]
                    let d: Int
                    switch ch {
                    case 0x30...0x39: d = Int(ch) - 0x30
                    case 0x41...0x46: d = Int(ch) - 0x37
                    case 0x61...0x66: d = Int(ch) - 0x57
                    default:
                        throw FormatError.invalidField(file: path, offset: dataOffset + i, field: "GENEActiv page data",
                                                       value: String(UnicodeScalar(ch)), reason: "is not a hex digit")
                    }
                    v = v << 4 | d
                }
                return v
            }
            for s in 0..<Self.samples {
                let base = s * Self.hexDigitsPerSample
                for axis in 0..<3 {
                    var raw = try digits(base + 3 * axis)
                    if raw > 2047 { raw -= 4096 }
                    accel[axis][at + s] = Float((Double(raw) * 100 - c.offset[axis]) / c.gain[axis])
                }
                // Light is the top 10 of the last 12 bits, scaled by the calibration's lux per volt.
                light[at + s] = Float((Double(try digits(base + 9) >> 2) * c.lux / c.volts).rounded(.down))
            }
        }
    }
}
