import Foundation
import MyoSignal

/// Streams a delimited text table of samples: lab exports, wearable exports, BioSPPy "Simple
/// Text Format" files, and the CSV files Myotrace itself writes (`time_s,<label> [<unit>],...`).
///
/// What it works out, in order:
/// - the delimiter (tab, semicolon, comma, or runs of spaces) from the first row; a decimal
///   comma is accepted when the delimiter is not a comma;
/// - `#` comment lines, from which "Sampling Rate (Hz):= 100", "Labels:= ...", "Units:= ..."
///   (BioSPPy) or "sample rate: 50" are read;
/// - a header row (any cell that is neither a number nor a date-time), whose headings give label
///   and unit ("EMG [uV]", "acc_x (g)", "accX_m/s^2");
/// - a time column (first column, named like a time, holding date-times, or any first column of
///   a headerless multi-column file when no rate is known), in seconds, milliseconds (named so),
///   unix epoch seconds or milliseconds (by magnitude) or date-times (UTC unless they carry a
///   zone), which also give the start.
///
/// The sample rate is the option `sampleRate`, else the comments', else 1 / the median interval
/// between timestamps (of the first 100 000 rows). Timestamps are never resampled: intervals more
/// than 1.5 times the median are reported as gaps, and other intervals more than 25 % off the
/// median as jitter, in `header.warnings` with counts and the first line numbers. Time going
/// backwards is an error naming the line.
///
/// The file is read twice with bounded memory: once when opened (rows and timestamps), then
/// block by block as chunks of at most 64 Ki rows.
public final class CSVRecordingReader: RecordingReader {
    public let path: String
    public let header: RecordingHeader

    /// The tolerance of jitter, as a fraction of the median interval.
    public static let jitterTolerance = 0.25
    /// An interval longer than this many median intervals is a gap.
    public static let gapFactor = 1.5

    private enum TimeKind { case seconds, milliseconds, microseconds, epochSeconds, epochMilliseconds, dateTime }

    private let source: CSVLineSource
    private let delimiter: CSVDelimiter
    private let decimalComma: Bool
    private let columnCount: Int
    private let timeColumn: Int?
    private let timeKind: TimeKind
    private let valueColumns: [Int]
    private let dataOffset: Int
    private let dataLine: Int
    private let rowCount: Int
    private let sampleRate: Double
    private let firstTime: Double
    private let rowsPerChunk: Int
    private var rowsRead = 0
    private var cells: [Range<Int>] = []

