import Foundation

/// Makes the samples of the simulated EEG channels, chunk after chunk (see
/// ``SimulationConfig/EEGSetup`` for the model).
///
/// The background is a sequential random stream through recursive filters whose state is
/// carried from chunk to chunk, so chunks must be asked for in order from the start
/// (``SimulatedRecording`` does so and calls ``reset()`` on rewind); the result does not depend
/// on the chunk length. The transients and Bereitschaftspotentials are functions of time, found
/// by binary search among the jerk onsets. Complexity: O(samples × (pink corners + nearby jerks)).
struct EEGSynthesizer {
    private let setup: SimulationConfig.EEGSetup
    private let seed: UInt64
    private let rate: Double
    /// Onsets (s) of the positive events, sorted: the jerks the cortex is locked to.
    private let jerks: [Double]
    /// Pole of each first-order low-pass of the pink bank.
    private let pinkPoles: [Double]
    /// Input gain of each low-pass, √(1-ρ²), so each alone has unit variance for unit white noise.
    private let pinkGains: [Double]
    private let pinkScale: Double
    /// Alpha resonator: y[n] = a1·y[n-1] + a2·y[n-2] + w[n], scaled to unit variance.
    private let alphaA1: Double, alphaA2: Double, alphaScale: Double
    private var noise: [SplitMix64] = []
    private var pinkState: [[Double]] = []
    private var alphaState: [(Double, Double)] = []

    /// The background is clamped to ±5 standard deviations, so the declared physical range never clips.
    static let backgroundClamp = 5.0
    /// Lowest corner of the pink bank, Hz: below it the spectrum is flat, as after an EEG
    /// amplifier's high-pass (a modelling choice).
    static let lowestPinkCornerHz = 0.5
    /// Width of the alpha resonance, Hz (a modelling choice inside the 8-13 Hz alpha band).
    static let alphaBandwidthHz = 1.5
    /// Seconds over which the Bereitschaftspotential returns to zero after the jerk (a modelling choice).
    static let bereitschaftRecoveryS = 0.3

    init(config: SimulationConfig, plan: SimulationPlan) {
        setup = config.eeg
        seed = config.seed
        rate = config.eeg.sampleRate
        jerks = plan.events.filter { $0.truth.kind == "positive" }.map(\.truth.onset).sorted()
        var corners: [Double] = []
        var f = Self.lowestPinkCornerHz
        while f < rate / 4 { corners.append(f); f *= 2 }
        let poles = corners.map { exp(-2 * .pi * $0 / config.eeg.sampleRate) }
        let gains = poles.map { (1 - $0 * $0).squareRoot() }
        pinkPoles = poles
        pinkGains = gains
        // Noise gain of the whole bank (one shared white input): Σ h[n]² of its impulse
        // response; 40 s is far past the slowest pole's decay (time constant 0.32 s).
        var energy = 0.0
        var state = [Double](repeating: 0, count: poles.count)
        for n in 0..<Int(40 * config.eeg.sampleRate) {
            var y = 0.0
            for j in state.indices {
                state[j] = poles[j] * state[j] + (n == 0 ? gains[j] : 0)
                y += state[j]
            }
            energy += y * y
        }
        pinkScale = energy > 0 ? 1 / energy.squareRoot() : 0
        let r = exp(-.pi * Self.alphaBandwidthHz / config.eeg.sampleRate)
        let a1 = 2 * r * cos(2 * .pi * config.eeg.alphaHz / config.eeg.sampleRate), a2 = -r * r
        alphaA1 = a1
        alphaA2 = a2
        // Variance of a unit-driven AR(2) process (Box & Jenkins).
        let variance = (1 - a2) / ((1 + a2) * ((1 - a2) * (1 - a2) - a1 * a1))
        alphaScale = variance > 0 && variance.isFinite ? 1 / variance.squareRoot() : 0
        reset()
    }

    /// Restarts the noise streams and filters; the filters run for 2 s first so the first
    /// sample already has the steady-state variance.
    mutating func reset() {
        noise = setup.channels.indices.map { SplitMix64(seed: seed, stream: 200 + UInt64($0)) }
        pinkState = setup.channels.indices.map { _ in [Double](repeating: 0, count: pinkPoles.count) }
        alphaState = setup.channels.indices.map { _ in (0, 0) }
        for i in setup.channels.indices { _ = background(channel: i, count: Int(2 * rate)) }
    }

