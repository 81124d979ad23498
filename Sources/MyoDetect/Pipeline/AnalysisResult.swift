/// Summary statistics of a set of values (durations in ms, intensities, ...).
public struct Distribution: Sendable, Codable, Equatable {
    public var count: Int
    public var minimum: Double?
    public var p25: Double?
    public var median: Double?
    public var p75: Double?
    public var maximum: Double?
    public var mean: Double?

    /// Describes `values` (linear-interpolation percentiles, as numpy's default).
    public init(_ values: [Double]) {
        let s = values.filter(\.isFinite).sorted()
        count = s.count
        func q(_ p: Double) -> Double? {
            guard !s.isEmpty else { return nil }
            let x = p * Double(s.count - 1)
            let lo = Int(x.rounded(.down)), hi = min(lo + 1, s.count - 1)
            return s[lo] + (s[hi] - s[lo]) * (x - Double(lo))
        }
        minimum = s.first
        p25 = q(0.25)
        median = q(0.5)
        p75 = q(0.75)
        maximum = s.last
        mean = s.isEmpty ? nil : s.reduce(0, +) / Double(s.count)
    }
}

/// The counts, rates and distributions of one analysis, overall and per channel and polarity.
public struct AnalysisSummary: Sendable, Codable, Equatable {
    /// Counts for one channel (or for the whole recording when `channel` is nil) and polarity.
    public struct Group: Sendable, Codable, Equatable {
        public var channel: String?
        public var polarity: Polarity
        public var count: Int
        public var ratePerMinute: Double
        /// Event durations in ms.
        public var durationMs: Distribution
        /// Intensity relative to the baseline (see `ChannelEvent.intensity`).
        public var intensity: Distribution
        /// Peak envelope in the channel's physical unit (per-channel groups only).
        public var peak: Distribution?
        public var unit: String?
    }

    /// All events, both polarities.
    public var count: Int
    /// Events per minute of analysable signal.
    public var ratePerMinute: Double
    /// Minutes of signal the detectors could analyse.
    public var analysableMinutes: Double
    public var positiveCount: Int
    public var negativeCount: Int
    /// Whole-recording groups (one per polarity) then per-channel groups.
    public var groups: [Group]
    /// Silent periods binned as in Rissanen 2023 (PMID 37952446): 50-69, 70-100 and 101-500 ms.
    public var silentPeriodBins: [String: Int]
    /// Long activity (voluntary movement, tonic contraction) set aside, not counted as jerks.
    public var longActivityCount: Int
    /// Motion detections not counted because no EMG channel saw them (see
    /// `AnalysisOptions.motionNeedsEMG`).
    public var uncorroboratedMotionCount = 0

    public init(count: Int, ratePerMinute: Double, analysableMinutes: Double, positiveCount: Int, negativeCount: Int,
                groups: [Group], silentPeriodBins: [String: Int], longActivityCount: Int) {
        self.count = count
        self.ratePerMinute = ratePerMinute
        self.analysableMinutes = analysableMinutes
        self.positiveCount = positiveCount
        self.negativeCount = negativeCount
        self.groups = groups
        self.silentPeriodBins = silentPeriodBins
        self.longActivityCount = longActivityCount
    }
}

/// A short stretch of one channel around an event, for the report's gallery: the raw signal and
/// the detector's envelope, both in the channel's physical unit.
public struct EventSnippet: Sendable, Codable, Equatable {
    public var eventIndex: Int
    public var channel: String
    public var unit: String
    public var sampleRate: Double
    /// Seconds from the recording start of `raw[0]`.
    public var start: Double
    public var raw: [Float]
    public var envelope: [Float]
    public var onset: Double
    public var offset: Double
    public var polarity: Polarity

    public init(eventIndex: Int, channel: String, unit: String, sampleRate: Double, start: Double, raw: [Float],
                envelope: [Float], onset: Double, offset: Double, polarity: Polarity) {
        self.eventIndex = eventIndex
        self.channel = channel
        self.unit = unit
        self.sampleRate = sampleRate
        self.start = start
        self.raw = raw
        self.envelope = envelope
        self.onset = onset
        self.offset = offset
        self.polarity = polarity
    }
}

/// Everything one `analyze` run found in one recording.
public struct AnalysisResult: Sendable, Codable, Equatable {
    /// The file analysed (its name as given).
    public var file: String
    public var format: String
    /// ISO-8601 local start time, if the file states it.
    public var start: String?
    public var durationSeconds: Double
    /// The channels analysed, with the kind used and the detector that ran.
    public var channels: [AnalysedChannel]
    public var events: [MyoclonicEvent]
    public var longActivity: [LongActivity]
    public var summary: AnalysisSummary
    /// Every parameter used, with its value and source, so a report says which defaults ran.
    public var parameters: [Parameter]
    public var warnings: [String]
    /// Example events for the report (empty unless asked for).
    public var snippets: [EventSnippet]
    public var version: String

    public init(file: String, format: String, start: String?, durationSeconds: Double, channels: [AnalysedChannel],
                events: [MyoclonicEvent], longActivity: [LongActivity], summary: AnalysisSummary,
                parameters: [Parameter], warnings: [String], snippets: [EventSnippet], version: String) {
        self.file = file
        self.format = format
        self.start = start
        self.durationSeconds = durationSeconds
        self.channels = channels
        self.events = events
        self.longActivity = longActivity
        self.summary = summary
        self.parameters = parameters
        self.warnings = warnings
        self.snippets = snippets
        self.version = version
    }
}

/// A channel that was analysed.
public struct AnalysedChannel: Sendable, Codable, Equatable {
    public var index: Int
    public var label: String
    public var kind: String
    public var unit: String
    public var sampleRate: Double
    /// The detectors that ran on it (`emgBurst`, `emgSilentPeriod`, `motionJerk`, `motionLapse`).
    public var detectors: [String]

    public init(index: Int, label: String, kind: String, unit: String, sampleRate: Double, detectors: [String]) {
        self.index = index
        self.label = label
        self.kind = kind
        self.unit = unit
        self.sampleRate = sampleRate
        self.detectors = detectors
    }
}

/// A detection parameter as used, with where its default comes from.
public struct Parameter: Sendable, Codable, Equatable {
    public var name: String
    public var value: String
    /// The citation or reasoning behind the default ("docs/sources.md: Rissanen 2023", "engineering: ...").
    public var source: String
    /// Whether the user changed it from the default.
    public var isDefault: Bool

    public init(name: String, value: String, source: String, isDefault: Bool = true) {
        self.name = name
        self.value = value
        self.source = source
        self.isDefault = isDefault
    }
}
