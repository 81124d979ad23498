/// Why back-averaging or EEG-EMG coherence could not run: a setting out of range, or a channel that
/// does not exist or is of the wrong kind. A recording with too few jerks is not an error: it
/// gives a result whose status says so.
public enum BackAveragingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter has a value the analysis cannot use.
    case invalidParameter(name: String, value: String, reason: String)
    /// A channel was asked for by a name or number the recording does not have.
    case unknownChannel(file: String, channel: String, channels: [String])
    /// A channel exists but is not of the kind the analysis needs (EEG, or EMG for coherence).
    case wrongChannelKind(file: String, channel: String, kind: String, expected: String)
    /// An in-memory signal cannot be analysed (no samples, a rate that is not positive).
    case invalidSignal(channel: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, reason):
            return "parameter \(name) = \(value): \(reason)"
        case let .unknownChannel(file, channel, channels):
            return "\(file): no channel \"\(channel)\" (channels: \(channels.joined(separator: ", ")))"
        case let .wrongChannelKind(file, channel, kind, expected):
            return "\(file): channel \"\(channel)\" is \(kind), but this analysis needs \(expected)"
        case let .invalidSignal(channel, reason):
            return "channel \"\(channel)\": \(reason)"
        }
    }
}
