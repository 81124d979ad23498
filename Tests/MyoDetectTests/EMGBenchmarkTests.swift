import Foundation
import MyoFormats
import MyoSignal
import MyoTestSupport
import Testing
@testable import MyoDetect

/// Accuracy of the EMG detector on the shared simulated benchmarks (exact ground truth), scored
/// as `myotrace evaluate` does: one-to-one onset matching within 50 ms.
@Suite struct EMGBenchmarkTests {
    /// Runs the detector over the first EMG channel of `path` and scores it against `truthPath`.
    static func evaluate(_ path: String, truthPath: String) throws -> (Evaluation, DetectorOutput) {
        let recording = try RecordingFile.read(path)
        let index = try #require(recording.signals.firstIndex { $0.kind == .emg })
        let signal = recording.signals[index]
        var detector = try EMGDetector(channelIndex: index, label: signal.label, unit: signal.unit,
                                       sampleRate: signal.sampleRate)
        var output = detector.process(signal.samples)
        output.append(detector.finish())
        var detected = output.events.map { TruthEvent(onset: $0.onset, duration: $0.duration, kind: $0.polarity.rawValue) }
        detected.sort { $0.onset < $1.onset }
        let truth = try EventTable.truth(csv: String(contentsOfFile: truthPath, encoding: .utf8), file: truthPath)
        return (Evaluation.compare(detected: detected, truth: truth, toleranceMs: 50), output)
    }

    static func describe(_ name: String, _ e: Evaluation) -> String {
        var line = name
        for s in e.scores {
            line += String(format: " | %@ F1 %.3f P %.3f R %.3f (tp %d fp %d fn %d) |err| %.1f ms bias %.1f ms",
                           s.kind, s.f1, s.precision, s.recall, s.truePositives, s.falsePositives, s.falseNegatives,
                           s.medianAbsoluteOnsetErrorMs ?? .nan, s.medianOnsetErrorMs ?? .nan)
        }
        line += " | voluntary leaks \(e.voluntaryCountedAsJerk)/\(e.voluntaryCount)"
        return line
    }

    static let files = ["synth_600s_seed1.edf", "synth_600s_seed2.edf", "synth_600s_seed3.edf", "synth_600s_seed3.bdf",
                         "synth_3600s_seed4.edf"]

    @Test(.enabled(if: SharedData.available, SharedData.missingReason), arguments: files)
    func meetsTheTargets(file: String) throws {
        let stem = file.replacingOccurrences(of: ".edf", with: "").replacingOccurrences(of: ".bdf", with: "")
        let (evaluation, _) = try Self.evaluate(SharedData.path("benchmarks/\(file)"),
                                                truthPath: SharedData.path("benchmarks/\(stem)_events.csv"))
        print(Self.describe(file, evaluation))
        let positive = try #require(evaluation.score("positive"))
        #expect(positive.f1 >= 0.95)
        #expect((positive.medianAbsoluteOnsetErrorMs ?? .infinity) < 5)
        let negative = try #require(evaluation.score("negative"))
        #expect(negative.f1 >= 0.90)
        #expect(Double(evaluation.voluntaryCountedAsJerk) <= Double(evaluation.voluntaryCount) / 50)
    }
}

