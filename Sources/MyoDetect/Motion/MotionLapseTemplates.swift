import Foundation
import MyoSignal

/// The shapes ``MotionDetector`` matches against the high-passed acceleration along gravity to
/// find postural lapses: a fall of the held limb caught by a corrective rebound, that is a damped
/// swing `-exp(-t/τ)·sin(2πft)` that starts downward, over a range of frequencies.
///
/// Why matched filtering: a lapse is small (a few hundredths of a g) and sits in postural sway
/// of similar size; a correlation with the expected shape over its whole duration collects its
/// energy where a threshold on single samples cannot, and the normalised correlation (how much
/// of the window's energy the best shape explains) tells a fall-and-catch from sway and from the
/// faster ringing of a jerk. Each template goes through the same high-pass as the signal, so the
/// comparison is exact, and is scaled to unit energy.
///
/// The bank spans 3 to 9 Hz: a swing that fits best above
/// ``MotionDetectorParameters/lapseMaximumFrequency`` is a jerk's ringing, not a lapse, so
/// faster shapes must be there for it to fit. Two dampings per frequency (settled within about a
/// third of a second, or ringing for one period per e-fold) cover a catch that is quick and one
/// that oscillates a little; both are engineering choices, not fitted to a data set.
/// Complexity: O(templates × length) memory; ``bestMatch(_:)`` O(templates × length).
struct MotionLapseTemplates: Sendable {
    /// One template: its frequency (Hz) and unit-energy samples.
    struct Template: Sendable {
        var frequency: Double
        var samples: [Float]
        /// The fall (deepest point of the unfiltered shape, g) per unit of correlation.
        var fallPerCorrelation: Float
    }

    /// The best fit over a window.
    struct Match: Sendable {
        /// Correlation with the best template (in g, since templates have unit energy).
        var correlation: Float
        /// `correlation` over the window's norm: 1 for a perfect fit.
        var similarity: Float
        var frequency: Double
        /// The depth of the fitted fall before high-passing, in g.
        var fall: Float
    }

    let templates: [Template]
    /// The mean of the templates (not normalised): a cheap first look for where a lapse starts.
    private let mean: [Float]
    /// Samples per template (0.4 s).
    let length: Int

    init(sampleRate: Double, highPass: [SecondOrderSection]) {
        length = max(4, Int((0.4 * sampleRate).rounded()))
        var bank: [Template] = []
        for step in 0...12 {
            let frequency = 3 + 0.5 * Double(step)
            for tau in [0.08, 1 / frequency] {
                let raw = (0..<length).map { k -> Float in
                    let t = Double(k) / sampleRate
                    return Float(-exp(-t / tau) * sin(2 * .pi * frequency * t))
                }
                var filter = SOSFilter(sections: highPass, initialCondition: .zero)
                let shaped = filter.process(raw)
                let norm = shaped.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0 else { continue }
                let deepest = -(raw.min() ?? 0)
                bank.append(Template(frequency: frequency, samples: shaped.map { $0 / norm }, fallPerCorrelation: deepest / norm))
            }
        }
        templates = bank
        var sum = [Float](repeating: 0, count: length)
        for template in bank { for k in 0..<length { sum[k] += template.samples[k] } }
        mean = sum.map { $0 / Float(max(1, bank.count)) }
    }

    /// Correlation of `window` (at least ``length`` samples) with the mean template. O(length).
    func meanCorrelation(_ window: UnsafeBufferPointer<Float>) -> Float {
        guard window.count >= length else { return -.infinity }
        return mean.withUnsafeBufferPointer { Self.dot($0, window, length) }
    }

    /// Σ a[k]·b[k] over the first `count` samples, in four interleaved sums (sample k goes to
    /// sum k mod 4, the remainder after the last group of four to the first) added as
    /// (s0 + s1) + (s2 + s3). The four sums are the lanes of one `SIMD4`, so each group of four
    /// products costs one vector multiply and add. O(count).
    @inline(__always)
    private static func dot(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, _ count: Int) -> Float {
        let count = min(count, a.count, b.count)
        guard count > 0, let pa = a.baseAddress, let pb = b.baseAddress else { return 0 }
        let ra = UnsafeRawPointer(pa), rb = UnsafeRawPointer(pb)
        var sums = SIMD4<Float>()
        var k = 0
        while k + 4 <= count {
            sums += ra.loadUnaligned(fromByteOffset: 4 * k, as: SIMD4<Float>.self)
                * rb.loadUnaligned(fromByteOffset: 4 * k, as: SIMD4<Float>.self)
            k += 4
        }
        var s0 = sums[0]
        while k < count { s0 += a[k] * b[k]; k += 1 }
        return (s0 + sums[1]) + (sums[2] + sums[3])
    }

    /// The template that best fits `window` (at least ``length`` samples, from the candidate
    /// onset on); nil when the window is too short, or its norm is below `minimumNorm` (then no
    /// template can correlate as much: a unit-energy template's correlation never exceeds the
    /// window's norm), which skips most noise without correlating.
    func bestMatch(_ window: UnsafeBufferPointer<Float>, minimumNorm: Float) -> Match? {
        guard window.count >= length else { return nil }
        var energy: Float = 0
        for k in 0..<length { energy += window[k] * window[k] }
        guard energy > 0, energy >= minimumNorm * minimumNorm else { return nil }
        var best = Match(correlation: -.infinity, similarity: 0, frequency: 0, fall: 0)
        for template in templates {
            let correlation = template.samples.withUnsafeBufferPointer { Self.dot($0, window, length) }
            if correlation > best.correlation {
                best = Match(correlation: correlation, similarity: correlation / energy.squareRoot(), frequency: template.frequency,
                             fall: correlation * template.fallPerCorrelation)
            }
        }
        return best
    }
}
