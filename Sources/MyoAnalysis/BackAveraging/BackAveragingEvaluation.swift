import MyoDetect

/// Judges back-averaging against a known truth (a simulation's cortical transient), the way
/// detectors are judged against true events: a channel with a transient is a hit when the
/// transient is found within `toleranceMs` of the true latency; a channel without one that is
/// declared found is a false positive.
public enum BackAveragingEvaluation {
    /// The truth of one recording: the transient's latency (ms from the EMG onset) and the
    /// channels that carry it.
    public struct Truth: Sendable, Equatable {
        public var latencyMs: Double
        public var channelsWithTransient: Set<String>

        public init(latencyMs: Double, channelsWithTransient: Set<String>) {
            self.latencyMs = latencyMs
            self.channelsWithTransient = channelsWithTransient
        }

        /// The truth of a simulation: every EEG channel with a positive transient gain carries a
        /// transient when its amplitude is above zero.
        public init(config: SimulationConfig) {
            latencyMs = config.eeg.transient.latencyMs
            let on = config.eeg.enabled && config.eeg.transient.amplitudeUV > 0
            channelsWithTransient = Set(on ? config.eeg.channels.filter { $0.transientGain > 0 }.map(\.label) : [])
        }
    }

    /// The counts over channels, and the latency errors of the hits.
    public struct Score: Sendable, Codable, Equatable {
        /// Found within the tolerance on a channel with a transient.
        public var hits = 0
        /// Found on a channel with a transient but at the wrong latency.
        public var wrongLatency = 0
        /// Not found on a channel with a transient.
        public var misses = 0
        /// Found on a channel without a transient.
        public var falsePositives = 0
        /// Not found on a channel without a transient.
        public var correctRejections = 0
        /// Channels whose status made no claim (too few epochs), left out of the counts above.
        public var noClaim = 0
        /// Found latency minus true latency, ms, for every channel with a transient that was found.
        public var latencyErrorsMs: [Double] = []

        public init() {}

        /// The median absolute latency error of the found transients, ms.
        public var medianAbsoluteErrorMs: Double? {
            let a = latencyErrorsMs.map(abs).sorted()
            guard !a.isEmpty else { return nil }
            return a.count % 2 == 1 ? a[a.count / 2] : (a[a.count / 2 - 1] + a[a.count / 2]) / 2
        }

        /// Adds another recording's score.
        public mutating func add(_ other: Score) {
            hits += other.hits
            wrongLatency += other.wrongLatency
            misses += other.misses
            falsePositives += other.falsePositives
            correctRejections += other.correctRejections
            noClaim += other.noClaim
            latencyErrorsMs += other.latencyErrorsMs
        }
    }

    /// Scores `result` against `truth`. Complexity: O(channels).
    public static func compare(_ result: BackAveragingResult, truth: Truth, toleranceMs: Double = 5) -> Score {
        var score = Score()
        for c in result.backAveraging {
            guard c.status == .ok else { score.noClaim += 1; continue }
            if truth.channelsWithTransient.contains(c.channel) {
                if c.transientFound, let latency = c.latencyMs {
                    let error = latency - truth.latencyMs
                    score.latencyErrorsMs.append(error)
                    if abs(error) <= toleranceMs { score.hits += 1 } else { score.wrongLatency += 1 }
                } else {
                    score.misses += 1
                }
            } else if c.transientFound {
                score.falsePositives += 1
            } else {
                score.correctRejections += 1
            }
        }
        return score
    }
}
