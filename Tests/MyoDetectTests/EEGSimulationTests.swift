import Foundation
import MyoDetect
import MyoFormats
import MyoSignal
import Testing

@Suite("Simulated EEG")
struct EEGSimulationTests {
    static func config(motion: Bool = true) -> SimulationConfig {
        var c = SimulationConfig()
        c.durationSeconds = 120
        c.eeg.enabled = true
        c.motion.accelerometer = motion
        return c
    }

    @Test("EEG channels follow the EMG and motion channels, with or without motion")
    func layout() throws {
        let with = try SimulatedRecording(config: Self.config()).header.channels
        #expect(with.map(\.label) == ["EMG R-FDI", "EMG R-ECR", "ACC X", "ACC Y", "ACC Z", "EEG C3", "EEG Cz", "EEG C4"])
        #expect(with.suffix(3).allSatisfy { $0.kind == .eeg && $0.sampleRate == 500 && $0.sampleCount == 60_000 && $0.unit == "uV" })
        let without = try SimulatedRecording(config: Self.config(motion: false))
        #expect(without.header.channels.map(\.kind) == [.emg, .emg, .eeg, .eeg, .eeg])
        let all = try without.readAll()
        #expect(all.signals.map(\.samples.count) == [120_000, 120_000, 60_000, 60_000, 60_000])
        #expect(without.eegLabels == ["EEG C3", "EEG Cz", "EEG C4"])
        var off = SimulationConfig(); off.durationSeconds = 60
        #expect(try SimulatedRecording(config: off).header.channels.allSatisfy { $0.kind != .eeg })
    }

    @Test("Background has the asked RMS, stays in range, and does not depend on the chunk length")
    func backgroundAndChunks() throws {
        var c = Self.config(motion: false)
        c.eeg.transient.amplitudeUV = 0
        let a = try SimulatedRecording(config: c, chunkSeconds: 1).readAll()
        let b = try SimulatedRecording(config: c, chunkSeconds: 9).readAll()
        #expect(a.signals == b.signals)
        let c4 = try #require(a.signal(named: "EEG C4")).samples
        let rms = (c4.reduce(0) { $0 + Double($1) * Double($1) } / Double(c4.count)).squareRoot()
        let expected = (c.eeg.backgroundUV * c.eeg.backgroundUV + c.eeg.alphaUV * c.eeg.alphaUV).squareRoot()
        #expect(abs(rms - expected) / expected < 0.15, "RMS \(rms) µV against \(expected)")
        let header = try SimulatedRecording(config: c).header.channels.last
        let bound = try #require(header?.physicalRange?.upperBound)
        #expect(c4.allSatisfy { abs(Double($0)) < bound })
    }

    @Test("The transient sits at its latency before each jerk, on the channels that carry it")
    func transientAtLatency() throws {
        var c = Self.config(motion: false)
        c.durationSeconds = 600
        c.eeg.backgroundUV = 0.001
        c.eeg.alphaUV = 0.001
        c.eeg.transient.latencyMs = -30
        let sim = try SimulatedRecording(config: c)
        let recording = try sim.readAll()
        let c3 = try #require(recording.signal(named: "EEG C3")).samples
        let c4 = try #require(recording.signal(named: "EEG C4")).samples
        let jerks = sim.truth.filter { $0.kind == "positive" }
        #expect(jerks.count > 50)
        // Jerks of a cluster can be closer than a transient's extent; take isolated ones.
        let isolated = jerks.indices.filter { i in
            (i == 0 || jerks[i].onset - jerks[i - 1].onset > 0.2) && (i + 1 == jerks.count || jerks[i + 1].onset - jerks[i].onset > 0.2)
        }
        for i in isolated.prefix(20) {
            let peak = Int(((jerks[i].onset - 0.030) * 500).rounded())
            let window = (peak - 5)...(peak + 5)
            let best = try #require(window.max { c3[$0] < c3[$1] })
            #expect(abs(best - peak) <= 1)
            #expect(abs(Double(c3[best]) - 10) < 0.5)
            #expect(abs(c4[peak]) < 0.05)
        }
    }

    @Test("A Bereitschaftspotential ramps down before the jerk when asked")
    func bereitschaft() throws {
        var c = Self.config(motion: false)
        c.eeg.backgroundUV = 0.001
        c.eeg.alphaUV = 0.001
        c.eeg.transient.amplitudeUV = 0
        c.eeg.bereitschaft.enabled = true
        let sim = try SimulatedRecording(config: c)
        let cz = try #require(try sim.readAll().signal(named: "EEG Cz")).samples
        let jerk = try #require(sim.truth.first { $0.kind == "positive" && $0.onset > 3 })
        let at = { (t: Double) in Double(cz[Int((t * 500).rounded())]) }
        #expect(at(jerk.onset - 0.01) < -8)
        #expect(at(jerk.onset - 0.6) < -3 && at(jerk.onset - 0.6) > -7)
    }

    @Test("Bad EEG settings are clear errors naming the setting")
    func validation() {
        func fails(_ key: String, _ change: (inout SimulationConfig) -> Void) {
            var c = Self.config()
            change(&c)
            #expect(throws: SimulationError.self) { try c.validate() }
            do { try c.validate() } catch { #expect(error.description.hasPrefix(key), "\(error)") }
        }
        fails("eeg.sampleRate") { $0.eeg.sampleRate = 2000 }
        fails("eeg.sampleRate") { $0.eeg.sampleRate = 333.5 }
        fails("eeg.channels") { $0.eeg.channels = [] }
        fails("eeg.channels[0].label") { $0.eeg.channels[0].label = " " }
        fails("eeg.alphaHz") { $0.eeg.alphaHz = 20 }
        fails("eeg.transient.latencyMs") { $0.eeg.transient.latencyMs = .nan }
        fails("eeg.bereitschaft.onsetS") { $0.eeg.bereitschaft.onsetS = 0 }
    }

    @Test("A JSON configuration sets the EEG, and the defaults survive partial settings")
    func json() throws {
        let json = #"{"eeg": {"enabled": true, "channels": [{"label": "EEG Fz"}], "transient": {"latencyMs": -25}}}"#
        let c = try SimulationConfig.decode(json: Data(json.utf8))
        #expect(c.eeg.enabled && c.eeg.channels == [.init(label: "EEG Fz")] && c.eeg.transient.latencyMs == -25)
        #expect(c.eeg.transient.amplitudeUV == 10 && c.eeg.sampleRate == 500)
        #expect(throws: SimulationError.self) { try SimulationConfig.decode(json: Data(#"{"eeg": {"latency": 1}}"#.utf8)) }
    }
}
