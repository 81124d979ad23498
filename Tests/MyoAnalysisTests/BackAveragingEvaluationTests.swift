import Foundation
@testable import MyoAnalysis
import MyoDetect
import MyoFormats
import MyoSignal
import Testing

@Suite("Back-averaging evaluation")
struct BackAveragingEvaluationTests {
    @Test func scoresHitsMissesAndFalsePositives() throws {
        func channel(_ label: String, found: Bool, latency: Double?, status: BackAveragingStatus = .ok) -> ChannelBackAverage {
            let empty = EventLockedAverage(start: 0, sampleRate: 1, epochs: 0, mean: [], lower: [], upper: [])
            let bp = BereitschaftResult(status: status, present: false, epochsUsed: 0, epochsRejected: 0, window: [-2, 0.2],
                                        meanShiftUV: nil, pValue: nil, onsetS: nil, slopeUVPerS: nil, onsetInPublishedRange: nil,
                                        average: empty)
            return ChannelBackAverage(channel: label, status: status, epochsUsed: 60, epochsRejected: 0, epochsOutsideRecording: 0,
                                      window: [-1, 0.2], baselineWindow: [-0.2, -0.1], searchWindow: [-0.1, 0], transientFound: found,
                                      latencyMs: latency, amplitudeUV: 1, pValue: 0.01, splitHalfR: 0.9, bereitschaftspotential: bp,
                                      average: empty)
        }
        let result = BackAveragingResult(backAveraging: [channel("A", found: true, latency: -22), channel("B", found: true, latency: -40),
                                                         channel("C", found: false, latency: -20), channel("D", found: true, latency: -20),
                                                         channel("E", found: false, latency: -3), channel("F", found: false, latency: nil, status: .tooFewEpochs)],
                                         triggerSource: "test", triggersGiven: 60, triggersLockedOut: 0)
        let score = BackAveragingEvaluation.compare(result, truth: .init(latencyMs: -20, channelsWithTransient: ["A", "B", "C", "F"]))
        #expect(score.hits == 1 && score.wrongLatency == 1 && score.misses == 1)
        #expect(score.falsePositives == 1 && score.correctRejections == 1 && score.noClaim == 1)
        #expect(score.latencyErrorsMs == [-2, -20] && score.medianAbsoluteErrorMs == 11)
        var c = SimulationConfig()
        c.eeg.enabled = true
        #expect(BackAveragingEvaluation.Truth(config: c).channelsWithTransient == ["EEG C3", "EEG Cz"])
    }

    /// The whole chain on a simulated recording: jerks found by the EMG detector (not the
    /// truth) trigger the averages, which find the transient within 5 ms of its true latency.
    @Test func detectedJerksFindTheTransient() throws {
        let config = BackAveragingFixture.config(seed: 21, latencyMs: -25)
        let detection = try RecordingAnalyzer.analyze(reader: SimulatedRecording(config: config), version: "test")
        let averager = BackAverager()
        let triggers = averager.triggers(from: detection.events)
        let result = try averager.analyze(reader: SimulatedRecording(config: config), triggers: triggers)
        let c3 = try #require(result.backAveraging.first { $0.channel == "EEG C3" })
        #expect(c3.epochsUsed >= 50)
        #expect(c3.transientFound)
        #expect(abs(try #require(c3.latencyMs) + 25) <= 5)
        print("detected triggers: \(triggers.given) given, \(triggers.lockedOut) locked out; C3 latency \(c3.latencyMs ?? .nan) ms "
              + "(truth -25), p \(c3.pValue ?? .nan), r \(c3.splitHalfR ?? .nan)")
    }
}
