import MyoSignal

/// The EMG band-pass (a cascade of exactly three biquads: a 4th-order high-pass and a 2nd-order
/// low-pass) as plain coefficients and state, for the detector's batch loop.
///
/// Why not `SOSFilter`: with its coefficients and state in registers, the cascade is bound by its
/// arithmetic (9 flops per section and sample in transposed direct form II). Here each section's
/// numerator is divided by its b0 (so y = x + z0 needs no multiply) and the product of the b0s is
/// applied once to the output: 7 flops per section. The recursion is also ordered so that the
/// path from one output to the next is one multiply and two adds. With `Double` arithmetic the
/// samples differ from `SOSFilter`'s only by rounding. The state starts as the steady state of
/// the first sample (like `SOSFilter.InitialCondition.steadyStateAtFirstSample`), so a DC offset
/// gives no start-up transient. Complexity: O(1) memory.
struct EMGBandPass: Sendable {
    /// Each section's b1/b0, b2/b0, a1 and a2; a cascade of fewer than three sections is padded
    /// with identity sections (y = x), which change nothing.
    private let normalised: [(b1: Double, b2: Double, a1: Double, a2: Double)]
    /// The product of the sections' b0.
    private let gain: Double
    /// Two transposed-direct-form-II state values per section (of the normalised sections).
    private var state = [Double](repeating: 0, count: 6)
    /// Whether the state has been set from the first sample.
    private(set) var primed = false

    /// The cascade over `sections`; nil when there are more than three or a section has b0 = 0
    /// (a Butterworth section never has).
    init?(sections: [SecondOrderSection]) {
        guard sections.count <= 3, !sections.contains(where: { $0.b0 == 0 || !$0.b0.isFinite }) else { return nil }
        let identity = SecondOrderSection(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)
        let padded = sections + Array(repeating: identity, count: 3 - sections.count)
        normalised = padded.map { (b1: $0.b1 / $0.b0, b2: $0.b2 / $0.b0, a1: $0.a1, a2: $0.a2) }
        gain = padded.reduce(1) { $0 * $1.b0 }
    }

    /// Sets the state to the steady state of a constant input `level` (scipy
    /// `sosfilt_zi(sos) * level`, for the normalised sections). O(1).
    mutating func prime(firstSample level: Double) {
        var input = level
        for (index, section) in normalised.enumerated() {
            let denominator = 1 + section.a1 + section.a2
            // A pole at z = 1 has no steady state; leave that section at rest rather than divide by zero.
            let output = denominator != 0 ? input * (1 + section.b1 + section.b2) / denominator : 0
            state[2 * index] = output - input
            state[2 * index + 1] = section.b2 * input - section.a2 * output
            input = output
        }
        primed = true
    }

    /// Filters `x` into `out` (at least as long), carrying the state; the state must be primed.
    /// Coefficients and state stay in registers for the whole batch. O(x.count).
    mutating func filter(_ x: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>) {
        let c0 = normalised[0], c1 = normalised[1], c2 = normalised[2], gain = gain
        var z00 = state[0], z01 = state[1], z10 = state[2], z11 = state[3], z20 = state[4], z21 = state[5]
        for n in 0..<min(x.count, out.count) {
            let input = Double(x[n])
            // b1·x + z1 is formed off the path from one output to the next.
            let y0 = input + z00
            z00 = (c0.b1 * input + z01) - c0.a1 * y0
            z01 = c0.b2 * input - c0.a2 * y0
            let y1 = y0 + z10
            z10 = (c1.b1 * y0 + z11) - c1.a1 * y1
            z11 = c1.b2 * y0 - c1.a2 * y1
            let y2 = y1 + z20
            z20 = (c2.b1 * y1 + z21) - c2.a1 * y2
            z21 = c2.b2 * y1 - c2.a2 * y2
            out[n] = Float(gain * y2)
        }
        state[0] = z00; state[1] = z01; state[2] = z10; state[3] = z11; state[4] = z20; state[5] = z21
    }
}
