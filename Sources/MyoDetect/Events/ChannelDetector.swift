/// What a single-channel detector hands back after a chunk: the events it has completed so far,
/// in onset order, and the long activity it set aside.
public struct DetectorOutput: Sendable, Equatable {
    public var events: [ChannelEvent]
    public var longActivity: [LongActivity]

    public init(events: [ChannelEvent] = [], longActivity: [LongActivity] = []) {
        self.events = events
        self.longActivity = longActivity
    }

    public mutating func append(_ other: DetectorOutput) {
        events += other.events
        longActivity += other.longActivity
    }
}

/// A detector that consumes one channel chunk by chunk, as a state machine.
///
/// Contract (held by a property test for every detector): feeding a signal in chunks of any
/// sizes and then calling `finish()` gives exactly the same events as feeding it whole. Memory
/// stays bounded by the detector's look-back window, whatever the recording length.
public protocol ChannelDetector: Sendable {
    /// Consumes the next samples of the channel; returns the events completed so far.
    mutating func process(_ samples: [Float]) -> DetectorOutput
    /// Ends the recording; returns the events still open.
    mutating func finish() -> DetectorOutput
}
