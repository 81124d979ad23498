import MyoSignal

/// Cleans one EMG channel before detection: replaces non-finite samples and removes mains hum when
/// it matters, streaming; designs the band-pass that ``EMGEventTracker`` applies next.
///
/// The first `setupSeconds` of samples are held back to decide about hum once: `MainsHum.detect`
/// tells whether 50 or 60 Hz is present, and a least-squares fit over that stretch measures how
/// strong it is. Hum is removed (by `MainsHum`, which subtracts fitted sinusoids and so cannot ring
/// like a notch; docs/sources.md, pitfalls) only when its power reaches a quarter of the quiet band-passed
/// signal's, i.e. when it would lift the rest baseline by a quarter or more; weaker hum only adds a
/// constant to the baseline power, and skipping the fit saves most of the per-sample cost.
///
/// The band-pass is a causal Butterworth: 4th-order high-pass at `highPass` (whose group delay
/// above 60 Hz is about a millisecond, so onsets are hardly shifted) and 2nd-order low-pass at
/// the effective low-pass corner; the tracker runs it batch by batch just before the envelope (see
/// ``EMGBandPass``), and the hum decision here uses it on the setup stretch. Every decision depends
/// only on the first `setupSeconds`, and every filter carries its state, so any chunking gives the
/// same samples. Complexity: O(n) (plus the hum fit when enabled); O(setup) memory.
struct EMGConditioner: Sendable {
    /// Seconds held back to decide about mains hum: 5 s holds 250 mains cycles, plenty for the
    /// detection and the amplitude fit, and is a short latency for a recording.
    static let setupSeconds = 5.0

    let sampleRate: Double
    private let parameters: EMGDetectorParameters
    /// The band-pass, at rest (used on the setup stretch to measure the quiet level).
    private let filter: SOSFilter
    /// The band-pass's sections, for the tracker.
    var bandPassSections: [SecondOrderSection] { filter.sections }
    private var hum: MainsHum?
    private var setupBuffer: [Float] = []
    private var setupDone = false
    private let setupLength: Int
    /// Mains frequency whose hum is being removed, once decided.
    private(set) var removedMainsFrequency: Double?
    /// Mains frequency detected (removed or not).
    private(set) var detectedMainsFrequency: Double?
    /// Number of NaN or infinite samples replaced by 0.
    private(set) var nonFiniteCount = 0
    /// Whether every sample of the setup stretch had the same value.
    private(set) var setupWasFlat = false

    init(sampleRate: Double, parameters: EMGDetectorParameters) throws(DetectorError) {
        self.sampleRate = sampleRate
        self.parameters = parameters
        setupLength = max(1, Int((Self.setupSeconds * sampleRate).rounded()))
        do {
            let highPass = try Butterworth.design(order: 4, band: .highPass(parameters.highPass), sampleRate: sampleRate)
            let lowPass = try Butterworth.design(order: 2, band: .lowPass(parameters.effectiveLowPass(sampleRate: sampleRate)),
                                                 sampleRate: sampleRate)
            filter = SOSFilter(sections: highPass + lowPass, initialCondition: .steadyStateAtFirstSample)
        } catch {
            throw .parameterOutOfRange(name: "highPass", value: parameters.highPass, allowed: 1...(0.4 * sampleRate),
                                       reason: "the band-pass cannot be designed at \(sampleRate) Hz: \(error)")
        }
    }

    /// Feeds raw samples; returns the hum-free samples that are final.
    mutating func process(_ chunk: [Float]) -> [Float] {
        var clean = chunk
        // Checked read-only first: the copy a write would make is needed only for broken samples.
        if Self.containsNonFinite(chunk) {
            clean.withUnsafeMutableBufferPointer { x in
                for i in 0..<x.count where !x[i].isFinite {
                    x[i] = 0
                    nonFiniteCount += 1
                }
            }
        }
        if !setupDone {
            setupBuffer += clean
            guard setupBuffer.count >= setupLength else { return [] }
            decideHum()
            clean = setupBuffer
            setupBuffer = []
        }
        return hum?.process(clean) ?? clean
    }

    /// Whether any sample is NaN or infinite, eight lanes at a time: x − x is 0 for every finite
    /// x and NaN otherwise, and a NaN stays in a lane's running sum. O(n) with no branch per
    /// sample (`contains(where:)` cost about 7 instructions per sample).
    static func containsNonFinite(_ samples: [Float]) -> Bool {
        samples.withUnsafeBufferPointer { x in
            guard let base = x.baseAddress else { return false }
            let raw = UnsafeRawPointer(base)
            var lanes = SIMD8<Float>()
            var n = 0
            while n + 8 <= x.count {
                let v = raw.loadUnaligned(fromByteOffset: n * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
                lanes += v - v
                n += 8
            }
            var rest: Float = 0
            while n < x.count {
                rest += x[n] - x[n]
                n += 1
            }
            return !(lanes.sum() + rest).isFinite
        }
    }

    /// Ends the signal; returns the remaining hum-free samples.
    mutating func finish() -> [Float] {
        var rest: [Float] = []
        if !setupDone {
            decideHum()
            rest = setupBuffer
            setupBuffer = []
            if var remover = hum {
                rest = remover.process(rest)
                rest += remover.finish()
                hum = remover
            }
        } else if var remover = hum {
            rest = remover.finish()
            hum = remover
        }
        return rest
    }

    /// Decides once, from the held-back stretch, whether and which hum to remove.
    private mutating func decideHum() {
        setupDone = true
        // Exactly the first `setupLength` samples, whatever the chunking, so the decision is the same.
        let samples = Array(setupBuffer.prefix(setupLength))
        guard let first = samples.first else { return }
        setupWasFlat = !samples.contains { $0 != first }
        if setupWasFlat { return }
        var frequency = parameters.mainsFrequency
        if frequency == nil, let found = try? MainsHum.detect(samples, sampleRate: sampleRate) {
            frequency = found.frequency
        }
        guard let mains = frequency, mains < sampleRate / 2 else { return }
        detectedMainsFrequency = mains
        guard let cleaned = try? MainsHum.remove(samples, sampleRate: sampleRate, mainsFrequency: mains, harmonics: 3),
              cleaned.count == samples.count else { return }
        var humPower = 0.0
        for i in samples.indices {
            let h = Double(samples[i]) - Double(cleaned[i])
            humPower += h * h
        }
        humPower /= Double(samples.count)
        var quietFilter = filter
        let filtered = quietFilter.process(cleaned)
        let block = max(1, Int((0.010 * sampleRate).rounded()))
        var blockPowers: [Double] = []
        var start = 0
        while start + block <= filtered.count {
            var sum = 0.0
            for i in start..<(start + block) { sum += Double(filtered[i]) * Double(filtered[i]) }
            blockPowers.append(sum / Double(block))
            start += block
        }
        blockPowers.sort()
        // The quiet level: the 10 % quantile of 10 ms block power (rest, between bursts).
        let quietPower = blockPowers.isEmpty ? 0 : blockPowers[blockPowers.count / 10]
        if humPower >= 0.25 * quietPower {
            hum = try? MainsHum(sampleRate: sampleRate, mainsFrequency: mains, harmonics: 3)
            removedMainsFrequency = hum == nil ? nil : mains
        }
    }
}
