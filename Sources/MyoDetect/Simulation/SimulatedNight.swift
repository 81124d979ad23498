import Foundation
import MyoFormats
import MyoSignal

/// A simulated polysomnography night: a ``RecordingReader`` with left and right tibialis EMG,
/// optional chin EMG, the hypnogram as EDF+ annotations ("Sleep stage W/N1/N2/N3/R" every 30 s,
/// as scorers' files write them) and respiratory events ("Hypopnea"), with exact ground truth
/// (``truth``) for limb movements, hypnic jerks and fragmentary myoclonus.
///
/// ```swift
/// var config = NightConfig(); config.durationSeconds = 3600
/// let night = try SimulatedNight(config: config)
/// try RecordingConverter.convert(reader: night, to: "night.edf", format: .edfPlus)
/// ```
/// Signal model per channel: Gaussian white noise through a 2nd-order Butterworth band-pass of
/// 20-200 Hz (capped at 0.45 × the rate), scaled to unit variance and multiplied by the RMS
/// envelope `e² = rest² + Σ event²` (independent motor-unit pools add in power). A leg movement
/// has 50 ms raised-cosine ramps and a plateau modulated ±20 % at 2 Hz; a burst 5 ms ramps.
/// Samples are made chunk by chunk from the events overlapping the chunk (O(chunk + events
/// there)); the noise streams carry over between chunks, so chunks must be read in order and
/// ``rewind()`` restarts them. Memory is O(events), whatever the length.
public final class SimulatedNight: RecordingReader {
    public let config: NightConfig
    public let header: RecordingHeader
    public let truth: NightTruth
    public var path: String { "simulated night(seed \(config.seed), \(config.durationSeconds) s)" }

    /// Seconds per chunk.
    public static let chunkSeconds = 4
    private let rate: Double
    private let sampleCount: Int
    private let sections: [SecondOrderSection]
    private let carrierScale: Double
    /// Per channel: (onset, end, amplitude, ramp, modulated), sorted by onset.
    private let envelopes: [[Shape]]
    private let longestShape: Double
    private var filters: [SOSFilter] = []
    private var noise: [SplitMix64] = []
    private var chunkIndex = 0

    private struct Shape {
        var onset: Double
        var end: Double
        var amplitude: Double
        var ramp: Double
        var modulated: Bool
    }

    /// The channel labels, in order: "EMG Tib-L", "EMG Tib-R" and, with a chin, "EMG Chin".
    public var labels: [String] { header.channels.map(\.label) }

    /// Plans the night. - Throws: ``SimulationError`` for an invalid configuration.
    /// Complexity: O(events²) at worst to plan (spacing checks), a few milliseconds for a night.
    public init(config: NightConfig) throws(SimulationError) {
        try config.validate()
        self.config = config
        rate = config.sampleRate
        sampleCount = Int((config.durationSeconds * rate).rounded(.down))
        truth = NightPlan.make(config)
        do {
            sections = try Butterworth.design(order: 2, band: .bandPass(20, min(200, 0.45 * rate)), sampleRate: rate)
        } catch {
            throw .invalidParameter(parameter: "sampleRate", value: "\(rate)", reason: "no EMG band-pass fits: \(error)")
        }
        var probe = SOSFilter(sections: sections)
        var impulse = [Float](repeating: 0, count: Int(4 * rate))
        impulse[0] = 1
        let energy = probe.process(impulse).reduce(0.0) { $0 + Double($1) * Double($1) }
        carrierScale = energy > 0 ? 1 / energy.squareRoot() : 1

        let channels = config.chin ? 3 : 2
        var shapes = [[Shape]](repeating: [], count: channels)
        for m in truth.legMovements where m.leg < 2 {
            shapes[m.leg].append(Shape(onset: m.onset, end: m.offset, amplitude: m.amplitude, ramp: 0.05, modulated: true))
        }
        for b in truth.hypnicJerks + truth.fragmentaryBursts {
            for ch in 0..<channels where b.channel == nil || b.channel == ch {
                shapes[ch].append(Shape(onset: b.onset, end: b.onset + b.duration, amplitude: b.amplitude, ramp: 0.005, modulated: false))
            }
        }
        envelopes = shapes.map { $0.sorted { $0.onset < $1.onset } }
        longestShape = shapes.joined().map { $0.end - $0.onset }.max() ?? 0

        let bound = (5 * ((config.restingNoiseUV * config.restingNoiseUV
            + pow(max(config.plm.amplitudeUV.upperBound * 1.2, config.hypnic.amplitudeUV.upperBound, config.fragmentary.amplitudeUV.upperBound), 2) * 3)
            .squareRoot()) / 100).rounded(.up) * 100
        var infos = [ChannelInfo(label: "EMG Tib-L", kind: .emg, unit: "uV", sampleRate: rate, sampleCount: sampleCount,
                                 transducer: "simulated surface EMG", prefilter: "none", physicalRange: -bound...bound),
                     ChannelInfo(label: "EMG Tib-R", kind: .emg, unit: "uV", sampleRate: rate, sampleCount: sampleCount,
                                 transducer: "simulated surface EMG", prefilter: "none", physicalRange: -bound...bound)]
        if config.chin {
            infos.append(ChannelInfo(label: "EMG Chin", kind: .emg, unit: "uV", sampleRate: rate, sampleCount: sampleCount,
                                     transducer: "simulated surface EMG", prefilter: "none", physicalRange: -bound...bound))
        }
        header = RecordingHeader(format: .edfPlus, start: config.start, subject: SubjectInfo(code: "SIMULATED"),
                                 recordingInfo: RecordingInfoFields(administrationCode: "seed_\(config.seed)", equipment: "myotrace_simulate_night"),
                                 channels: infos, duration: config.durationSeconds)
        reset()
    }

