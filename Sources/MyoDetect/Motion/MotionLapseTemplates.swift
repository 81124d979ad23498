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
        guard window.count >= length else { return nil }
        var energy: Float = 0
        for k in 0..<length { energy += window[k] * window[k] }
        guard energy > 0, energy >= minimumNorm * minimumNorm else { return nil }
        let norm = energy.squareRoot(), length = length, count = templates.count
        var best = Match(correlation: -.infinity, similarity: 0, frequency: 0, fall: 0)
        withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: length) { spread in
            // Each window sample in all four lanes, so that four templates share one multiply.
            for k in 0..<length { spread.initializeElement(at: k, to: SIMD4(repeating: window[k])) }
            lanes.withUnsafeBufferPointer { lanes in
                var first = 0
                guard let lanes = lanes.baseAddress, let spread = spread.baseAddress else { return }
                while first < count {
                    let block = lanes + first / 4 * length
                    let correlations = Self.interleavedSum(length) { k in block[k] * spread[k] }
                    for lane in 0..<min(4, count - first) where correlations[lane] > best.correlation {
                        let template = templates[first + lane]
                        best = Match(correlation: correlations[lane], similarity: correlations[lane] / norm,
                                     frequency: template.frequency, fall: correlations[lane] * template.fallPerCorrelation)
                    }
                    first += 4
                }
            }
            spread.baseAddress?.deinitialize(count: length)
        }
        return best
    }
}
