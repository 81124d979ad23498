import MyoSignal

/// The EMG band-pass (a cascade of exactly three biquads: a 4th-order high-pass and a 2nd-order
/// low-pass) as plain coefficients and state, one sample at a time, for the detector's fused loop.
///
/// Why not `SOSFilter`: the detector's front end (``EMGEventTracker``) runs the band-pass, the
/// history write and the envelope in one loop, so the filter must be a step that the compiler
/// can inline and keep in registers; every coefficient and history value is a stored `Double`
/// (no array), so a local copy of this struct lives in registers for a whole batch. Each section
/// runs in direct form I, where the path from one output to the next is one multiply by a1 and
/// one subtraction (transposed direct form II has four dependent operations); each section's
/// numerator is divided by its b0 and the product of the b0s applied once to the output, so a
/// section costs 4 multiplies and 4 adds. With `Double` arithmetic the samples differ from
/// `SOSFilter`'s only by rounding. The state starts as the steady state of the first sample (like
/// `SOSFilter.InitialCondition.steadyStateAtFirstSample`), so a DC offset gives no start-up
/// transient. Complexity: O(1) per sample and memory.
struct EMGBandPass: Sendable {
    /// One section's b1/b0, b2/b0, a1 and a2.
    struct Section: Sendable {
        var b1: Double, b2: Double, a1: Double, a2: Double
    }

    /// The three sections; a cascade of fewer is padded with identity sections (y = x).
    private let first: Section, second: Section, third: Section
    /// The product of the sections' b0.
    private let gain: Double
    /// The last two inputs of the cascade, then the last two outputs of each (normalised)
    /// section; each section's input history is the previous section's output history.
    private var x1 = 0.0, x2 = 0.0, u1 = 0.0, u2 = 0.0, v1 = 0.0, v2 = 0.0, w1 = 0.0, w2 = 0.0
    /// Whether the state has been set from the first sample.
    private(set) var primed = false

    /// The cascade over `sections`; nil when there are more than three or a section has b0 = 0
    /// (a Butterworth section never has).
    init?(sections: [SecondOrderSection]) {
        guard sections.count <= 3, !sections.contains(where: { $0.b0 == 0 || !$0.b0.isFinite }) else { return nil }
        let identity = SecondOrderSection(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)
        let padded = sections + Array(repeating: identity, count: 3 - sections.count)
        let normalised = padded.map { Section(b1: $0.b1 / $0.b0, b2: $0.b2 / $0.b0, a1: $0.a1, a2: $0.a2) }
        first = normalised[0]
        second = normalised[1]
        third = normalised[2]
        gain = padded.reduce(1) { $0 * $1.b0 }
    }

    /// Sets the histories to the steady state of a constant input `level` (the direct-form-I
    /// equivalent of scipy `sosfilt_zi(sos) * level`). O(1).
    mutating func prime(firstSample level: Double) {
        func steady(_ input: Double, _ section: Section) -> Double {
            let denominator = 1 + section.a1 + section.a2
            // A pole at z = 1 has no steady state; leave that section at rest rather than divide by zero.
            return denominator != 0 ? input * (1 + section.b1 + section.b2) / denominator : 0
        }
        x1 = level; x2 = level
        u1 = steady(level, first); u2 = u1
        v1 = steady(u1, second); v2 = v1
        w1 = steady(v1, third); w2 = w1
        primed = true
    }

    /// Filters one sample, carrying the state; the state must be primed. O(1).
    @inline(__always)
    mutating func step(_ sample: Float) -> Float {
        let input = Double(sample)
        // Everything but the newest output's feedback term first, off the recursion's path.
        let u = (input + first.b1 * x1 + (first.b2 * x2 - first.a2 * u2)) - first.a1 * u1
        let v = (u + second.b1 * u1 + (second.b2 * u2 - second.a2 * v2)) - second.a1 * v1
        let w = (v + third.b1 * v1 + (third.b2 * v2 - third.a2 * w2)) - third.a1 * w1
        x2 = x1; x1 = input
        u2 = u1; u1 = u
        v2 = v1; v1 = v
        w2 = w1; w1 = w
        return Float(gain * w)
    }

    /// Filters `x` into `out` (at least as long), carrying the state; the state must be primed.
    /// O(x.count).
    mutating func filter(_ x: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>) {
        var filter = self
        for n in 0..<min(x.count, out.count) { out[n] = filter.step(x[n]) }
        self = filter
    }
}
