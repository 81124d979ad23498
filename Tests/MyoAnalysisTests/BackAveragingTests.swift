import Foundation
@testable import MyoAnalysis
import MyoDetect
import MyoFormats
import MyoSignal
import Testing

@Suite("Back-averaging")
struct BackAveragingTests {
    let averager = BackAverager()

    @Test func findsTheTransientAtItsLatencyOnlyWhereItIs() throws {
        let (_, eeg, jerks) = try BackAveragingFixture.load(BackAveragingFixture.config(seed: 1))
        let result = try averager.analyze(signals: eeg, triggers: averager.triggers(fromTimes: jerks))
        let byLabel = Dictionary(uniqueKeysWithValues: result.backAveraging.map { ($0.channel, $0) })
        let c3 = try #require(byLabel["EEG C3"]), cz = try #require(byLabel["EEG Cz"]), c4 = try #require(byLabel["EEG C4"])
        #expect(c3.status == .ok && c3.epochsUsed >= 50)
        #expect(c3.transientFound)
        #expect(abs(try #require(c3.latencyMs) + 20) <= 5)
        #expect(try #require(c3.amplitudeUV) > 5)
        #expect(try #require(c3.pValue) < 0.05)
        #expect(try #require(c3.splitHalfR) > 0.5)
        // Cz sees half the transient (5 µV), below what 90 epochs over this background reveal.
        #expect(!c4.transientFound)
        #expect(c3.average.mean.count == Int(1.2 * 500) + 1)
        #expect(zip(c3.average.lower, c3.average.upper).allSatisfy { $0 <= $1 })
        print("back-averaging seed 1: C3 \(c3.epochsUsed) epochs (\(c3.epochsRejected) rejected), latency \(c3.latencyMs ?? .nan) ms, "
              + "amplitude \(c3.amplitudeUV ?? .nan) µV, p \(c3.pValue ?? .nan), r \(c3.splitHalfR ?? .nan); "
              + "Cz latency \(cz.latencyMs ?? .nan) ms p \(cz.pValue ?? .nan); C4 p \(c4.pValue ?? .nan)")
    }

    @Test func shuffledTriggersAgreeWithSignFlips() throws {
        let (_, eeg, jerks) = try BackAveragingFixture.load(BackAveragingFixture.config(seed: 1))
        var p = BackAverager.Parameters()
        p.significanceTest = .shuffledTriggers
        let shuffled = BackAverager(parameters: p)
        let result = try shuffled.analyze(signals: eeg, triggers: shuffled.triggers(fromTimes: jerks))
        let flipped = try averager.analyze(signals: eeg, triggers: averager.triggers(fromTimes: jerks))
        #expect(result.significanceTest == .shuffledTriggers && flipped.significanceTest == .signFlip)
        let byLabel = Dictionary(uniqueKeysWithValues: result.backAveraging.map { ($0.channel, $0) })
        let c3 = try #require(byLabel["EEG C3"]), c4 = try #require(byLabel["EEG C4"])
        let p3 = try #require(c3.pValue), p4 = try #require(c4.pValue)
        #expect(c3.transientFound && p3 < 0.05)
        #expect(!c4.transientFound && p4 > 0.05)
        // The test changes only the p-values: latencies, amplitudes and averages are the same.
        for (a, b) in zip(result.backAveraging, flipped.backAveraging) {
            #expect(a.latencyMs == b.latencyMs && a.amplitudeUV == b.amplitudeUV && a.average == b.average)
        }
    }

    @Test func latencyFollowsTheSimulatedTruthOverSeeds() throws {
        var errors: [Double] = []
        for (seed, latency) in [(UInt64(2), -20.0), (3, -35), (4, -15), (5, -50)] {
            let config = BackAveragingFixture.config(seed: seed, latencyMs: latency)
            let (_, eeg, jerks) = try BackAveragingFixture.load(config)
            let result = try averager.analyze(signals: [eeg[0]], triggers: averager.triggers(fromTimes: jerks))
            let c3 = try #require(result.backAveraging.first)
            #expect(c3.transientFound, "seed \(seed)")
            let error = try #require(c3.latencyMs) - latency
            errors.append(error)
            #expect(abs(error) <= 5, "seed \(seed): latency \(c3.latencyMs ?? .nan) ms against \(latency) ms")
        }
        print("back-averaging latency errors (ms) over seeds 2-5: \(errors.map { String(format: "%.2f", $0) })")
    }