    /// Opens `path` and scans it once. `sampleRate` (Hz) is needed for files without a time
    /// column whose comments do not state a rate. Throws `FormatError.invalidLine` naming the line
    /// and column of an empty file, a header-only file, a row with the wrong number of cells, a
    /// time cell that is not a time, or time going backwards.
    /// Complexity: O(file size) time, O(1) memory beyond 100 000 intervals.
    public init(path: String, sampleRate: Double? = nil) throws {
        self.path = path
        let file = try BinaryFile(path: path)
        let source = CSVLineSource(file: file)
        self.source = source
        if let r = sampleRate, !(r.isFinite && r > 0) {
            throw FormatError.invalidField(file: path, offset: 0, field: "sample rate", value: "\(r)", reason: "is not a positive rate")
        }

        // Comments and the first row.
        var comments: [String] = []
        var first: (line: Int, offset: Int, bytes: [UInt8])?
        while first == nil {
            let offset = source.nextLineOffset
            guard let bytes = try source.nextLine({ Array($0) }) else { break }
            let text = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            if text.isEmpty { continue }
            if text.first == 0x23 { comments.append(String(decoding: text.dropFirst(), as: UTF8.self)); continue }
            // The offset skips a byte-order mark and indentation, so re-reading the row sees what was parsed here.
            first = (source.lineNumber, offset + bytes.count - text.count, Array(text))
        }
        guard let first else {
            throw FormatError.invalidLine(file: path, line: max(1, source.lineNumber), field: nil,
                                          reason: "the file holds no rows")
        }
        let meta = Self.commentMetadata(comments)
        let firstCells: [String] = first.bytes.withUnsafeBufferPointer { line in
            var ranges: [Range<Int>] = []
            let d = CSVDelimiter.detect(line)
            d.split(line, into: &ranges)
            return ranges.map { CSVValueParser.text(line, $0) }
        }
        let delimiter = first.bytes.withUnsafeBufferPointer { CSVDelimiter.detect($0) }
        let decimalComma = delimiter != .byte(0x2C)
        self.delimiter = delimiter
        self.decimalComma = decimalComma
        columnCount = firstCells.count
        let isHeader = first.bytes.withUnsafeBufferPointer { line -> Bool in
            var ranges: [Range<Int>] = []
            delimiter.split(line, into: &ranges)
            return ranges.contains { r in
                CSVValueParser.number(line, r, decimalComma: decimalComma) == nil && CSVValueParser.dateTime(line, r) == nil
            }
        }
        if isHeader {
            dataOffset = source.nextLineOffset
            dataLine = first.line + 1
        } else {
            dataOffset = first.offset
            dataLine = first.line
        }
        // The first data row decides what the first column holds.
        source.seek(offset: dataOffset, line: dataLine)
        var firstRow: [UInt8]?
        while firstRow == nil, let bytes = try source.nextLine({ Array($0) }) {
            if let b = bytes.first(where: { $0 != 0x20 && $0 != 0x09 }), b != 0x23 { firstRow = bytes }
        }
        guard let firstRow else {
            throw FormatError.invalidLine(file: path, line: first.line, field: nil,
                                          reason: isHeader ? "the file has a header row but no data rows" : "the file holds no rows")
        }
        let (firstIsDate, firstValue): (Bool, Double?) = firstRow.withUnsafeBufferPointer { line in
            var ranges: [Range<Int>] = []
            delimiter.split(line, into: &ranges)
            guard let r = ranges.first else { return (false, nil) }
            return (CSVValueParser.dateTime(line, r) != nil, CSVValueParser.number(line, r, decimalComma: decimalComma))
        }
        let knownRate = sampleRate ?? meta.rate
        let firstName = isHeader ? (firstCells.first ?? "").lowercased() : ""
        let namedTime = isHeader && Self.isTimeName(firstName)
        let hasTime = columnCount > 0 && (firstIsDate || namedTime || (!isHeader && knownRate == nil && columnCount >= 2))
        timeColumn = hasTime ? 0 : nil
        if hasTime {
            let heading = CSVColumnName(firstCells.first ?? "")
            let unit = heading.unit.lowercased(), name = heading.label.lowercased()
            if firstIsDate { timeKind = .dateTime }
            else if unit == "ms" || name == "ms" || name.hasSuffix("_ms") || name.contains("millis")
                        || (name.contains("time") && name.hasSuffix("ms")) { timeKind = .milliseconds }
            else if unit == "us" || unit == "µs" || name.hasSuffix("_us") { timeKind = .microseconds }
            else if let v = firstValue, v >= 1e11 { timeKind = .epochMilliseconds }
            else if let v = firstValue, v >= 1e8 { timeKind = .epochSeconds }
            else { timeKind = .seconds }
        } else {
            timeKind = .seconds
        }
        guard hasTime || knownRate != nil else {
            throw FormatError.invalidLine(file: path, line: dataLine, field: nil,
                                          reason: "no time column and no sample rate: pass the rate (sampleRate:) or add a time column")
        }
        valueColumns = Array((hasTime ? 1 : 0)..<columnCount)
        rowsPerChunk = max(1, min(1 << 16, (1 << 18) / max(1, valueColumns.count)))

        // The scan: rows, cells per row, timestamps.
        source.seek(offset: dataOffset, line: dataLine)
        var warnings: [String] = []
        var scan = IntervalScan()
        var rows = 0
        var previous: Double?
        var start: Double?
        var cells: [Range<Int>] = []
        let timeCol = timeColumn, kind = timeKind, delim = delimiter, comma = decimalComma, columns = firstCells.count
        let headings = isHeader ? firstCells : []
        while try source.nextLine({ line in
            if Self.isSkippable(line) { return }
            delim.split(line, into: &cells)
            guard cells.count == columns else {
                throw FormatError.invalidLine(file: path, line: source.lineNumber, field: nil,
                                              reason: "\(cells.count) cells, the first row has \(columns)")
            }
            if let c = timeCol {
                guard let t = Self.time(line, cells[c], kind: kind, decimalComma: comma) else {
                    throw FormatError.invalidLine(file: path, line: source.lineNumber, field: headings.first ?? "1",
                                                  reason: "\"\(printable(CSVValueParser.text(line, cells[c])))\" is not a time")
                }
                if let p = previous {
                    guard t >= p else {
                        throw FormatError.invalidLine(file: path, line: source.lineNumber, field: headings.first ?? "1",
                                                      reason: "time goes backwards (from \(p) to \(t))")
                    }
                    scan.add(t - p, line: source.lineNumber)
                }
                if start == nil { start = t }
                previous = t
            }
            rows += 1
        }) != nil {}
        rowCount = rows
        firstTime = start ?? 0
        var rate = knownRate ?? 0
        if hasTime {
            let median = scan.median()
            if knownRate == nil {
                guard let median, median > 0 else {
                    throw FormatError.invalidLine(file: path, line: dataLine, field: headings.first ?? "1",
                                                  reason: rows < 2 ? "one row is not enough to find a sample rate" : "the timestamps do not advance")
                }
                rate = Self.niceRate(1 / median)
            }
            warnings += scan.report(reference: 1 / rate, path: path)
        }
        self.sampleRate = rate

        // Channel names: header, else comments (BioSPPy), else the wearable convention, else generic.
        var names: [CSVColumnName] = valueColumns.map { CSVColumnName(isHeader ? firstCells[$0] : "") }
        var kinds: [ChannelKind?] = Array(repeating: nil, count: names.count)
        if !isHeader {
            if meta.labels.count == names.count {
                names = meta.labels.enumerated().map { i, l in
                    var n = CSVColumnName(l)
                    if n.unit.isEmpty { n.unit = meta.units.count == names.count ? CSVColumnName.normalise(meta.units[i]) : CSVColumnName.normalise(meta.units.first ?? "") }
                    return n
                }
            } else if hasTime && (names.count == 3 || names.count == 6) {
                let axes = ["X", "Y", "Z"]
                names = axes.map { CSVColumnName(label: "Accel \($0)", unit: "g") }
                kinds = [.acc, .acc, .acc]
                if names.count < valueColumns.count {
                    names += axes.map { CSVColumnName(label: "Gyro \($0)", unit: "deg/s") }
                    kinds += [.gyro, .gyro, .gyro]
                }
                warnings.append("\(path): no header row; the \(valueColumns.count) value columns are assumed to be "
                                + (valueColumns.count == 3 ? "accelerometer x, y, z in g" : "accelerometer x, y, z in g and gyroscope x, y, z in deg/s"))
            } else {
                names = names.indices.map { CSVColumnName(label: "Channel \($0 + 1)", unit: "") }
                kinds = names.map { _ in .other }
            }
        }
        let startDate: Date? = [.epochSeconds, .epochMilliseconds, .dateTime].contains(timeKind) && start != nil
            ? Date(timeIntervalSince1970: firstTime) : nil
        let channels = names.enumerated().map { i, n in
            ChannelInfo(label: n.label.isEmpty ? "Channel \(i + 1)" : n.label, kind: kinds[i], unit: n.unit,
                        sampleRate: rate, sampleCount: rows)
        }
        header = RecordingHeader(format: .csv, start: startDate, channels: channels, warnings: warnings)
        source.seek(offset: dataOffset, line: dataLine)
    }

