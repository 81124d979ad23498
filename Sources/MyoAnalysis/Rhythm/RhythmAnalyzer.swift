import Foundation
import MyoDetect

/// Measures the rhythm of myoclonic events: the regularity of their intervals (coefficient of
/// variation), the dominant frequency of the event train and of the EMG envelope, whether there
/// is a rhythm at all, the runs and clusters, and whether a rhythm is discrete jerks or a
/// continuous, tremor-like oscillation.
///
/// Why spectra and not only intervals: a rhythm that comes in runs separated by pauses, or that
/// skips beats, has a wildly varying interval list but a clear spectral peak. The event train's
/// spectrum is Welch's average over 40 s segments of the train binned at 100 Hz; the envelope's
/// spectrum the same on the decimated envelope the caller passes.
///
/// ```swift
/// let rhythm = try RhythmAnalyzer().analyze(events: result.events, durationSeconds: result.durationSeconds)
/// if rhythm.rhythmic { print(rhythm.frequencyHz ?? 0) }
/// ```
/// Complexity: O(n log n) in the events plus O(S log S) per 40 s segment of train or envelope.
public struct RhythmAnalyzer: Sendable {
    /// Every setting, with the reason for its default.
    public struct Parameters: Sendable, Codable, Equatable {
        /// The band searched for a rhythm, Hz. Default 0.3-15 Hz: palatal myoclonus runs at 20 to
        /// 420 per minute (0.33-7 Hz), its essential form often 0.5-5 Hz, propriospinal myoclonus
        /// at 1-7 Hz (docs/sources.md, special forms; Brown 1994); the band goes on to 15 Hz so that a tremor
        /// shows where it is instead of being folded into the band.
        public var frequencyRangeHz: ClosedRange<Double> = 0.3...15
        /// A peak is a rhythm when it is at least this many times the mean power of its
        /// neighbourhood. Default 3 (issue 4).
        public var peakRatio: Double = 3
        public var neighbourhood = RhythmNeighbourhood()
        /// Welch segment, s. Default 40 s (engineering: a resolution of 0.025 Hz, 5 % of a 0.5 Hz
        /// rhythm, while a 10-minute recording still gives about 30 overlapping segments to average).
        public var segmentSeconds: Double = 40
        /// Rate at which the event train is binned, Hz. Default 50 (engineering: 20 ms bins are
        /// under 10 % of a 5 Hz period and put Nyquist, 25 Hz, above the band's 15 Hz).
        public var eventTrainRate: Double = 50
        /// Largest relative deviation of an interval from the run's mean interval. Default 0.2
        /// (engineering: room for the cycle-to-cycle variation of a physiological rhythm, while
        /// four Poisson intervals in a row rarely stay that close).
        public var runTolerance: Double = 0.2
        /// Fewest events in a run. Default 4, the least number of movements of a periodic series
        /// in the AASM rules (docs/sources.md, sleep), borrowed as the least that makes a train.
        public var minimumRunEvents: Int = 4
        /// Largest gap from one event's end to the next one's start inside a cluster, s. Default
        /// 1 s: the clusters of benign neonatal sleep myoclonus come at 1-5 Hz (docs/sources.md), so
        /// their events are at most a second apart.
        public var clusterGapS: Double = 1
        /// Fewest events for a rhythm decision on the event train. Default 10 (engineering: the
        /// spectrum and the CV need several cycles; the same count the origin hint needs).
        public var minimumEvents: Int = 10
        /// Duty cycle (burst duration over period) from which a rhythm counts as tremor-like.
        /// Default 0.3 (engineering: brief jerks of 20-60 ms at 1-5 Hz fill 2-30 % of the cycle,
        /// a tremor's bursts about half of it or more, with no silent gap between them).
        public var tremorDutyCycle: Double = 0.3
        /// Cycles without interruption a tremor-like run needs. Default 10 (engineering: a
        /// tremor goes on; runs of myoclonic jerks are often shorter).
        public var tremorMinimumCycles: Int = 10
        /// Events of this polarity are analysed. Default positive (jerks).
        public var polarity: Polarity = .positive
        /// Width of the interval histogram's bins and its range, s (engineering: 50 ms bins to
        /// 3.3 s, the period at the low edge of the band).
        public var histogramBinS: Double = 0.05

        public init() {}

