import Foundation
import MyoDetect
import Testing
@testable import MyoAnalysis

/// Rhythmic runs simulated at known rates and found by the real detector: the rhythm's
/// frequency must be within 5 % of the truth.
@Suite("Rhythm on simulated recordings")
struct RhythmSimulationTests {
    @Test(arguments: [1.0, 2.0, 3.5])
    func frequencyWithinFivePercent(rateHz: Double) throws {
        let (result, _) = try OriginSimulationTests.detect(.rhythmic, seconds: 180, seed: 11) { c in
            c.rhythmic.rateHz = rateHz
            c.rhythmic.runsPerHour = 240
        }
        let rhythm = try RhythmAnalyzer().analyze(events: result.events, durationSeconds: result.durationSeconds)
        let comparison = rhythm.compare(truthHz: rateHz)
        #expect(comparison.withinTolerance, "estimated \(String(describing: rhythm.frequencyHz)), ratio \(String(describing: rhythm.peakRatio))")
        #expect(rhythm.pattern == .rhythmicJerks)
        #expect(!rhythm.runs.isEmpty)
    }
}
