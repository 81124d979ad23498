import Foundation
import MyoAnalysis
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
            #expect(c.status == .ok && c.segmentSamples == 512 && c.segments == 117)
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
