import Foundation
import MyoDetect
import Testing
@testable import MyoAnalysis

/// The evaluation figures of the origin and rhythm analyses over several seeds: each simulated
/// recording goes through the real detector; the table is printed so it can be quoted, and the
/// test holds the figures to a floor. It runs 24 simulations (about half a minute in a debug
/// build), so it runs only when asked: `MYOTRACE_EVALUATION=1 swift test --filter OriginEvaluationTests`.
@Suite("Origin and rhythm evaluation",
       .enabled(if: ProcessInfo.processInfo.environment["MYOTRACE_EVALUATION"] != nil,
                "set MYOTRACE_EVALUATION=1 to run the evaluation over several seeds"))
struct OriginEvaluationTests {
    static let seeds: [UInt64] = [21, 22, 23]

    @Test func originHintsAndVelocityOverSeeds() throws {
        var lines: [String] = []
        var correct = 0, total = 0, velocityErrors: [Double] = []
        for (preset, truth) in [(SimulationPreset.cortical, OriginHint.cortical), (.brainstem, .subcortical), (.propriospinal, .spinal)] {
            for seed in Self.seeds {
                let (result, recording) = try OriginSimulationTests.detect(preset, seconds: preset == .propriospinal ? 240 : 150, seed: seed)
                let rhythm = try RhythmAnalyzer().analyze(events: result.events, durationSeconds: result.durationSeconds)
                let origin = try OriginAnalyzer().analyze(events: result.events, rhythm: rhythm)
                let velocity: Double? = preset == .propriospinal ? recording.config.emg.spreadVelocity : nil
                let c = origin.compare(truth: truth, velocityMPerS: velocity)
                total += 1
                if c.hintCorrect { correct += 1 }
                if let e = c.velocityRelativeError { velocityErrors.append(abs(e)) }
                lines.append("\(preset.rawValue) seed \(seed): \(origin.hint.rawValue) (\(origin.certainty.rawValue)), median burst "
                             + String(format: "%.1f ms, n %d", origin.durations.medianMs ?? .nan, origin.durations.n)
                             + (c.estimatedVelocityMPerS.map { String(format: ", velocity %.2f m/s", $0) } ?? ""))
            }
        }
        print("origin evaluation:\n" + lines.joined(separator: "\n"))
        #expect(correct == total)
        #expect(velocityErrors.count == Self.seeds.count)
        #expect(velocityErrors.allSatisfy { $0 <= 0.25 })
    }

    @Test func rhythmFrequencyOverSeeds() throws {
        var lines: [String] = []
        var errors: [Double] = []
        for rate in [0.5, 1.0, 2.0, 3.5, 5.0] {
            for seed in Self.seeds {
                // Runs of 5-15 bursts at 0.5 Hz last up to 30 s: a slow rhythm needs a longer recording.
                let (result, _) = try OriginSimulationTests.detect(.rhythmic, seconds: rate < 1 ? 480 : 180, seed: seed) { c in
                    c.rhythmic.rateHz = rate
                    c.rhythmic.runsPerHour = 240
                }
                let rhythm = try RhythmAnalyzer().analyze(events: result.events, durationSeconds: result.durationSeconds)
                let c = rhythm.compare(truthHz: rate)
                errors.append(abs(c.relativeError ?? 1))
                lines.append(String(format: "%.1f Hz seed %d: %.3f Hz (ratio %.1f, cv %.2f, %d runs) rhythmic %@", rate, Int(seed),
                                    rhythm.frequencyHz ?? .nan, rhythm.peakRatio ?? .nan, rhythm.cv ?? .nan, rhythm.runs.count,
                                    rhythm.rhythmic ? "yes" : "no"))
                #expect(c.withinTolerance)
            }
        }
        print("rhythm evaluation:\n" + lines.joined(separator: "\n")
              + String(format: "\nlargest relative error %.3f", errors.max() ?? .nan))
    }
}