    /// The bound on |sample| of any EEG channel, µV, with 10 % to spare, rounded up to 10 µV.
    static func bound(_ c: SimulationConfig) -> Double {
        let e = c.eeg
        let background = Self.backgroundClamp * (e.backgroundUV * e.backgroundUV + e.alphaUV * e.alphaUV).squareRoot()
        let transientGain = e.channels.map(\.transientGain).max() ?? 0
        let bpGain = e.channels.map(\.bereitschaftGain).max() ?? 0
        let bp = e.bereitschaft.enabled ? e.bereitschaft.amplitudeUV * bpGain : 0
        let bound = 1.1 * (background + e.transient.amplitudeUV * transientGain + bp)
        return max(10, (bound / 10).rounded(.up) * 10)
    }

    /// The background of channel `i` for the next `count` samples, µV.
    private mutating func background(channel i: Int, count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        var g = noise[i]
        var pink = pinkState[i]
        var (a1State, a2State) = alphaState[i]
        let poles = pinkPoles, gains = pinkGains
        let pinkUV = setup.backgroundUV * pinkScale, alphaUV = setup.alphaUV * alphaScale
        let limit = Self.backgroundClamp * (setup.backgroundUV * setup.backgroundUV + setup.alphaUV * setup.alphaUV).squareRoot()
        pink.withUnsafeMutableBufferPointer { p in
            for k in 0..<count {
                let w = g.normal()
                var y = 0.0
                for j in 0..<p.count {
                    p[j] = poles[j] * p[j] + gains[j] * w
                    y += p[j]
                }
                let alpha = alphaA1 * a1State + alphaA2 * a2State + g.normal()
                a2State = a1State
                a1State = alpha
                out[k] = min(limit, max(-limit, pinkUV * y + alphaUV * alpha))
            }
        }
        noise[i] = g
        pinkState[i] = pink
        alphaState[i] = (a1State, a2State)
        return out
    }

    /// Samples [first, first + count) of EEG channel `i`, in µV. Call for every channel, in
    /// channel order, for consecutive ranges.
    mutating func samples(channel i: Int, first: Int, count: Int) -> [Float] {
        var x = background(channel: i, count: count)
        let channel = setup.channels[i]
        let t0 = Double(first) / rate, t1 = Double(first + count) / rate
        let transient = setup.transient
        let transientGain = channel.transientGain * transient.amplitudeUV
        let sigma = transient.widthMs / 1000, latency = transient.latencyMs / 1000
        let bp = setup.bereitschaft
        let bpAmplitude = bp.enabled ? bp.amplitudeUV * channel.bereitschaftGain : 0
        // A jerk at t shapes [t + latency - 5σ, t + latency + 8σ] and [t - onsetS, t + recovery].
        let before = max(bp.enabled ? bp.onsetS : 0, -(latency - 5 * sigma), 0)
        let after = max(latency + 8 * sigma, bp.enabled ? Self.bereitschaftRecoveryS : 0, 0)
        var j = Self.firstIndex(jerks, atLeast: t0 - after)
        while j < jerks.count, jerks[j] <= t1 + before {
            let onset = jerks[j]
            j += 1
            if transientGain != 0 {
                let peak = onset + latency, trough = peak + 3 * sigma
                for k in Self.span(peak - 5 * sigma, trough + 5 * sigma, first: first, count: count, rate: rate) {
                    let t = Double(first + k) / rate
                    let p = (t - peak) / sigma, n = (t - trough) / sigma
                    x[k] += transientGain * (exp(-0.5 * p * p) - 0.5 * exp(-0.5 * n * n))
                }
            }
            if bpAmplitude != 0 {
                let start = onset - bp.onsetS, end = onset + Self.bereitschaftRecoveryS
                for k in Self.span(start, end, first: first, count: count, rate: rate) {
                    let t = Double(first + k) / rate
                    let level = t <= onset ? (t - start) / bp.onsetS : (end - t) / Self.bereitschaftRecoveryS
                    x[k] -= bpAmplitude * level
                }
            }
        }
        return x.map { Float($0) }
    }

    /// The sample offsets inside the chunk for times in [a, b).
    private static func span(_ a: Double, _ b: Double, first: Int, count: Int, rate: Double) -> Range<Int> {
        let lo = max(0, Int((a * rate).rounded(.up)) - first)
        let hi = min(count, Int((b * rate).rounded(.up)) - first)
        return lo < hi ? lo..<hi : 0..<0
    }

    private static func firstIndex(_ list: [Double], atLeast t: Double) -> Int {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < t { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