    @Test func findsNothingWithoutATransient() throws {
        var falsePositives = 0, tests = 0
        for seed in UInt64(11)...16 {
            let (_, eeg, jerks) = try BackAveragingFixture.load(BackAveragingFixture.config(seed: seed, transientUV: 0))
            let result = try averager.analyze(signals: eeg, triggers: averager.triggers(fromTimes: jerks))
            for c in result.backAveraging {
                tests += 1
                if c.transientFound { falsePositives += 1 }
                #expect(c.status == .ok)
            }
        }
        print("back-averaging without a transient: \(falsePositives) false positives in \(tests) channel-recordings")
        // At a 0.05 level plus the split-half check, 18 null channels give about 0.5 expected.
        #expect(falsePositives <= 2)
    }

    @Test func readerPassGivesTheSameResultAsMemory() throws {
        let config = BackAveragingFixture.config(seed: 1, minutes: 4)
        let (_, eeg, jerks) = try BackAveragingFixture.load(config)
        let triggers = averager.triggers(fromTimes: jerks)
        let memory = try averager.analyze(signals: eeg, triggers: triggers)
        for chunkSeconds in [1, 7] {
            let reader = try SimulatedRecording(config: config, chunkSeconds: chunkSeconds)
            let streamed = try averager.analyze(reader: reader, triggers: triggers)
            #expect(streamed == memory, "chunks of \(chunkSeconds) s")
        }
    }

    @Test func tooFewEpochsClaimsNothing() throws {
        let (_, eeg, jerks) = try BackAveragingFixture.load(BackAveragingFixture.config(seed: 1, minutes: 2))
        let result = try averager.analyze(signals: eeg, triggers: averager.triggers(fromTimes: jerks))
        for c in result.backAveraging {
            #expect(c.epochsUsed > 0 && c.epochsUsed < 50)
            #expect(c.status == .tooFewEpochs)
            #expect(!c.transientFound && c.latencyMs == nil && c.pValue == nil)
            #expect(c.bereitschaftspotential.status == .tooFewEpochs && !c.bereitschaftspotential.present)
            #expect(c.average.epochs == c.epochsUsed)
        }
        let none = try averager.analyze(signals: eeg, triggers: averager.triggers(fromTimes: []))
        #expect(none.backAveraging.allSatisfy { $0.status == .noEpochs && $0.epochsUsed == 0 })
    }

    @Test func bereitschaftspotentialFoundWithItsOnsetOnlyWhenPresent() throws {
        let with = try BackAveragingFixture.load(BackAveragingFixture.config(seed: 7, transientUV: 0, bereitschaft: true))
        let result = try averager.analyze(signals: with.eeg, triggers: averager.triggers(fromTimes: with.jerks))
        for c in result.backAveraging {
            let bp = c.bereitschaftspotential
            #expect(bp.present, "\(c.channel)")
            // The hinge onset is read against 1/f background; 0.5 s is the accuracy seen over seeds.
            #expect(abs(try #require(bp.onsetS) - 1.2) <= 0.5, "\(c.channel): onset \(bp.onsetS ?? .nan) s")
            #expect(try #require(bp.slopeUVPerS) < 0)
            #expect(bp.onsetInPublishedRange == true)
            print("Bereitschaftspotential \(c.channel): onset \(bp.onsetS ?? .nan) s, slope \(bp.slopeUVPerS ?? .nan) µV/s, "
                  + "shift \(bp.meanShiftUV ?? .nan) µV, p \(bp.pValue ?? .nan), \(bp.epochsUsed) epochs (\(bp.epochsRejected) rejected)")
        }
        let without = try BackAveragingFixture.load(BackAveragingFixture.config(seed: 7, transientUV: 0))
        let none = try averager.analyze(signals: without.eeg, triggers: averager.triggers(fromTimes: without.jerks))
        #expect(none.backAveraging.filter(\.bereitschaftspotential.present).count <= 1)
    }

    @Test func lockOutDropsTriggersTooCloseToTheirPredecessor() {
        let s = TriggerSelection(times: [5, 1, 1.2, 1.6, .nan, 3, 3.34], lockOutSeconds: 0.35)
        #expect(s.times == [1, 1.6, 3, 5])
        #expect(s.given == 6 && s.lockedOut == 2)
    }

