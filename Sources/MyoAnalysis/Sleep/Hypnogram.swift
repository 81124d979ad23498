import Foundation
import MyoSignal

/// One scored stretch of a hypnogram: usually a 30 s epoch.
public struct SleepEpoch: Sendable, Hashable, Codable {
    /// Seconds from the recording start.
    public var onset: Double
    /// Seconds.
    public var duration: Double
    public var stage: SleepStage

    public init(onset: Double, duration: Double, stage: SleepStage) {
        self.onset = onset
        self.duration = duration
        self.stage = stage
    }

    /// Seconds from the recording start at which the epoch ends.
    public var end: Double { onset + duration }
}

/// The sleep stages of a night over time, from a scorer's EDF+ annotations or a hypnogram file.
///
/// Sleep time, sleep onset and the time spent in NREM follow the AASM scoring manual: sleep is
/// N1, N2, N3 and R; sleep onset is the start of the first epoch scored as anything but wake
/// (AASM Manual for the Scoring of Sleep and Associated Events, sleep staging rules). Epochs
/// are kept sorted by onset; overlapping epochs are kept as given (a scorer's file is not
/// rewritten), and ``stage(at:)`` returns the latest one that started.
public struct Hypnogram: Sendable, Equatable, Codable {
    /// The scored epochs, sorted by onset.
    public private(set) var epochs: [SleepEpoch]

    /// The epoch length assumed when an annotation has no duration: 30 s, the AASM epoch.
    public static let defaultEpochSeconds = 30.0

    /// A hypnogram of the given epochs (sorted here).
    public init(epochs: [SleepEpoch]) {
        self.epochs = epochs.sorted { $0.onset < $1.onset }
    }

    /// The hypnogram in a recording's annotations: every annotation whose text is a sleep stage
    /// (``SleepStage/init(annotationText:)``); other annotations are ignored. An annotation
    /// without a duration, or with a non-positive one, lasts ``defaultEpochSeconds``.
    /// Complexity: O(n log n) for n annotations.
    public init(annotations: [Annotation]) {
        var epochs: [SleepEpoch] = []
        for a in annotations where a.onset.isFinite {
            guard let stage = SleepStage(annotationText: a.text) else { continue }
            let d = a.duration.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? Self.defaultEpochSeconds
            epochs.append(SleepEpoch(onset: a.onset, duration: d, stage: stage))
        }
        self.init(epochs: epochs)
    }

    /// Whether there are no epochs (the recording came without a hypnogram).
    public var isEmpty: Bool { epochs.isEmpty }

    /// Seconds scored as sleep (N1, N2, N3, R). O(epochs).
    public var sleepSeconds: Double { epochs.filter(\.stage.isSleep).reduce(0) { $0 + $1.duration } }

    /// Seconds scored as NREM sleep (N1, N2, N3). O(epochs).
    public var nremSeconds: Double { epochs.filter(\.stage.isNREM).reduce(0) { $0 + $1.duration } }

    /// The start of the first epoch of N1, N2, N3 or R (AASM sleep onset), or `nil` with no sleep.
    public var sleepOnset: Double? { epochs.first(where: \.stage.isSleep)?.onset }

    /// How many epochs of each stage there are. O(epochs).
    public var epochCounts: [SleepStage: Int] {
        var counts: [SleepStage: Int] = [:]
        for e in epochs { counts[e.stage, default: 0] += 1 }
        return counts
    }

    /// The stage scored at `time` (seconds), or `nil` outside every epoch. O(log epochs).
    public func stage(at time: Double) -> SleepStage? {
        var lo = 0, hi = epochs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if epochs[mid].onset <= time { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let e = epochs[lo - 1]
        return time < e.end ? e.stage : nil
    }

    /// The times at which sleep begins after wake: every epoch of sleep whose previous epoch
    /// (ending where it starts, within a second) is wake, plus the AASM sleep onset. These are
    /// where hypnic jerks happen. O(epochs).
    public var wakeToSleepTransitions: [Double] {
        var out: [Double] = []
        var previous: SleepEpoch?
        for e in epochs {
            defer { previous = e }
            guard e.stage.isSleep else { continue }
            if let p = previous {
                if p.stage == .wake && abs(p.end - e.onset) < 1 { out.append(e.onset) }
            } else {
                out.append(e.onset)
            }
        }
        return out
    }
}
