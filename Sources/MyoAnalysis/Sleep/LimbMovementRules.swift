/// The rule set limb movements and periodic limb movements are scored by.
///
/// - AASM 2016: the AASM Manual for the Scoring of Sleep and Associated Events (version 2.3,
///   2016), movement rules, as docs/sources.md summarises them: an LM lasts 0.5-10 s,
///   starts at an 8 µV rise over resting EMG and ends at the start of 0.5 s within 2 µV of rest;
///   a PLM series is at least 4 LMs with onset-to-onset intervals of 5-90 s; LMs of the two legs
///   whose onsets are less than 5 s apart count once; an LM within 0.5 s before or after a
///   respiratory event is not scored.
/// - WASM 2016: Ferri R, Fulda S, Allen RP et al., "World Association of Sleep Medicine (WASM)
///   2016 standards for recording and scoring leg movements in polysomnograms", Sleep Med 2016;
///   26:86-95. The same onset and end of an LM, but: a candidate LM (CLM) is a monolateral LM of
///   0.5-10 s or a bilateral LM of 0.5-15 s, bilateral meaning monolateral LMs of the two legs
///   that overlap or are less than 0.5 s apart (offset to onset), up to 4 of them; a PLM series
///   is at least 4 consecutive CLMs with onset-to-onset intervals of 10-90 s, ended by an
///   interval under 10 s or over 90 s or by an LM that is not a CLM; a CLM overlapping the span
///   from 2 s before to 10.25 s after the end of a respiratory event is respiratory-related.
///   (Summary table of both rule sets: PMC9619152, table 3.)
public enum LimbMovementRules: String, Sendable, Hashable, Codable, CaseIterable {
    case aasm2016 = "AASM 2016"
    case wasm2016 = "WASM 2016"

    /// The numbers of the rule set, each from the source above.
    public var criteria: LimbMovementCriteria {
        switch self {
        case .aasm2016:
            return LimbMovementCriteria(onsetRiseUV: 8, endWithinUV: 2, endQuietSeconds: 0.5,
                                        minimumDuration: 0.5, maximumDuration: 10, maximumBilateralDuration: 10,
                                        bilateralOnsetWindow: 5, bilateralGap: nil, maximumBilateralComponents: 2,
                                        minimumSeriesCount: 4, minimumInterval: 5, maximumInterval: 90,
                                        respiratoryBefore: 0.5, respiratoryAfterStart: nil, respiratoryAfterEnd: 0.5)
        case .wasm2016:
            return LimbMovementCriteria(onsetRiseUV: 8, endWithinUV: 2, endQuietSeconds: 0.5,
                                        minimumDuration: 0.5, maximumDuration: 10, maximumBilateralDuration: 15,
                                        bilateralOnsetWindow: nil, bilateralGap: 0.5, maximumBilateralComponents: 4,
                                        minimumSeriesCount: 4, minimumInterval: 10, maximumInterval: 90,
                                        respiratoryBefore: nil, respiratoryAfterStart: -2, respiratoryAfterEnd: 10.25)
        }
    }
}

/// The numbers a rule set (``LimbMovementRules``) scores limb movements with. Seconds and µV.
public struct LimbMovementCriteria: Sendable, Hashable, Codable {
    /// An LM starts where the EMG rises this far over the resting level.
    public var onsetRiseUV: Double
    /// An LM ends at the start of ``endQuietSeconds`` within this much of the resting level.
    public var endWithinUV: Double
    public var endQuietSeconds: Double
    /// Shortest LM, seconds.
    public var minimumDuration: Double
    /// Longest monolateral LM that still scores, seconds.
    public var maximumDuration: Double
    /// Longest combined bilateral LM that still scores, seconds.
    public var maximumBilateralDuration: Double
    /// AASM: LMs of the two legs whose onsets differ by less than this count once (`nil`: not used).
    public var bilateralOnsetWindow: Double?
    /// WASM: LMs of the two legs that overlap or are less than this apart, offset to onset,
    /// form one bilateral LM (`nil`: not used).
    public var bilateralGap: Double?
    /// Most monolateral LMs one bilateral LM is made of.
    public var maximumBilateralComponents: Int
    /// Fewest LMs in a PLM series.
    public var minimumSeriesCount: Int
    /// Onset-to-onset interval range of a PLM series, seconds.
    public var minimumInterval: Double
    public var maximumInterval: Double
    /// AASM: an LM that ends less than this before a respiratory event starts is excluded.
    public var respiratoryBefore: Double?
    /// WASM: the respiratory window starts this long after the event's end (negative: before).
    public var respiratoryAfterStart: Double?
    /// Both: the respiratory window ends this long after the event's end.
    public var respiratoryAfterEnd: Double
}
