/// Whether a coherence estimate supports a statement.
public enum CoherenceStatus: String, Sendable, Codable, Equatable {
    case ok
    /// Fewer segments than ``CoherenceAnalyzer/Parameters/minimumSegments``: shown, not claimed.
    case tooFewSegments
    case noSegments
}

/// EEG-EMG coherence of one EEG channel with the EMG envelope, and its 12-30 Hz summary.
/// JSON keys are the ones the analysis summary names.
public struct ChannelCoherence: Sendable, Codable, Equatable {
    public var channel: String
    public var emgChannel: String
    public var status: CoherenceStatus
    /// L, the number of disjoint segments averaged.
    public var segments: Int
    public var segmentSamples: Int
    /// The band summarised, Hz, `[low, high]`.
    public var band: [Double]
    /// The largest coherence in the band (0...1).
    public var peak: Double?
    /// Where it is, Hz.
    public var frequencyHz: Double?
    /// The 95 % confidence limit for L segments: coherence above it is significant.
    public var limit: Double?
    /// Whether the peak exceeds the limit (only with status `ok`). The limit holds for one
    /// frequency: over the ~19 bins of a 12-30 Hz band, one bin crosses it by chance more often
    /// than 5 % of the time, so read it with `bandBinsAboveLimit` against `bandBins`.
    public var significant: Bool
    /// How many of the band's frequency bins exceed the limit, and how many bins the band has
    /// (by chance about 5 % of them exceed it).
    public var bandBinsAboveLimit: Int
    public var bandBins: Int
    /// Coherence from 0 Hz in steps of `frequencyStepHz`, up to the kept maximum, for plotting.
    public var frequencyStepHz: Double
    public var spectrum: [Float]
}

/// Coherence of every EEG channel with one EMG channel.
public struct CoherenceResult: Sendable, Codable, Equatable {
    public var coherence: [ChannelCoherence]
    public var emgChannel: String
    public var warnings: [String]
}
