/// What the origin analysis found in one recording: the hint with its certainty and the
/// findings for and against, and the measurements they rest on.
public struct OriginResult: Sendable, Codable, Equatable {
    public var hint: OriginHint
    public var certainty: OriginCertainty
    /// Every finding, for and against any origin.
    public var findings: [OriginFinding]
    /// The leading EMG channel's burst of each positive event.
    public var durations: BurstDurationStatistics
    /// Per muscle (the same statistics over that muscle's own bursts) are in `recruitment.muscles`.
    public var recruitment: Recruitment
    /// Stimulus-locked responses, when stimulus markers were found.
    public var stimulus: StimulusResponse?
    /// The score of each origin (sum of the weights for, minus those against), for the report.
    public var scores: [String: Int]

    public init(hint: OriginHint, certainty: OriginCertainty, findings: [OriginFinding], durations: BurstDurationStatistics,
                recruitment: Recruitment, stimulus: StimulusResponse?, scores: [String: Int]) {
        self.hint = hint
        self.certainty = certainty
        self.findings = findings
        self.durations = durations
        self.recruitment = recruitment
        self.stimulus = stimulus
        self.scores = scores
    }

    /// Compares the result with a known origin and, when given, a known conduction velocity:
    /// the velocity is right within `velocityTolerance` (a fraction, default 25 %).
    public func compare(truth: OriginHint, velocityMPerS: Double? = nil, velocityTolerance: Double = 0.25) -> OriginComparison {
        let estimate = recruitment.spread?.velocityMPerS
        let error = velocityMPerS.flatMap { v in estimate.map { ($0 - v) / v } }
        return OriginComparison(truth: truth, hint: hint, hintCorrect: hint == truth, truthVelocityMPerS: velocityMPerS,
                                estimatedVelocityMPerS: estimate, velocityRelativeError: error,
                                velocityWithinTolerance: velocityMPerS == nil ? nil : error.map { abs($0) <= velocityTolerance } ?? false)
    }
}

/// An origin result set against the truth of a simulation.
public struct OriginComparison: Sendable, Codable, Equatable {
    public var truth: OriginHint
    public var hint: OriginHint
    public var hintCorrect: Bool
    public var truthVelocityMPerS: Double?
    public var estimatedVelocityMPerS: Double?
    public var velocityRelativeError: Double?
    public var velocityWithinTolerance: Bool?
}
