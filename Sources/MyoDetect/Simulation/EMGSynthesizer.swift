import Foundation
import MyoSignal

/// Makes the samples of the EMG channels, chunk after chunk, from a ``SimulationPlan``.
///
/// Everything but the carrier noise is a function of time, so a chunk needs only the events
/// that overlap it. The carrier is a sequential random stream through an IIR band-pass whose
/// state is carried from chunk to chunk; chunks must therefore be asked for in order from the
/// start (``SimulatedRecording`` does so and restarts the streams on rewind), and the result
/// does not depend on the chunk length. Complexity: O(samples × (filter order + overlapping events)).
struct EMGSynthesizer {
    private let config: SimulationConfig
    private let plan: SimulationPlan
    private let rate: Double
    private let sections: [SecondOrderSection]
    /// Scales the filtered noise to unit variance (the filter's noise gain, measured once).
    private let carrierScale: Double
    private var filters: [SOSFilter] = []
    private var noise: [SplitMix64] = []
    /// Phases of mains, its harmonic and the baseline wander sines, fixed by the seed.
    private let phases: [Double]
    private let wanderHz: [Double]
    private let ecgPhase: Double

    /// The carrier is clamped to ±5 standard deviations (see ``SimulationConfig/EMGSetup``).
    static let carrierClamp = 5.0

    init(config: SimulationConfig, plan: SimulationPlan) throws(SimulationError) {
        self.config = config
        self.plan = plan
        rate = config.emg.sampleRate
        let band = config.emg.carrierBandHz
        let high = min(band.upperBound, 0.45 * rate)
        do {
            sections = try Butterworth.design(order: 2, band: .bandPass(band.lowerBound, high), sampleRate: rate)
        } catch {
            throw .invalidParameter(parameter: "emg.carrierBandHz", value: "\(band)", reason: "no band-pass filter fits: \(error)")
        }
        // Noise gain = Σ h[n]² of the impulse response; 4 s is far past its decay.
        var probe = SOSFilter(sections: sections)
        var impulse = [Float](repeating: 0, count: Int(4 * rate))
        impulse[0] = 1
        let h = probe.process(impulse)
        let energy = h.reduce(0.0) { $0 + Double($1) * Double($1) }
        carrierScale = energy > 0 ? 1 / energy.squareRoot() : 1
        var g = SplitMix64(seed: config.seed, stream: 8)
        phases = (0..<5).map { _ in g.uniform(0...(2 * .pi)) }
        wanderHz = (0..<3).map { _ in g.uniform(0.05...0.5) }
        ecgPhase = g.unit()
        reset()
    }

    /// Restarts the noise streams and filters; the carrier is run for 0.5 s first so that the
    /// first sample already has the filter's steady-state variance.
    mutating func reset() {
        filters = config.emg.muscles.indices.map { _ in SOSFilter(sections: sections) }
        noise = config.emg.muscles.indices.map { SplitMix64(seed: config.seed, stream: 100 + UInt64($0)) }
        for i in filters.indices { _ = nextCarrier(channel: i, count: Int(0.5 * rate)) }
    }

    private mutating func nextCarrier(channel i: Int, count: Int) -> [Float] {
        var white = [Float](repeating: 0, count: count)
        var g = noise[i]
        white.withUnsafeMutableBufferPointer { w in
            for k in 0..<count { w[k] = Float(g.normal()) }
        }
        noise[i] = g
        return filters[i].process(white)
    }

