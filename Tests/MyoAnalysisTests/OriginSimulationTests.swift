import Foundation
import MyoDetect
import Testing
@testable import MyoAnalysis

/// Simulated recordings of known physiology run through the real detector
/// (simulate -> RecordingAnalyzer -> OriginAnalyzer): the hint and the velocity must come out
/// right.
@Suite("Origin on simulated recordings")
struct OriginSimulationTests {
    /// A short, seeded simulation of a preset, without the accelerometer (not needed here, and
    /// it keeps the test fast), analysed by the detector.
    static func detect(_ preset: SimulationPreset, seconds: Double = 150, seed: UInt64 = 7,
                       change: (inout SimulationConfig) -> Void = { _ in }) throws -> (AnalysisResult, SimulatedRecording) {
        var c = SimulationConfig.preset(preset)
        c.durationSeconds = seconds
        c.seed = seed
        c.motion.accelerometer = false
        change(&c)
        let recording = try SimulatedRecording(config: c)
        return (try RecordingAnalyzer.analyze(reader: recording, version: "test"), recording)
    }

    @Test func corticalPresetGivesCortical() throws {
        let (result, _) = try Self.detect(.cortical)
        let origin = try OriginAnalyzer().analyze(events: result.events)
        #expect(origin.durations.n >= 20)
        #expect((origin.durations.medianMs ?? 999) <= 45)
        #expect(origin.hint == .cortical, "\(origin.findings.map(\.text))")
        #expect(origin.recruitment.pairs.contains { ($0.synchronousShare ?? 0) >= 0.8 })
        #expect(origin.compare(truth: .cortical).hintCorrect)
    }

    @Test func brainstemPresetGivesSubcortical() throws {
        let (result, _) = try Self.detect(.brainstem)
        let origin = try OriginAnalyzer().analyze(events: result.events)
        #expect((origin.durations.medianMs ?? 0) > 100)
        #expect(origin.recruitment.generalised)
        #expect(origin.recruitment.spread?.originChannel == "EMG SCM")
        #expect(origin.recruitment.spread?.spreadsDown == true)
        #expect(origin.hint == .subcortical, "\(origin.findings.map(\.text))")
    }

    @Test func propriospinalPresetGivesSpinalAndItsVelocity() throws {
        let (result, _) = try Self.detect(.propriospinal, seconds: 240)
        let rhythm = try RhythmAnalyzer().analyze(events: result.events, durationSeconds: result.durationSeconds)
        let origin = try OriginAnalyzer().analyze(events: result.events, rhythm: rhythm)
        let spread = try #require(origin.recruitment.spread)
        #expect(spread.originChannel == "EMG R-Rectus Abdominis")
        #expect(spread.spreadsUp && spread.spreadsDown)
        let comparison = origin.compare(truth: .spinal, velocityMPerS: 7)
        #expect(comparison.velocityWithinTolerance == true, "velocity \(String(describing: spread.velocityMPerS))")
        #expect(origin.hint == .spinal, "\(origin.findings.map(\.text))")
    }
}
