import ArgumentParser
import Foundation
import MyoDetect
import MyoFormats
import MyoSignal

/// `myotrace info FILE`: what a recording holds, for a person or (with `--json`) a program.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show what a recording holds: format, start, duration, channels, annotations.",
        discussion: """
        Reads only the header and the annotations, so it is quick even on a night-long file.
        Channel kinds (emg, eeg, ecg, eog, acc, gyro, resp, audio, other) are inferred from each \
        channel's label, transducer and unit; correct a wrong guess with --kind.

        Examples:
          myotrace info Samples/demo.edf
          myotrace info night.edf --json > night.json
          myotrace info export.csv --kind "ch2=emg" --kind 3=acc
          myotrace info 100.hea                     (a PhysioNet WFDB record)

        The JSON has the keys format, start, durationSeconds, channels (label, kind, unit, \
        sampleRate in Hz, sampleCount, ...), annotations (onset, duration, text), segments and \
        warnings.
        """)

    @Argument(help: "The recording: .edf, .bdf, .hea (WFDB), .cwa, .bin (GENEActiv), .gt3x, .csv, .txt or .wav.")
    var file: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(name: .customLong("kind"), help: "Set a channel's kind: LABEL=KIND or NUMBER=KIND (repeatable).")
    var kinds: [ChannelKindOverride] = []

    @Option(help: "Maximum number of annotations to list in text output (all are in --json).")
    var maxAnnotations = 20

    func run() throws {
        try reportingErrors {
            let reader = try RecordingFile.open(file)
            var description = try RecordingDescription(reader: reader)
            var header = reader.header
            try ChannelKindOverride.apply(kinds, to: &header)
            for i in description.channels.indices { description.channels[i].kind = header.channels[i].kind.rawValue }
            if json {
                print(try description.json())
            } else {
                print(InfoText.render(description, maxAnnotations: maxAnnotations))
            }
        }
    }
}

/// The human-readable form of `myotrace info`.
enum InfoText {
    static func render(_ d: RecordingDescription, maxAnnotations: Int) -> String {
        var out: [String] = []
        out.append("\(d.file)")
        out.append("  format      \(d.format)\(d.segments.count > 1 ? " (discontinuous, \(d.segments.count) segments)" : "")")
        out.append("  start       \(d.start.map { $0.replacingOccurrences(of: "T", with: " ") } ?? "unknown")")
        out.append("  duration    \(seconds(d.durationSeconds))")
        if !d.subject.text.trimmingCharacters(in: .whitespaces).isEmpty { out.append("  subject     \(d.subject.text)") }
        if !d.recording.text.trimmingCharacters(in: .whitespaces).isEmpty { out.append("  recording   \(d.recording.text)") }
        out.append("  channels    \(d.channels.count)")
        let rows = d.channels.enumerated().map { i, c in
            ["\(i + 1)", c.label, c.kind, c.unit, rate(c.sampleRate), "\(c.sampleCount)"]
        }
        out += table(header: ["#", "label", "kind", "unit", "rate (Hz)", "samples"], rows: rows, rightAligned: [0, 4, 5])
            .map { "    " + $0 }
        out.append("  annotations \(d.annotations.count)")
        for a in d.annotations.prefix(maxAnnotations) {
            let dur = a.duration.map { " (\(String(format: "%.3f", $0)) s)" } ?? ""
            out.append("    \(String(format: "%10.3f", a.onset)) s\(dur)  \(a.text)")
        }
        if d.annotations.count > maxAnnotations {
            out.append("    ... \(d.annotations.count - maxAnnotations) more (see --json or --max-annotations)")
        }
        for w in d.warnings { out.append("  warning: \(w)") }
        return out.joined(separator: "\n")
    }

    static func seconds(_ s: Double) -> String {
        let total = Int(s.rounded(.down))
        return String(format: "%.3f s (%02d:%02d:%02d)", s, total / 3600, (total / 60) % 60, total % 60)
    }

    static func rate(_ r: Double) -> String {
        r == r.rounded() ? String(format: "%.0f", r) : String(format: "%g", r)
    }

    static func table(header: [String], rows: [[String]], rightAligned: Set<Int>) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
    }
}

/// An error whose description is written for the person running `myotrace`: it says what is
/// wrong and where (file, field, byte offset or line, parameter).
protocol UserFacingError: Error, CustomStringConvertible {}

extension FormatError: UserFacingError {}
extension EventTableError: UserFacingError {}
extension DetectorError: UserFacingError {}
extension AnalysisError: UserFacingError {}
extension SimulationError: UserFacingError {}

/// Runs `body`, turning Myotrace's typed errors into a one-line message on standard error and
/// exit status 1 (argument mistakes keep ArgumentParser's usage message).
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as any UserFacingError {
        FileHandle.standardError.write(Data("myotrace: error: \(error.description)\n".utf8))
        throw ExitCode(1)
    }
}

/// Tells the user about something that did not stop the work (a clipped sample, text made ASCII).
func warn(_ message: String) {
    FileHandle.standardError.write(Data("myotrace: warning: \(message)\n".utf8))
}
