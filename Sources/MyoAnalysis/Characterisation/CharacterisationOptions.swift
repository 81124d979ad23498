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
    /// Channel kinds to change before choosing analyses, as (label or number, kind) pairs.
    public var kindOverrides: [(channel: String, kind: ChannelKind)] = []
    /// Only these channels (labels or numbers), or nil for every channel.
    public var channels: [String]?

    /// The defaults: every analysis whose channels the recording has.
    public init() {}
}