    /// The bound on |sample| of any EMG channel, µV: the clamp times the largest envelope plus
    /// the largest artefacts, with 10 % to spare. EDF quantisation over ±bound never clips.
    static func bound(_ c: SimulationConfig) -> Double {
        let burstGain = c.emg.muscles.map(\.burstGain).max() ?? 1
        let tonicGain = c.emg.muscles.map(\.tonicGain).max() ?? 1
        let tonic = c.tonic.levelUV.upperBound * (1 + c.tonic.modulation) * tonicGain
        let burst = max(c.positive.amplitudeUV.upperBound, c.rhythmic.amplitudeUV.upperBound) * 1.2 * burstGain
        let voluntary = c.voluntary.amplitudeUV.upperBound * burstGain
        let envelope = (pow(c.emg.restingNoiseUV, 2) + tonic * tonic + burst * burst + voluntary * voluntary).squareRoot()
        let artefacts = c.artefacts.mainsUV + c.artefacts.mainsHarmonicUV + 2.5 * c.artefacts.baselineWanderUV
            + 1.2 * c.artefacts.ecgUV + 2 * c.artefacts.popUV.upperBound
        let bound = 1.1 * (carrierClamp * envelope + artefacts)
        return (bound / 100).rounded(.up) * 100
    }

    /// Samples [first, first + count) of EMG channel `i`, in µV. Call for every channel, in
    /// channel order, for consecutive ranges.
    mutating func samples(channel i: Int, first: Int, count: Int) -> [Float] {
        let c = config
        let muscle = c.emg.muscles[i]
        let latency = plan.latencies[i]
        let t0 = Double(first) / rate, t1 = Double(first + count) / rate
        var tonicAmp = [Double](repeating: 0, count: count)
        var power = [Double](repeating: c.emg.restingNoiseUV * c.emg.restingNoiseUV, count: count)

        func span(_ a: Double, _ b: Double) -> Range<Int> {
            let lo = max(0, Int(((a * rate).rounded(.up))) - first)
            let hi = min(count, Int((b * rate).rounded(.up)) - first)
            return lo < hi ? lo..<hi : 0..<0
        }

        for s in SimulationPlan.overlapping(plan.tonic, t0, t1) {
            let seg = plan.tonic[s].truth
            let a = seg.onset + latency, b = a + seg.duration
            let level = seg.amplitude * muscle.tonicGain
            for k in span(a, b) {
                let t = Double(first + k) / rate
                let edge = min(1, (t - a) / 0.5, (b - t) / 0.5)
                let ramp = 0.5 - 0.5 * cos(.pi * max(0, edge))
                tonicAmp[k] = level * (1 + c.tonic.modulation * sin(2 * .pi * 0.2 * t + plan.tonic[s].shape.phase)) * ramp
            }
        }
        let events = plan.events(overlapping: t0, t1)
        for e in events {
            let ev = plan.events[e], truth = ev.truth, shape = ev.shape
            let a = truth.onset + latency, b = a + truth.duration
            switch truth.kind {
            case "negative":
                // The gate falls to the residual with 4 ms raised-cosine edges inside the period.
                let edge = 0.004, floor = c.negative.residualFraction
                for k in span(a, b) {
                    let t = Double(first + k) / rate
                    let x = min(1, (t - a) / edge, (b - t) / edge)
                    let depth = 0.5 - 0.5 * cos(.pi * max(0, x))
                    tonicAmp[k] *= 1 - (1 - floor) * depth
                }
            case "positive", "voluntary":
                let amp = truth.amplitude * muscle.burstGain
                let wobble = truth.kind == "positive" ? 0.2 : 0
                for k in span(a, b) {
                    let t = Double(first + k) / rate
                    let up = shape.rise > 0 ? min(1, (t - a) / shape.rise) : 1
                    let down = shape.fall > 0 ? min(1, (b - t) / shape.fall) : 1
                    let envelope = (0.5 - 0.5 * cos(.pi * max(0, up))) * (0.5 - 0.5 * cos(.pi * max(0, down)))
                    let v = amp * envelope * (1 + wobble * sin(2 * .pi * shape.wobbleHz * (t - a) + shape.wobblePhase))
                    power[k] += v * v
                }
            default:
                break
            }
        }
        let carrier = nextCarrier(channel: i, count: count)
        var out = [Float](repeating: 0, count: count)
        let scale = carrierScale, clamp = Self.carrierClamp
        carrier.withUnsafeBufferPointer { car in
            out.withUnsafeMutableBufferPointer { o in
                for k in 0..<count {
                    let unit = min(clamp, max(-clamp, Double(car[k]) * scale))
                    o[k] = Float(unit * (power[k] + tonicAmp[k] * tonicAmp[k]).squareRoot())
                }
            }
        }
        addArtefacts(&out, channel: i, first: first, events: events)
        return out
    }

