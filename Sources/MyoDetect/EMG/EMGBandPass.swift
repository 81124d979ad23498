import MyoSignal

/// The EMG band-pass (a cascade of exactly three biquads: a 4th-order high-pass and a 2nd-order
/// low-pass) as plain coefficients and state, for the detector's batch loop.
///
/// Why not `SOSFilter`: with coefficients and state in registers, the cascade's speed is bound
/// by the latency of its recursions. Here each section runs in direct form I, where the path
/// from one output to the next is one multiply by a1 and one subtraction (transposed direct form
/// II, as in `SOSFilter`, has four dependent operations); each section's numerator is divided by
/// its b0 and the product of the b0s applied once to the output, so a section costs 4 multiplies
/// and 4 adds. With `Double` arithmetic the samples differ from `SOSFilter`'s only by rounding.
/// The state starts as the steady state of the first sample (like
/// `SOSFilter.InitialCondition.steadyStateAtFirstSample`), so a DC offset gives no start-up
/// transient. Complexity: O(1) memory.
struct EMGBandPass: Sendable {
    /// Each section's b1/b0, b2/b0, a1 and a2; a cascade of fewer than three sections is padded
    /// with identity sections (y = x), which change nothing.
    private let normalised: [(b1: Double, b2: Double, a1: Double, a2: Double)]
    /// The product of the sections' b0.
    private let gain: Double
    /// The last two inputs of the cascade, then the last two outputs of each (normalised) section,
    /// newest first; each section's input history is the previous section's output history.
    private var history = [Double](repeating: 0, count: 8)
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

    /// Sets the histories to the steady state of a constant input `level` (the direct-form-I
    /// equivalent of scipy `sosfilt_zi(sos) * level`). O(1).
    mutating func prime(firstSample level: Double) {
        var input = level
        history[0] = input
        history[1] = input
        for (index, section) in normalised.enumerated() {
            let denominator = 1 + section.a1 + section.a2
            // A pole at z = 1 has no steady state; leave that section at rest rather than divide by zero.
            let output = denominator != 0 ? input * (1 + section.b1 + section.b2) / denominator : 0
            history[2 + 2 * index] = output
            history[3 + 2 * index] = output
            input = output
        }
        primed = true
    }

    /// Filters `x` into `out` (at least as long), carrying the state; the state must be primed.
    /// Coefficients and histories stay in registers for the whole batch. O(x.count).
    mutating func filter(_ x: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>) {
        let c0 = normalised[0], c1 = normalised[1], c2 = normalised[2], gain = gain
        var x1 = history[0], x2 = history[1]
        var u1 = history[2], u2 = history[3], v1 = history[4], v2 = history[5], w1 = history[6], w2 = history[7]
        for n in 0..<min(x.count, out.count) {
            let input = Double(x[n])
            // Everything but the newest output's feedback term first, off the recursion's path.
            let u = (input + c0.b1 * x1 + (c0.b2 * x2 - c0.a2 * u2)) - c0.a1 * u1
            let v = (u + c1.b1 * u1 + (c1.b2 * u2 - c1.a2 * v2)) - c1.a1 * v1
            let w = (v + c2.b1 * v1 + (c2.b2 * v2 - c2.a2 * w2)) - c2.a1 * w1
            x2 = x1; x1 = input
            u2 = u1; u1 = u
            v2 = v1; v1 = v
            w2 = w1; w1 = w
            out[n] = Float(gain * w)
        }
        history[0] = x1; history[1] = x2
        history[2] = u1; history[3] = u2; history[4] = v1; history[5] = v2; history[6] = w1; history[7] = w2
    }
}
