import Foundation
import MyoDetect
import MyoFormats
import MyoSignal
import MyoTestSupport
import Testing

/// Runs the motion detector on the ACC channels of the shared benchmarks and on real
/// accelerometer files, and prints the figures.
@Suite struct MotionBenchmarkTests {
    static func detect(_ recording: Recording) throws -> DetectorOutput {
        let axes = recording.signals.enumerated().filter { $0.element.kind == .acc }
        try #require(axes.count == 3 || axes.count == 1)
        var detector = try MotionDetector(channelIndices: axes.map(\.offset), labels: axes.map(\.element.label),
                                          unit: axes[0].element.unit, sampleRate: axes[0].element.sampleRate, kind: .acc)
        var output = detector.process(axes.map(\.element.samples))
        output.append(detector.finish())
        return output
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason),
          arguments: ["synth_600s_seed1.edf", "synth_600s_seed2.edf", "synth_600s_seed3.edf", "synth_600s_seed3.bdf"])
    func benchmark(_ name: String) throws {
        let path = SharedData.path("benchmarks/\(name)")
        let recording = try RecordingFile.read(path)
        let output = try Self.detect(recording)
        let stem = (path as NSString).deletingPathExtension
        let truthText = try String(contentsOfFile: stem + "_events.csv", encoding: .utf8)
        // Motion truth onsets are the accelerometer onsets (acc_onset_s).
        let truth = try Self.accelerometerTruth(truthText)
        let detected = output.events.map { TruthEvent(onset: $0.onset, duration: $0.duration, kind: $0.polarity.rawValue) }
        let evaluation = Evaluation.compare(detected: detected, truth: truth, toleranceMs: 100)
        for s in evaluation.scores {
            print("motion \(name) \(s.kind): truth \(s.truthCount) detected \(s.detectedCount) P \(String(format: "%.3f", s.precision)) R \(String(format: "%.3f", s.recall)) F1 \(String(format: "%.3f", s.f1)) median |err| \(s.medianAbsoluteOnsetErrorMs ?? .nan) ms signed \(s.medianOnsetErrorMs ?? .nan) ms")
        }
        print("motion \(name): voluntary counted as jerk \(evaluation.voluntaryCountedAsJerk)/\(evaluation.voluntaryCount), long activity \(output.longActivity.count)")
        if ProcessInfo.processInfo.environment["MOTION_DEBUG"] != nil {
            for e in output.events {
                let near = truth.min { abs($0.onset - e.onset) < abs($1.onset - e.onset) }
                print("DBG \(name) \(e.source) \(String(format: "%.3f", e.onset)) peak \(String(format: "%.3f", e.peak)) base \(String(format: "%.4f", e.baseline)) near \(near.map { "\($0.kind) \(String(format: "%.3f", $0.onset - e.onset))" } ?? "")")
            }
        }
        // Regression floors, well under the figures measured when this was written.
        let positive = try #require(evaluation.score("positive"))
        #expect(positive.f1 >= 0.93)
        // Postural lapses (0.52-0.63 before the matched-filter lapse path).
        let negative = try #require(evaluation.score("negative"))
        #expect(negative.f1 >= 0.75 && negative.precision >= 0.75)
        #expect(evaluation.voluntaryCountedAsJerk <= 2)
    }

    static func accelerometerTruth(_ text: String) throws -> [TruthEvent] {
        let lines = text.split(separator: "\n").map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init),
              let kind = header.firstIndex(of: "kind"), let accOnset = header.firstIndex(of: "acc_onset_s"),
              let duration = header.firstIndex(of: "duration_s") else { throw CocoaError(.fileReadCorruptFile) }
        return lines.dropFirst().compactMap { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count > max(kind, accOnset, duration), let onset = Double(cells[accOnset]),
                  let d = Double(cells[duration]) else { return nil }
            return TruthEvent(onset: onset, duration: d, kind: cells[kind])
        }
    }
}

extension MotionBenchmarkTests {
    /// Real recordings: a sanity check (rest should give few events), figures printed.
    @Test(.enabled(if: SharedData.available, SharedData.missingReason),
          arguments: ["data/biosppy_examples/acc.txt", "data/skdh_wearable_imu/ax3_sample.cwa", "data/skdh_wearable_imu/ax6_sample.cwa"])
    func realRecording(_ relative: String) throws {
        let recording = try RecordingFile.read(SharedData.path(relative))
        let output = try Self.detect(recording)
        let minutes = recording.duration / 60
        let jerks = output.events.filter { $0.source == .motionJerk }.count
        let lapses = output.events.filter { $0.source == .motionLapse }.count
        print("motion \(relative): \(String(format: "%.1f", minutes)) min, \(jerks) jerks, \(lapses) lapses, \(output.longActivity.count) long activity")
        #expect(output.events.allSatisfy { $0.onset >= 0 && $0.offset <= recording.duration + 1 && $0.unit == "g" })
    }
}
