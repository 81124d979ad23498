import Foundation
import MyoFormats
import Testing
@testable import MyoDetect

@Suite("Simulation")
struct SimulationTests {
    static func config(seconds: Double = 120, seed: UInt64 = 1) -> SimulationConfig {
        var c = SimulationConfig()
        c.durationSeconds = seconds
        c.seed = seed
        c.positive.ratePerMinute = 20
        c.tonic.gapS = 5...10
        c.negative.ratePerMinuteOfTonic = 10
        return c
    }

    static func samples(_ r: SimulatedRecording) throws -> [[Float]] {
        try r.readAll().signals.map(\.samples)
    }

    @Test("The same seed gives the same samples and truth; another seed differs")
    func determinism() throws {
        let a = try SimulatedRecording(config: Self.config())
        let b = try SimulatedRecording(config: Self.config())
        let c = try SimulatedRecording(config: Self.config(seed: 2))
        let sa = try Self.samples(a)
        #expect(sa == (try Self.samples(b)))
        #expect(a.truth == b.truth)
        #expect(sa != (try Self.samples(c)))
        #expect(a.truth != c.truth)
        #expect(a.truth.count > 20)
        // rewind gives the same samples again
        #expect(try Self.samples(a) == sa)
    }

    @Test("Chunk length never changes the samples")
    func chunkIndependence() throws {
        let one = try SimulatedRecording(config: Self.config(seconds: 30), chunkSeconds: 1)
        let seven = try SimulatedRecording(config: Self.config(seconds: 30), chunkSeconds: 7)
        var chunks = 0
        while try one.nextChunk() != nil { chunks += 1 }
        #expect(chunks == 30)
        #expect(try Self.samples(one) == (try Self.samples(seven)))
        let counts = try Self.samples(seven).map(\.count)
        #expect(counts == [30_000, 30_000, 3000, 3000, 3000])
    }

    /// RMS over [t, t + length) of an EMG channel at 1 kHz.
    static func rms(_ x: [Float], from t: Double, length: Double, rate: Double = 1000) -> Double {
        let a = max(0, Int(t * rate)), b = min(x.count, Int((t + length) * rate))
        guard a < b else { return 0 }
        return (x[a..<b].reduce(0.0) { $0 + Double($1) * Double($1) } / Double(b - a)).squareRoot()
    }

