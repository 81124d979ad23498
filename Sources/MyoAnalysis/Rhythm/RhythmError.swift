/// Why the rhythm analysis cannot run on the inputs given; each case names the input and says
/// what would work.
public enum RhythmError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter outside its sensible range.
    case parameterOutOfRange(name: String, value: Double, reason: String)
    /// The envelope's sample rate is not a positive finite number or too low for the band.
    case invalidEnvelopeRate(rate: Double, reason: String)

    public var description: String {
        switch self {
        case let .parameterOutOfRange(name, value, reason):
            return "rhythm parameter \(name) = \(value): \(reason)"
        case let .invalidEnvelopeRate(rate, reason):
            return "envelope sample rate \(rate) Hz: \(reason)"
        }
    }
}
