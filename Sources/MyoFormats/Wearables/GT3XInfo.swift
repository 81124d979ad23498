import Foundation

/// The `info.txt` of a `.gt3x` archive: "Key: Value" lines (Serial Number, Sample Rate,
/// Start Date and Last Sample Time in .NET ticks, Acceleration Scale/Min/Max, TimeZone, …).
struct GT3XInfo {
    var fields: [String: String]
    var sampleRate: Int
    /// Unix seconds (device local time) of the first sample, or `nil` when not given.
    var startSecond: Int?
    /// Unix seconds just past the last sample, or `nil` when not given (0 in the file).
    var lastSampleSecond: Int?
    var accelerationScale: Double?
    var accelerationRange: ClosedRange<Double>?

    /// .NET ticks (100 ns since 0001-01-01) at 1970-01-01.
    static let unixEpochTicks: Int64 = 621_355_968_000_000_000

    /// Parses `bytes`. Throws `.invalidLine` naming the line of a sample rate or date that
    /// cannot be right.
    init(bytes: [UInt8], path: String) throws {
        let file = "\(path) (info.txt)"
        var fields: [String: String] = [:], lineOf: [String: Int] = [:]
        for (i, raw) in String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false,
                                                                      whereSeparator: \.isNewline).enumerated() {
            guard let colon = raw.firstIndex(of: ":") else { continue }
            let key = raw[..<colon].trimmingCharacters(in: .whitespaces)
            fields[key] = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            lineOf[key] = i + 1
        }
        self.fields = fields
        guard let rateText = fields["Sample Rate"] else {
            throw FormatError.inconsistent(file: file, offset: nil, field: "Sample Rate", reason: "is missing")
        }
        guard let rate = Int(rateText), rate > 0, rate <= 10_000 else {
            throw FormatError.invalidLine(file: file, line: lineOf["Sample Rate"] ?? 0, field: "Sample Rate",
                                          reason: "\"\(printable(rateText))\" is not a sample rate in Hz")
        }
        sampleRate = rate
        func seconds(_ key: String) throws -> Int? {
            guard let text = fields[key] else { return nil }
            guard let ticks = Int64(text), ticks >= 0 else {
                throw FormatError.invalidLine(file: file, line: lineOf[key] ?? 0, field: key,
                                              reason: "\"\(printable(text))\" is not a count of .NET ticks")
            }
            if ticks == 0 { return nil }
            guard ticks >= Self.unixEpochTicks else {
                throw FormatError.invalidLine(file: file, line: lineOf[key] ?? 0, field: key, reason: "is before 1970")
            }
            return Int((ticks - Self.unixEpochTicks) / 10_000_000)
        }
        startSecond = try seconds("Start Date")
        lastSampleSecond = try seconds("Last Sample Time")
        // Some locales write decimals with a comma ("4,03").
        func number(_ key: String) -> Double? { fields[key].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) } }
        accelerationScale = number("Acceleration Scale").flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        if let lo = number("Acceleration Min"), let hi = number("Acceleration Max"), lo < hi { accelerationRange = lo...hi }
    }
}
