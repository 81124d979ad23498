import Foundation

/// One signal line of a WFDB header: where a signal's samples are and how to scale them.
struct WFDBSignalSpec: Sendable, Equatable {
    /// The signal file, relative to the header's folder ("~" in a layout segment).
    var fileName: String
    var format: Int
    /// Samples of this signal in each frame (the "x" suffix of the format field).
    var samplesPerFrame: Int
    var skew: Int
    /// Bytes to skip at the start of the signal file (the "+" suffix).
    var byteOffset: Int
    /// ADC units per physical unit; 0 in the file means "uncalibrated" and is stored as 200.
    var gain: Double
    var baseline: Int
    var units: String
    var adcResolution: Int
    var adcZero: Int
    var description: String
    /// The header line the signal was declared on, for messages.
    var line: Int
}

/// One segment of a multi-segment record: a record name ("~" for a gap) and its length in frames.
struct WFDBSegmentSpec: Sendable, Equatable {
    var name: String
    var frameCount: Int
    var line: Int
}

/// A parsed WFDB header (`.hea`) file.
///
/// The grammar follows the WFDB "header(5)" specification: a record line
/// `name[/segments] nsig [fs[/counterfreq[(base)]] [nsamp [basetime [basedate]]]]`, then one
/// line per signal (or per segment in a multi-segment record), with `#` comment lines anywhere.
/// Missing optional fields take the specification's defaults (fs 250 Hz, gain 200, units mV).
struct WFDBHeader: Sendable {
    var recordName: String
    var signalCount: Int
    var frameRate: Double
    /// Frames in the record, or `nil` when the header leaves it out (then the signal files say).
    var frameCount: Int?
    var start: Date?
    var signals: [WFDBSignalSpec]
    /// Non-empty for a multi-segment record.
    var segments: [WFDBSegmentSpec]
    var comments: [String]
    var warnings: [String]

    var isMultiSegment: Bool { !segments.isEmpty }

    /// The default sampling frequency of the WFDB specification when the record line omits it.
    static let defaultFrameRate = 250.0
    /// The gain the WFDB library assumes for a signal whose gain field is 0 or missing.
    static let defaultGain = 200.0

    /// Parses the header at `path`. Complexity: O(size of the file), which is bounded to 1 MB
    /// because a header is text of a few lines per signal.
    static func read(path: String) throws -> WFDBHeader {
        let file = try BinaryFile(path: path)
        guard file.size <= 1 << 20 else {
            throw FormatError.inconsistent(file: path, offset: 0, field: "header size",
                                           reason: "\(file.size) bytes is far too large for a WFDB header")
        }
        let bytes = try file.bytes(offset: 0, count: file.size, field: "header")
        guard let text = String(bytes: bytes, encoding: .utf8) ?? String(bytes: bytes, encoding: .isoLatin1) else {
            throw FormatError.invalidLine(file: path, line: 1, field: nil, reason: "the header is not text")
        }
        return try parse(text: text, path: path)
    }

