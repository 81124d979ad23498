import Foundation
import MyoFormats
import MyoSignal

/// Reads a hypnogram kept apart from the signals: an annotation-only EDF+ (such as the
/// "Hypnogram" files of the Sleep-EDF database) or a text table of `onset,duration,stage`.
public enum HypnogramFile {
    /// The largest text hypnogram read: 64 MB is about a million epochs, far beyond any night,
    /// so a wrong file is refused before it is read into memory.
    public static let maximumTextBytes = 64 << 20

    /// Reads `path`: EDF/EDF+/BDF+ through the recording readers (its annotations), anything else
    /// as a text table (``parse(text:file:)``).
    /// - Throws: ``FormatError`` for an unreadable EDF+, ``SleepError`` for a bad table or a file
    ///   without stages.
    /// Complexity: O(file size).
    public static func load(_ path: String) throws -> Hypnogram {
        let format = try? RecordingFile.detectFormat(path)
        let hypnogram: Hypnogram
        switch format {
        case .edf?, .edfPlus?, .bdf?, .bdfPlus?:
            hypnogram = Hypnogram(annotations: try RecordingFile.open(path).annotations())
        default:
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            guard let size = (attributes?[.size] as? NSNumber)?.intValue,
                  let data = size <= maximumTextBytes ? FileManager.default.contents(atPath: path) : Data() else {
                throw FormatError.cannotOpen(file: path, reason: "cannot read the file")
            }
            guard size <= maximumTextBytes else {
                throw FormatError.inconsistent(file: path, offset: nil, field: "file size",
                                               reason: "\(size) bytes is too large for a hypnogram table (at most \(maximumTextBytes))")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw FormatError.invalidField(file: path, offset: 0, field: "hypnogram table", value: "", reason: "is not UTF-8 text")
            }
            hypnogram = try parse(text: text, file: path)
        }
        if hypnogram.isEmpty { throw SleepError.noStages(file: path) }
        return hypnogram
    }

    /// Parses a hypnogram table: one epoch a line as `onset,duration,stage` (seconds, seconds,
    /// a stage as ``SleepStage/init(annotationText:)`` reads it). Commas, semicolons, tabs or
    /// spaces separate the cells; a first line that is not numeric is a header; blank lines and
    /// lines starting with `#` are skipped. Stages outside the known set are an error, not
    /// skipped, so a mislabelled column is noticed.
    /// Complexity: O(text length).
    public static func parse(text: String, file: String) throws(SleepError) -> Hypnogram {
        var epochs: [SleepEpoch] = []
        var lineNumber = 0
        var sawData = false
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let separator: (Character) -> Bool = line.contains(",") ? { $0 == "," }
                : line.contains(";") ? { $0 == ";" } : line.contains("\t") ? { $0 == "\t" } : { $0 == " " }
            let cells = line.split(whereSeparator: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawData, let first = cells.first, Double(first) == nil { continue }
            sawData = true
            guard cells.count >= 3 else {
                throw .invalidLine(file: file, line: lineNumber, column: "stage",
                                   reason: "expected onset,duration,stage but found \(cells.count) cell(s)")
            }
            guard let onset = Double(cells[0]), onset.isFinite else {
                throw .invalidLine(file: file, line: lineNumber, column: "onset", reason: "\"\(cells[0])\" is not a number of seconds")
            }
            guard let duration = Double(cells[1]), duration.isFinite, duration > 0 else {
                throw .invalidLine(file: file, line: lineNumber, column: "duration", reason: "\"\(cells[1])\" is not a positive number of seconds")
            }
            let stageText = cells[2...].joined(separator: " ")
            guard let stage = SleepStage(annotationText: stageText) else {
                throw .invalidLine(file: file, line: lineNumber, column: "stage",
                                   reason: "\"\(stageText)\" is not a sleep stage (W, N1, N2, N3, R, 1-4, REM, ?, MT)")
            }
            epochs.append(SleepEpoch(onset: onset, duration: duration, stage: stage))
        }
        return Hypnogram(epochs: epochs)
    }
}
