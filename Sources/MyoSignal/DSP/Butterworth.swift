import Foundation

/// The pass band of a frequency-selective filter, with edges in Hz.
public enum FilterBand: Sendable, Equatable {
    /// Passes frequencies below the cutoff.
    case lowPass(Double)
    /// Passes frequencies above the cutoff.
    case highPass(Double)
    /// Passes frequencies between the two edges.
    case bandPass(Double, Double)
    /// Rejects frequencies between the two edges.
    case bandStop(Double, Double)
}

/// Butterworth IIR filter design as second-order sections.
///
/// Butterworth filters are maximally flat in the pass band, which keeps burst amplitudes (EMG,
/// accelerometer jerks) unbiased; they are also what clinical EMG/EEG systems and most papers
/// specify ("4th-order Butterworth 20–450 Hz"), so results stay comparable.
///
/// The design follows the textbook route that scipy.signal.butter(N, Wn, btype, fs=fs,
/// output='sos') also takes: analog prototype poles on the unit circle, frequency pre-warping,
/// low-pass→{low, high, band, stop} transform, bilinear transform, and grouping of conjugate
/// pole and zero pairs into biquads. Sections are ordered with the poles closest to the unit
/// circle last (as scipy does) and the overall gain is put in the first section; the pairing may
/// differ from scipy's, but the cascade is the same filter to rounding.
/// Complexity: O(N²) for order N (nearest-zero pairing), negligible next to filtering.
public enum Butterworth {
    /// The largest order accepted; beyond this the design is numerically meaningless anyway.
    public static let maximumOrder = 32

    /// Designs an order-`order` Butterworth filter for `band` at `sampleRate` Hz.
    ///
    /// Band-pass and band-stop designs have 2·`order` poles, like scipy.
    /// - Throws: `DSPError` for order < 1, a non-positive or non-finite rate, an edge at or
    ///   below 0 or at or above Nyquist, or band edges not increasing.
    public static func design(order: Int, band: FilterBand, sampleRate: Double) throws(DSPError) -> [SecondOrderSection] {
        guard order >= 1, order <= maximumOrder else { throw .invalidOrder(order) }
        guard sampleRate.isFinite, sampleRate > 0 else { throw .invalidSampleRate(sampleRate) }
        let nyquist = sampleRate / 2
        func warped(_ frequency: Double) throws(DSPError) -> Double {
            guard frequency.isFinite, frequency > 0, frequency < nyquist else {
                throw .cutoffOutOfRange(frequency: frequency, nyquist: nyquist)
            }
            // Pre-warp for the bilinear transform with its sampling rate normalised to 2 (as scipy).
            return 4 * tan(Double.pi * (frequency / nyquist) / 2)
        }

        // Analog prototype: N poles evenly spaced on the left half of the unit circle, gain 1.
        var prototype: [ComplexDouble] = []
        for m in stride(from: -order + 1, through: order - 1, by: 2) {
            prototype.append(-ComplexDouble.unit(phase: Double.pi * Double(m) / Double(2 * order)))
        }

        var zeros: [ComplexDouble] = []
        var poles: [ComplexDouble] = []
        var gain = 1.0
        switch band {
        case .lowPass(let cutoff):
            let w = try warped(cutoff)
            poles = prototype.map { $0 * w }
            gain = pow(w, Double(order))
        case .highPass(let cutoff):
            let w = try warped(cutoff)
            poles = prototype.map { ComplexDouble(w) / $0 }
            zeros = Array(repeating: ComplexDouble(0), count: order)
            gain = realPart(of: product(prototype.map { -$0 }), reciprocal: true)
        case .bandPass(let low, let high), .bandStop(let low, let high):
            let w1 = try warped(low), w2 = try warped(high)
            guard low < high else { throw .bandEdgesNotIncreasing(low: low, high: high) }
            let centre = sqrt(w1 * w2), width = w2 - w1
            let isPass: Bool
            if case .bandPass = band { isPass = true } else { isPass = false }
            for p in prototype {
                let scaled = isPass ? p * (width / 2) : ComplexDouble(width / 2) / p
                let offset = (scaled * scaled - ComplexDouble(centre * centre)).squareRoot
                poles.append(scaled + offset)
                poles.append(scaled - offset)
            }
            if isPass {
                zeros = Array(repeating: ComplexDouble(0), count: order)
                gain = pow(width, Double(order))
            } else {
                for _ in 0..<order {
                    zeros.append(ComplexDouble(0, centre))
                    zeros.append(ComplexDouble(0, -centre))
                }
                gain = realPart(of: product(prototype.map { -$0 }), reciprocal: true)
            }
        }

        // Bilinear transform (fs = 2, so 2·fs = 4); zeros at analog infinity land at z = -1.
        let four = ComplexDouble(4)
        let digitalZeros = zeros.map { (four + $0) / (four - $0) }
            + Array(repeating: ComplexDouble(-1), count: poles.count - zeros.count)
        let digitalPoles = poles.map { (four + $0) / (four - $0) }
        gain *= (product(zeros.map { four - $0 }) / product(poles.map { four - $0 })).re

        return sections(zeros: digitalZeros, poles: digitalPoles, gain: gain)
    }