    @Test func triggersFromEventsUseJerksAndTheChosenChannel() {
        func ch(_ label: String, _ onset: Double, _ source: EventSource = .emgBurst) -> ChannelEvent {
            ChannelEvent(channelIndex: 0, channel: label, source: source, onset: onset, offset: onset + 0.05, peak: 1, area: 1,
                         baseline: 1, intensity: 2, unit: "uV", confidence: 1)
        }
        let events = [MyoclonicEvent(ch("A", 1.0)),
                      MyoclonicEvent(onset: 2, offset: 2.1, polarity: .positive, channels: [ch("A", 2), ch("B", 2.01)],
                                     peak: 1, area: 1, intensity: 2, unit: "uV", confidence: 1),
                      MyoclonicEvent(ch("A", 3.0, .emgSilentPeriod))]
        #expect(averager.triggers(from: events).times == [1, 2])
        #expect(averager.triggers(from: events, channel: "B").times == [2.01])
    }

    @Test func rejectsEpochsWithArtefactsAndConvertsUnits() throws {
        let rate = 250.0
        var samples = [Float](repeating: 0, count: Int(200 * rate))
        let triggers = (1...60).map { Double($0) * 3 }
        for (i, t) in triggers.enumerated() where i % 10 == 0 { samples[Int((t - 0.5) * rate)] = 0.5 }  // 500 µV in mV
        let signal = Signal(label: "EEG Cz", kind: .eeg, unit: "mV", sampleRate: rate, samples: samples)
        let result = try averager.analyze(signals: [signal], triggers: averager.triggers(fromTimes: triggers))
        let c = try #require(result.backAveraging.first)
        #expect(c.epochsRejected == 6 && c.epochsUsed == 54)
        #expect(result.warnings.isEmpty)
        let odd = Signal(label: "EEG X", kind: .eeg, unit: "K", sampleRate: rate, samples: samples)
        #expect(try averager.analyze(signals: [odd], triggers: averager.triggers(fromTimes: triggers)).warnings.count == 1)
    }

    @Test func epochsBeyondTheRecordingAreCountedNotCut() throws {
        let signal = Signal(label: "EEG Cz", kind: .eeg, unit: "uV", sampleRate: 500, samples: [Float](repeating: 1, count: 5000))
        let result = try averager.analyze(signals: [signal], triggers: averager.triggers(fromTimes: [0.5, 5, 9.9, 1e300, -4]))
        let c = try #require(result.backAveraging.first)
        #expect(c.epochsOutsideRecording == 4 && c.epochsUsed == 1)
    }

    @Test func badSettingsAndChannelsThrow() throws {
        var p = BackAverager.Parameters()
        p.searchWindow = -2 ... 0
        #expect(throws: BackAveragingError.self) { try p.validate() }
        p = .init(); p.surrogateCount = 5
        #expect(throws: BackAveragingError.self) { try p.validate() }
        p = .init(); p.epochWindow = -1e9...1
        #expect(throws: BackAveragingError.self) { try p.validate() }
        let sim = try SimulatedRecording(config: BackAveragingFixture.config(seed: 1, minutes: 1))
        #expect(throws: BackAveragingError.self) { try averager.analyze(reader: sim, triggers: averager.triggers(fromTimes: [1]), eegChannels: ["Fz"]) }
        #expect(throws: BackAveragingError.self) { try averager.analyze(reader: sim, triggers: averager.triggers(fromTimes: [1]), eegChannels: ["EMG R-FDI"]) }
        let bad = Signal(label: "EEG", kind: .eeg, unit: "uV", sampleRate: 0, samples: [1])
        #expect(throws: BackAveragingError.self) { try averager.analyze(signals: [bad], triggers: averager.triggers(fromTimes: [1])) }
    }

    @Test func cutterGivesTheSameWindowsWhateverTheChunks() {
        let signal = (0..<1000).map { Float($0) }
        let requests = [EpochRequest(start: 10, length: 5, purpose: 0, set: 0), EpochRequest(start: 0, length: 30, purpose: 1, set: 0),
                        EpochRequest(start: 500, length: 300, purpose: 0, set: 0), EpochRequest(start: 990, length: 10, purpose: 2, set: 3)]
            .sorted { $0.end < $1.end }
        func cut(chunk: Int) -> [[Float]] {
            var cutter = EpochCutter(requests: requests)
            var out: [[Float]] = []
            var first = 0
            while first < signal.count {
                let end = min(signal.count, first + chunk)
                cutter.feed(Array(signal[first..<end]), first: first) { _, w in out.append(Array(w)) }
                first = end
            }
            return out
        }
        let whole = cut(chunk: 1000)
        #expect(whole.count == 4 && whole[0] == [10, 11, 12, 13, 14] && whole[3].first == 990)
        for chunk in [1, 7, 64, 333] { #expect(cut(chunk: chunk) == whole) }
    }
}