    private func reset() {
        filters = envelopes.indices.map { _ in SOSFilter(sections: sections) }
        noise = envelopes.indices.map { SplitMix64(seed: config.seed, stream: 200 + UInt64($0)) }
        // Run the filters for 0.5 s so the first sample already has the steady-state variance.
        for ch in filters.indices { _ = carrier(ch, Int(0.5 * rate)) }
    }

    private func carrier(_ ch: Int, _ count: Int) -> [Float] {
        var white = [Float](repeating: 0, count: count)
        var g = noise[ch]
        white.withUnsafeMutableBufferPointer { w in
            for k in 0..<count { w[k] = Float(g.normal()) }
        }
        noise[ch] = g
        return filters[ch].process(white)
    }

    /// The next 4 s of every channel, or `nil` after the end. O(chunk samples + events in it).
    public func nextChunk() throws -> RecordingChunk? {
        let first = chunkIndex * Self.chunkSeconds * Int(rate)
        guard first < sampleCount else { return nil }
        chunkIndex += 1
        let count = min(sampleCount - first, Self.chunkSeconds * Int(rate))
        let t0 = Double(first) / rate, t1 = Double(first + count) / rate
        var samples: [[Float]] = []
        let rest2 = config.restingNoiseUV * config.restingNoiseUV
        for ch in envelopes.indices {
            var power = [Double](repeating: rest2, count: count)
            let shapes = envelopes[ch]
            var i = lowerBound(shapes, t0 - longestShape - 1)
            while i < shapes.count, shapes[i].onset < t1 {
                let s = shapes[i]
                i += 1
                guard s.end > t0 else { continue }
                let lo = max(0, Int((s.onset * rate).rounded(.up)) - first)
                let hi = min(count, Int((s.end * rate).rounded(.up)) - first)
                guard lo < hi else { continue }
                for k in lo..<hi {
                    let t = Double(first + k) / rate
                    let up = min(1, (t - s.onset) / s.ramp), down = min(1, (s.end - t) / s.ramp)
                    let shape = (0.5 - 0.5 * cos(.pi * max(0, up))) * (0.5 - 0.5 * cos(.pi * max(0, down)))
                    let v = s.amplitude * shape * (s.modulated ? 1 + 0.2 * sin(2 * .pi * 2 * (t - s.onset)) : 1)
                    power[k] += v * v
                }
            }
            let c = carrier(ch, count)
            var out = [Float](repeating: 0, count: count)
            let scale = carrierScale
            c.withUnsafeBufferPointer { car in
                power.withUnsafeBufferPointer { p in
                    out.withUnsafeMutableBufferPointer { o in
                        for k in 0..<count {
                            let unit = min(5, max(-5, Double(car[k]) * scale))
                            o[k] = Float(unit * p[k].squareRoot())
                        }
                    }
                }
            }
            samples.append(out)
        }
        return RecordingChunk(onset: t0, firstSample: Array(repeating: first, count: envelopes.count), samples: samples)
    }

    private func lowerBound(_ shapes: [Shape], _ t: Double) -> Int {
        var lo = 0, hi = shapes.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if shapes[mid].onset < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Back to the first sample; the same samples follow.
    public func rewind() throws {
        chunkIndex = 0
        reset()
    }

    /// The hypnogram ("Sleep stage X", 30 s each) and the respiratory events ("Hypopnea"), by onset.
    public func annotations() throws -> [Annotation] {
        let stages = truth.hypnogram.map { Annotation(onset: $0.onset, duration: $0.duration, text: "Sleep stage \($0.stage)") }
        let breathing = truth.respiratoryEvents.map { Annotation(onset: $0.onset, duration: $0.duration, text: "Hypopnea") }
        return (stages + breathing).sorted { $0.onset < $1.onset }
    }
}