    /// Parses header text; `path` is used in error messages only.
    static func parse(text: String, path: String) throws -> WFDBHeader {
        var lines: [(number: Int, fields: [Substring], raw: Substring)] = []
        var comments: [String] = []
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = rawLine.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("#") {
                comments.append(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces))
                continue
            }
            let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty { continue }
            lines.append((index + 1, fields, trimmed))
        }
        guard let recordLine = lines.first else {
            throw FormatError.invalidLine(file: path, line: 1, field: "record line", reason: "the header has no record line")
        }
        let ln = recordLine.number
        let f = recordLine.fields
        guard f.count >= 2 else {
            throw FormatError.invalidLine(file: path, line: ln, field: "number of signals",
                                          reason: "the record line needs at least a record name and a number of signals")
        }
        var header = WFDBHeader(recordName: "", signalCount: 0, frameRate: defaultFrameRate, frameCount: nil,
                                start: nil, signals: [], segments: [], comments: comments, warnings: [])
        let nameParts = f[0].split(separator: "/", omittingEmptySubsequences: false)
        header.recordName = String(nameParts[0])
        var segmentCount = 0
        if nameParts.count > 1 {
            segmentCount = try nonNegativeInt(nameParts[1], path: path, line: ln, field: "number of segments")
            guard segmentCount > 0, segmentCount < lines.count else {
                throw FormatError.invalidLine(file: path, line: ln, field: "number of segments",
                                              reason: "\(segmentCount) segments announced, \(lines.count - 1) segment lines present")
            }
        }
        header.signalCount = try nonNegativeInt(f[1], path: path, line: ln, field: "number of signals")
        if f.count > 2 {
            // fs[/counterfreq[(base)]]: only the sampling frequency matters for samples.
            let fsText = f[2].prefix { $0 != "/" }
            guard let fs = Double(fsText), fs.isFinite, fs > 0 else {
                throw FormatError.invalidLine(file: path, line: ln, field: "sampling frequency",
                                              reason: "\"\(printable(String(fsText)))\" is not a positive number")
            }
            header.frameRate = fs
        } else {
            header.warnings.append("\(path): no sampling frequency in the header; the WFDB default of 250 Hz is assumed")
        }
        if f.count > 3 {
            header.frameCount = try nonNegativeInt(f[3], path: path, line: ln, field: "number of samples per signal")
        }
        if f.count > 4 {
            header.start = try parseStart(time: f[4], date: f.count > 5 ? f[5] : nil, path: path, line: ln)
        }

        let body = lines.dropFirst()
        if segmentCount > 0 {
            for entry in body.prefix(segmentCount) {
                guard entry.fields.count >= 2 else {
                    throw FormatError.invalidLine(file: path, line: entry.number, field: "segment length",
                                                  reason: "a segment line needs a record name and a length")
                }
                let length = try nonNegativeInt(entry.fields[1], path: path, line: entry.number, field: "segment length")
                header.segments.append(WFDBSegmentSpec(name: String(entry.fields[0]), frameCount: length, line: entry.number))
            }
            return header
        }
        guard body.count >= header.signalCount else {
            throw FormatError.invalidLine(file: path, line: (lines.last?.number ?? ln) + 1, field: "signal line",
                                          reason: "\(header.signalCount) signals announced, \(body.count) signal lines present")
        }
        for entry in body.prefix(header.signalCount) {
            header.signals.append(try parseSignal(entry.fields, raw: entry.raw, path: path, line: entry.number,
                                                  warnings: &header.warnings))
        }
        return header
    }

    private static func parseSignal(_ f: [Substring], raw: Substring, path: String, line: Int,
                                    warnings: inout [String]) throws -> WFDBSignalSpec {
        guard f.count >= 2 else {
            throw FormatError.invalidLine(file: path, line: line, field: "format",
                                          reason: "a signal line needs at least a file name and a format")
        }
        var spec = WFDBSignalSpec(fileName: String(f[0]), format: 0, samplesPerFrame: 1, skew: 0, byteOffset: 0,
                                  gain: defaultGain, baseline: 0, units: "mV", adcResolution: 0, adcZero: 0,
                                  description: "", line: line)
        // format[xspf][:skew][+offset]
        let formatField = f[1]
        var rest = formatField[...]
        let formatDigits = rest.prefix { $0.isNumber }
        guard let format = Int(formatDigits) else {
            throw FormatError.invalidLine(file: path, line: line, field: "format",
                                          reason: "\"\(printable(String(formatField)))\" is not a WFDB signal format")
        }
        spec.format = format
        rest = rest.dropFirst(formatDigits.count)
        while let marker = rest.first {
            rest = rest.dropFirst()
            let digits = rest.prefix { $0.isNumber || $0 == "-" }
            rest = rest.dropFirst(digits.count)
            let value = try nonNegativeInt(digits, path: path, line: line, field: "format suffix \(marker)", allowNegative: marker == ":")
            switch marker {
            case "x": spec.samplesPerFrame = value
            case ":": spec.skew = value
            case "+": spec.byteOffset = value
            default:
                throw FormatError.invalidLine(file: path, line: line, field: "format",
                                              reason: "\"\(printable(String(formatField)))\" has an unknown suffix")
            }
        }
        guard spec.samplesPerFrame >= 1, spec.samplesPerFrame <= 1 << 16 else {
            throw FormatError.invalidLine(file: path, line: line, field: "samples per frame",
                                          reason: "\(spec.samplesPerFrame) samples per frame is out of range")
        }
        if spec.skew != 0 {
            warnings.append("\(path): line \(line): a skew of \(spec.skew) frames is ignored")
        }
        var baselineGiven = false
        if f.count > 2 {
            // adc_gain[(baseline)][/units]
            var g = f[2][...]
            if let slash = g.firstIndex(of: "/") {
                spec.units = String(g[g.index(after: slash)...])
                g = g[..<slash]
            }
            if let open = g.firstIndex(of: "(") {
                guard g.last == ")", let b = Int(g[g.index(after: open)..<g.index(before: g.endIndex)]) else {
                    throw FormatError.invalidLine(file: path, line: line, field: "baseline",
                                                  reason: "\"\(printable(String(f[2])))\" has no integer baseline in parentheses")
                }
                spec.baseline = b
                baselineGiven = true
                g = g[..<open]
            }
            guard let gain = Double(g), gain.isFinite else {
                throw FormatError.invalidLine(file: path, line: line, field: "gain",
                                              reason: "\"\(printable(String(f[2])))\" is not a number")
            }
            spec.gain = gain == 0 ? defaultGain : gain
            if gain < 0 {
                throw FormatError.invalidLine(file: path, line: line, field: "gain", reason: "the gain \(gain) is negative")
            }
        }
        if f.count > 3 { spec.adcResolution = try nonNegativeInt(f[3], path: path, line: line, field: "ADC resolution") }
        if f.count > 4 {
            guard let zero = Int(f[4]) else {
                throw FormatError.invalidLine(file: path, line: line, field: "ADC zero",
                                              reason: "\"\(printable(String(f[4])))\" is not an integer")
            }
            spec.adcZero = zero
        }
        if !baselineGiven { spec.baseline = spec.adcZero }
        // Fields 5...7 are the initial value, checksum and block size; the description is the rest.
        if f.count > 8 {
            // The fields are slices of `raw`, so the description keeps its inner spaces.
            spec.description = String(raw[f[8].startIndex...]).trimmingCharacters(in: .whitespaces)
        }
        return spec
    }

    private static func parseStart(time: Substring, date: Substring?, path: String, line: Int) throws -> Date? {
        let pieces = time.split(separator: ":", omittingEmptySubsequences: false)
        let parts = pieces.compactMap { Double($0) }.filter { $0 >= 0 && $0.isFinite }
        guard !parts.isEmpty, parts.count == pieces.count, parts.count <= 3 else {
            throw FormatError.invalidLine(file: path, line: line, field: "base time",
                                          reason: "\"\(printable(String(time)))\" is not HH:MM:SS")
        }
        // "SS", "MM:SS" or "HH:MM:SS" per the specification.
        let seconds = parts.reversed().enumerated().reduce(0.0) { $0 + $1.element * pow(60, Double($1.offset)) }
        guard let date else { return nil }
        let d = date.split(separator: "/").map { Int($0) }
        guard d.count == 3, let day = d[0], let month = d[1], let year = d[2],
              (1...31).contains(day), (1...12).contains(month), (1...9999).contains(year) else {
            throw FormatError.invalidLine(file: path, line: line, field: "base date",
                                          reason: "\"\(printable(String(date)))\" is not DD/MM/YYYY")
        }
        let days = CivilDate.daysFromEpoch(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days) * 86_400 + seconds)
    }

    private static func nonNegativeInt(_ s: Substring, path: String, line: Int, field: String,
                                       allowNegative: Bool = false) throws -> Int {
        guard let v = Int(s), allowNegative || v >= 0 else {
            throw FormatError.invalidLine(file: path, line: line, field: field,
                                          reason: "\"\(printable(String(s)))\" is not a non-negative integer")
        }
        return v
    }
}

/// Calendar arithmetic without Foundation's calendars, for parsing dates in hot loops.
enum CivilDate {
    /// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
    /// Complexity: O(1).
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