@Suite struct EMGBenchmarkDiagnostics {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EMG_DIAG"] != nil))
    func dump() throws {
        let file = ProcessInfo.processInfo.environment["EMG_DIAG"] ?? ""
        let stem = file.replacingOccurrences(of: ".edf", with: "").replacingOccurrences(of: ".bdf", with: "")
        let truthPath = SharedData.path("benchmarks/\(stem)_events.csv")
        let (_, output) = try EMGBenchmarkTests.evaluate(SharedData.path("benchmarks/\(file)"), truthPath: truthPath)
        let text = try String(contentsOfFile: truthPath, encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        let tonic = try String(contentsOfFile: SharedData.path("benchmarks/\(stem)_tonic.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        func inTonic(_ t: Double) -> Double { tonic.first { t >= $0[0] && t <= $0[0] + $0[1] }?[2] ?? 0 }
        for kind in ["positive", "negative"] {
            let truth = rows.filter { $0[2] == kind }
            let det = output.events.filter { $0.polarity.rawValue == kind }
            let pairs = OnsetMatcher.match(detected: det.map(\.onset), truth: truth.map { Double($0[0])! }, tolerance: 0.05)
            let mt = Set(pairs.map(\.truth)), md = Set(pairs.map(\.detected))
            for (i, r) in truth.enumerated() where !mt.contains(i) {
                let t = Double(r[0])!
                let near = det.filter { abs($0.onset - t) < 0.5 }.map { String(format: "%.3f(%.0fms)", $0.onset, $0.duration * 1000) }
                let long = output.longActivity.filter { $0.onset - 0.3 < t && $0.offset + 0.3 > t }.map { String(format: "L%.2f-%.2f", $0.onset, $0.offset) }
                print("FN \(kind) \(r[0]) dur \(r[1]) amp \(r[3]) tonic \(inTonic(t)) near \(near) \(long)")
            }
            for (i, e) in det.enumerated() where md.contains(i) && inTonic(e.onset) > 0 && kind == "positive" {
                let rms = e.area / e.duration
                print(String(format: "TPT dur %.0f ratio %.1f peak/base %.1f", e.duration * 1000, (rms / e.baseline) * (rms / e.baseline), e.peak / e.baseline))
            }
            for (i, e) in det.enumerated() where !md.contains(i) {
                let rms = e.area / e.duration
                print(String(format: "FPR dur %.0f ratio %.1f peak/base %.1f", e.duration * 1000, (rms / e.baseline) * (rms / e.baseline), e.peak / e.baseline))
                let near = rows.filter { abs(Double($0[0])! - e.onset) < 0.5 }.map { "\($0[2])@\($0[0])/\($0[1])" }
                print(String(format: "FP %@ %.3f dur %.0f ms peak %.1f base %.1f conf %.2f tonic %.0f ", kind, e.onset, e.duration * 1000, e.peak, e.baseline, e.confidence, inTonic(e.onset)) + "\(near)")
            }
        }
    }
}

/// The detector on real recordings: no ground truth, so the figures are printed for the record
/// and the assertions are only the ones the recordings' descriptions allow.
@Suite struct EMGRealRecordingTests {
    static func run(_ path: String) throws -> [(String, DetectorOutput)] {
        let recording = try RecordingFile.read(path)
        return try recording.signals.enumerated().compactMap { index, signal in
            guard signal.sampleRate >= EMGDetectorParameters.minimumSampleRate, signal.kind != .ecg else { return nil }
            var detector = try EMGDetector(channelIndex: index, label: signal.label, unit: signal.unit,
                                           sampleRate: signal.sampleRate)
            var output = detector.process(signal.samples)
            output.append(detector.finish())
            return (signal.label, output)
        }
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func tibialisBallisticActivationsAreAllFound() throws {
        let channels = try Self.run(SharedData.path("data/emggo_tibialis_emg/tibialis_ballistic_250Hz.edf"))
        let (label, output) = try #require(channels.first)
        let bursts = output.events.filter { $0.source == .emgBurst }.count
        print("tibialis \(label): \(bursts) bursts, \(output.longActivity.count) long activities, \(output.events.count - bursts) silent periods")
        #expect(bursts + output.longActivity.count >= 56)
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func ecgContaminatedChannels() throws {
        for (label, output) in try Self.run(SharedData.path("data/emggo_tibialis_emg/ecg_contaminated_8ch_2048Hz.edf")) {
            let onsets = output.events.filter { $0.source == .emgBurst }.map(\.onset)
            let intervals = zip(onsets.dropFirst(), onsets).map { $0 - $1 }
            print("ecg-contaminated \(label): \(onsets.count) bursts, \(output.longActivity.count) long, intervals \(intervals.prefix(8).map { String(format: "%.2f", $0) })")
        }
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func biosppyText() throws {
        for (label, output) in try Self.run(SharedData.path("data/biosppy_examples/emg_1.txt")) {
            print("emg_1.txt \(label): \(output.events.count) events, \(output.longActivity.count) long activities")
        }
    }
}
