import Foundation

/// Rate and regularity of a train of event times: the figures the rhythm analysis and both
/// special-form detectors report.
///
/// The coefficient of variation of the inter-event intervals (standard deviation over mean) is
/// the usual measure of regularity: near 0 for a metronome, near 1 for a Poisson process.
/// Complexity: O(n log n) for n events (the median sorts the intervals).
public struct IntervalStatistics: Sendable, Equatable, Codable {
    /// Number of events.
    public var count: Int
    /// Events per minute over the analysed duration.
    public var ratePerMinute: Double
    /// Mean interval between consecutive events, in seconds; nil with fewer than 2 events.
    public var meanIntervalSeconds: Double?
    /// Median interval between consecutive events, in seconds; nil with fewer than 2 events.
    public var medianIntervalSeconds: Double?
    /// The rate that the median interval implies, in Hz; nil with fewer than 2 events.
    public var frequencyHz: Double?
    /// Coefficient of variation of the intervals; nil with fewer than 3 events.
    public var cv: Double?

    /// Computes the statistics of `times` (seconds, any order) over `durationSeconds` of signal.
    public init(times: [Double], durationSeconds: Double) {
        let ordered = times.sorted()
        count = ordered.count
        ratePerMinute = durationSeconds > 0 ? Double(ordered.count) / (durationSeconds / 60) : 0
        let intervals = zip(ordered.dropFirst(), ordered).map { $0 - $1 }
        guard !intervals.isEmpty else { return }
        let sortedIntervals = intervals.sorted()
        let middle = sortedIntervals.count / 2
        let median = sortedIntervals.count % 2 == 1
            ? sortedIntervals[middle] : 0.5 * (sortedIntervals[middle - 1] + sortedIntervals[middle])
        medianIntervalSeconds = median
        frequencyHz = median > 0 ? 1 / median : nil
        let mean = intervals.reduce(0, +) / Double(intervals.count)
        meanIntervalSeconds = mean
        guard intervals.count >= 2 else { return }
        let variance = intervals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(intervals.count - 1)
        cv = mean > 0 ? variance.squareRoot() / mean : nil
    }
}