    @Test("Every burst stands well above rest; silent periods drop the tonic level")
    func truthMatchesSignal() throws {
        var c = Self.config(seconds: 300)
        c.artefacts.baselineWanderUV = 0   // the RMS below measures EMG, not wander
        let r = try SimulatedRecording(config: c)
        let emg = try Self.samples(r)[0]
        let tonic = r.context.filter { $0.kind == "tonic" }
        func inTonic(_ t: Double) -> Bool { tonic.contains { t >= $0.onset && t <= $0.onset + $0.duration } }
        let positives = r.truth.filter { $0.kind == "positive" }
        #expect(positives.count > 40)
        for e in positives {
            let burst = Self.rms(emg, from: e.onset + 0.005, length: max(0.01, e.duration - 0.015))
            let before = Self.rms(emg, from: e.onset - 0.15, length: 0.1)
            // Power adds: the burst's own share must be there whatever the background.
            #expect(burst * burst - before * before > pow(0.3 * e.amplitude, 2), "burst at \(e.onset) s: \(burst) µV against \(before) µV before")
            if !inTonic(e.onset) { #expect(burst > 4 * before, "burst at \(e.onset) s: \(burst) µV against \(before) µV at rest") }
        }
        let negatives = r.truth.filter { $0.kind == "negative" }
        #expect(negatives.count > 5)
        for e in negatives {
            #expect(inTonic(e.onset))
            let inside = Self.rms(emg, from: e.onset + 0.01, length: e.duration - 0.02)
            let before = Self.rms(emg, from: e.onset - 0.25, length: 0.2)
            #expect(inside < 0.5 * before, "silent period at \(e.onset) s: \(inside) µV against \(before) µV before")
            #expect(before > 0.5 * e.amplitude)
        }
        for e in r.truth where e.kind == "voluntary" {
            #expect(Self.rms(emg, from: e.onset + e.duration / 2 - 0.1, length: 0.2) > 0.3 * e.amplitude)
        }
        // Events keep clear of each other and of the recording's edges.
        let onsets = r.truth.map(\.onset)
        #expect(onsets == onsets.sorted())
        #expect(onsets.allSatisfy { $0 >= 2 && $0 <= c.durationSeconds - 2 })
    }

    @Test("Jerks move the accelerometer at the stated time and size")
    func accelerometerTransients() throws {
        var c = Self.config(seconds: 120)
        c.motion.sensorNoiseG = 0
        c.motion.swayG = 0
        let r = try SimulatedRecording(config: c)
        let s = try Self.samples(r)
        for e in r.truth where e.kind == "positive" {
            let onset = try #require(e.accOnset), peak = try #require(e.accPeak)
            #expect(onset > e.onset && onset < e.onset + 0.06)
            // Largest deviation from the pre-event level within 0.3 s, over the three axes.
            let a = Int(onset * 100), b = min(s[2].count, a + 30)
            var deviation = 0.0
            for axis in 2...4 where a >= 2 {
                let base = Double(s[axis][a - 1])
                for k in a..<b { deviation = max(deviation, abs(Double(s[axis][k]) - base)) }
            }
            #expect(deviation > 0.3 * peak, "jerk at \(e.onset) s moved \(deviation) g, stated \(peak) g")
        }
    }

    @Test("The ECG option adds QRS complexes at the chosen heart rate")
    func ecg() throws {
        var c = SimulationConfig()
        c.durationSeconds = 60
        c.positive.ratePerMinute = 0
        c.voluntary.ratePerMinute = 0
        c.tonic.enabled = false
        c.artefacts.baselineWanderUV = 0
        c.artefacts.ecgUV = 200
        c.artefacts.heartRateBPM = 75
        let r = try SimulatedRecording(config: c)
        let emg = try Self.samples(r)[0]
        // Peaks above half the QRS amplitude, at least 0.3 s apart.
        var peaks: [Int] = []
        for k in 1..<(emg.count - 1) where emg[k] > 100 && emg[k] >= emg[k - 1] && emg[k] >= emg[k + 1] {
            if let last = peaks.last, k - last < 300 { if emg[k] > emg[last] { peaks[peaks.count - 1] = k } } else { peaks.append(k) }
        }
        #expect(abs(peaks.count - 75) <= 2)
        let intervals = zip(peaks.dropFirst(), peaks).map { Double($0 - $1) / 1000 }.sorted()
        let median = intervals[intervals.count / 2]
        #expect(abs(median - 0.8) < 0.03)
        let beats = r.ecgBeats
        #expect(abs(beats.count - peaks.count) <= 1)
        for (p, b) in zip(peaks, beats) { #expect(abs(Double(p) / 1000 - b) < 0.005) }
    }

    @Test("Samples stay inside the declared physical ranges, including loud settings")
    func physicalRanges() throws {
        var c = Self.config(seconds: 120)
        c.positive.amplitudeUV = 400...2000
        c.artefacts.ecgUV = 300
        c.artefacts.electrodePopsPerHour = 600
        c.walking.enabled = true
        c.walking.gapS = 5...10
        c.motion.gyroscope = true
        c.rhythmic.runsPerHour = 120
        let r = try SimulatedRecording(config: c)
        #expect(r.context.contains { $0.kind == "electrode_pop" })
        #expect(r.context.contains { $0.kind == "walking" })
        for (i, x) in try Self.samples(r).enumerated() {
            let range = try #require(r.header.channels[i].physicalRange)
            let lo = Double(x.min() ?? 0), hi = Double(x.max() ?? 0)
            #expect(lo > range.lowerBound && hi < range.upperBound, "\(r.header.channels[i].label): \(lo)...\(hi) outside \(range)")
            #expect(x.allSatisfy { $0.isFinite })
        }
        #expect(r.header.channels.map(\.label).suffix(3) == ["GYRO X", "GYRO Y", "GYRO Z"])
    }

    @Test("A chain of muscles receives each event with its conduction latency")
    func spreadLatency() throws {
        var c = Self.config(seconds: 60)
        c.emg.muscles = [.init(label: "EMG Trapezius"), .init(label: "EMG Rectus", distanceCm: 35)]
        c.emg.spreadVelocity = 7
        c.tonic.enabled = false
        let r = try SimulatedRecording(config: c)
        let first = try #require(r.truth.first { $0.kind == "positive" })
        #expect(first.latencies.count == 2)
        #expect(abs(first.latencies[1] - 0.05) < 1e-12)
        #expect(first.latencies[0] == 0)
        let s = try Self.samples(r)
        // The far muscle is still at rest while the near one bursts.
        let early = first.onset + min(0.02, first.duration / 2)
        #expect(Self.rms(s[0], from: early - 0.005, length: 0.01) > 3 * Self.rms(s[1], from: early - 0.005, length: 0.01))
    }

    @Test("Bad settings are clear errors naming the setting")
    func validation() throws {
        var c = SimulationConfig()
        c.durationSeconds = -1
        #expect(throws: SimulationError.self) { try SimulatedRecording(config: c) }
        c = SimulationConfig(); c.emg.sampleRate = 0
        do { try c.validate(); Issue.record("rate 0 accepted") } catch {
            #expect(error.description.contains("emg.sampleRate"))
        }
        c = SimulationConfig(); c.artefacts.mainsHz = 55
        do { try c.validate(); Issue.record("55 Hz accepted") } catch {
            #expect(error.description.contains("artefacts.mainsHz"))
        }
        c = SimulationConfig(); c.positive.amplitudeUV = 0...10
        #expect(throws: SimulationError.self) { try c.validate() }
        c = SimulationConfig(); c.emg.muscles = []
        #expect(throws: SimulationError.self) { try c.validate() }
    }

    @Test("A JSON configuration needs only what it changes and rejects unknown keys")
    func json() throws {
        let c = try SimulationConfig.decode(json: Data(#"{"positive": {"ratePerMinute": 3}, "emg": {"muscles": [{"label": "EMG L-Deltoid", "distanceCm": 20}]}}"#.utf8))
        #expect(c.positive.ratePerMinute == 3)
        #expect(c.positive.durationMs == SimulationConfig().positive.durationMs)
        #expect(c.emg.muscles == [.init(label: "EMG L-Deltoid", distanceCm: 20)])
        #expect(throws: SimulationError.unknownKey(path: "positive.ratePerMinut", known: ["accDelayMs", "accPeakGPer100uV", "amplitudeUV", "clusterGapMs", "clusterProbability", "clusterSize", "durationMs", "fallMs", "ratePerMinute", "riseMs"])) {
            try SimulationConfig.decode(json: Data(#"{"positive": {"ratePerMinut": 3}}"#.utf8))
        }
        #expect(throws: SimulationError.self) { try SimulationConfig.decode(json: Data(#"{"durationSeconds": "long"}"#.utf8)) }
        #expect(throws: SimulationError.self) { try SimulationConfig.decode(json: Data("not json".utf8)) }
        let round = try SimulationConfig.decode(json: Data(try SimulationConfig().json().utf8))
        #expect(round == SimulationConfig())
    }

    @Test("The truth CSV has the benchmark header and one row per event")
    func truthCSV() throws {
        let r = try SimulatedRecording(config: Self.config(seconds: 60))
        let text = SimulationTruthTable.csv(r.truth, channelLabels: r.emgLabels)
        let lines = text.split(separator: "\n")
        #expect(lines.first == "onset_s,duration_s,kind,amplitude,acc_onset_s,acc_peak_g,latency_ms_EMG_R-FDI,latency_ms_EMG_R-ECR")
        #expect(lines.count == r.truth.count + 1)
        let parsed = try EventTable.truth(csv: text, file: "truth.csv")
        #expect(parsed.map(\.kind) == r.truth.map(\.kind))
        for (p, t) in zip(parsed, r.truth) { #expect(abs(p.onset - t.onset) < 1e-4) }
        let annotations = try r.annotations()
        #expect(annotations.filter { $0.text == "myoclonus_positive" }.count == r.truth.filter { $0.kind == "positive" }.count)
    }
}
