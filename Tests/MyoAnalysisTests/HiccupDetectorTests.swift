import Testing
import MyoSignal
@testable import MyoAnalysis

@Suite struct HiccupDetectorTests {
    let rate = 50.0

    @Test func findsHiccupBoutsInBreathing() throws {
        // Two bouts at about 15 and 30 per minute, separated by quiet breathing.
        let first = stride(from: 120.0, to: 300.0, by: 4.0).map { $0 }
        let second = stride(from: 480.0, to: 540.0, by: 2.0).map { $0 }
        let truth = first + second
        let belt = syntheticBreathing(rate: rate, seconds: 720, hiccupTimes: truth, seed: 4)
        let result = try HiccupDetector.analyze(Signal(label: "Resp Abdomen", sampleRate: rate, samples: belt))
        let matched = matchCount(found: result.hiccups.map(\.onset), truth: truth, tolerance: 0.2)
        #expect(Double(matched) >= 0.9 * Double(truth.count))
        #expect(result.hiccups.count - matched <= 3)
        #expect(result.bouts.count == 2)
        if result.bouts.count == 2 {
            #expect(abs(result.bouts[0].ratePerMinute - 15) < 1.5)
            #expect(abs(result.bouts[1].ratePerMinute - 30) < 3)
            #expect(!result.bouts[0].persistent)
        }
    }

    @Test func breathingAloneHasNoHiccups() throws {
        let belt = syntheticBreathing(rate: rate, seconds: 600, hiccupTimes: [], seed: 8)
        let result = try HiccupDetector.analyze(Signal(label: "Resp", sampleRate: rate, samples: belt))
        #expect(result.hiccups.count <= 2)
        #expect(result.bouts.isEmpty)
    }

    @Test func boutsSplitAtTheSlowestPublishedRate() {
        // 15 s is the interval at 4 per minute: a longer gap starts a new bout; a lone hiccup is no bout.
        let bouts = HiccupDetector.bouts(of: [0, 10, 25, 41, 100])
        #expect(bouts.map(\.count) == [3])
        #expect(bouts.first?.onset == 0)
        #expect(bouts.first?.end == 25)
    }

    @Test func shortChannelIsAClearError() {
        let belt = syntheticBreathing(rate: rate, seconds: 30, hiccupTimes: [], seed: 2)
        #expect(throws: SpecialFormError.tooShort(channel: "Resp", seconds: 30, needed: 120)) {
            try HiccupDetector.analyze(Signal(label: "Resp", sampleRate: rate, samples: belt))
        }
    }
}
