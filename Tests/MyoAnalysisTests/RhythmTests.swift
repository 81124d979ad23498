import Foundation
import MyoDetect
import Testing
@testable import MyoAnalysis

/// The rhythm analysis on hand-made event trains and envelopes.
@Suite("Rhythm analysis")
struct RhythmTests {
    static func events(_ onsets: [Double], ms: Double = 40) -> [MyoclonicEvent] {
        onsets.enumerated().map { i, t in
            MyoclonicEvent(ChannelEvent(channelIndex: 0, channel: "EMG", source: .emgBurst, onset: t, offset: t + ms / 1000,
                                        peak: 100, area: 1, baseline: 5, intensity: 20, unit: "uV", confidence: 1))
        }
    }

    /// A deterministic generator, so the Poisson train is the same on every run.
    struct LCG {
        var state: UInt64
        mutating func unit() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    @Test func poissonTrainIsNotRhythmic() throws {
        var g = LCG(state: 5)
        var t = 1.0, onsets: [Double] = []
        while t < 600 {
            onsets.append(t)
            t += -log(max(1e-12, g.unit())) * 2 + 0.05
        }
        let r = try RhythmAnalyzer().analyze(events: Self.events(onsets), durationSeconds: 600)
        #expect(!r.rhythmic)
        #expect(r.pattern == .irregular)
        #expect((r.cv ?? 0) > 0.7)
    }

    @Test func steadyTrainHasItsRateAndSmallCV() throws {
        let onsets = (0..<300).map { 2 + Double($0) / 2.5 }
        let r = try RhythmAnalyzer().analyze(events: Self.events(onsets), durationSeconds: 125)
        #expect(r.rhythmic)
        #expect(abs((r.frequencyHz ?? 0) - 2.5) < 0.05 * 2.5)
        #expect((r.cv ?? 1) < 0.01)
        #expect(r.runs.count == 1)
        #expect(r.runs.first?.eventCount == 300)
        #expect(r.pattern == .rhythmicJerks)
        #expect(r.clusters.count == 1)
    }

    @Test func clustersUseTheGap() throws {
        let onsets = [1.0, 1.3, 1.6, 10, 20, 20.5]
        let r = try RhythmAnalyzer().analyze(events: Self.events(onsets), durationSeconds: 30)
        #expect(r.clusters.map(\.eventCount) == [3, 2])
        #expect(r.pattern == .tooFewEvents)
    }

    @Test func continuousEnvelopeOscillationIsTremorLike() throws {
        let rate = 50.0
        let tremor = (0..<Int(120 * rate)).map { k in Float(10 + 8 * sin(2 * .pi * 5 * Double(k) / rate)) }
        let r = try RhythmAnalyzer().analyze(events: [], durationSeconds: 120, envelope: tremor, envelopeRate: rate)
        let env = try #require(r.envelope)
        #expect(env.rhythmic)
        #expect(abs((env.frequencyHz ?? 0) - 5) < 0.1)
        #expect(env.dutyCycle > 0.3)
        #expect(r.pattern == .tremorLike)
    }

    @Test func briefBurstsInTheEnvelopeAreJerksNotTremor() throws {
        let rate = 50.0
        var env = [Float](repeating: 2, count: Int(120 * rate))
        var onsets: [Double] = []
        var t = 2.0
        while t < 118 {
            onsets.append(t)
            for k in Int(t * rate)..<Int(t * rate) + 2 { env[k] = 60 }  // 40 ms bursts at 2 Hz
            t += 0.5
        }
        let r = try RhythmAnalyzer().analyze(events: Self.events(onsets), durationSeconds: 120, envelope: env, envelopeRate: rate)
        #expect(r.rhythmic)
        #expect((r.envelope?.dutyCycle ?? 1) < 0.3)
        #expect(r.pattern == .rhythmicJerks)
    }

    @Test func badInputsThrowOrGiveEmptyResults() throws {
        #expect(throws: RhythmError.self) {
            try RhythmAnalyzer().analyze(events: [], durationSeconds: 10, envelope: [1, 2, 3], envelopeRate: 0)
        }
        var p = RhythmAnalyzer.Parameters()
        p.frequencyRangeHz = 0.3...80
        #expect(throws: RhythmError.self) { try RhythmAnalyzer(parameters: p).analyze(events: [], durationSeconds: 10) }
        let empty = try RhythmAnalyzer().analyze(events: [], durationSeconds: .nan)
        #expect(empty.frequencyHz == nil && !empty.rhythmic && empty.pattern == .tooFewEvents)
        let odd = try RhythmAnalyzer().analyze(events: Self.events([5, 5, 5, .infinity]), durationSeconds: 1e15)
        #expect(!odd.rhythmic)
        let json = String(decoding: try JSONEncoder().encode(odd), as: UTF8.self)
        #expect(json.contains("\"rhythmic\":false") && json.contains("\"cv\"") == (odd.cv != nil))
    }
}
