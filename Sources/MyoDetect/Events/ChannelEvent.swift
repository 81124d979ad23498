/// One event as one channel's detector saw it, before events of several channels are fused.
///
/// Times are seconds from the recording start. `peak` and `area` describe the detector's
/// envelope in the channel's physical unit (µV for EMG, g or deg/s for motion); `baseline` is
/// the envelope level the detector compared against (for a silent period: the tonic level that
/// stopped).
public struct ChannelEvent: Sendable, Hashable, Codable {
    /// Index of the channel in the recording's signal list.
    public var channelIndex: Int
    /// The channel's label.
    public var channel: String
    public var source: EventSource
    public var onset: Double
    public var offset: Double
    /// Largest envelope value inside the event (smallest for a silent period), in `unit`.
    public var peak: Double
    /// Envelope integrated over the event, in `unit`·s (for a silent period: the missing area,
    /// baseline minus envelope).
    public var area: Double
    /// The envelope level the event stands out from, in `unit`.
    public var baseline: Double
    /// `peak / baseline` for a jerk; `1 - level / baseline` (the depth, 0...1) for a lapse.
    public var intensity: Double
    /// The physical unit of `peak`, `area` and `baseline`.
    public var unit: String
    /// How sure the detector is, 0...1.
    public var confidence: Double

    public init(channelIndex: Int, channel: String, source: EventSource, onset: Double, offset: Double,
                peak: Double, area: Double, baseline: Double, intensity: Double, unit: String, confidence: Double) {
        self.channelIndex = channelIndex
        self.channel = channel
        self.source = source
        self.onset = onset
        self.offset = offset
        self.peak = peak
        self.area = area
        self.baseline = baseline
        self.intensity = intensity
        self.unit = unit
        self.confidence = confidence
    }

    public var duration: Double { offset - onset }
    public var polarity: Polarity { source.polarity }
}

/// Muscle activity longer than a jerk (a voluntary movement, a tonic contraction): reported so a
/// reader sees it was noticed, and never counted as myoclonus.
public struct LongActivity: Sendable, Hashable, Codable {
    public var channelIndex: Int
    public var channel: String
    public var onset: Double
    public var offset: Double
    public var peak: Double
    public var unit: String

    public init(channelIndex: Int, channel: String, onset: Double, offset: Double, peak: Double, unit: String) {
        self.channelIndex = channelIndex
        self.channel = channel
        self.onset = onset
        self.offset = offset
        self.peak = peak
        self.unit = unit
    }

    public var duration: Double { offset - onset }
}
