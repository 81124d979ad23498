/// Maps a data interval onto a pixel interval, as plot axes do.
///
/// A degenerate or non-finite domain (all values equal, no data) is widened to a unit interval
/// so a plot of nothing or of one value still draws instead of dividing by zero.
struct LinearScale {
    let domain: ClosedRange<Double>
    let range: ClosedRange<Double>
    /// When true the scale maps the domain's low end to the range's upper end (y axes, where
    /// SVG counts downwards).
    let inverted: Bool

    init(domain lo: Double, _ hi: Double, range: ClosedRange<Double>, inverted: Bool = false) {
        var a = lo.isFinite ? lo : 0, b = hi.isFinite ? hi : 1
        if a > b { swap(&a, &b) }
        if b - a < 1e-12 { b = a + 1 }
        domain = a...b
        self.range = range
        self.inverted = inverted
    }

    /// The pixel position of `value`; values outside the domain extrapolate (callers clamp when
    /// they must stay inside the plot).
    func callAsFunction(_ value: Double) -> Double {
        let t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        let u = inverted ? 1 - t : t
        return range.lowerBound + u * (range.upperBound - range.lowerBound)
    }

    /// `callAsFunction` clamped to the pixel range.
    func clamped(_ value: Double) -> Double {
        min(max(self(value), range.lowerBound), range.upperBound)
    }
}

/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, as a person would choose.
enum NiceTicks {
    /// The step nearest to `span / target` among 1, 2, 5 × 10^k.
    static func step(span: Double, target: Int) -> Double {
        guard span.isFinite, span > 0, target > 0 else { return 1 }
        let raw = span / Double(target)
        let power = pow10(floorLog10(raw))
        let mantissa = raw / power
        let nice: Double = mantissa < 1.5 ? 1 : mantissa < 3.5 ? 2 : mantissa < 7.5 ? 5 : 10
        return nice * power
    }

    /// Tick values inside `lo...hi`, about `target` of them. Complexity: O(number of ticks),
    /// which the step choice bounds to about 2 × target.
    static func ticks(_ lo: Double, _ hi: Double, target: Int = 5) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return lo.isFinite ? [lo] : [] }
        let s = step(span: hi - lo, target: target)
        var out: [Double] = []
        var k = (lo / s).rounded(.up)
        while k * s <= hi + s * 1e-9, out.count < 4 * target + 2 {
            // Adding 0.0 turns -0 into 0 so a tick never reads "-0".
            out.append(k * s + 0.0)
            k += 1
        }
        return out
    }

    /// Decimals needed to tell ticks `step` apart (0 for steps of 1 or more).
    static func decimals(for step: Double) -> Int {
        guard step.isFinite, step > 0, step < 1 else { return 0 }
        return min(6, Int((-floorLog10(step)).rounded()))
    }

    private static func floorLog10(_ x: Double) -> Double {
        var e = 0.0, v = x
        // Repeated scaling instead of Foundation's log10 keeps this exact at powers of ten.
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }

    private static func pow10(_ e: Double) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<Int(e) { r *= 10 } } else { for _ in 0..<Int(-e) { r /= 10 } }
        return r
    }
}
