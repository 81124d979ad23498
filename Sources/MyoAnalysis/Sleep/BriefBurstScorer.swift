import MyoDetect

/// Hypnic jerks at sleep onset, found among brief EMG bursts.
public struct HypnicJerkSummary: Sendable, Hashable, Codable {
    /// Bursts of the hypnic-jerk duration in a sleep-onset window.
    public var count: Int
    /// Onsets of those bursts, seconds.
    public var onsets: [Double]
    /// Sleep-onset windows looked at (each wake-to-N1 transition).
    public var windows: Int
    /// Seconds covered by the windows.
    public var windowSeconds: Double
}

/// Fragmentary myoclonus counted per minute of NREM sleep, against the criterion for excessive
/// fragmentary myoclonus.
public struct FragmentaryMyoclonusSummary: Sendable, Hashable, Codable {
    /// Bursts short enough to count, started in NREM sleep.
    public var burstCount: Int
    /// Minutes (whole clock minutes of the recording) scored NREM at their midpoint.
    public var nremMinutes: Int
    /// Of those, minutes with at least the criterion's bursts per minute.
    public var minutesAtCriterion: Int
    /// Bursts per minute of NREM sleep.
    public var burstsPerNREMMinute: Double
    /// Whether the minutes at criterion reach the criterion's duration (excessive fragmentary myoclonus).
    public var criterionMet: Bool
    /// Bursts in each NREM minute, in time order (for the plot).
    public var perMinute: [MinuteCount]

    /// One clock minute's count.
    public struct MinuteCount: Sendable, Hashable, Codable {
        /// Seconds from the recording start at which the minute begins.
        public var start: Double
        public var count: Int
    }
}

/// Scores brief EMG bursts (from `EMGDetector`) for hypnic jerks and fragmentary myoclonus.
///
/// Bursts of different channels starting within `coincidence` are one burst (a jerk seen in
/// several muscles), and bursts during a limb movement, or within the rules' 0.5 s of quiet
/// around it, are left out (they are the movement).
/// Complexity: O(b log b + b log e) for b bursts and e epochs.
public enum BriefBurstScorer {
    /// Seconds around a limb movement whose bursts belong to it: the 0.5 s of quiet that ends a
    /// movement under both rule sets.
    public static let movementMargin = 0.5

    /// Merges bursts of several channels that start within `coincidence` seconds into one,
    /// keeping the longest duration; drops those inside `movements`. Sorted by onset.
    public static func mergedBursts(_ bursts: [ChannelEvent], coincidence: Double, movements: [LimbMovement]) -> [(onset: Double, duration: Double)] {
        let sorted = bursts.filter { $0.polarity == .positive && $0.onset.isFinite && $0.offset.isFinite }
            .sorted { $0.onset < $1.onset }
        let lmSpans = movements.map { ($0.onset - movementMargin, $0.offset + movementMargin) }.sorted { $0.0 < $1.0 }
        var out: [(onset: Double, duration: Double)] = []
        var j = 0
        for b in sorted {
            while j < lmSpans.count && lmSpans[j].1 < b.onset { j += 1 }
            if j < lmSpans.count && lmSpans[j].0 <= b.offset { continue }
            if let last = out.last, b.onset - last.onset < coincidence {
                out[out.count - 1].duration = max(last.duration, b.offset - last.onset)
            } else {
                out.append((b.onset, b.duration))
            }
        }
        return out
    }

    /// Hypnic jerks: bursts lasting `duration` in a sleep-onset window: the wake epoch before
    /// each wake-to-N1 transition and the run of N1 epochs that follows it.
    public static func hypnicJerks(_ bursts: [(onset: Double, duration: Double)], hypnogram: Hypnogram,
                                   duration: ClosedRange<Double>) -> HypnicJerkSummary {
        var windows: [(Double, Double)] = []
        let epochs = hypnogram.epochs
        for i in epochs.indices.dropFirst() where epochs[i].stage == .n1 && epochs[i - 1].stage == .wake
            && abs(epochs[i - 1].end - epochs[i].onset) < 1 {
            var end = epochs[i].end
            var k = i + 1
            while k < epochs.count, epochs[k].stage == .n1, abs(epochs[k].onset - end) < 1 { end = epochs[k].end; k += 1 }
            windows.append((epochs[i - 1].onset, end))
        }
        let onsets = bursts.filter { b in
            duration.contains(b.duration) && windows.contains { b.onset >= $0.0 && b.onset < $0.1 }
        }.map(\.onset)
        return HypnicJerkSummary(count: onsets.count, onsets: onsets, windows: windows.count,
                                 windowSeconds: windows.reduce(0) { $0 + $1.1 - $1.0 })
    }

    /// Fragmentary myoclonus: bursts up to `maximumDuration` starting in NREM sleep, counted per
    /// clock minute; minutes with at least `perMinute` count towards `minutes`.
    public static func fragmentaryMyoclonus(_ bursts: [(onset: Double, duration: Double)], hypnogram: Hypnogram,
                                            maximumDuration: Double, perMinute: Int, minutes: Int) -> FragmentaryMyoclonusSummary {
        var counts: [Int: Int] = [:]
        var total = 0
        for b in bursts where b.duration <= maximumDuration + 1e-9 && (hypnogram.stage(at: b.onset)?.isNREM ?? false) {
            counts[Int((b.onset / 60).rounded(.down)), default: 0] += 1
            total += 1
        }
        var perMinuteCounts: [FragmentaryMyoclonusSummary.MinuteCount] = []
        if let first = hypnogram.epochs.first, let last = hypnogram.epochs.map(\.end).max() {
            let lo = Int((first.onset / 60).rounded(.down)), hi = Int((last / 60).rounded(.up))
            if lo < hi {
                for m in lo..<hi where hypnogram.stage(at: Double(m) * 60 + 30)?.isNREM ?? false {
                    perMinuteCounts.append(.init(start: Double(m) * 60, count: counts[m] ?? 0))
                }
            }
        }
        let atCriterion = perMinuteCounts.filter { $0.count >= perMinute }.count
        let nrem = perMinuteCounts.count
        return FragmentaryMyoclonusSummary(burstCount: total, nremMinutes: nrem, minutesAtCriterion: atCriterion,
                                           burstsPerNREMMinute: nrem > 0 ? Double(total) / Double(nrem) : 0,
                                           criterionMet: atCriterion >= minutes, perMinute: perMinuteCounts)
    }
}
