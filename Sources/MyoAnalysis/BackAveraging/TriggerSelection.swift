import MyoDetect

/// The jerk onsets that back-averaging locks to, after the lock-out.
///
/// A trigger is kept only when no other trigger came in the lock-out before it, so the EEG
/// before a kept jerk is free of the previous jerk's activity. Complexity: O(n log n).
public struct TriggerSelection: Sendable, Equatable, Codable {
    /// The kept trigger times, seconds from the recording start, ascending.
    public var times: [Double]
    /// How many triggers were given (finite ones).
    public var given: Int
    /// How many fell inside the lock-out after another trigger.
    public var lockedOut: Int
    /// Where the triggers came from: "event onset" or the EMG channel whose own onsets were used.
    public var source: String

    /// Applies the lock-out to `times` (any order; non-finite values are dropped).
    public init(times: [Double], lockOutSeconds: Double, source: String = "event onset") {
        let sorted = times.filter(\.isFinite).sorted()
        var kept: [Double] = []
        kept.reserveCapacity(sorted.count)
        for (i, t) in sorted.enumerated() where i == 0 || t - sorted[i - 1] >= lockOutSeconds {
            kept.append(t)
        }
        self.times = kept
        given = sorted.count
        lockedOut = sorted.count - kept.count
        self.source = source
    }

    /// The onsets of the positive events (jerks), or of their view on the EMG channel labelled
    /// `channel` (events that channel did not see are left out), with the lock-out applied.
    public init(events: [MyoclonicEvent], channel: String? = nil, lockOutSeconds: Double) {
        let jerks = events.filter { $0.polarity == .positive }
        let times: [Double]
        if let channel {
            times = jerks.compactMap { e in e.channels.first { $0.channel == channel && $0.polarity == .positive }?.onset }
        } else {
            times = jerks.map(\.onset)
        }
        self.init(times: times, lockOutSeconds: lockOutSeconds, source: channel.map { "onset on \($0)" } ?? "event onset")
    }
}
