import MyoSignal

/// What `RecordingAnalyzer` analyses and how.
public struct AnalysisOptions: Sendable {
    /// Channels to analyse, by label or 1-based number; `nil` means every EMG, accelerometer and
    /// gyroscope channel.
    public var channels: [String]?
    /// Corrections of inferred channel kinds, by label or 1-based number.
    public var kindOverrides: [(channel: String, kind: ChannelKind)]
    public var emg: EMGDetectorParameters
    public var motion: MotionDetectorParameters
    public var fusion: EventFusion
    /// How many example events the report's gallery shows (0: collect none, skip the second pass).
    public var gallerySize: Int
    /// When EMG channels are analysed, count motion detections only if an EMG channel saw the
    /// event too (the default); `false` counts motion-only events as well.
    public var motionNeedsEMG = true
    /// Channel kinds that other analyses look at (audio for clicks, respiration for hiccups, EEG
    /// for back-averaging): a recording with only such channels is not an error here, and naming
    /// one with `channels` is allowed; it simply gets no jerk or lapse detector.
    public var otherwiseAnalysedKinds: Set<ChannelKind> = []

    public init(channels: [String]? = nil, kindOverrides: [(channel: String, kind: ChannelKind)] = [],
                emg: EMGDetectorParameters = .init(), motion: MotionDetectorParameters = .init(),
                fusion: EventFusion = .init(), gallerySize: Int = 0) {
        self.channels = channels
        self.kindOverrides = kindOverrides
        self.emg = emg
        self.motion = motion
        self.fusion = fusion
        self.gallerySize = gallerySize
    }
}

/// Why an analysis cannot run on a recording.
public enum AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    case noAnalysableChannel(file: String, channels: [String])
    case unknownChannel(file: String, channel: String, channels: [String])
    case recordingTooShort(file: String, seconds: Double, minimum: Double)

    public var description: String {
        switch self {
        case let .noAnalysableChannel(file, channels):
            return "\(file): no EMG, accelerometer or gyroscope channel to analyse (channels: \(channels.joined(separator: ", "))); "
                + "if one is mislabelled, set its kind with --kind LABEL=emg"
        case let .unknownChannel(file, channel, channels):
            return "\(file): no channel \"\(channel)\" (channels: \(channels.joined(separator: ", ")))"
        case let .recordingTooShort(file, seconds, minimum):
            return "\(file): the recording lasts \(seconds) s; at least \(minimum) s are needed to estimate a baseline"
        }
    }
}
