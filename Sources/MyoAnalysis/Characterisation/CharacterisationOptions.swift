import MyoSignal

/// Which characterisations to run and with which parameters.
public struct CharacterisationOptions: Sendable {
    /// Parameters of the click detector run on audio channels.
    public var clicks = ClickDetector.defaultParameters
    /// Parameters of the hiccup detector run on respiration channels.
    public var hiccups = HiccupDetector.defaultParameters
    /// The origin hint's rules and thresholds.
    public var origin = OriginAnalyzer.Parameters()
    /// The rhythm analysis's parameters.
    public var rhythm = RhythmAnalyzer.Parameters()
    /// Muscle positions along the neuraxis for the recruitment and velocity estimate.
    public var montage = MuscleMontage()
    /// Jerk-locked back-averaging: windows, lock-out, rejection, significance.
    public var backAveraging = BackAverager.Parameters()
    /// EEG-EMG coherence: Welch segments and confidence limit.
    public var coherence = CoherenceAnalyzer.Parameters()
    /// Sleep scoring: rules (AASM 2016 or WASM 2016) and thresholds.
    public var sleep = SleepAnalyzer.Parameters()
    /// Score sleep when the recording has leg EMG even without a hypnogram (indices are then per
    /// hour of recording); with a hypnogram sleep is scored whenever leg EMG is present.
    public var scoreSleep = false
    /// A hypnogram from a separate file, overriding the recording's own stage annotations.
    public var hypnogram: Hypnogram?
    /// Channel kinds to change before choosing analyses, as (label or number, kind) pairs.
    public var kindOverrides: [(channel: String, kind: ChannelKind)] = []
    /// Only these channels (labels or numbers), or nil for every channel.
    public var channels: [String]?

    /// The defaults: every analysis whose channels the recording has.
    public init() {}
}
