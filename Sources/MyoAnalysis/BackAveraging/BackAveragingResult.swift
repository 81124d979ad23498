/// Whether a back-average supports a statement at all.
public enum BackAveragingStatus: String, Sendable, Codable, Equatable {
    /// Enough epochs: the findings are claims.
    case ok
    /// Fewer accepted epochs than ``BackAverager/Parameters/minimumEpochs``: the average is
    /// shown, but nothing is claimed from it.
    case tooFewEpochs
    /// No epoch at all (no jerks, or every one rejected or outside the recording).
    case noEpochs
}

/// An event-locked average with its 95 % confidence band (mean ± 1.96 standard errors per
/// sample), in µV, for plotting. Sample `k` is at `start + k / sampleRate` seconds from the trigger.
public struct EventLockedAverage: Sendable, Codable, Equatable {
    public var start: Double
    public var sampleRate: Double
    public var epochs: Int
    public var mean: [Float]
    public var lower: [Float]
    public var upper: [Float]

    public init(start: Double, sampleRate: Double, epochs: Int, mean: [Float], lower: [Float], upper: [Float]) {
        self.start = start
        self.sampleRate = sampleRate
        self.epochs = epochs
        self.mean = mean
        self.lower = lower
        self.upper = upper
    }

    /// Seconds from the trigger of sample `k`.
    public func time(ofSample k: Int) -> Double { start + Double(k) / sampleRate }
}

/// The Bereitschaftspotential check of one EEG channel, on the longer epoch.
///
/// `present` when the accepted epochs' mean shift (test window minus baseline) is negative and
/// significant (one-sided test across epochs). The onset and slope come from a hinge fit to
/// the average: flat, then a straight line from the onset to the jerk.
public struct BereitschaftResult: Sendable, Codable, Equatable {
    public var status: BackAveragingStatus
    public var present: Bool
    public var epochsUsed: Int
    public var epochsRejected: Int
    /// The epoch, seconds from the jerk, `[start, end]`.
    public var window: [Double]
    /// Mean of (test window − baseline) over epochs, µV (negative = a negativity before the jerk).
    public var meanShiftUV: Double?
    /// One-sided p-value of that shift being negative (normal approximation to Student's t;
    /// with 50 or more epochs it differs from t by under 0.005).
    public var pValue: Double?
    /// Seconds before the jerk at which the negativity starts (hinge fit), when present.
    public var onsetS: Double?
    /// Slope of the negativity from its onset to the jerk, µV per second, when present.
    public var slopeUVPerS: Double?
    /// Whether the onset lies in the published 0.7-2.1 s (Terada 1995; Pal 2011).
    public var onsetInPublishedRange: Bool?
    public var average: EventLockedAverage
}

/// Jerk-locked back-averaging of one EEG channel: the epochs used, the pre-jerk transient and
/// the Bereitschaftspotential check. JSON keys are the ones the analysis summary names.
public struct ChannelBackAverage: Sendable, Codable, Equatable {
    public var channel: String
    public var status: BackAveragingStatus
    public var epochsUsed: Int
    public var epochsRejected: Int
    /// Triggers whose epoch would reach past either end of the recording.
    public var epochsOutsideRecording: Int
    /// The epoch, seconds from the jerk's EMG onset, `[start, end]`.
    public var window: [Double]
    public var baselineWindow: [Double]
    public var searchWindow: [Double]
    /// A transient before the jerk that is significant and reproducible in split halves.
    public var transientFound: Bool
    /// The transient's largest deflection in the search window, ms from the EMG onset (negative =
    /// before); reported with status `ok` whether or not it is significant.
    public var latencyMs: Double?
    /// Its value in the baseline-corrected average, µV (signed).
    public var amplitudeUV: Double?
    /// The permutation p-value of the peak: the share of the randomised averages (random signs,
    /// or shuffled triggers; see the parameters) with an equal or larger peak in the search window.
    public var pValue: Double?
    /// Correlation of the odd and even epochs' averages over the search window.
    public var splitHalfR: Double?
    public var bereitschaftspotential: BereitschaftResult
    public var average: EventLockedAverage
}

/// Back-averaging of every EEG channel of a recording on the same triggers.
public struct BackAveragingResult: Sendable, Codable, Equatable {
    /// One entry per EEG channel, in the recording's order.
    public var backAveraging: [ChannelBackAverage]
    /// Where the triggers came from, how many were given and how many the lock-out removed.
    public var triggerSource: String
    public var triggersGiven: Int
    public var triggersLockedOut: Int
    /// Things a reader should know (a unit that is not a voltage, a channel without samples).
    public var warnings: [String]
    /// The permutation test behind the p-values: `sign-flip` or `shuffled-triggers`.
    public var significanceTest: BackAverager.Parameters.SignificanceTest

    public init(backAveraging: [ChannelBackAverage], triggerSource: String, triggersGiven: Int, triggersLockedOut: Int,
                warnings: [String] = [], significanceTest: BackAverager.Parameters.SignificanceTest = .signFlip) {
        self.significanceTest = significanceTest
        self.backAveraging = backAveraging
        self.triggerSource = triggerSource
        self.triggersGiven = triggersGiven
        self.triggersLockedOut = triggersLockedOut
        self.warnings = warnings
    }
}