        /// Checks every setting.
        public func validate() throws(RhythmError) {
            func check(_ name: String, _ v: Double, _ ok: Bool, _ reason: String) throws(RhythmError) {
                guard v.isFinite, ok else { throw .parameterOutOfRange(name: name, value: v, reason: reason) }
            }
            try check("frequencyRangeHz.lowerBound", frequencyRangeHz.lowerBound, frequencyRangeHz.lowerBound >= 0.05, "must be at least 0.05 Hz")
            try check("frequencyRangeHz.upperBound", frequencyRangeHz.upperBound,
                      frequencyRangeHz.upperBound > frequencyRangeHz.lowerBound && frequencyRangeHz.upperBound < eventTrainRate / 2,
                      "must be above the lower bound and below half eventTrainRate")
            try check("peakRatio", peakRatio, peakRatio >= 1, "must be at least 1")
            try check("neighbourhood.inner", neighbourhood.inner, neighbourhood.inner > 0 && neighbourhood.inner < neighbourhood.outer && neighbourhood.outer < 1,
                      "needs 0 < inner < outer < 1")
            try check("segmentSeconds", segmentSeconds, segmentSeconds >= 4 && segmentSeconds <= 600, "must be 4 to 600 s")
            try check("eventTrainRate", eventTrainRate, eventTrainRate >= 10 && eventTrainRate <= 1000, "must be 10 to 1000 Hz")
            try check("runTolerance", runTolerance, runTolerance > 0 && runTolerance < 1, "must be between 0 and 1")
            try check("minimumRunEvents", Double(minimumRunEvents), minimumRunEvents >= 3 && minimumRunEvents <= 1000, "must be 3 to 1000")
            try check("clusterGapS", clusterGapS, clusterGapS > 0 && clusterGapS <= 60, "must be more than 0 and at most 60 s")
            try check("minimumEvents", Double(minimumEvents), minimumEvents >= 3, "must be at least 3")
            try check("tremorDutyCycle", tremorDutyCycle, tremorDutyCycle > 0 && tremorDutyCycle < 1, "must be between 0 and 1")
            try check("tremorMinimumCycles", Double(tremorMinimumCycles), tremorMinimumCycles >= 2, "must be at least 2")
            try check("histogramBinS", histogramBinS, histogramBinS >= 0.005 && histogramBinS <= 1, "must be 0.005 to 1 s")
        }

        /// (name, value, unit, source) of every setting, for the report.
        public var described: [(name: String, value: String, unit: String, source: String)] {
            [("rhythm.frequencyRange", "\(frequencyRangeHz.lowerBound)-\(frequencyRangeHz.upperBound)", "Hz",
              "docs/sources.md: palatal 20-420/min, essential 0.5-5 Hz; propriospinal 1-7 Hz (Brown 1994)"),
             ("rhythm.peakRatio", "\(peakRatio)", "×", "issue 4: a spectral peak at least 3 times its neighbourhood"),
             ("rhythm.neighbourhood", "±\(neighbourhood.inner * 100)-\(neighbourhood.outer * 100)", "% of the peak frequency",
              "engineering: outside the peak's main lobe, inside the harmonics"),
             ("rhythm.segment", "\(segmentSeconds)", "s", "engineering: 0.025 Hz resolution"),
             ("rhythm.runTolerance", "\(runTolerance * 100)", "%", "engineering"),
             ("rhythm.minimumRunEvents", "\(minimumRunEvents)", "events", "AASM: a periodic series has at least 4 movements (docs/sources.md)"),
             ("rhythm.clusterGap", "\(clusterGapS)", "s", "docs/sources.md: neonatal sleep myoclonus clusters at 1-5 Hz"),
             ("rhythm.minimumEvents", "\(minimumEvents)", "events", "engineering"),
             ("rhythm.tremorDutyCycle", "\(tremorDutyCycle)", "", "engineering: tremor bursts fill the cycle, jerks do not"),
             ("rhythm.tremorMinimumCycles", "\(tremorMinimumCycles)", "cycles", "engineering")]
        }
    }

    public var parameters: Parameters

    public init(parameters: Parameters = .init()) {
        self.parameters = parameters
    }

    /// The settings as (name, value, unit, source), for the report.
    public var described: [(name: String, value: String, unit: String, source: String)] { parameters.described }

    /// Analyses the rhythm of `events` in a recording of `durationSeconds`, and of the EMG
    /// `envelope` (a decimated envelope, any unit, at `envelopeRate` Hz) when one is given.
    /// - Throws: ``RhythmError`` for invalid parameters or envelope rate.
    public func analyze(events: [MyoclonicEvent], durationSeconds: Double, envelope: [Float]? = nil,
                        envelopeRate: Double? = nil) throws(RhythmError) -> RhythmResult {
        try parameters.validate()
        let envelopeRhythm = try envelope.flatMap { samples throws(RhythmError) -> EnvelopeRhythm? in
            var accumulator = try EnvelopeRhythmAccumulator(rate: envelopeRate ?? .nan, parameters: parameters)
            accumulator.add(contentsOf: samples)
            return accumulator.finish()
        }
        return try analyze(events: events, durationSeconds: durationSeconds, envelopeRhythm: envelopeRhythm)
    }

