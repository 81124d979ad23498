import Foundation
import MyoAnalysis
import MyoDetect
import MyoFormats
import MyoSignal
import Testing

/// Detection against exact truth on simulated nights: limb movements within 0.5 s, the PLM
/// index within 10 % of what the same rules give on the true movements.
@Suite("Sleep simulated nights")
struct SleepNightTests {
    static func run(seed: UInt64, seconds: Double = 3600, rules: LimbMovementRules = .aasm2016,
                    configure: (inout NightConfig) -> Void = { _ in },
                    analyzer tune: (inout SleepAnalyzer.Parameters) -> Void = { _ in }) throws -> (SleepComparison, SleepResult, SleepResult) {
        var config = NightConfig()
        config.seed = seed
        config.durationSeconds = seconds
        config.sleepLatencyS = 300...600
        config.plm.seriesPerHourOfSleep = 6
        configure(&config)
        let night = try SimulatedNight(config: config)
        var parameters = SleepAnalyzer.Parameters()
        parameters.rules = rules
        tune(&parameters)
        let analyzer = SleepAnalyzer(parameters: parameters)
        let detected = try analyzer.analyze(reader: night)
        let truth = analyzer.score(truth: night.truth, annotations: try night.annotations(), recordingSeconds: seconds,
                                   legLabels: detected.legChannels)
        return (SleepComparison.compare(detected: detected, truth: truth), detected, truth)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func limbMovementsAndPLMIndexOnOneHourNights(seed: UInt64) throws {
        let (c, detected, truth) = try Self.run(seed: seed)
        print("seed \(seed): LM F1 \(c.lmF1) (\(c.matchedLMs)/\(c.truthLMCount) true, \(c.detectedLMCount) found), PLMI \(c.detectedPLMIndex) vs \(c.truthPLMIndex), hypnic \(c.detectedHypnicJerks)/\(c.truthHypnicJerks)")
        #expect(c.truthLMCount > 20)
        #expect(c.lmF1 >= 0.9)
        #expect(truth.plmIndex > 0)
        #expect(c.plmIndexRelativeError <= 0.10)
        #expect(detected.legChannels == ["EMG Tib-L", "EMG Tib-R"])
        #expect(detected.sleepHours == truth.sleepHours)
        #expect(abs(c.detectedHypnicJerks - c.truthHypnicJerks) <= 1)
    }

    @Test func wasmRulesOnANight() throws {
        let (c, detected, _) = try Self.run(seed: 4, rules: .wasm2016)
        print("WASM seed 4: LM F1 \(c.lmF1) (\(c.truthLMCount) true), PLMI \(c.detectedPLMIndex) vs \(c.truthPLMIndex)")
        #expect(detected.rules == "WASM 2016")
        #expect(c.lmF1 >= 0.9)
        #expect(c.truthPLMIndex > 0)
        #expect(c.plmIndexRelativeError <= 0.10)
    }

    @Test func respiratoryMovementsAreExcluded() throws {
        let (c, detected, truth) = try Self.run(seed: 5) { $0.respiratory.perHourOfSleep = 20; $0.respiratory.movementProbability = 1 }
        print("respiratory seed 5: LM F1 \(c.lmF1), PLMI \(c.detectedPLMIndex) vs \(c.truthPLMIndex)")
        // Every respiratory-origin movement is within 0.3 s of its event's end, so the rules drop it.
        #expect(!truth.notes.contains { $0.contains("no respiratory") })
        #expect(c.lmF1 >= 0.9)
        #expect(c.plmIndexRelativeError <= 0.10)
        let (_, withoutRule, _) = try Self.run(seed: 5) {
            $0.respiratory.perHourOfSleep = 20; $0.respiratory.movementProbability = 1
        } analyzer: { $0.respiratoryKeywords = [] }
        #expect(withoutRule.lmCount > detected.lmCount)
        #expect(detected.limbMovements.allSatisfy { !$0.isRespiratory })
    }

    @Test func fragmentaryMyoclonusCriterionAndHypnicJerks() throws {
        let (c, detected, truth) = try Self.run(seed: 6) { $0.fragmentary.perMinuteOfNREM = 10 }
        let efm = try #require(detected.fragmentaryMyoclonus)
        let trueEFM = try #require(truth.fragmentaryMyoclonus)
        print("EFM seed 6: minutes at criterion \(efm.minutesAtCriterion) vs \(trueEFM.minutesAtCriterion) of \(efm.nremMinutes); bursts \(efm.burstCount) vs \(trueEFM.burstCount); hypnic \(c.detectedHypnicJerks)/\(c.truthHypnicJerks)")
        #expect(trueEFM.criterionMet)
        #expect(efm.criterionMet)
        #expect(abs(efm.burstCount - trueEFM.burstCount) <= trueEFM.burstCount / 5)
        let (quiet, _, _) = try Self.run(seed: 6)
        #expect(quiet.detectedFragmentaryMinutes == 0)
        #expect(abs(c.detectedHypnicJerks - c.truthHypnicJerks) <= max(1, c.truthHypnicJerks / 5))
    }

    /// The night written to EDF+ and read back streams to the same movements (16-bit
    /// quantisation moves onsets by far less than the tolerance).
    @Test func edfRoundTripGivesTheSameScoring() throws {
        var config = NightConfig()
        config.seed = 7
        config.durationSeconds = 1200
        config.sleepLatencyS = 120...180
        config.plm.seriesPerHourOfSleep = 10
        config.sampleRate = 256
        let night = try SimulatedNight(config: config)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sleep-night-\(UUID().uuidString).edf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try RecordingConverter.convert(reader: night, to: path, format: .edfPlus)
        let direct = try SleepAnalyzer().analyze(reader: night)
        let fromFile = try SleepAnalyzer().analyze(reader: try RecordingFile.open(path))
        #expect(fromFile.hypnogram == direct.hypnogram)
        #expect(direct.lmCount > 5)
        let c = SleepComparison.compare(detected: fromFile, truth: direct, toleranceSeconds: 0.1)
        #expect(c.lmF1 == 1)
        #expect(fromFile.plmCount == direct.plmCount)
    }
}
