/// Where in the nervous system the jerks probably start, as a clinical neurophysiologist would
/// sort them from burst duration, spread, rhythm and back-averaging.
public enum OriginHint: String, Sendable, Codable, CaseIterable {
    case cortical
    case corticalSubcortical
    /// Subcortical, including brainstem (reticular) myoclonus and startle.
    case subcortical
    /// Spinal, including propriospinal myoclonus.
    case spinal
    case functional
    /// Too little evidence, or evidence that points nowhere in particular.
    case undetermined
}

/// How far the findings agree.
public enum OriginCertainty: String, Sendable, Codable, CaseIterable {
    case low, moderate, high
}

/// One piece of evidence for or against an origin, with its source.
public struct OriginFinding: Sendable, Codable, Equatable {
    /// What was found, in words a clinician reads ("median burst 32 ms (n = 48)").
    public var text: String
    public var origin: OriginHint
    /// True when the finding supports `origin`, false when it speaks against it.
    public var supports: Bool
    /// How much it counts: 1 for a supporting sign, 2 for a defining one.
    public var weight: Int
    /// The citation ("Eberhardt & Topka 2017, PMC5575623") or "convention: ...".
    public var source: String

    public init(text: String, origin: OriginHint, supports: Bool, weight: Int, source: String) {
        self.text = text
        self.origin = origin
        self.supports = supports
        self.weight = weight
        self.source = source
    }
}
