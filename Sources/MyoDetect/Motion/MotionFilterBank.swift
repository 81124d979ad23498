import MyoSignal

/// Four independent IIR filters of at most two biquads each, one per SIMD lane, run together.
///
/// Why: a motion sensor's axes are filtered with the same bands, and one biquad recursion is
/// bound by the latency of its feedback, not by arithmetic. Putting the x, y and z axes (and a
/// fourth signal) in the lanes of one `SIMD4<Float>` filters all four for the price of one, with
/// coefficients and state in registers for a whole batch (no arrays, no per-sample allocation).
/// Each lane may have its own coefficients, so one bank can hold two different bands.
///
/// Each section runs in direct form I (the feedback path from one output to the next is one
/// multiply and one subtraction). `Float` is precise enough here: the bank is used for bands
/// whose poles stay well inside the unit circle at the rate it runs at (the slow bands run
/// decimated, see ``MotionFrontEnd``); tests hold it to `SOSFilter` within 1e-4 of full scale.
/// Complexity: O(1) per sample for all four lanes, O(1) memory.
struct MotionFilterBank: Sendable {
    private var b0s = SIMD4<Float>(repeating: 1), b1s = SIMD4<Float>(), b2s = SIMD4<Float>()
    private var a1s = SIMD4<Float>(), a2s = SIMD4<Float>()
    private var b0t = SIMD4<Float>(repeating: 1), b1t = SIMD4<Float>(), b2t = SIMD4<Float>()
    private var a1t = SIMD4<Float>(), a2t = SIMD4<Float>()
    /// Inputs, first-section outputs and second-section outputs, one and two samples back.
    private var x1 = SIMD4<Float>(), x2 = SIMD4<Float>()
    private var u1 = SIMD4<Float>(), u2 = SIMD4<Float>()
    private var y1 = SIMD4<Float>(), y2 = SIMD4<Float>()

    /// A bank whose lane `i` runs `lanes[i]` (at most two sections; missing sections and lanes
    /// pass their input through unchanged). Nil when a lane has more than two sections.
    init?(lanes: [[SecondOrderSection]]) {
        guard lanes.count <= 4, lanes.allSatisfy({ $0.count <= 2 }) else { return nil }
        let identity = SecondOrderSection(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)
        for lane in 0..<4 {
            let sections = lane < lanes.count ? lanes[lane] : []
            let first = sections.first ?? identity
            let second = sections.count > 1 ? sections[1] : identity
            b0s[lane] = Float(first.b0); b1s[lane] = Float(first.b1); b2s[lane] = Float(first.b2)
            a1s[lane] = Float(first.a1); a2s[lane] = Float(first.a2)
            b0t[lane] = Float(second.b0); b1t[lane] = Float(second.b1); b2t[lane] = Float(second.b2)
            a1t[lane] = Float(second.a1); a2t[lane] = Float(second.a2)
        }
    }

    /// Sets every history to the steady state of a constant input `level` per lane, so a DC
    /// offset (1 g of gravity) gives no start-up transient. O(1).
    mutating func prime(_ level: SIMD4<Float>) {
        func steady(_ input: SIMD4<Float>, _ b0: SIMD4<Float>, _ b1: SIMD4<Float>, _ b2: SIMD4<Float>,
                    _ a1: SIMD4<Float>, _ a2: SIMD4<Float>) -> SIMD4<Float> {
            var out = SIMD4<Float>()
            for lane in 0..<4 {
                let denominator = 1 + a1[lane] + a2[lane]
                // A pole at z = 1 has no steady state; leave that lane at rest.
                out[lane] = denominator != 0 ? input[lane] * (b0[lane] + b1[lane] + b2[lane]) / denominator : 0
            }
            return out
        }
        x1 = level; x2 = level
        u1 = steady(level, b0s, b1s, b2s, a1s, a2s); u2 = u1
        y1 = steady(u1, b0t, b1t, b2t, a1t, a2t); y2 = y1
    }

    /// Filters one sample of each lane. Inlined into the caller's loop, where the state stays in
    /// registers. O(1).
    @inline(__always)
    mutating func step(_ x: SIMD4<Float>) -> SIMD4<Float> {
        // Everything but the newest output's feedback term first, off the recursion's path.
        let u = (b0s * x + b1s * x1 + (b2s * x2 - a2s * u2)) - a1s * u1
        let y = (b0t * u + b1t * u1 + (b2t * u2 - a2t * y2)) - a1t * y1
        x2 = x1; x1 = x
        u2 = u1; u1 = u
        y2 = y1; y1 = y
        return y
    }
}
