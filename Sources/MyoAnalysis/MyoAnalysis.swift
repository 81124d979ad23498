/// # MyoAnalysis
///
/// Characterises the events that `MyoDetect` finds, the way a clinical
/// neurophysiology lab would: where the jerks probably come from (origin hint
/// from burst durations, synchrony and spread across muscles), how regular
/// they are (rhythm), whether a cortical transient precedes them (jerk-locked
/// back-averaging of the EEG, EEG-EMG coherence), how they relate to sleep
/// (limb movements and periodic limb movements scored to the AASM rules,
/// hypnic jerks, fragmentary myoclonus) and the special forms (clicks in an
/// audio clip, hiccups in a respiration channel).
///
/// Every default number comes from a published source, cited beside it.
/// The module sits above `MyoDetect` and below `MyoClinic` and `MyoReport`.
public enum MyoAnalysisModule {
    /// The version of the characterisation rules, stored with every analysis.
    public static let version = "0.1.0"
}
