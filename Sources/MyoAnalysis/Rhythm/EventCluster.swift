/// A cluster: events closer to each other than a gap (from one event's end to the next one's
/// start), as in the clusters of benign neonatal sleep myoclonus or a burst of jerks.
public struct EventCluster: Sendable, Codable, Equatable {
    /// Onset of the first event, s from the recording start.
    public var start: Double
    /// Offset of the last event, s.
    public var end: Double
    public var eventCount: Int

    public init(start: Double, end: Double, eventCount: Int) {
        self.start = start
        self.end = end
        self.eventCount = eventCount
    }

    /// Groups events given by sorted `onsets` and their `offsets` into clusters of at least
    /// two events whose gaps are at most `gap` seconds. Complexity: O(n).
    static func find(onsets: [Double], offsets: [Double], gap: Double) -> [EventCluster] {
        guard onsets.count == offsets.count, !onsets.isEmpty else { return [] }
        var clusters: [EventCluster] = []
        var start = onsets[0], end = offsets[0], count = 1
        for i in 1..<onsets.count {
            if onsets[i] - end <= gap {
                end = max(end, offsets[i])
                count += 1
            } else {
                if count >= 2 { clusters.append(EventCluster(start: start, end: end, eventCount: count)) }
                start = onsets[i]
                end = offsets[i]
                count = 1
            }
        }
        if count >= 2 { clusters.append(EventCluster(start: start, end: end, eventCount: count)) }
        return clusters
    }
}
