import Foundation
@testable import MyoDetect
import MyoFormats
import MyoSignal
import Testing

/// Postural lapses on an accelerometer alone: the template bank, and regression floors on
/// Myotrace's simulator (seeds fixed) and on synthetic scenes.
@Suite struct MotionLapseTests {
    @Test func templatesHaveUnitEnergyAndFindTheirOwnShape() throws {
        let rate = 100.0
        let highPass = try #require(MotionFrontEnd.lapseHighPassSections(sampleRate: rate))
        let bank = MotionLapseTemplates(sampleRate: rate, highPass: highPass)
        #expect(bank.length == 40)
        #expect(bank.templates.count == 26)
        #expect(bank.templates.map(\.frequency).min() == 3 && bank.templates.map(\.frequency).max() == 9)
        for template in bank.templates {
            let energy = template.samples.reduce(Float(0)) { $0 + $1 * $1 }
            #expect(abs(energy - 1) < 1e-4)
        }
        // A 4 Hz fall-and-catch, high-passed like the signal, fits a 4 Hz template almost exactly,
        // wherever it is scaled; a 12 Hz ringing fits the fastest shapes, above the lapse limit.
        func shaped(_ frequency: Double, tau: Double, scale: Float) -> [Float] {
            var filter = SOSFilter(sections: highPass, initialCondition: .zero)
            let raw = (0..<60).map { k -> Float in
                let t = Double(k) / rate
                return scale * Float(-exp(-t / tau) * sin(2 * .pi * frequency * t))
            }
            return filter.process(raw)
        }
        let lapse = shaped(4, tau: 0.08, scale: 0.05)
        let fit = try #require(lapse.withUnsafeBufferPointer { bank.bestMatch($0, minimumNorm: 0) })
        #expect(fit.frequency == 4 && fit.similarity > 0.99)
        let ringing = shaped(12, tau: 0.06, scale: 0.3)
        let jerkFit = try #require(ringing.withUnsafeBufferPointer { bank.bestMatch($0, minimumNorm: 0) })
        #expect(jerkFit.frequency >= MotionDetectorParameters().lapseMaximumFrequency)
        // Below the minimum norm nothing is correlated.
        #expect(lapse.withUnsafeBufferPointer { bank.bestMatch($0, minimumNorm: 10) } == nil)
        #expect([Float](repeating: 0, count: 10).withUnsafeBufferPointer { bank.bestMatch($0, minimumNorm: 0) } == nil)
    }

    @Test func findsLapsesAtRestAndNotDuringWalking() throws {
        var scene = MotionScene(seconds: 60)
        let lapses = [6.0, 13.5, 21.2, 28.8]
        for (i, t) in lapses.enumerated() { scene.lapse(at: t, depth: [0.03, 0.05, 0.08, 0.04][i], frequency: [3.5, 4.5, 5.5, 4][i]) }
        scene.jerk(at: 17)
        scene.walk(from: 35, seconds: 20)
        let output = try MotionDetectorTests.run(scene.axes)
        let found = output.events.filter { $0.source == .motionLapse }
        for t in lapses { #expect(found.contains { abs($0.onset - t) < 0.05 }, "lapse at \(t): \(found.map(\.onset))") }
        #expect(found.count == lapses.count, "\(found.map(\.onset))")
        #expect(output.events.contains { $0.source == .motionJerk && abs($0.onset - 17) < 0.1 })
        #expect(found.allSatisfy { $0.intensity > 0 && $0.intensity <= 1 && $0.confidence >= 0.5 && $0.unit == "g" })
    }

    @Test(arguments: [21, 22] as [UInt64])
    func simulatedLapsesOnAccelerometerAlone(seed: UInt64) throws {
        var config = SimulationConfig()
        config.durationSeconds = 300
        config.seed = seed
        config.tonic.gapS = 5...15
        config.negative.ratePerMinuteOfTonic = 12
        let recording = try SimulatedRecording(config: config)
        let signals = try recording.readAll().signals
        let axes = signals.enumerated().filter { $0.element.kind == .acc }
        try #require(axes.count == 3)
        var detector = try MotionDetector(channelIndices: axes.map(\.offset), labels: axes.map(\.element.label),
                                          unit: axes[0].element.unit, sampleRate: axes[0].element.sampleRate, kind: .acc)
        var output = detector.process(axes.map(\.element.samples))
        output.append(detector.finish())
        let truth = recording.truth.map { TruthEvent(onset: $0.accOnset ?? $0.onset, duration: $0.duration, kind: $0.kind) }
        let detected = output.events.map { TruthEvent(onset: $0.onset, duration: $0.duration, kind: $0.polarity.rawValue) }
        let evaluation = Evaluation.compare(detected: detected, truth: truth, toleranceMs: 100)
        let negative = try #require(evaluation.score("negative"))
        let positive = try #require(evaluation.score("positive"))
        print("lapses seed \(seed): negative P \(negative.precision) R \(negative.recall) F1 \(negative.f1) (truth \(negative.truthCount)); positive F1 \(positive.f1); voluntary \(evaluation.voluntaryCountedAsJerk)/\(evaluation.voluntaryCount)")
        // Floors below the figures measured when this was written (the shape test before the
        // matched filter found about half the lapses).
        #expect(negative.truthCount >= 15)
        #expect(negative.precision >= 0.85)
        #expect(negative.f1 >= 0.75)
        #expect(positive.f1 >= 0.9)
        #expect(evaluation.voluntaryCountedAsJerk <= 1)
    }
}
