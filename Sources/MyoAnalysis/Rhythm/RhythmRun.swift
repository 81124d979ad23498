/// A run: consecutive events whose intervals all stay within a tolerance of one common period,
/// as in a train of propriospinal or palatal jerks.
public struct RhythmRun: Sendable, Codable, Equatable {
    /// Onset of the first event, s from the recording start.
    public var start: Double
    /// Onset of the last event, s.
    public var end: Double
    public var eventCount: Int
    /// The mean interval, s.
    public var periodS: Double
    /// 1 / period, Hz.
    public var frequencyHz: Double
    /// Median burst duration over the period: how much of each cycle the bursts fill.
    public var dutyCycle: Double

    public init(start: Double, end: Double, eventCount: Int, periodS: Double, frequencyHz: Double, dutyCycle: Double) {
        self.start = start
        self.end = end
        self.eventCount = eventCount
        self.periodS = periodS
        self.frequencyHz = frequencyHz
        self.dutyCycle = dutyCycle
    }

    /// Finds the runs among events given by sorted `onsets` and their `durations`.
    ///
    /// Greedy from left to right: a run grows while the next interval is within `tolerance`
    /// (a fraction) of the mean interval so far and no longer than `longestPeriod`; it is kept
    /// when it has at least `minimumEvents` events. Complexity: O(n).
    static func find(onsets: [Double], durations: [Double], tolerance: Double, minimumEvents: Int,
                     longestPeriod: Double) -> [RhythmRun] {
        guard onsets.count >= max(2, minimumEvents), durations.count == onsets.count else { return [] }
        var runs: [RhythmRun] = []
        var first = 0
        while first < onsets.count - 1 {
            var last = first + 1
            var total = onsets[last] - onsets[first]
            guard total > 0, total <= longestPeriod else { first += 1; continue }
            while last + 1 < onsets.count {
                let interval = onsets[last + 1] - onsets[last]
                let mean = total / Double(last - first)
                guard interval > 0, interval <= longestPeriod, abs(interval - mean) <= tolerance * mean else { break }
                total += interval
                last += 1
            }
            let count = last - first + 1
            if count >= minimumEvents {
                let period = total / Double(count - 1)
                let d = durations[first...last].sorted()
                let duty = d[d.count / 2] / period
                runs.append(RhythmRun(start: onsets[first], end: onsets[last], eventCount: count, periodS: period,
                                      frequencyHz: 1 / period, dutyCycle: duty))
                first = last
            } else {
                first += 1
            }
        }
        return runs
    }
}
