/// Why the origin analysis cannot run with the parameters given.
public enum OriginError: Error, Sendable, Equatable, CustomStringConvertible {
    case parameterOutOfRange(name: String, value: Double, reason: String)

    public var description: String {
        switch self {
        case let .parameterOutOfRange(name, value, reason): return "origin parameter \(name) = \(value): \(reason)"
        }
    }
}
