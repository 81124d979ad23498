import Foundation

/// Everything that defines a simulated night (``SimulatedNight``): length, seed, channels, the
/// sleep architecture and the motor events with their ground truth.
///
/// The defaults give an 8-hour night at 500 Hz with left and right tibialis EMG and chin EMG,
/// periodic limb movement series, isolated limb movements and hypnic jerks at every sleep onset.
/// Event durations follow the definitions they test: limb movements 0.5-10 s and PLM intervals
/// 5-90 s (AASM, docs/sources.md), hypnic jerks 75-250 ms (secondary source, docs/sources.md),
/// fragmentary bursts up to 150 ms (docs/sources.md). The sleep architecture and the rates are
/// illustrative test settings, not normative values.
public struct NightConfig: Sendable, Codable, Equatable {
    /// Seconds of recording (60 s to 24 h).
    public var durationSeconds: Double = 28_800
    public var seed: UInt64 = 1
    /// EMG sample rate, Hz (200-2000).
    public var sampleRate: Double = 500
    /// Whether a chin EMG channel is recorded.
    public var chin = true
    /// RMS of the amplifier and skin noise at rest, µV.
    public var restingNoiseUV: Double = 2
    /// Start of the recording, ISO 8601.
    public var startDate: String = "2024-01-01T22:00:00Z"
    /// Wake before the first sleep, seconds.
    public var sleepLatencyS: ClosedRange<Double> = 600...1800
    public var plm = PeriodicLimbMovements()
    /// Limb movements outside series, per hour of recording (sleep or wake).
    public var isolatedPerHour: Double = 6
    public var hypnic = HypnicJerks()
    public var fragmentary = FragmentaryMyoclonus()
    public var respiratory = RespiratoryEvents()

    public init() {}

    /// PLM series: movements of one leg (sometimes both) at regular onset intervals.
    public struct PeriodicLimbMovements: Sendable, Codable, Equatable {
        /// Series started per hour of sleep.
        public var seriesPerHourOfSleep: Double = 2
        public var movementsPerSeries: ClosedRange<Int> = 4...30
        /// Onset-to-onset interval within a series, seconds (AASM: 5-90 s).
        public var intervalS: ClosedRange<Double> = 5...90
        /// Movement duration, seconds (AASM: 0.5-10 s); isolated movements use it too.
        public var durationS: ClosedRange<Double> = 0.5...10
        /// Plateau RMS of the tibialis EMG, µV, log-uniform.
        public var amplitudeUV: ClosedRange<Double> = 15...80
        /// Chance that the other leg moves too, its onset `bilateralDelayS` later.
        public var bilateralProbability: Double = 0.3
        public var bilateralDelayS: ClosedRange<Double> = 0...4
        public init() {}
    }

    /// Hypnic jerks: generalised bursts in every channel around each wake-to-N1 transition.
    public struct HypnicJerks: Sendable, Codable, Equatable {
        public var perSleepOnset: ClosedRange<Int> = 1...3
        /// Burst duration, ms (75-250 ms, docs/sources.md, secondary).
        public var durationMs: ClosedRange<Double> = 75...250
        public var amplitudeUV: ClosedRange<Double> = 60...300
        public init() {}
    }

    /// Fragmentary myoclonus: brief bursts in single muscles during NREM sleep.
    public struct FragmentaryMyoclonus: Sendable, Codable, Equatable {
        /// Bursts per minute of NREM sleep (0: none).
        public var perMinuteOfNREM: Double = 0
        /// Burst duration, ms (up to 150 ms, docs/sources.md).
        public var durationMs: ClosedRange<Double> = 20...150
        public var amplitudeUV: ClosedRange<Double> = 40...200
        public init() {}
    }

    /// Respiratory events (written as "Hypopnea" annotations), each followed by a leg movement
    /// at its end with `movementProbability`: the movements the rules exclude.
    public struct RespiratoryEvents: Sendable, Codable, Equatable {
        public var perHourOfSleep: Double = 0
        public var durationS: ClosedRange<Double> = 10...40
        public var movementProbability: Double = 0.5
        public init() {}
    }

