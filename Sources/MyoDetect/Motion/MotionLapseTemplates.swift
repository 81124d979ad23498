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
    }

    /// The best fit over a window.
    struct Match: Sendable {
        /// Correlation with the best template (in g, since templates have unit energy).
        var correlation: Float
        /// `correlation` over the window's norm: 1 for a perfect fit.
        var similarity: Float
        var frequency: Double
    }

    let templates: [Template]
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
                bank.append(Template(frequency: frequency, samples: shaped.map { $0 / norm }))
            }
        }
        templates = bank
    }

    /// The template that best fits `window` (at least ``length`` samples, from the candidate
    /// onset on); nil when the window is too short or silent.
    func bestMatch(_ window: UnsafeBufferPointer<Float>) -> Match? {
        guard window.count >= length else { return nil }
        var energy: Float = 0
        for k in 0..<length { energy += window[k] * window[k] }
        guard energy > 0 else { return nil }
        var best = Match(correlation: -.infinity, similarity: 0, frequency: 0)
        for template in templates {
            let correlation = template.samples.withUnsafeBufferPointer { w in
                var sum: Float = 0
                for k in 0..<length { sum += w[k] * window[k] }
                return sum
            }
            if correlation > best.correlation {
                best = Match(correlation: correlation, similarity: correlation / energy.squareRoot(), frequency: template.frequency)
            }
        }
        return best
    }
}
