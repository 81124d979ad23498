import ArgumentParser
import Foundation
import MyoDetect
import MyoFormats

/// `myotrace evaluate`: how well detected events agree with ground truth.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score detected events against ground truth: precision, recall, F1, onset error.",
        discussion: """
        Matches detected onsets to true onsets one to one, closest first, within a tolerance \
        (50 ms for EMG, 100 ms for accelerometers by default), per kind (positive, negative). \
        A detection during a true voluntary contraction counts against the detector.

        Examples:
          myotrace simulate sim.edf --truth sim_truth.csv
          myotrace analyze sim.edf --events sim_events.csv
          myotrace evaluate --truth sim_truth.csv --events sim_events.csv
          myotrace evaluate --truth t.csv --events e.csv --tolerance-ms 100 --json

        The truth CSV needs onset_s and kind (positive, negative, voluntary; duration_s is \
        optional); the events CSV is what `analyze --events` writes (onset_s and polarity).
        """)

    @Option(help: "Ground truth CSV (onset_s,duration_s,kind,...).")
    var truth: String

    @Option(help: "Detected events CSV (onset_s,offset_s,duration_s,polarity,...).")
    var events: String

    @Option(help: "Onset tolerance in milliseconds.")
    var toleranceMs: Double = 50

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard toleranceMs > 0, toleranceMs <= 1000 else {
            throw ValidationError("--tolerance-ms \(toleranceMs): choose a tolerance above 0 and up to 1000 ms")
        }
    }

    func run() throws {
        try reportingErrors {
            let t = try EventTable.truth(csv: try readText(truth), file: truth)
            let e = try EventTable.events(csv: try readText(events), file: events)
            let result = Evaluation.compare(detected: e, truth: t, toleranceMs: toleranceMs)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(result), as: UTF8.self))
            } else {
                print(EvaluationText.render(result))
            }
        }
    }
}

enum EvaluationText {
    static func render(_ e: Evaluation) -> String {
        let rows = e.scores.map { s in
            [s.kind, "\(s.truthCount)", "\(s.detectedCount)", "\(s.truePositives)", "\(s.falsePositives)",
             "\(s.falseNegatives)", f(s.precision), f(s.recall), f(s.f1),
             s.medianAbsoluteOnsetErrorMs.map { String(format: "%.1f", $0) } ?? "-",
             s.medianOnsetErrorMs.map { String(format: "%+.1f", $0) } ?? "-"]
        }
        var lines = InfoText.table(header: ["kind", "truth", "detected", "TP", "FP", "FN", "precision", "recall", "F1",
                                            "|onset err| ms", "bias ms"],
                                   rows: rows, rightAligned: Set(1...10))
        lines.append("tolerance \(String(format: "%g", e.toleranceMs)) ms; voluntary contractions counted as a jerk: \(e.voluntaryCountedAsJerk) of \(e.voluntaryCount)")
        return lines.joined(separator: "\n")
    }

    private static func f(_ x: Double) -> String { String(format: "%.3f", x) }
}

/// Reads a small text file (a CSV table) with a typed error naming the file.
func readText(_ path: String) throws -> String {
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw FormatError.cannotOpen(file: path, reason: FileManager.default.fileExists(atPath: path)
            ? "not readable as UTF-8 text" : "no such file")
    }
}