    /// Checks every setting; the message names the key.
    public func validate() throws(SimulationError) {
        func check(_ ok: Bool, _ key: String, _ value: String, _ reason: String) throws(SimulationError) {
            if !ok { throw .invalidParameter(parameter: key, value: value, reason: reason) }
        }
        func positiveRange(_ r: ClosedRange<Double>, _ key: String) throws(SimulationError) {
            try check(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound >= 0, key, "\(r)", "must be finite and not negative")
        }
        try check(durationSeconds.isFinite && durationSeconds >= 60 && durationSeconds <= 86_400, "durationSeconds", "\(durationSeconds)", "must be 60 s to 24 h")
        try check(sampleRate.isFinite && sampleRate >= 200 && sampleRate <= 2000, "sampleRate", "\(sampleRate)", "must be 200 to 2000 Hz")
        try check(restingNoiseUV.isFinite && restingNoiseUV > 0 && restingNoiseUV <= 20, "restingNoiseUV", "\(restingNoiseUV)", "must be above 0 and at most 20 µV")
        try positiveRange(sleepLatencyS, "sleepLatencyS")
        try check(plm.seriesPerHourOfSleep.isFinite && plm.seriesPerHourOfSleep >= 0 && plm.seriesPerHourOfSleep <= 20,
                  "plm.seriesPerHourOfSleep", "\(plm.seriesPerHourOfSleep)", "must be 0 to 20")
        try check(plm.movementsPerSeries.lowerBound >= 1 && plm.movementsPerSeries.upperBound <= 500,
                  "plm.movementsPerSeries", "\(plm.movementsPerSeries)", "must be within 1...500")
        try positiveRange(plm.intervalS, "plm.intervalS")
        try check(plm.intervalS.lowerBound >= 1, "plm.intervalS", "\(plm.intervalS)", "intervals under 1 s cannot be told apart")
        try positiveRange(plm.durationS, "plm.durationS")
        try check(plm.durationS.lowerBound >= 0.1 && plm.durationS.upperBound <= 60, "plm.durationS", "\(plm.durationS)", "must be within 0.1...60 s")
        try positiveRange(plm.amplitudeUV, "plm.amplitudeUV")
        try check(plm.amplitudeUV.lowerBound > 0 && plm.amplitudeUV.upperBound <= 2000, "plm.amplitudeUV", "\(plm.amplitudeUV)", "must be within (0, 2000] µV")
        try check((0...1).contains(plm.bilateralProbability), "plm.bilateralProbability", "\(plm.bilateralProbability)", "must be 0 to 1")
        try positiveRange(plm.bilateralDelayS, "plm.bilateralDelayS")
        try check(isolatedPerHour.isFinite && isolatedPerHour >= 0 && isolatedPerHour <= 120, "isolatedPerHour", "\(isolatedPerHour)", "must be 0 to 120")
        try check(hypnic.perSleepOnset.lowerBound >= 0 && hypnic.perSleepOnset.upperBound <= 20, "hypnic.perSleepOnset", "\(hypnic.perSleepOnset)", "must be within 0...20")
        try positiveRange(hypnic.durationMs, "hypnic.durationMs")
        try check(hypnic.durationMs.lowerBound >= 5 && hypnic.durationMs.upperBound <= 1000, "hypnic.durationMs", "\(hypnic.durationMs)", "must be within 5...1000 ms")
        try check(hypnic.amplitudeUV.lowerBound > 0 && hypnic.amplitudeUV.upperBound <= 2000, "hypnic.amplitudeUV", "\(hypnic.amplitudeUV)", "must be within (0, 2000] µV")
        try check(fragmentary.perMinuteOfNREM.isFinite && fragmentary.perMinuteOfNREM >= 0 && fragmentary.perMinuteOfNREM <= 60,
                  "fragmentary.perMinuteOfNREM", "\(fragmentary.perMinuteOfNREM)", "must be 0 to 60")
        try check(fragmentary.durationMs.lowerBound >= 5 && fragmentary.durationMs.upperBound <= 1000, "fragmentary.durationMs", "\(fragmentary.durationMs)", "must be within 5...1000 ms")
        try check(fragmentary.amplitudeUV.lowerBound > 0 && fragmentary.amplitudeUV.upperBound <= 2000, "fragmentary.amplitudeUV", "\(fragmentary.amplitudeUV)", "must be within (0, 2000] µV")
        try check(respiratory.perHourOfSleep.isFinite && respiratory.perHourOfSleep >= 0 && respiratory.perHourOfSleep <= 60,
                  "respiratory.perHourOfSleep", "\(respiratory.perHourOfSleep)", "must be 0 to 60")
        try positiveRange(respiratory.durationS, "respiratory.durationS")
        try check((0...1).contains(respiratory.movementProbability), "respiratory.movementProbability", "\(respiratory.movementProbability)", "must be 0 to 1")
        guard ISO8601DateFormatter().date(from: startDate) != nil else {
            throw .invalidParameter(parameter: "startDate", value: startDate, reason: "is not an ISO 8601 date such as 2024-01-01T22:00:00Z")
        }
    }

    /// The start date.
    public var start: Date { ISO8601DateFormatter().date(from: startDate) ?? Date(timeIntervalSince1970: 0) }
}
