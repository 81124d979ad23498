/// One myoclonic jerk or lapse, as Myotrace reports it: possibly seen on several channels at
/// once (agonist and antagonist, EMG and accelerometer), each with its own onset.
///
/// `channels` is sorted by onset, so it gives the order in which the muscles fired.
public struct MyoclonicEvent: Sendable, Hashable, Codable {
    /// Seconds from the recording start: the earliest EMG onset when an EMG channel saw the event
    /// (EMG onsets are sharper than motion onsets, which lag the muscle by tens of ms), else the
    /// earliest motion onset.
    public var onset: Double
    /// Latest offset over the channels.
    public var offset: Double
    public var polarity: Polarity
    /// Each channel's own view of the event, in firing order.
    public var channels: [ChannelEvent]
    /// Peak of the envelope on the leading channel, in its physical unit.
    public var peak: Double
    /// Area of the envelope on the leading channel, in its physical unit times seconds.
    public var area: Double
    /// Intensity relative to the leading channel's baseline (see `ChannelEvent.intensity`).
    public var intensity: Double
    /// The physical unit of `peak` and `area`.
    public var unit: String
    /// How sure Myotrace is that this is a myoclonic event, 0...1.
    public var confidence: Double

    public init(onset: Double, offset: Double, polarity: Polarity, channels: [ChannelEvent], peak: Double,
                area: Double, intensity: Double, unit: String, confidence: Double) {
        self.onset = onset
        self.offset = offset
        self.polarity = polarity
        self.channels = channels
        self.peak = peak
        self.area = area
        self.intensity = intensity
        self.unit = unit
        self.confidence = confidence
    }

    /// An event seen on one channel only.
    public init(_ single: ChannelEvent) {
        self.init(onset: single.onset, offset: single.offset, polarity: single.polarity, channels: [single],
                  peak: single.peak, area: single.area, intensity: single.intensity, unit: single.unit,
                  confidence: single.confidence)
    }

    public var duration: Double { offset - onset }

    /// The channel whose detector is the reference for timing: the first EMG channel if any
    /// (EMG onsets are sharper than motion onsets), else the earliest.
    public var leadChannel: ChannelEvent? {
        channels.first { $0.source == .emgBurst || $0.source == .emgSilentPeriod } ?? channels.first
    }
}