    public func rewind() throws {
        source.seek(offset: dataOffset, line: dataLine)
        rowsRead = 0
    }

    /// The next block of at most 64 Ki rows. Throws `FormatError.invalidLine` naming the line and
    /// column of a cell that is not a number ("nan" and empty cells read as NaN).
    /// Complexity: O(bytes of the rows), no allocation per cell.
    public func nextChunk() throws -> RecordingChunk? {
        guard rowsRead < rowCount else { return nil }
        let want = min(rowsPerChunk, rowCount - rowsRead)
        var out: [[Float]] = valueColumns.map { _ in var a = [Float](); a.reserveCapacity(want); return a }
        var onset: Double?
        var got = 0
        let columns = valueColumns, delim = delimiter, comma = decimalComma, timeCol = timeColumn, kind = timeKind
        var cells = self.cells
        defer { self.cells = cells }
        while got < want, try source.nextLine({ line in
            if Self.isSkippable(line) { return }
            delim.split(line, into: &cells)
            guard cells.count == columnCount else {
                throw FormatError.invalidLine(file: path, line: source.lineNumber, field: nil,
                                              reason: "\(cells.count) cells, the first row has \(columnCount)")
            }
            if onset == nil {
                if let c = timeCol, let t = Self.time(line, cells[c], kind: kind, decimalComma: comma) { onset = t - firstTime }
                else { onset = Double(rowsRead) / sampleRate }
            }
            for (k, c) in columns.enumerated() {
                if let v = CSVValueParser.number(line, cells[c], decimalComma: comma) {
                    out[k].append(Float(v))
                } else if Self.isMissing(line, cells[c]) {
                    out[k].append(.nan)
                } else {
                    throw FormatError.invalidLine(file: path, line: source.lineNumber, field: header.channels[k].label,
                                                  reason: "\"\(printable(CSVValueParser.text(line, cells[c])))\" is not a number")
                }
            }
            got += 1
        }) != nil {}
        guard got > 0 else { return nil }
        let first = Array(repeating: rowsRead, count: columns.count)
        rowsRead += got
        return RecordingChunk(onset: onset ?? 0, firstSample: first, samples: out)
    }

    public func annotations() throws -> [Annotation] { [] }

    // MARK: - Helpers

    private static func isSkippable(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in line where b != 0x20 && b != 0x09 { return b == 0x23 }
        return true
    }

