import Foundation
/// Why a special-form analysis (clicks, hiccups) could not run.
public enum SpecialFormError: Error, Equatable, CustomStringConvertible {
    /// A parameter is outside the range this detector accepts.
    case invalidParameter(name: String, value: Double, expected: String)
    /// The channel is too short to judge against its own background.
    case tooShort(channel: String, seconds: Double, needed: Double)

    public var description: String {
        switch self {
        case let .invalidParameter(name, value, expected):
            return "parameter \(name) = \(value) is out of range: expected \(expected)"
        case let .tooShort(channel, seconds, needed):
            return "channel \(channel) lasts \(String(format: "%.1f", seconds)) s; at least \(String(format: "%.1f", needed)) s are needed to judge transients against their background"
        }
    }
}
