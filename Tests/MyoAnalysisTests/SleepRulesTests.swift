import Foundation
import MyoAnalysis
import MyoDetect
import MyoSignal
import Testing

@Suite("Sleep limb-movement rules")
struct SleepRulesTests {
    static func lm(_ leg: Int, _ onset: Double, _ duration: Double = 1) -> LegMovement {
        LegMovement(leg: leg, onset: onset, offset: onset + duration, peakRiseUV: 20)
    }
    static let noSleep = Hypnogram(epochs: [])

    @Test func aasmCountsBothLegsOnceWithinFiveSecondsOfOnset() {
        let c = LimbMovementRules.aasm2016.criteria
        let combined = PLMScorer.combine([Self.lm(0, 10), Self.lm(1, 14.9), Self.lm(1, 30), Self.lm(0, 35.1)], criteria: c)
        #expect(combined.map(\.legs) == [[0, 1], [1], [0]])
        #expect(combined[0].offset == 15.9)
    }

    @Test func wasmBilateralNeedsOverlapOrAGapUnderHalfASecond() {
        let c = LimbMovementRules.wasm2016.criteria
        let combined = PLMScorer.combine([Self.lm(0, 10, 2), Self.lm(1, 12.4, 2), Self.lm(0, 30, 2), Self.lm(1, 32.6, 2)], criteria: c)
        #expect(combined.map(\.legs) == [[0, 1], [0], [1]])
        // A bilateral LM of 14 s is a candidate under WASM (up to 15 s); a 12 s monolateral one is not.
        let long = PLMScorer.combine([Self.lm(0, 0, 8), Self.lm(1, 6, 8), Self.lm(0, 40, 12)], criteria: c)
        #expect(long.map(\.isCandidate) == [true, false])
    }

    @Test func durationsOutsideHalfASecondToTenSecondsDoNotScore() {
        let s = PLMScorer.score([Self.lm(0, 0, 0.4), Self.lm(0, 20, 0.5), Self.lm(0, 40, 10.5), Self.lm(0, 60, 10)],
                                rules: .aasm2016, hypnogram: Self.noSleep, respiratory: [])
        #expect(s.movements.map(\.onset) == [20, 60])
        #expect(s.lmCount == 2)
    }

    @Test func aPLMSeriesNeedsFourMovementsAtFiveToNinetySeconds() {
        // 4 at 20 s, then a 100 s gap, then 3 at 20 s, then one at 3 s.
        let onsets: [Double] = [0, 20, 40, 60, 160, 180, 200, 203]
        let s = PLMScorer.score(onsets.map { Self.lm(0, $0) }, rules: .aasm2016, hypnogram: Self.noSleep, respiratory: [])
        #expect(s.series.count == 1)
        #expect(s.series.first?.count == 4)
        #expect(s.series.first?.meanInterval == 20)
        #expect(s.plmCount == 4)
        #expect(s.movements.prefix(4).allSatisfy { $0.series == 0 })
    }

    @Test func wasmIntervalsStartAtTenSecondsAndNonCandidatesBreakASeries() {
        let eight = [0.0, 8, 16, 24, 32].map { Self.lm(0, $0) }
        #expect(PLMScorer.score(eight, rules: .aasm2016, hypnogram: Self.noSleep, respiratory: []).plmCount == 5)
        #expect(PLMScorer.score(eight, rules: .wasm2016, hypnogram: Self.noSleep, respiratory: []).plmCount == 0)
        let broken = [0.0, 15, 30, 45].map { Self.lm(0, $0) } + [Self.lm(0, 52, 12)] + [60.0, 75, 90].map { Self.lm(0, $0) }
        let w = PLMScorer.score(broken, rules: .wasm2016, hypnogram: Self.noSleep, respiratory: [])
        #expect(w.series.map(\.count) == [4])
    }

    @Test func respiratoryWindowsDifferBetweenRuleSets() {
        let event = PLMScorer.RespiratoryEvent(onset: 100, end: 120)
        // Ends 0.3 s before the event: AASM drops it. Starts 5 s after the event's end: WASM flags it.
        let before = Self.lm(0, 98.7), after = Self.lm(0, 125)
        let a = PLMScorer.score([before, after], rules: .aasm2016, hypnogram: Self.noSleep, respiratory: [event])
        #expect(a.movements.map(\.onset) == [125])
        let w = PLMScorer.score([before, after], rules: .wasm2016, hypnogram: Self.noSleep, respiratory: [event])
        #expect(w.movements.map(\.isRespiratory) == [false, true])
        #expect(w.lmCount == 1)
    }

