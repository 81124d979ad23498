import Foundation

/// A short stretch of raw signal around one stored event, cut from the source file.
public struct CareTrace: Sendable, Equatable {
    public var fileName: String
    public var recordingStart: Date?
    public var channel: String
    public var unit: String
    public var sampleRate: Double
    /// Seconds from the recording start of `samples[0]`.
    public var windowStart: Double
    public var samples: [Float]
    /// The event, in seconds from the recording start.
    public var onset: Double
    public var offset: Double
    public var isPositive: Bool

    public init(fileName: String, recordingStart: Date?, channel: String, unit: String, sampleRate: Double,
                windowStart: Double, samples: [Float], onset: Double, offset: Double, isPositive: Bool) {
        self.fileName = fileName
        self.recordingStart = recordingStart
        self.channel = channel
        self.unit = unit
        self.sampleRate = sampleRate
        self.windowStart = windowStart
        self.samples = samples
        self.onset = onset
        self.offset = offset
        self.isPositive = isPositive
    }
}

/// What the report can show of the raw signals: the store keeps events, not signals, so traces
/// exist only where the source files are found again.
public enum CareTraces: Sendable, Equatable {
    /// No trace at all, and why (said on the page rather than drawing nothing).
    case unavailable(reason: String)
    /// The traces cut, and the recordings whose files could not be used, with why.
    case found([CareTrace], missing: [String])
}
