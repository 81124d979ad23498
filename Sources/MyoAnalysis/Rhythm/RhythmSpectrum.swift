import Foundation

/// A power spectrum over the rhythm band with its dominant peak, for the rhythm decision and
/// the report's plot.
///
/// `power` is scaled so its median over the band is 1 (the absolute level depends on the event
/// rate or the envelope's unit and says nothing about rhythm). The peak's `ratio` is its power
/// over the mean power of its neighbourhood, two bands either side of it
/// (`neighbourhoodHz`), which is what "a peak at least 3 times its neighbourhood" compares.
public struct RhythmSpectrum: Sendable, Codable, Equatable {
    public var frequenciesHz: [Double]
    public var power: [Double]
    /// The dominant frequency, or `nil` when the spectrum is empty.
    public var peakHz: Double?
    /// Peak power over the mean power of its neighbourhood.
    public var ratio: Double?
    /// The neighbourhood bands, `[[low, high], [low, high]]` in Hz.
    public var neighbourhoodHz: [[Double]]

    public init(frequenciesHz: [Double], power: [Double], peakHz: Double?, ratio: Double?, neighbourhoodHz: [[Double]]) {
        self.frequenciesHz = frequenciesHz
        self.power = power
        self.peakHz = peakHz
        self.ratio = ratio
        self.neighbourhoodHz = neighbourhoodHz
    }

    /// An empty spectrum (too little signal to estimate one).
    public static let empty = RhythmSpectrum(frequenciesHz: [], power: [], peakHz: nil, ratio: nil, neighbourhoodHz: [])

    /// Finds the dominant peak of `power` at `frequencies` and builds the spectrum.
    ///
    /// A train of brief bursts has peaks at its rate and at every harmonic, of nearly equal
    /// height; so when a peak at a half, third or quarter of the highest one holds at least
    /// `subharmonicShare` of its power and is itself a peak, the lowest such is the rhythm.
    /// The frequency is refined by a parabola through the three bins around the peak.
    /// Complexity: O(bins).
    static func fromPower(frequencies: [Double], power: [Double], neighbourhood: RhythmNeighbourhood,
                          subharmonicShare: Double = 0.5) -> RhythmSpectrum {
        guard frequencies.count >= 5, frequencies.count == power.count else { return .empty }
        let sorted = power.sorted()
        let median = max(sorted[sorted.count / 2], .leastNonzeroMagnitude)
        let scaled = power.map { $0 / median }
        var best = 1
        for k in 1..<(scaled.count - 1) where scaled[k] > scaled[best] { best = k }
        var peak = best
        // A strictly periodic train has harmonics as strong as its fundamental, so the strongest
        // bin may be any of them: take the lowest sub-multiple (down to an eighth, which covers
        // the harmonics of a 2 Hz rhythm across the band) that stands as a peak of its own.
        for divisor in stride(from: 8.0, through: 2.0, by: -1.0) {
            let target = frequencies[best] / divisor
            guard let k = localMaximum(near: target, tolerance: 0.05 * target, frequencies: frequencies, power: scaled),
                  scaled[k] >= subharmonicShare * scaled[best] else { continue }
            peak = k
            break
        }
        let hz = refine(peak, frequencies: frequencies, power: scaled)
        let bands = neighbourhood.bands(around: hz)
        var total = 0.0, count = 0
        for (f, p) in zip(frequencies, scaled) where bands.contains(where: { $0[0] <= f && f <= $0[1] }) {
            total += p
            count += 1
        }
        let ratio = count > 0 && total > 0 ? scaled[peak] / (total / Double(count)) : nil
        return RhythmSpectrum(frequenciesHz: frequencies, power: scaled, peakHz: hz, ratio: ratio, neighbourhoodHz: bands)
    }

    private static func localMaximum(near target: Double, tolerance: Double, frequencies: [Double], power: [Double]) -> Int? {
        var best: Int?
        for k in 1..<(frequencies.count - 1) where abs(frequencies[k] - target) <= tolerance {
            if power[k] >= power[k - 1], power[k] >= power[k + 1], best.map({ power[k] > power[$0] }) ?? true { best = k }
        }
        return best
    }

    private static func refine(_ k: Int, frequencies f: [Double], power p: [Double]) -> Double {
        guard k > 0, k < p.count - 1 else { return f[k] }
        let a = p[k - 1], b = p[k], c = p[k + 1]
        let denominator = a - 2 * b + c
        guard denominator < 0 else { return f[k] }
        let shift = max(-0.5, min(0.5, 0.5 * (a - c) / denominator))
        return f[k] + shift * (f[k + 1] - f[k])
    }
}

/// Where a spectral peak's neighbourhood lies: two bands, below and above the peak, at
/// fractions of its frequency, leaving out the peak's own main lobe.
public struct RhythmNeighbourhood: Sendable, Codable, Equatable {
    /// Fractions of the peak frequency, inner edge: the main lobe of a 40 s Hann segment is
    /// ±0.05 Hz, 10 % of a 0.5 Hz rhythm, so the bands start 15 % away from the peak.
    public var inner: Double = 0.15
    /// Outer edge, as a fraction: 40 % keeps the neighbourhood clear of the second harmonic
    /// (at +100 %) and of the subharmonic (at -50 %).
    public var outer: Double = 0.40

    public init(inner: Double = 0.15, outer: Double = 0.40) {
        self.inner = inner
        self.outer = outer
    }

    func bands(around hz: Double) -> [[Double]] {
        [[hz * (1 - outer), hz * (1 - inner)], [hz * (1 + inner), hz * (1 + outer)]]
    }
}