    /// ``analyze(events:durationSeconds:envelope:envelopeRate:)`` with the envelope's rhythm already
    /// measured by an ``EnvelopeRhythmAccumulator`` fed while streaming, so a long recording's
    /// envelope never has to be held in memory.
    public func analyze(events: [MyoclonicEvent], durationSeconds: Double,
                        envelopeRhythm: EnvelopeRhythm?) throws(RhythmError) -> RhythmResult {
        let p = parameters
        try p.validate()
        let chosen = events.filter { $0.polarity == p.polarity && $0.onset.isFinite && $0.offset.isFinite }
            .sorted { $0.onset < $1.onset }
        let onsets = chosen.map(\.onset)
        let durations = chosen.map { max(0, $0.duration) }
        var intervals: [Double] = []
        intervals.reserveCapacity(max(0, onsets.count - 1))
        for i in onsets.indices.dropFirst() { intervals.append(onsets[i] - onsets[i - 1]) }
        let statistics = IntervalStatistics(times: onsets, durationSeconds: durationSeconds)
        let mean = statistics.meanIntervalSeconds, cv = statistics.cv
        let duration = durationSeconds.isFinite && durationSeconds > 0 ? max(durationSeconds, (onsets.last ?? 0) + 1e-3) : (onsets.last ?? 0) + 1
        let spectrum = chosen.count >= 2 ? eventTrainSpectrum(onsets: onsets, duration: duration) : .empty
        let runs = RhythmRun.find(onsets: onsets, durations: durations, tolerance: p.runTolerance,
                                  minimumEvents: p.minimumRunEvents, longestPeriod: 1 / p.frequencyRangeHz.lowerBound)
        let clusters = EventCluster.find(onsets: onsets, offsets: chosen.map(\.offset), gap: p.clusterGapS)
        var rhythmic = false
        if chosen.count >= p.minimumEvents, let hz = spectrum.peakHz, let ratio = spectrum.ratio, ratio >= p.peakRatio {
            // A run at the peak's rate (or at a multiple, when beats are skipped) confirms it,
            // which keeps a chance peak of a short, noisy spectrum from counting.
            rhythmic = runs.contains { run in
                let k = (run.frequencyHz / hz).rounded()
                return k >= 1 && abs(run.frequencyHz - k * hz) <= p.runTolerance * k * hz
            }
        }
        let longestRun = runs.map(\.eventCount).max() ?? 0
        let runDuty = runs.isEmpty ? 0 : runs.map(\.dutyCycle).sorted()[runs.count / 2]
        let pattern: RhythmPattern
        if envelopeRhythm.map({ $0.rhythmic && $0.dutyCycle >= p.tremorDutyCycle }) == true
            || (rhythmic && runDuty >= p.tremorDutyCycle && longestRun > p.tremorMinimumCycles) {
            pattern = .tremorLike
        } else if rhythmic {
            pattern = .rhythmicJerks
        } else if chosen.count < p.minimumEvents && envelopeRhythm?.rhythmic != true {
            pattern = .tooFewEvents
        } else {
            pattern = .irregular
        }
        let limit = 1 / p.frequencyRangeHz.lowerBound
        let bins = max(1, min(2000, Int((limit / p.histogramBinS).rounded())))
        return RhythmResult(eventCount: chosen.count, rhythmic: rhythmic, frequencyHz: spectrum.peakHz, cv: cv,
                            peakRatio: spectrum.ratio, meanIntervalS: mean, pattern: pattern, runs: runs, clusters: clusters,
                            spectrum: spectrum, envelope: envelopeRhythm,
                            intervalHistogram: .make(intervals, limit: limit, bins: bins))
    }

    /// Welch spectrum of the event train, built segment by segment so a week of events never
    /// becomes one long array; segments without an event add nothing and are skipped. Each
    /// segment is transformed directly from its events at the band's bins (see
    /// `WelchEstimator.add(impulses:)`), O(events × bins) instead of an FFT per segment.
    private func eventTrainSpectrum(onsets: [Double], duration: Double) -> RhythmSpectrum {
        let rate = parameters.eventTrainRate
        let total = Int(min(duration * rate, 1e12))
        let length = max(8, min(Int(parameters.segmentSeconds * rate), total))
        var welch = WelchEstimator(sampleRate: rate, segmentLength: length, band: parameters.frequencyRangeHz)
        let hop = max(1, length / 2)
        var start = 0, next = 0
        var impulses: [(index: Int, value: Double)] = []
        repeat {
            let t0 = Double(start) / rate, t1 = Double(start + length) / rate
            while next < onsets.count && onsets[next] < t0 { next += 1 }
            var k = next
            impulses.removeAll(keepingCapacity: true)
            while k < onsets.count && onsets[k] < t1 {
                let bin = min(length - 1, max(0, Int(((onsets[k] - t0) * rate).rounded(.down))))
                impulses.append((bin, 1))
                k += 1
            }
            // The train is a few ones among thousands of zeros: transforming just those at the
            // band's bins costs a small fraction of an FFT of the whole segment.
            if !impulses.isEmpty { welch.add(impulses: impulses) }
            start += hop
            // Jump over stretches without events, so an hour of silence (or a header claiming
            // years) costs nothing: the next segment to matter is the first that reaches the
            // next onset.
            if next < onsets.count {
                let reach = Int(min(onsets[next] * rate, 1e12)) - length
                if reach > start { start += (reach - start) / hop * hop }
            } else {
                break
            }
        } while start + length <= total
        let (f, power) = welch.spectrum()
        return RhythmSpectrum.fromPower(frequencies: f, power: power, neighbourhood: parameters.neighbourhood)
    }
}
