import Foundation
import Testing
import MyoSignal
@testable import MyoAnalysis

@Suite struct ClickDetectorTests {
    let rate = 16000.0

    @Test func findsRhythmicClicksAndIgnoresSpeech() throws {
        let clicks = stride(from: 2.0, to: 58.0, by: 0.5).map { $0 + 0.003 * sin($0) }   // 2 Hz, 120 per minute
        let speech = [5.2, 13.7, 21.1, 30.4, 44.9]
        let clip = syntheticClickClip(rate: rate, seconds: 60, clickTimes: clicks, speechTimes: speech, seed: 3)
        let result = try ClickDetector.analyze(Signal(label: "Mic", sampleRate: rate, samples: clip))
        let matched = matchCount(found: result.times, truth: clicks, tolerance: 0.005)
        // Clicks that fall inside a speech burst may be masked; everything else must be found.
        #expect(matched >= clicks.count - 6)
        #expect(result.times.count - matched <= 2)
        #expect(result.sustainedSounds >= 4)
        let frequency = try #require(result.statistics.frequencyHz)
        #expect(abs(frequency - 2) < 0.1)
        #expect(result.withinPalatalRange)
        let cv = try #require(result.statistics.cv)
        #expect(cv < 0.3)
    }

    @Test func chunkedRunGivesTheSameClicks() throws {
        let clicks = stride(from: 1.5, to: 9.5, by: 0.37).map { $0 }
        let clip = syntheticClickClip(rate: rate, seconds: 10, clickTimes: clicks, speechTimes: [4.4], seed: 5)
        let whole = try ClickDetector.analyze(Signal(label: "Mic", sampleRate: rate, samples: clip))
        var random = specialFormRandom(seed: 9)
        var detector = try ClickDetector(channel: "Mic", sampleRate: rate)
        var start = 0
        while start < clip.count {
            let end = min(clip.count, start + 1 + Int(random.unit() * 5000))
            detector.process(Array(clip[start..<end]))
            start = end
        }
        #expect(try detector.finish() == whole)
    }

    @Test func silenceHasNoClicks() throws {
        let clip = syntheticClickClip(rate: rate, seconds: 20, clickTimes: [], speechTimes: [], seed: 1)
        let result = try ClickDetector.analyze(Signal(label: "Mic", sampleRate: rate, samples: clip))
        #expect(result.statistics.count <= 1)
        #expect(!result.withinPalatalRange)
    }

    @Test func shortClipAndLowRateAreClearErrors() {
        #expect(throws: SpecialFormError.self) {
            try ClickDetector.analyze(Signal(label: "Mic", sampleRate: rate, samples: [Float](repeating: 0, count: 8000)))
        }
        #expect(throws: SpecialFormError.self) {
            try ClickDetector.analyze(Signal(label: "Mic", sampleRate: 1000, samples: [Float](repeating: 0, count: 8000)))
        }
    }
}