    private static func isMissing(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        let r = CSVValueParser.trim(line, range)
        if r.isEmpty { return true }
        guard r.count == 3 else { return false }
        return (line[r.lowerBound] | 0x20) == 0x6E && (line[r.lowerBound + 1] | 0x20) == 0x61 && (line[r.lowerBound + 2] | 0x20) == 0x6E
    }

    private static func time(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, kind: TimeKind, decimalComma: Bool) -> Double? {
        switch kind {
        case .dateTime: return CSVValueParser.dateTime(line, range)
        case .seconds, .epochSeconds: return CSVValueParser.number(line, range, decimalComma: decimalComma).flatMap { $0.isFinite ? $0 : nil }
        case .milliseconds, .epochMilliseconds: return CSVValueParser.number(line, range, decimalComma: decimalComma).flatMap { $0.isFinite ? $0 / 1000 : nil }
        case .microseconds: return CSVValueParser.number(line, range, decimalComma: decimalComma).flatMap { $0.isFinite ? $0 / 1e6 : nil }
        }
    }

    private static func isTimeName(_ name: String) -> Bool {
        let label = CSVColumnName(name).label.lowercased()
        if ["t", "s", "ms", "sec", "secs", "seconds", "date", "datetime", "timestamp", "epoch", "unix"].contains(label) { return true }
        return label.contains("time")
    }

    /// Snaps a rate computed from timestamps to the nearest integer when within 0.01 %, so 100 Hz
    /// written with 4-decimal epoch seconds reads as 100, not 100.00001.
    private static func niceRate(_ rate: Double) -> Double {
        let rounded = rate.rounded()
        return rounded > 0 && abs(rate - rounded) < 1e-4 * rate ? rounded : rate
    }

    /// Reads "key:= value", "key: value" and "key = value" comments.
    private static func commentMetadata(_ comments: [String]) -> (rate: Double?, labels: [String], units: [String]) {
        var rate: Double?
        var labels: [String] = [], units: [String] = []
        for c in comments {
            guard let sep = c.firstIndex(where: { $0 == ":" || $0 == "=" }) else { continue }
            let key = c[..<sep].trimmingCharacters(in: .whitespaces).lowercased()
            let value = c[c.index(after: sep)...].drop { $0 == "=" || $0 == " " || $0 == "\t" }
            let items = value.split(whereSeparator: { $0 == "\t" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }
            if key.contains("sampling rate") || key.contains("sample rate") || key.contains("sampling frequency") || key == "fs" {
                if let v = Double(value.split(separator: " ").first ?? ""), v > 0, v.isFinite { rate = v }
            } else if key == "labels" || key == "label" {
                labels = items
            } else if key == "units" || key == "unit" {
                units = items
            }
        }
        return (rate, labels, units)
    }
}

/// Intervals between timestamps: their median (from the first 100 000) and the gaps and jitter
/// against a reference interval, counted with the first line numbers of each.
private struct IntervalScan {
    private var stored: [(interval: Double, line: Int)] = []
    private var reference: Double?
    private var gaps = 0, jitter = 0
    private var gapLines: [Int] = [], jitterLines: [Int] = []
    private static let storedLimit = 100_000

    mutating func add(_ interval: Double, line: Int) {
        if let r = reference { classify(interval, line: line, reference: r); return }
        stored.append((interval, line))
        if stored.count == Self.storedLimit, let m = median() { reference = m; stored.forEach { classify($0.interval, line: $0.line, reference: m) } }
    }

    func median() -> Double? {
        if let reference { return reference }
        guard !stored.isEmpty else { return nil }
        let sorted = stored.map(\.interval).sorted()
        let n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    private mutating func classify(_ interval: Double, line: Int, reference r: Double) {
        if interval > CSVRecordingReader.gapFactor * r {
            gaps += 1
            if gapLines.count < 5 { gapLines.append(line) }
        } else if abs(interval - r) > CSVRecordingReader.jitterTolerance * r {
            jitter += 1
            if jitterLines.count < 5 { jitterLines.append(line) }
        }
    }

    /// The warnings, classifying the intervals not classified yet against `reference`.
    mutating func report(reference r: Double, path: String) -> [String] {
        if reference == nil { stored.forEach { classify($0.interval, line: $0.line, reference: r) } }
        var out: [String] = []
        func lines(_ l: [Int], _ n: Int) -> String { l.map(String.init).joined(separator: ", ") + (n > l.count ? ", ..." : "") }
        if gaps > 0 {
            out.append("\(path): \(gaps) gaps in the timestamps (intervals over \(CSVRecordingReader.gapFactor) sample periods) at lines \(lines(gapLines, gaps)); samples are kept back to back, not resampled")
        }
        if jitter > 0 {
            out.append("\(path): \(jitter) irregular timestamp intervals (more than \(Int(CSVRecordingReader.jitterTolerance * 100)) % off the sample period) at lines \(lines(jitterLines, jitter))")
        }
        return out
    }
}
