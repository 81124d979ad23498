import MyoSignal

/// The EMG band-pass (a cascade of exactly three biquads: a 4th-order high-pass and a 2nd-order
/// low-pass) as plain coefficients and state, for a loop that runs the recursion inline.
///
/// Why not `SOSFilter`: the detector band-passes each batch of samples just before enveloping it,
/// in L1, with no array per chunk; and the recursion here is ordered for a shorter dependency
/// chain (the filter's speed is bound by that chain's latency, not by its arithmetic). Like
/// `SOSFilter`: transposed direct form II in `Double`, steady state of the first sample at the
/// start; the samples differ from `SOSFilter`'s only by rounding. Complexity: O(1) memory.
struct EMGBandPass: Sendable {
    /// Coefficients of the three sections; a cascade of fewer sections is padded with identity
    /// sections (y = x), which change nothing.
    let sections: [SecondOrderSection]
    /// State (two values per section), valid once `primed`.
    var state: [Double] = [Double](repeating: 0, count: 6)
    /// Whether the state has been set from the first sample.
    private(set) var primed = false

    /// The cascade over `sections`; nil when there are more than three.
    init?(sections: [SecondOrderSection]) {
        guard sections.count <= 3 else { return nil }
        let identity = SecondOrderSection(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)
        self.sections = sections + Array(repeating: identity, count: 3 - sections.count)
    }

    /// Sets the state to the steady state of a constant input `level` (as
    /// `SOSFilter.setSteadyState(forConstantInput:)`: scipy `sosfilt_zi(sos) * level`). O(1).
    mutating func prime(firstSample level: Double) {
        var input = level
        for (index, section) in sections.enumerated() {
            let denominator = 1 + section.a1 + section.a2
            // A pole at z = 1 has no steady state; leave that section at rest rather than divide by zero.
            let output = denominator != 0 ? input * (section.b0 + section.b1 + section.b2) / denominator : 0
            state[2 * index] = output - section.b0 * input
            state[2 * index + 1] = section.b2 * input - section.a2 * output
            input = output
        }
        primed = true
    }

    /// Filters `x` into `out` (at least as long), carrying the state; the state must be primed.
    /// Coefficients and state stay in registers for the whole batch, and each section's update is
    /// ordered so that the recursion through its first state value is one multiply and two adds
    /// long (b1·x + z1 is formed off that path). O(x.count).
    mutating func filter(_ x: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>) {
        let c0 = sections[0], c1 = sections[1], c2 = sections[2]
        var z00 = state[0], z01 = state[1], z10 = state[2], z11 = state[3], z20 = state[4], z21 = state[5]
        for n in 0..<min(x.count, out.count) {
            let input = Double(x[n])
            let y0 = c0.b0 * input + z00
            z00 = (c0.b1 * input + z01) - c0.a1 * y0
            z01 = c0.b2 * input - c0.a2 * y0
            let y1 = c1.b0 * y0 + z10
            z10 = (c1.b1 * y0 + z11) - c1.a1 * y1
            z11 = c1.b2 * y0 - c1.a2 * y1
            let y2 = c2.b0 * y1 + z20
            z20 = (c2.b1 * y1 + z21) - c2.a1 * y2
            z21 = c2.b2 * y1 - c2.a2 * y2
            out[n] = Float(y2)
        }
        state[0] = z00; state[1] = z01; state[2] = z10; state[3] = z11; state[4] = z20; state[5] = z21
    }
}
