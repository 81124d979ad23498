import Foundation
@testable import MyoAnalysis
import MyoDetect
import MyoFormats
import MyoSignal
import MyoTestSupport
import Testing

@Suite("EEG-EMG coherence")
struct CoherenceTests {
    private func floats(_ name: String) throws -> [Float] {
        let data = try Data(contentsOf: URL(fileURLWithPath: SharedData.repoPath("Tests/Fixtures/coherence/\(name)")))
        return data.withUnsafeBytes { raw in
            (0..<data.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }

    @Test func matchesScipyCoherenceAndFindsTheSharedDrive() throws {
        let eeg = Signal(label: "EEG C3", kind: .eeg, unit: "uV", sampleRate: 250, samples: try floats("eeg.f32"))
        let emg = Signal(label: "EMG R-FDI", kind: .emg, unit: "uV", sampleRate: 250, samples: try floats("emg.f32"))
        var p = CoherenceAnalyzer.Parameters()
        p.emgHighPassHz = 0  // the fixture's EMG stand-in is already an envelope
        p.minimumSegments = 20
        let result = try CoherenceAnalyzer(parameters: p).analyze(eeg: [eeg], emg: emg)
        let c = try #require(result.coherence.first)
        #expect(c.segmentSamples == 256 && c.segments == 29)
        let text = try String(contentsOfFile: SharedData.repoPath("Tests/Fixtures/coherence/expected.csv"), encoding: .utf8)
        let expected = text.split(separator: "\n").dropFirst().compactMap { line -> (Double, Double)? in
            let f = line.split(separator: ",")
            guard f.count == 2, let hz = Double(f[0]), let value = Double(f[1]) else { return nil }
            return (hz, value)
        }
        #expect(expected.count == 129)
        #expect(c.spectrum.count == Int(100 / c.frequencyStepHz) + 1)
        var worst = 0.0
        for (k, value) in c.spectrum.enumerated() {
            #expect(abs(Double(k) * c.frequencyStepHz - expected[k].0) < 1e-6)
            worst = max(worst, abs(Double(value) - expected[k].1))
        }
        #expect(worst < 1e-4, "largest difference from scipy \(worst)")
        let limit = 1 - pow(0.05, 1.0 / 28)
        #expect(abs(try #require(c.limit) - limit) < 1e-12)
        let peakHz = try #require(c.frequencyHz)
        #expect(c.significant && (12...30).contains(peakHz))
        #expect(c.bandBins == 18 && c.bandBinsAboveLimit >= 14)
        // Outside the drive's band, coherence stays near chance.
        let at60Hz = Int((60 / c.frequencyStepHz).rounded())
        #expect(Double(c.spectrum[at60Hz]) < limit)
    }

    @Test func decimatesA1kHzRecordingLikeTheScipyReference() throws {
        let eeg = Signal(label: "EEG C3", kind: .eeg, unit: "uV", sampleRate: 1000, samples: try floats("eeg_1k.f32"))
        let emg = Signal(label: "EMG R-FDI", kind: .emg, unit: "uV", sampleRate: 1000, samples: try floats("emg_1k.f32"))
        var p = CoherenceAnalyzer.Parameters()
        p.emgHighPassHz = 0
        p.minimumSegments = 20
        let c = try #require(try CoherenceAnalyzer(parameters: p).analyze(eeg: [eeg], emg: emg).coherence.first)
        // 1 kHz is halved twice to 250 Hz: 256-sample segments, the same ~0.98 Hz bins as 1024 at 1 kHz.
        #expect(c.segmentSamples == 256 && c.segments == 58)
        #expect(abs(c.frequencyStepHz - 1000.0 / 1024) < 1e-12)
        let text = try String(contentsOfFile: SharedData.repoPath("Tests/Fixtures/coherence/expected_1k.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(rows.count == 129 && rows.allSatisfy { $0.count == 3 })
        #expect(c.spectrum.count == Int(100 / c.frequencyStepHz) + 1)
        var worstDecimated = 0.0, worstBandUndecimated = 0.0
        for (k, value) in c.spectrum.enumerated() where rows.indices.contains(k) && rows[k].count == 3 {
            #expect(abs(Double(k) * c.frequencyStepHz - rows[k][0]) < 1e-6)
            worstDecimated = max(worstDecimated, abs(Double(value) - rows[k][1]))
            if p.bandHz.contains(rows[k][0]) { worstBandUndecimated = max(worstBandUndecimated, abs(Double(value) - rows[k][2])) }
        }
        #expect(worstDecimated < 1e-4, "largest difference from the scipy reference \(worstDecimated)")
        // Decimation changes the estimate in the 12-30 Hz band by far less than its noise.
        #expect(worstBandUndecimated < 0.02, "largest band difference from undecimated coherence \(worstBandUndecimated)")
        #expect(c.significant)
    }

    @Test func decimatorGivesTheSameSamplesForAnyChunking() {
        let x = (0..<5003).map { Float(sin(Double($0) * 0.37) * 50 + Double($0 % 7)) }
        var whole = HalfBandDecimator(stages: 2)
        let expected = whole.process(x)
        #expect(expected.count == (x.count + 3) / 4)
        var chunked = HalfBandDecimator(stages: 2)
        var got: [Float] = []
        var start = 0
        for size in [1, 2, 3, 17, 18, 19, 500, 4443] where start < x.count {
            got += chunked.process(Array(x[start..<min(x.count, start + size)]))
            start += size
        }
        #expect(got == expected)
        // A constant passes at unit gain once the filters are full.
        var constant = HalfBandDecimator(stages: 2)
        let out = constant.process([Float](repeating: 3, count: 400))
        #expect(out.suffix(50).allSatisfy { abs($0 - 3) < 1e-5 })
        #expect(HalfBandDecimator.stages(from: 1000, minimumRate: 250) == 2)
        #expect(HalfBandDecimator.stages(from: 256, minimumRate: 250) == 0)
        #expect(HalfBandDecimator.stages(from: 2048, minimumRate: 250) == 3)
    }

    @Test func streamingEqualsMemoryOnASimulatedRecording() throws {
        let config = BackAveragingFixture.config(seed: 1, minutes: 2)
        let recording = try SimulatedRecording(config: config).readAll()
        let analyzer = CoherenceAnalyzer()
        let emg = try #require(recording.signal(named: "EMG R-FDI"))
        let memory = try analyzer.analyze(eeg: recording.signals(of: .eeg), emg: emg)
        let streamed = try analyzer.analyze(reader: SimulatedRecording(config: config, chunkSeconds: 3), emgChannel: "EMG R-FDI")
        #expect(streamed == memory)
        #expect(memory.coherence.map(\.channel) == ["EEG C3", "EEG Cz", "EEG C4"])
        for c in memory.coherence {
            #expect(c.status == .ok && c.segmentSamples == 256 && c.segments == 117)
            #expect(c.spectrum.allSatisfy { $0 >= 0 && $0 <= 1 })
            // The simulation has no common drive between cortex and muscle: no claim.
            #expect(!c.significant && (c.bandLimit ?? 0) > (c.limit ?? 1))
        }
    }

    @Test func tooShortClaimsNothingAndBadChannelsThrow() throws {
        let config = BackAveragingFixture.config(seed: 1, minutes: 0.25)
        let short = try CoherenceAnalyzer().analyze(reader: SimulatedRecording(config: config), emgChannel: "EMG R-FDI")
        #expect(short.coherence.allSatisfy { $0.status == .tooFewSegments && !$0.significant && $0.peak == nil })
        let sim = try SimulatedRecording(config: config)
        #expect(throws: BackAveragingError.self) { try CoherenceAnalyzer().analyze(reader: sim, emgChannel: "EEG C3") }
        #expect(throws: BackAveragingError.self) { try CoherenceAnalyzer().analyze(reader: sim, emgChannel: "nope") }
        #expect(throws: BackAveragingError.self) {
            try CoherenceAnalyzer().analyze(reader: sim, emgChannel: "EMG R-FDI", eegChannels: ["EMG R-FDI"])
        }
        var p = CoherenceAnalyzer.Parameters()
        p.bandHz = 30...30
        #expect(throws: BackAveragingError.self) { try p.validate() }
        let empty = Signal(label: "EEG", kind: .eeg, unit: "uV", sampleRate: 250, samples: [])
        let emg = Signal(label: "EMG", kind: .emg, unit: "uV", sampleRate: 1000, samples: [])
        let none = try CoherenceAnalyzer().analyze(eeg: [empty], emg: emg)
        #expect(none.coherence.first?.status == .noSegments)
        let bad = Signal(label: "EMG", kind: .emg, unit: "uV", sampleRate: .nan, samples: [1])
        #expect(throws: BackAveragingError.self) { try CoherenceAnalyzer().analyze(eeg: [empty], emg: bad) }
    }
}
