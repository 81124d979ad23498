import Foundation
import MyoDetect
import MyoSignal

/// How a sleep analysis agrees with ground truth: limb movements matched by onset within a
/// tolerance (each true movement at most once, ``OnsetMatcher``), the PLM index against the
/// index the same rules give on the true movements, and the hypnic-jerk and fragmentary counts.
public struct SleepComparison: Sendable, Equatable, Codable {
    public var toleranceSeconds: Double
    public var truthLMCount: Int
    public var detectedLMCount: Int
    public var matchedLMs: Int
    public var lmPrecision: Double
    public var lmRecall: Double
    public var lmF1: Double
    /// Median |detected − true| onset of matched movements, seconds.
    public var medianOnsetErrorSeconds: Double?
    public var truthPLMCount: Int
    public var detectedPLMCount: Int
    public var truthPLMIndex: Double
    public var detectedPLMIndex: Double
    /// |detected − true| / true PLM index (0 when both are 0, infinity when only truth is 0).
    public var plmIndexRelativeError: Double
    public var truthHypnicJerks: Int
    public var detectedHypnicJerks: Int
    public var truthFragmentaryMinutes: Int?
    public var detectedFragmentaryMinutes: Int?

    /// Compares `detected` with `truth` (both scored by the same rules). O(n log n).
    public static func compare(detected: SleepResult, truth: SleepResult, toleranceSeconds: Double = 0.5) -> SleepComparison {
        let d = detected.limbMovements.filter { $0.isCandidate && !$0.isRespiratory }.map(\.onset)
        let t = truth.limbMovements.filter { $0.isCandidate && !$0.isRespiratory }.map(\.onset)
        let pairs = OnsetMatcher.match(detected: d, truth: t, tolerance: toleranceSeconds)
        let precision = d.isEmpty ? (t.isEmpty ? 1 : 0) : Double(pairs.count) / Double(d.count)
        let recall = t.isEmpty ? 1 : Double(pairs.count) / Double(t.count)
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
        let errors = pairs.map { abs(d[$0.detected] - t[$0.truth]) }.sorted()
        let median = errors.isEmpty ? nil : errors.count % 2 == 1 ? errors[errors.count / 2]
            : (errors[errors.count / 2 - 1] + errors[errors.count / 2]) / 2
        let relative = truth.plmIndex > 0 ? abs(detected.plmIndex - truth.plmIndex) / truth.plmIndex
            : (detected.plmIndex == 0 ? 0 : .infinity)
        return SleepComparison(toleranceSeconds: toleranceSeconds, truthLMCount: t.count, detectedLMCount: d.count,
                               matchedLMs: pairs.count, lmPrecision: precision, lmRecall: recall, lmF1: f1,
                               medianOnsetErrorSeconds: median, truthPLMCount: truth.plmCount, detectedPLMCount: detected.plmCount,
                               truthPLMIndex: truth.plmIndex, detectedPLMIndex: detected.plmIndex, plmIndexRelativeError: relative,
                               truthHypnicJerks: truth.hypnicJerks?.count ?? 0, detectedHypnicJerks: detected.hypnicJerks?.count ?? 0,
                               truthFragmentaryMinutes: truth.fragmentaryMyoclonus?.minutesAtCriterion,
                               detectedFragmentaryMinutes: detected.fragmentaryMyoclonus?.minutesAtCriterion)
    }
}

extension SleepAnalyzer {
    /// What these parameters score on a simulated night's exact truth: the true leg movements
    /// and bursts put through the same rules, so the comparison isolates detection errors.
    public func score(truth: NightTruth, annotations: [Annotation], recordingSeconds: Double, legLabels: [String]) -> SleepResult {
        let legs = truth.legMovements.map { LegMovement(leg: $0.leg, onset: $0.onset, offset: $0.offset, peakRiseUV: $0.amplitude) }
        let bursts = (truth.hypnicJerks + truth.fragmentaryBursts).map { b in
            ChannelEvent(channelIndex: b.channel ?? 0, channel: "truth", source: .emgBurst, onset: b.onset, offset: b.onset + b.duration,
                         peak: b.amplitude, area: 0, baseline: 1, intensity: 1, unit: "uV", confidence: 1)
        }
        return score(legMovements: legs, bursts: bursts, hypnogram: Hypnogram(annotations: annotations), annotations: annotations,
                     recordingSeconds: recordingSeconds, legLabels: legLabels)
    }
}
