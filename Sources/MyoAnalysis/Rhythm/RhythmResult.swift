/// What the rhythm analysis found in one recording: how regular the events are, at what
/// frequency, in which runs and clusters, and whether the pattern is discrete rhythmic jerks or
/// a continuous, tremor-like oscillation.
///
/// JSON keys `rhythmic`, `frequencyHz` and `cv` are the ones issue 4 names; `spectrum` and
/// `intervalHistogram` carry what the report plots.
public struct RhythmResult: Sendable, Codable, Equatable {
    /// Events of the analysed polarity.
    public var eventCount: Int
    /// A spectral peak at least `Parameters.peakRatio` times its neighbourhood, confirmed by a run
    /// at that rate.
    public var rhythmic: Bool
    /// The dominant frequency of the event train, Hz (`nil` without events).
    public var frequencyHz: Double?
    /// Coefficient of variation (SD / mean) of the inter-event intervals.
    public var cv: Double?
    /// The event-train peak's power over its neighbourhood.
    public var peakRatio: Double?
    public var meanIntervalS: Double?
    public var pattern: RhythmPattern
    public var runs: [RhythmRun]
    public var clusters: [EventCluster]
    /// The event train's spectrum.
    public var spectrum: RhythmSpectrum
    /// The EMG envelope's rhythm, when an envelope was given.
    public var envelope: EnvelopeRhythm?
    public var intervalHistogram: IntervalHistogram

    public init(eventCount: Int, rhythmic: Bool, frequencyHz: Double?, cv: Double?, peakRatio: Double?,
                meanIntervalS: Double?, pattern: RhythmPattern, runs: [RhythmRun], clusters: [EventCluster],
                spectrum: RhythmSpectrum, envelope: EnvelopeRhythm?, intervalHistogram: IntervalHistogram) {
        self.eventCount = eventCount
        self.rhythmic = rhythmic
        self.frequencyHz = frequencyHz
        self.cv = cv
        self.peakRatio = peakRatio
        self.meanIntervalS = meanIntervalS
        self.pattern = pattern
        self.runs = runs
        self.clusters = clusters
        self.spectrum = spectrum
        self.envelope = envelope
        self.intervalHistogram = intervalHistogram
    }

    /// Compares the estimate with a known rhythm: right when the recording is called rhythmic
    /// and `frequencyHz` is within `tolerance` (a fraction, default 5 %) of `truthHz`.
    public func compare(truthHz: Double, tolerance: Double = 0.05) -> RhythmComparison {
        let error = frequencyHz.map { ($0 - truthHz) / truthHz }
        return RhythmComparison(truthHz: truthHz, estimatedHz: frequencyHz, relativeError: error,
                                withinTolerance: rhythmic && error.map { abs($0) <= tolerance } == true)
    }
}

/// Discrete jerks or a continuous oscillation.
public enum RhythmPattern: String, Sendable, Codable, CaseIterable {
    /// Rhythmic, discrete bursts with silent gaps between them (low duty cycle): propriospinal or
    /// palatal myoclonus.
    case rhythmicJerks
    /// A continuous oscillation whose bursts fill the cycle over many cycles: tremor rather than
    /// myoclonus.
    case tremorLike
    /// No rhythm.
    case irregular
    /// Too few events and no rhythmic envelope to say.
    case tooFewEvents
}

/// The rhythm of the EMG envelope.
public struct EnvelopeRhythm: Sendable, Codable, Equatable {
    public var frequencyHz: Double?
    public var peakRatio: Double?
    public var rhythmic: Bool
    /// Share of the time the envelope is above the midpoint of its 5th and 95th percentiles:
    /// about half for a continuous oscillation, small for brief bursts with silence between.
    public var dutyCycle: Double
    public var spectrum: RhythmSpectrum

    public init(frequencyHz: Double?, peakRatio: Double?, rhythmic: Bool, dutyCycle: Double, spectrum: RhythmSpectrum) {
        self.frequencyHz = frequencyHz
        self.peakRatio = peakRatio
        self.rhythmic = rhythmic
        self.dutyCycle = dutyCycle
        self.spectrum = spectrum
    }
}

/// Inter-event intervals in bins, for the report's histogram; the last bin holds every longer
/// interval.
public struct IntervalHistogram: Sendable, Codable, Equatable {
    public var edgesS: [Double]
    public var counts: [Int]

    public init(edgesS: [Double], counts: [Int]) {
        self.edgesS = edgesS
        self.counts = counts
    }

    /// Bins `intervals` (s) from 0 to `limit` in `bins` bins. Complexity: O(n).
    static func make(_ intervals: [Double], limit: Double, bins: Int) -> IntervalHistogram {
        let width = limit / Double(bins)
        var counts = [Int](repeating: 0, count: bins)
        for x in intervals where x.isFinite && x >= 0 {
            counts[min(bins - 1, Int(x / width))] += 1
        }
        return IntervalHistogram(edgesS: (0...bins).map { Double($0) * width }, counts: counts)
    }
}

/// A rhythm estimate set against the truth.
public struct RhythmComparison: Sendable, Codable, Equatable {
    public var truthHz: Double
    public var estimatedHz: Double?
    /// (estimate - truth) / truth.
    public var relativeError: Double?
    public var withinTolerance: Bool
}