    @Test func plmIndexCountsOnlySleepAndIsPerHourOfSleep() {
        let epochs = (0..<240).map { SleepEpoch(onset: Double($0) * 30, duration: 30, stage: $0 < 120 ? .wake : .n2) }
        let hypnogram = Hypnogram(epochs: epochs)
        // A series of 6 straddling the wake-to-sleep boundary at 3600 s: 3 in wake, 3 in sleep.
        let legs = [3540.0, 3560, 3580, 3600, 3620, 3640].map { Self.lm(1, $0) }
        let result = SleepAnalyzer().score(legMovements: legs, bursts: [], hypnogram: hypnogram, annotations: [],
                                           recordingSeconds: 7200, legLabels: ["L", "R"])
        #expect(result.plmCount == 3)
        #expect(result.sleepHours == 1)
        #expect(result.plmIndex == 3)
        #expect(result.plmIndexBasis == "sleep")
        let noHypnogram = SleepAnalyzer().score(legMovements: legs, bursts: [], hypnogram: Self.noSleep, annotations: [],
                                                recordingSeconds: 7200, legLabels: ["L", "R"])
        #expect(noHypnogram.plmIndexBasis == "recording")
        #expect(noHypnogram.plmIndex == 3)
        #expect(noHypnogram.notes.contains { $0.contains("no hypnogram") })
    }

    @Test func resultEncodesTheIssueKeys() throws {
        let hypnogram = Hypnogram(epochs: [SleepEpoch(onset: 0, duration: 30, stage: .wake), SleepEpoch(onset: 30, duration: 30, stage: .n1)])
        let result = SleepAnalyzer().score(legMovements: [], bursts: [], hypnogram: hypnogram, annotations: [],
                                           recordingSeconds: 60, legLabels: [])
        let json = try #require(String(data: try JSONEncoder().encode(result), encoding: .utf8))
        for key in ["lmCount", "plmCount", "plmIndex", "sleepHours", "plmSeries", "hypnicJerks", "fragmentaryMyoclonus", "rules"] {
            #expect(json.contains("\"\(key)\""), "missing \(key)")
        }
        let decoded = try JSONDecoder().decode(SleepResult.self, from: Data(json.utf8))
        #expect(decoded == result)
        #expect(result.rules == "AASM 2016")
        #expect(SleepAnalyzer().described.contains { $0.name.contains("PLM interval") && $0.value == "5–90" })
    }
}

@Suite("Sleep leg-movement detector")
struct SleepDetectorTests {
    /// A leg at 2 µV RMS rest with 30 µV movements at known times, as white noise (deterministic).
    static func leg(rate: Double, seconds: Double, movements: [(Double, Double)]) -> [Float] {
        var g = SplitMix64(seed: 7)
        return (0..<Int(rate * seconds)).map { k in
            let t = Double(k) / rate
            let active = movements.contains { t >= $0.0 && t < $0.0 + $0.1 }
            return Float(g.normal() * (active ? 30 : 2))
        }
    }

    @Test func findsStartAndEndWithinAFewHundredMilliseconds() throws {
        let truth = [(70.0, 2.0), (100.0, 0.8), (130.0, 6.0)]
        let x = Self.leg(rate: 256, seconds: 160, movements: truth)
        var d = try LimbMovementDetector(leg: 0, label: "L", sampleRate: 256, criteria: LimbMovementRules.aasm2016.criteria)
        let found = d.process(x) + d.finish()
        #expect(found.count == 3)
        for (m, t) in zip(found, truth) {
            #expect(abs(m.onset - t.0) < 0.15)
            #expect(abs(m.offset - (t.0 + t.1)) < 0.15)
        }
    }

    @Test func chunkingDoesNotChangeTheMovements() throws {
        let x = Self.leg(rate: 200, seconds: 120, movements: [(65, 3), (90, 1.5)])
        var whole = try LimbMovementDetector(leg: 1, label: "R", sampleRate: 200, criteria: LimbMovementRules.aasm2016.criteria)
        let a = whole.process(x) + whole.finish()
        var chunked = try LimbMovementDetector(leg: 1, label: "R", sampleRate: 200, criteria: LimbMovementRules.aasm2016.criteria)
        var b: [LegMovement] = []
        var i = 0
        for size in [1, 7, 333, 1000, 4096] where i < x.count {
            let end = min(x.count, i + size)
            b += chunked.process(Array(x[i..<end]))
            i = end
        }
        b += chunked.process(Array(x[i...])) + chunked.finish()
        #expect(a == b)
        #expect(a.count == 2)
    }

    @Test func aRecordingWithoutLegEMGIsRefusedWithAReason() throws {
        var config = SimulationConfig()
        config.durationSeconds = 10
        let arm = try SimulatedRecording(config: config)
        #expect(SleepAnalyzer.legChannels(in: arm.header).isEmpty)
        #expect(throws: SleepError.self) { try SleepAnalyzer().analyze(reader: arm) }
        #expect(throws: SleepError.self) { try SleepAnalyzer().analyze(reader: arm, legChannels: [7]) }
    }

    @Test func badRatesAndUnitsAreRefused() {
        #expect(throws: SleepError.self) {
            try LimbMovementDetector(leg: 0, label: "L", sampleRate: 20, criteria: LimbMovementRules.aasm2016.criteria)
        }
        #expect(throws: SleepError.self) {
            try LimbMovementDetector(leg: 0, label: "L", sampleRate: .nan, criteria: LimbMovementRules.aasm2016.criteria)
        }
    }
}
