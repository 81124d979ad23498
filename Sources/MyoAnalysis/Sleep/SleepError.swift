/// Why a hypnogram or a sleep analysis input cannot be used, and where.
///
/// Text inputs name the line and column; channel problems name the channel. The description is
/// written for the person who has to fix the file or the command.
public enum SleepError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line of a hypnogram CSV/text file that cannot be parsed.
    case invalidLine(file: String, line: Int, column: String, reason: String)
    /// A hypnogram file without a single sleep-stage epoch.
    case noStages(file: String)
    /// A channel the analysis needs is missing or unusable.
    case invalidChannel(channel: String, reason: String)
    /// A parameter outside the range the rules allow.
    case invalidParameter(parameter: String, value: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidLine(file, line, column, reason):
            return "\(file): line \(line), column \"\(column)\": \(reason)"
        case let .noStages(file):
            return "\(file): no sleep-stage epochs (expected annotations such as \"Sleep stage N2\" or rows onset,duration,stage)"
        case let .invalidChannel(channel, reason):
            return "channel \"\(channel)\": \(reason)"
        case let .invalidParameter(parameter, value, reason):
            return "\(parameter) = \(value): \(reason)"
        }
    }
}
