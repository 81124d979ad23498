/// Whether a myoclonic event is a jerk or a lapse.
///
/// Positive myoclonus is a sudden muscle contraction (an EMG burst, an accelerometer transient);
/// negative myoclonus (asterixis) is a sudden brief interruption of ongoing muscle activity (an
/// EMG silent period, a lapse of posture).
public enum Polarity: String, Sendable, Hashable, Codable, CaseIterable {
    case positive
    case negative
}

/// What a single-channel detector saw.
public enum EventSource: String, Sendable, Hashable, Codable, CaseIterable {
    /// A brief EMG burst (positive).
    case emgBurst
    /// A brief interruption of tonic EMG activity (negative).
    case emgSilentPeriod
    /// A sharp accelerometer or gyroscope transient (positive).
    case motionJerk
    /// A brief lapse of posture seen by an accelerometer or gyroscope (negative).
    case motionLapse

    public var polarity: Polarity {
        switch self {
        case .emgBurst, .motionJerk: return .positive
        case .emgSilentPeriod, .motionLapse: return .negative
        }
    }
}
