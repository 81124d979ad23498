import Foundation

/// The text header of a GENEActiv `.bin` file: "key:value" lines grouped under headings
/// (Device Identity, Configuration Info, Subject Info, Calibration Data, Memory Status), up to
/// the first "Recorded Data" line.
struct GENEActivHeader {
    /// Per-axis calibration: g = (raw × 100 − offset) / gain; light lux = raw × lux / volts.
    struct Calibration {
        var gain: [Double]
        var offset: [Double]
        var volts: Double
        var lux: Double
    }

    var fields: [String: String]
    var rate: Double
    var calibration: Calibration
    /// Byte offset of the first page.
    var dataOffset: Int

    /// Parses the header from the start of `file`. Throws `.unrecognizedFormat` when it does
    /// not begin with "Device Identity" and `.invalidLine`/`.invalidField` for a missing or
    /// unreadable calibration value or sample rate.
    init(file: BinaryFile) throws {
        let path = file.path
        var lines = TextLineCursor(file: file, offset: 0, maxLine: 4096)
        guard let first = try lines.next(field: "GENEActiv header"),
              String(decoding: first.bytes, as: UTF8.self).hasPrefix("Device Identity") else {
            throw FormatError.unrecognizedFormat(file: path, reason: "a GENEActiv .bin file starts with \"Device Identity\"")
        }
        var fields: [String: String] = [:]
        var lineNumber = 1
        var dataOffset: Int?
        var offsets: [String: Int] = [:]
        while let line = try lines.next(field: "GENEActiv header") {
            lineNumber += 1
            let text = String(decoding: line.bytes.filter { $0 != 0 }, as: UTF8.self)
            if text == "Recorded Data" { dataOffset = line.offset; break }
            guard lineNumber < 500 else { break }
            if let colon = text.firstIndex(of: ":") {
                let key = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
                // The first occurrence wins: later sections repeat no key that matters here.
                if fields[key] == nil {
                    fields[key] = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                    offsets[key] = line.offset
                }
            }
        }
        guard let dataOffset else {
            throw FormatError.inconsistent(file: path, offset: nil, field: "Recorded Data",
                                           reason: "the header is not followed by any page of recorded data")
        }
        func number(_ key: String) throws -> Double {
            guard let text = fields[key] else {
                throw FormatError.inconsistent(file: path, offset: nil, field: key, reason: "is missing from the header")
            }
            guard let v = Double(text.split(separator: " ").first ?? ""), v.isFinite else {
                throw FormatError.invalidField(file: path, offset: offsets[key] ?? 0, field: key, value: text,
                                               reason: "is not a number")
            }
            return v
        }
        rate = try number("Measurement Frequency")
        guard rate > 0, rate <= 10_000 else {
            throw FormatError.invalidField(file: path, offset: offsets["Measurement Frequency"] ?? 0,
                                           field: "Measurement Frequency", value: fields["Measurement Frequency"] ?? "",
                                           reason: "is not a sample rate between 0 and 10000 Hz")
        }
        let gain = try ["x gain", "y gain", "z gain"].map { try number($0) }
        let offset = try ["x offset", "y offset", "z offset"].map { try number($0) }
        for (key, g) in zip(["x gain", "y gain", "z gain"], gain) where g == 0 {
            throw FormatError.invalidField(file: path, offset: offsets[key] ?? 0, field: key, value: "0",
                                           reason: "would divide by zero")
        }
        let volts = try number("Volts")
        guard volts != 0 else {
            throw FormatError.invalidField(file: path, offset: offsets["Volts"] ?? 0, field: "Volts", value: "0",
                                           reason: "would divide by zero")
        }
        calibration = Calibration(gain: gain, offset: offset, volts: volts, lux: try number("Lux"))
        self.fields = fields
        self.dataOffset = dataOffset
    }

    /// Seconds since 1970 of a GENEActiv time "yyyy-MM-dd HH:mm:ss:SSS", read as UTC, or `nil`.
    static func parseTime(_ text: String) -> Double? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" || $0 == "." }).compactMap { Int($0) }
        guard parts.count >= 6 else { return nil }
        let (y, mo, d, h, mi, s) = (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5])
        let ms = parts.count > 6 ? parts[6] : 0
        guard (1...12).contains(mo), (1...31).contains(d), (0..<24).contains(h), (0..<60).contains(mi),
              (0..<61).contains(s), (0..<1000).contains(ms), (1900...2200).contains(y) else { return nil }
        return Double(daysFromCivil(year: y, month: mo, day: d) * 86400 + h * 3600 + mi * 60 + s) + Double(ms) / 1000
    }
}
