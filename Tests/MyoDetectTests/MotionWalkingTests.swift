import Foundation
import MyoDetect
import MyoFormats
import MyoSignal
import Testing

/// Jerks during walking on a wrist accelerometer alone, on Myotrace's simulator (seeds fixed):
/// regression floors for the gait path of ``MotionDetector``.
@Suite struct MotionWalkingTests {
    /// A simulated recording with long walking bouts and the usual jerks, lapses and voluntary
    /// contractions; returns the motion detector's output on its accelerometer and the truth.
    static func walk(seed: UInt64, seconds: Double = 240) throws -> (output: DetectorOutput, truth: [SimulatedEvent], bouts: [SimulatedEvent]) {
        var config = SimulationConfig()
        config.durationSeconds = seconds
        config.seed = seed
        config.walking.enabled = true
        config.walking.boutDurationS = 40...70
        config.walking.gapS = 20...40
        let recording = try SimulatedRecording(config: config)
        let signals = try recording.readAll().signals
        let axes = signals.enumerated().filter { $0.element.kind == .acc }
        try #require(axes.count == 3)
        var detector = try MotionDetector(channelIndices: axes.map(\.offset), labels: axes.map(\.element.label),
                                          unit: axes[0].element.unit, sampleRate: axes[0].element.sampleRate, kind: .acc)
        var output = DetectorOutput()
        // Chunks of 1 s, as the analysis pipeline hands them out.
        let rate = Int(axes[0].element.sampleRate)
        var start = 0
        while start < axes[0].element.samples.count {
            let end = min(start + rate, axes[0].element.samples.count)
            output.append(detector.process(axes.map { Array($0.element.samples[start..<end]) }))
            start = end
        }
        output.append(detector.finish())
        return (output, recording.truth, recording.context.filter { $0.kind == "walking" })
    }

    @Test(arguments: [11, 12] as [UInt64])
    func findsJerksDuringWalking(seed: UInt64) throws {
        let (output, truth, bouts) = try Self.walk(seed: seed)
        #expect(!bouts.isEmpty)
        let truthEvents = truth.map { TruthEvent(onset: $0.accOnset ?? $0.onset, duration: $0.duration, kind: $0.kind) }
        let detected = output.events.map { TruthEvent(onset: $0.onset, duration: $0.duration, kind: $0.polarity.rawValue) }
        let evaluation = Evaluation.compare(detected: detected, truth: truthEvents, toleranceMs: 100)
        let positive = try #require(evaluation.score("positive"))
        // Jerks inside walking bouts (after the first seconds of each) are found, not set aside.
        let walkingJerks = truth.filter { e in
            e.kind == "positive" && bouts.contains { ($0.onset + MotionDetector.walkingAfter + 1)...($0.onset + $0.duration) ~= (e.accOnset ?? e.onset) }
        }
        let jerkOnsets = output.events.filter { $0.source == .motionJerk }.map(\.onset)
        let foundWhileWalking = walkingJerks.filter { j in jerkOnsets.contains { abs($0 - (j.accOnset ?? j.onset)) < 0.1 } }
        print("walking seed \(seed): positive P \(positive.precision) R \(positive.recall) F1 \(positive.f1); jerks while walking \(foundWhileWalking.count)/\(walkingJerks.count); voluntary \(evaluation.voluntaryCountedAsJerk)/\(evaluation.voluntaryCount)")
        // Floors below the figures measured when this was written, above those before the gait path.
        #expect(walkingJerks.count >= 5)
        #expect(Double(foundWhileWalking.count) >= 0.6 * Double(walkingJerks.count))
        #expect(positive.precision >= 0.85)
        #expect(positive.f1 >= 0.78)
        #expect(evaluation.voluntaryCountedAsJerk <= 1)
    }

    @Test func walkingAloneGivesNoJerks() throws {
        var scene = MotionScene(seconds: 60)
        scene.walk(from: 5, seconds: 50, amplitude: 0.35)
        let output = try MotionDetectorTests.run(scene.axes)
        #expect(output.events.filter { $0.polarity == .positive }.isEmpty, "\(output.events.map(\.onset))")
        #expect(output.longActivity.contains { $0.onset < 10 && $0.offset > 50 })
    }
}