    private static func product(_ values: [ComplexDouble]) -> ComplexDouble {
        values.reduce(ComplexDouble(1)) { $0 * $1 }
    }

    private static func realPart(of value: ComplexDouble, reciprocal: Bool) -> Double {
        reciprocal ? (ComplexDouble(1) / value).re : value.re
    }

    /// A group of one real root, two real roots, or a conjugate pair: one side of a biquad.
    private struct RootGroup {
        var roots: [ComplexDouble]
        /// Coefficients [1, c1, c2] of ∏(1 - r·z⁻¹).
        var coefficients: (Double, Double) {
            if roots.count == 1 { return (-roots[0].re, 0) }
            let sum = roots[0] + roots[1], prod = roots[0] * roots[1]
            return (-sum.re, prod.re)
        }
    }

    /// Splits roots into conjugate pairs and real roots, pairing real roots two by two.
    private static func groups(_ roots: [ComplexDouble]) -> [RootGroup] {
        let tolerance = 1e-12
        var result: [RootGroup] = []
        var reals: [ComplexDouble] = []
        var unmatched = roots
        while let root = unmatched.popLast() {
            if abs(root.im) <= tolerance * max(1, root.magnitude) {
                reals.append(ComplexDouble(root.re))
                continue
            }
            // Find its conjugate; if rounding hid it, use the exact conjugate.
            var bestIndex: Int?
            var bestDistance = Double.infinity
            for (index, candidate) in unmatched.enumerated() {
                let distance = (candidate - root.conjugate).magnitude
                if distance < bestDistance { bestDistance = distance; bestIndex = index }
            }
            if let index = bestIndex { unmatched.remove(at: index) }
            let upper = root.im > 0 ? root : root.conjugate
            result.append(RootGroup(roots: [upper, upper.conjugate]))
        }
        reals.sort { $0.re < $1.re }
        var index = 0
        while index + 1 < reals.count {
            result.append(RootGroup(roots: [reals[index], reals[index + 1]]))
            index += 2
        }
        if index < reals.count { result.append(RootGroup(roots: [reals[index]])) }
        return result
    }

    /// Pairs each pole group with the nearest zero group, poles farthest from the unit circle first.
    private static func sections(zeros: [ComplexDouble], poles: [ComplexDouble], gain: Double) -> [SecondOrderSection] {
        var poleGroups = groups(poles)
        var zeroGroups = groups(zeros)
        poleGroups.sort { a, b in
            let ma = a.roots.map(\.magnitude).max() ?? 0, mb = b.roots.map(\.magnitude).max() ?? 0
            return ma < mb
        }
        var result: [SecondOrderSection] = []
        for poleGroup in poleGroups {
            // A single real pole takes the single real zero so that the section stays first order.
            let candidates = zeroGroups.indices.filter { zeroGroups[$0].roots.count == poleGroup.roots.count }
            let pool = candidates.isEmpty ? Array(zeroGroups.indices) : candidates
            var bestIndex = pool.first
            var bestDistance = Double.infinity
            for index in pool {
                let distance = zeroGroups[index].roots.map { ($0 - poleGroup.roots[0]).magnitude }.min() ?? .infinity
                if distance < bestDistance { bestDistance = distance; bestIndex = index }
            }
            let (a1, a2) = poleGroup.coefficients
            var (b1, b2) = (0.0, 0.0)
            if let index = bestIndex {
                (b1, b2) = zeroGroups[index].coefficients
                zeroGroups.remove(at: index)
            }
            result.append(SecondOrderSection(b0: 1, b1: b1, b2: b2, a1: a1, a2: a2))
        }
        if !result.isEmpty {
            result[0].b0 *= gain
            result[0].b1 *= gain
            result[0].b2 *= gain
        }
        return result
    }
}
