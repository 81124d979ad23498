/// Why a DSP block refused its parameters or input.
///
/// DSP blocks validate everything that could make them divide by zero, design an unstable filter,
/// loop forever or allocate without bound, and throw one of these instead of trapping or
/// returning a silently wrong signal. Each case carries the offending values so a caller can
/// report them.
public enum DSPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A filter order below 1 (or absurdly large).
    case invalidOrder(Int)
    /// A sampling rate that is not a finite positive number.
    case invalidSampleRate(Double)
    /// A cutoff or centre frequency outside the open interval (0, Nyquist).
    case cutoffOutOfRange(frequency: Double, nyquist: Double)
    /// A band whose lower edge is not below its upper edge.
    case bandEdgesNotIncreasing(low: Double, high: Double)
    /// A quality factor that is not a finite positive number.
    case invalidQualityFactor(Double)
    /// A window length (in samples) that is not at least 1.
    case invalidWindowLength(Int)
    /// A quantile outside [0, 1] (or a percentile outside [0, 100]).
    case invalidQuantile(Double)
    /// A signal too short for the operation (e.g. zero-phase filtering needs more than `padLength` samples).
    case signalTooShort(length: Int, required: Int)
    /// Channels that must have equal lengths (accelerometer axes) do not.
    case lengthMismatch([Int])
    /// Up/down factors not positive, or too large for a practical polyphase filter.
    case invalidResamplingFactors(up: Int, down: Int)
    /// Two rates whose ratio has no small exact fraction.
    case unsupportedRateRatio(from: Double, to: Double)
    /// A block length or other parameter outside its documented range.
    case invalidParameter(name: String, value: Double)

    public var description: String {
        switch self {
        case .invalidOrder(let order):
            return "filter order \(order) is invalid: it must be between 1 and \(Butterworth.maximumOrder)"
        case .invalidSampleRate(let rate):
            return "sampling rate \(rate) Hz is invalid: it must be finite and positive"
        case .cutoffOutOfRange(let frequency, let nyquist):
            return "frequency \(frequency) Hz is out of range: it must be above 0 and below the Nyquist frequency \(nyquist) Hz"
        case .bandEdgesNotIncreasing(let low, let high):
            return "band edges \(low) Hz and \(high) Hz are invalid: the low edge must be below the high edge"
        case .invalidQualityFactor(let q):
            return "quality factor \(q) is invalid: it must be finite and positive"
        case .invalidWindowLength(let length):
            return "window length \(length) samples is invalid: it must be at least 1"
        case .invalidQuantile(let q):
            return "quantile \(q) is invalid: it must lie in [0, 1] (percentiles in [0, 100])"
        case .signalTooShort(let length, let required):
            return "signal of \(length) samples is too short: at least \(required) are needed"
        case .lengthMismatch(let lengths):
            return "channels have different lengths \(lengths): they must be equal"
        case .invalidResamplingFactors(let up, let down):
            return "resampling factors up \(up), down \(down) are invalid: both must be in 1...\(Resampler.maximumFactor)"
        case .unsupportedRateRatio(let from, let to):
            return "cannot resample from \(from) Hz to \(to) Hz: the ratio has no exact fraction with factors up to \(Resampler.maximumFactor)"
        case .invalidParameter(let name, let value):
            return "parameter \(name) = \(value) is out of its valid range"
        }
    }
}
