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
    /// The limit for the band's peak: the same formula at level 0.05 / bins (Bonferroni over
    /// the band's bins), since the largest of ~18 bins crosses the one-frequency `limit` by
    /// chance more often than not.
    public var bandLimit: Double?
    /// Whether the band's peak exceeds `bandLimit` (only with status `ok`).
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

    public init(coherence: [ChannelCoherence], emgChannel: String, warnings: [String] = []) {
        self.coherence = coherence
        self.emgChannel = emgChannel
        self.warnings = warnings
    }
}
