/// Precision, recall, F1 and onset error of detected events against ground truth, per kind.
///
/// Detections of one polarity are matched one-to-one to the true events of the same kind
/// (`positive` or `negative`) by onset within `tolerance` (``OnsetMatcher``). A detection that
/// matches nothing is a false positive; when it falls inside a true voluntary contraction it is
/// also counted in `voluntaryCountedAsJerk`, the figure that says whether long activity leaks into
/// the jerk count.
public struct Evaluation: Sendable, Codable, Equatable {
    /// Scores for one kind of event.
    public struct Score: Sendable, Codable, Equatable {
        public var kind: String
        public var truthCount: Int
        public var detectedCount: Int
        public var truePositives: Int
        public var falsePositives: Int
        public var falseNegatives: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// Median of |detected onset - true onset| over matched pairs, in ms (`nil` with no match).
        public var medianAbsoluteOnsetErrorMs: Double?
        /// Median signed error (detected minus true), in ms: a bias shows here.
        public var medianOnsetErrorMs: Double?
    }

    public var toleranceMs: Double
    public var scores: [Score]
    /// True voluntary contractions.
    public var voluntaryCount: Int
    /// True voluntary contractions during which at least one positive event was detected.
    public var voluntaryCountedAsJerk: Int

    /// Scores `detected` (kind = polarity) against `truth`.
    public static func compare(detected: [TruthEvent], truth: [TruthEvent], toleranceMs: Double = 50) -> Evaluation {
        let tolerance = toleranceMs / 1000
        var scores: [Score] = []
        for kind in ["positive", "negative"] {
            let d = detected.filter { $0.kind == kind }.map(\.onset)
            let t = truth.filter { $0.kind == kind }.map(\.onset)
            if d.isEmpty && t.isEmpty { continue }
            let pairs = OnsetMatcher.match(detected: d, truth: t, tolerance: tolerance)
            let tp = pairs.count
            let precision = d.isEmpty ? 0 : Double(tp) / Double(d.count)
            let recall = t.isEmpty ? 0 : Double(tp) / Double(t.count)
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            let errors = pairs.map { (d[$0.detected] - t[$0.truth]) * 1000 }
            scores.append(Score(kind: kind, truthCount: t.count, detectedCount: d.count, truePositives: tp,
                                falsePositives: d.count - tp, falseNegatives: t.count - tp, precision: precision,
                                recall: recall, f1: f1, medianAbsoluteOnsetErrorMs: median(errors.map(abs)),
                                medianOnsetErrorMs: median(errors)))
        }
        let voluntary = truth.filter { $0.kind == "voluntary" }
        let positives = detected.filter { $0.kind == "positive" }.map(\.onset).sorted()
        let hit = voluntary.filter { v in
            positives.contains { $0 >= v.onset - tolerance && $0 <= v.onset + v.duration }
        }.count
        return Evaluation(toleranceMs: toleranceMs, scores: scores, voluntaryCount: voluntary.count,
                          voluntaryCountedAsJerk: hit)
    }

    /// The score for `kind`, if that kind occurred.
    public func score(_ kind: String) -> Score? { scores.first { $0.kind == kind } }

    private static func median(_ x: [Double]) -> Double? {
        guard !x.isEmpty else { return nil }
        let s = x.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