    private func addArtefacts(_ out: inout [Float], channel i: Int, first: Int, events: Range<Int>) {
        let a = config.artefacts
        let count = out.count
        let wanderEach = a.baselineWanderUV * (2.0 / 3).squareRoot()
        let mainsCycles = a.mainsHz / rate
        out.withUnsafeMutableBufferPointer { o in
            for k in 0..<count {
                let n = Double(first + k)
                let t = n / rate
                // Phases reduced modulo one cycle keep full precision after days of samples.
                let cycle = (mainsCycles * n).truncatingRemainder(dividingBy: 1)
                var v = a.mainsUV * sin(2 * .pi * cycle + phases[0]) + a.mainsHarmonicUV * sin(6 * .pi * cycle + phases[1])
                if wanderEach > 0 {
                    for w in 0..<3 {
                        v += wanderEach * sin(2 * .pi * (wanderHz[w] * t).truncatingRemainder(dividingBy: 1) + phases[2 + w])
                    }
                }
                o[k] += Float(v)
            }
        }
        if a.ecgUV > 0 { addECG(&out, first: first) }
        for e in events where plan.events[e].truth.kind == "electrode_pop" && plan.events[e].truth.channel == i {
            let ev = plan.events[e]
            let start = max(0, Int((ev.truth.onset * rate).rounded(.up)) - first)
            let stop = min(count, Int((ev.extentEnd * rate).rounded(.up)) - first)
            guard start < stop else { continue }
            for k in start..<stop {
                let dt = Double(first + k) / rate - ev.truth.onset
                out[k] += Float(ev.shape.sign * ev.truth.amplitude * exp(-dt / ev.shape.tau))
            }
        }
    }

    /// Beat `n` happens at `(n + phase) · RR + jitter`: random access, so any chunk finds its
    /// beats directly. QRS = Q, R, S Gaussians at -22, 0, +22 ms.
    private func addECG(_ out: inout [Float], first: Int) {
        let a = config.artefacts
        let rr = 60 / a.heartRateBPM
        let t0 = Double(first) / rate, t1 = Double(first + out.count) / rate
        let firstBeat = Int(((t0 - 0.1) / rr).rounded(.down)) - 1
        let lastBeat = Int(((t1 + 0.1) / rr).rounded(.up)) + 1
        for beat in max(0, firstBeat)...max(0, lastBeat) {
            let jitter = 0.03 * rr * max(-3, min(3, SplitMix64.gaussian(seed: config.seed, stream: 9, index: beat)))
            let center = (Double(beat) + ecgPhase) * rr + jitter
            let lo = max(0, Int(((center - 0.06) * rate).rounded(.up)) - first)
            let hi = min(out.count, Int(((center + 0.06) * rate).rounded(.up)) - first)
            guard lo < hi else { continue }
            for k in lo..<hi {
                let dt = Double(first + k) / rate - center
                let q = -0.15 * exp(-0.5 * pow((dt + 0.022) / 0.008, 2))
                let r = exp(-0.5 * pow(dt / 0.008, 2))
                let s = -0.3 * exp(-0.5 * pow((dt - 0.022) / 0.01, 2))
                out[k] += Float(a.ecgUV * (q + r + s))
            }
        }
    }

    /// The times (s) of the ECG beats in [0, duration), for tests and plots.
    func ecgBeats(until duration: Double) -> [Double] {
        let rr = 60 / config.artefacts.heartRateBPM
        return (0...Int(duration / rr) + 1).compactMap { beat in
            let jitter = 0.03 * rr * max(-3, min(3, SplitMix64.gaussian(seed: config.seed, stream: 9, index: beat)))
            let t = (Double(beat) + ecgPhase) * rr + jitter
            return t >= 0 && t < duration ? t : nil
        }
    }
}
