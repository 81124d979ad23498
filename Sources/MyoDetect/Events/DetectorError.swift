/// Why a detector cannot run on a channel with the parameters given.
///
/// Each case names the channel and the parameter, and says what would work, so that
/// `myotrace analyze` can print it as it is.
public enum DetectorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter outside its sensible range.
    case parameterOutOfRange(name: String, value: Double, allowed: ClosedRange<Double>, reason: String)
    /// The channel's rate is too low for the detector.
    case sampleRateTooLow(channel: String, sampleRate: Double, minimum: Double, detector: String)
    /// The channel is of a kind this detector does not read.
    case wrongChannelKind(channel: String, kind: String, detector: String, expected: String)
    /// Two parameters contradict each other (a minimum above a maximum).
    case inconsistentParameters(String)

    public var description: String {
        switch self {
        case let .parameterOutOfRange(name, value, allowed, reason):
            return "parameter \(name) = \(value) is outside \(allowed.lowerBound)...\(allowed.upperBound): \(reason)"
        case let .sampleRateTooLow(channel, rate, minimum, detector):
            return "channel \"\(channel)\": \(detector) needs at least \(minimum) Hz, the channel has \(rate) Hz"
        case let .wrongChannelKind(channel, kind, detector, expected):
            return "channel \"\(channel)\" is \(kind); \(detector) reads \(expected) channels (use --kind to correct an inferred kind)"
        case let .inconsistentParameters(text):
            return "inconsistent parameters: \(text)"
        }
    }
}
