import Foundation

/// Why a simulation cannot be set up: a parameter out of range or a configuration file that
/// does not describe a ``SimulationConfig``.
public enum SimulationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `parameter` (a JSON key path such as `positive.ratePerMinute`) has a value Myotrace cannot simulate.
    case invalidParameter(parameter: String, value: String, reason: String)
    /// The configuration JSON names a key that ``SimulationConfig`` does not have (a typo would
    /// otherwise be ignored silently).
    case unknownKey(path: String, known: [String])
    /// The configuration text is not JSON, or a value has the wrong type.
    case malformedConfig(reason: String)

    public var description: String {
        switch self {
        case let .invalidParameter(parameter, value, reason):
            return "\(parameter) = \(value): \(reason)"
        case let .unknownKey(path, known):
            return "unknown setting \"\(path)\" (known here: \(known.joined(separator: ", ")))"
        case let .malformedConfig(reason):
            return "configuration: \(reason)"
        }
    }
}
