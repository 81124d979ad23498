import Foundation

/// A sleep stage of the AASM scoring manual, as a hypnogram epoch carries it.
///
/// Rechtschaffen & Kales stages 3 and 4 are both slow-wave sleep, which the AASM manual merges
/// into N3, so both parse to ``n3``. Raw values are the short names used in JSON and CSV output.
public enum SleepStage: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case wake = "W"
    case n1 = "N1"
    case n2 = "N2"
    case n3 = "N3"
    case rem = "R"
    /// "Sleep stage ?": the scorer could not tell.
    case unscored = "?"
    /// "Movement time": R&K epochs obscured by movement; neither sleep nor wake.
    case movement = "MT"

    public var description: String { rawValue }

    /// Whether the epoch counts as sleep time (N1, N2, N3, R).
    public var isSleep: Bool { self == .n1 || self == .n2 || self == .n3 || self == .rem }

    /// Whether the epoch is non-REM sleep (N1, N2, N3), where fragmentary myoclonus is counted.
    public var isNREM: Bool { self == .n1 || self == .n2 || self == .n3 }

    /// Parses a stage from an annotation text or a hypnogram cell, ignoring case and spaces:
    /// "Sleep stage W", "Sleep stage 1"..."Sleep stage 4", "Sleep stage N1"..."N3", "Sleep stage R",
    /// "Sleep stage REM", "Sleep stage ?", "Movement time", and the bare forms "W", "N2", "3", "REM".
    /// Returns `nil` for any other text (lights off, arousals, respiratory events).
    /// Complexity: O(length of the text).
    public init?(annotationText text: String) {
        var t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t == "movement time" || t == "mt" { self = .movement; return }
        if t.hasPrefix("sleep stage") {
            t = String(t.dropFirst("sleep stage".count)).trimmingCharacters(in: .whitespaces)
        } else if t.hasPrefix("sleep_stage_") {
            t = String(t.dropFirst("sleep_stage_".count))
        }
        switch t {
        case "w", "wake", "0": self = .wake
        case "1", "n1", "s1": self = .n1
        case "2", "n2", "s2": self = .n2
        // R&K stages 3 and 4 together are AASM N3.
        case "3", "4", "n3", "n4", "s3", "s4": self = .n3
        case "r", "rem", "5": self = .rem
        case "?", "unscored", "unknown": self = .unscored
        default: return nil
        }
    }
}
