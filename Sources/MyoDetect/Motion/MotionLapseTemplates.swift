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
///
/// Speed: the templates are stored four to a vector (one lane each, sample by sample), so one
/// vector multiply and add advance four correlations; the mean template is spread over four
/// lanes too, so four candidate onsets are tried at once. Each lane sums its products in the
/// same order as a plain interleaved dot product (``interleavedSum(_:_:)``), so the results do
/// not depend on the grouping.
/// Complexity: O(templates × length) memory; ``bestMatch(_:minimumNorm:)`` O(templates × length),
/// ``anchor(_:starts:)`` O(starts × length).
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
    /// Samples per template (0.4 s).
    let length: Int
    /// The templates four at a time: `lanes[block × length + k]` holds sample `k` of templates
    /// `4·block ..< 4·block + 4` (zero in the lanes past the last template).
    private let lanes: [SIMD4<Float>]
    /// The mean of the templates (not normalised), each sample in all four lanes: a cheap first
    /// look for where a lapse starts.
    private let meanLanes: [SIMD4<Float>]

    init(sampleRate: Double, highPass: [SecondOrderSection]) {
        let length = max(4, Int((0.4 * sampleRate).rounded()))
        self.length = length
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
        let blocks = (bank.count + 3) / 4
        var lanes = [SIMD4<Float>](repeating: .zero, count: blocks * length)
        for (t, template) in bank.enumerated() {
            for k in 0..<length { lanes[(t / 4) * length + k][t % 4] = template.samples[k] }
        }
        self.lanes = lanes
        var sum = [Float](repeating: 0, count: length)
        for template in bank { for k in 0..<length { sum[k] += template.samples[k] } }
        meanLanes = sum.map { SIMD4(repeating: $0 / Float(max(1, bank.count))) }
    }

    /// Σ product(k) over `k < count` in each lane, in four interleaved sums (term k goes to sum
    /// k mod 4, the terms after the last group of four to the first) added as (s0 + s1) + (s2 + s3):
    /// the order is fixed, so a lane's sum is the same whichever lanes it is computed with, and
    /// the four sums do not wait on each other. O(count).
    @inline(__always)
    private static func interleavedSum(_ count: Int, _ product: (Int) -> SIMD4<Float>) -> SIMD4<Float> {
        var s0 = SIMD4<Float>(), s1 = SIMD4<Float>(), s2 = SIMD4<Float>(), s3 = SIMD4<Float>()
        var k = 0
        while k <= count &- 4 {
            s0 += product(k); s1 += product(k &+ 1); s2 += product(k &+ 2); s3 += product(k &+ 3)
            k &+= 4
        }
        while k < count { s0 += product(k); k &+= 1 }
        return (s0 + s1) + (s2 + s3)
    }

    /// The start in `0..<starts` where `window` correlates best with the mean template (the
    /// first of equals), or 0 when `window` holds fewer than `starts - 1 + length` samples.
    /// Four starts are tried at once while `window` holds three samples beyond the last start's
    /// window (their results are not used); the rest one by one. O(starts × length).
    func anchor(_ window: UnsafeBufferPointer<Float>, starts: Int) -> Int {
        guard starts > 0, window.count >= starts - 1 + length, let base = window.baseAddress else { return 0 }
        let samples = UnsafeRawPointer(base), length = length
        var anchor = 0, largest = -Float.infinity
        meanLanes.withUnsafeBufferPointer { mean in
            guard let mean = mean.baseAddress else { return }
            var block = 0
            while block < starts {
                let used = min(4, starts - block)
                var correlations = SIMD4<Float>(repeating: -.infinity)
                if block + 3 + length <= window.count {
                    correlations = Self.interleavedSum(length) { k in
                        mean[k] * samples.loadUnaligned(fromByteOffset: 4 &* (block &+ k), as: SIMD4<Float>.self)
                    }
                } else {
                    for lane in 0..<used {
                        correlations[lane] = Self.interleavedSum(length) { k in
                            mean[k] * SIMD4(repeating: window[block + lane + k])
                        }[0]
                    }
                }
                for lane in 0..<used where correlations[lane] > largest {
                    largest = correlations[lane]
                    anchor = block + lane
                }
                block += 4
            }
        }
        return anchor
    }

    /// The template that best fits `window` (at least ``length`` samples, from the candidate
    /// onset on); nil when the window is too short, or its norm is below `minimumNorm` (then no
    /// template can correlate as much: a unit-energy template's correlation never exceeds the
    /// window's norm), which skips most noise without correlating.
    func bestMatch(_ window: UnsafeBufferPointer<Float>, minimumNorm: Float) -> Match? {
        var best = Match(correlation: -.infinity, similarity: 0, frequency: 0, fall: 0)
        let correlated = correlate(window, minimumNorm: minimumNorm, templateCount: templates.count) { t, correlation, norm in
            guard correlation > best.correlation else { return }
            let template = templates[t]
            best = Match(correlation: correlation, similarity: correlation / norm, frequency: template.frequency,
                         fall: correlation * template.fallPerCorrelation)
        }
        return correlated ? best : nil
    }

    /// Whether some template slower than `frequency` fits `window` with a correlation of at
    /// least `minimumCorrelation` and a similarity of at least `similarity`: what a lapse needs
    /// of its best template. The values are those ``bestMatch(_:minimumNorm:)`` computes, so when
    /// this is false at every candidate onset no lapse can be found there, and the faster
    /// templates need not be tried. O(slower templates × length).
    func slowTemplateFits(_ window: UnsafeBufferPointer<Float>, below frequency: Double, similarity: Float,
                          minimumCorrelation: Float, minimumNorm: Float) -> Bool {
        // The templates are tried in blocks of four; those up to the last slow one suffice.
        let slow = (templates.lastIndex { $0.frequency < frequency } ?? -1) + 1
        guard slow > 0 else { return false }
        var fits = false
        _ = correlate(window, minimumNorm: minimumNorm, templateCount: slow) { t, correlation, norm in
            if templates[t].frequency < frequency, correlation >= minimumCorrelation, correlation / norm >= similarity { fits = true }
        }
        return fits
    }

    /// Correlates `window` with templates `0..<templateCount` (rounded up to whole blocks of
    /// four) and calls `body(template, correlation, window norm)` for each, in order; false (and
    /// no call) when the window is shorter than ``length`` or its norm below `minimumNorm`.
    /// O(templates × length).
    @inline(__always)
    private func correlate(_ window: UnsafeBufferPointer<Float>, minimumNorm: Float, templateCount: Int,
                           _ body: (Int, Float, Float) -> Void) -> Bool {
        guard window.count >= length else { return false }
        var energy: Float = 0
        for k in 0..<length { energy += window[k] * window[k] }
        guard energy > 0, energy >= minimumNorm * minimumNorm else { return false }
        let norm = energy.squareRoot(), length = length, count = min(templateCount, templates.count)
        withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: length) { spread in
            // Each window sample in all four lanes, so that four templates share one multiply.
            for k in 0..<length { spread.initializeElement(at: k, to: SIMD4(repeating: window[k])) }
            lanes.withUnsafeBufferPointer { lanes in
                var first = 0
                guard let lanes = lanes.baseAddress, let spread = spread.baseAddress else { return }
                while first < count {
                    let block = lanes + first / 4 * length
                    let correlations = Self.interleavedSum(length) { k in block[k] * spread[k] }
                    for lane in 0..<min(4, count - first) { body(first + lane, correlations[lane], norm) }
                    first += 4
                }
            }
            spread.baseAddress?.deinitialize(count: length)
        }
        return true
    }
}
