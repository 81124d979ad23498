import MyoDetect
import MyoFormats
import MyoSignal

/// Jerk-locked back-averaging of the EEG: does a cortical transient precede the jerks, and does
/// a Bereitschaftspotential?
///
/// For every EEG channel it averages baseline-corrected epochs around the jerks' EMG onsets
/// (after a lock-out, rejecting epochs with artefact), finds the largest deflection in the
/// pre-jerk search window, tests it by a permutation test with a fixed seed, so results are
/// reproducible (the epochs averaged again with random signs by default, or averages at
/// shuffled trigger times; ``Parameters/SignificanceTest``) and checks that odd and even epochs agree;
/// on a longer epoch it tests for a slow negativity before the jerk. With fewer than
/// ``Parameters/minimumEpochs`` epochs it reports the averages with the status "too few epochs"
/// and claims nothing.
///
/// Streaming: ``analyze(reader:triggers:eegChannels:)`` reads the recording once more, chunk by
/// chunk, keeping only the samples of the windows it still needs (memory: one chunk plus the
/// longest epoch per channel, plus the averages). ``analyze(signals:triggers:)`` does the same
/// on signals already in memory. Complexity: O(samples + epochs × (epoch samples + search
/// samples × (255 + sets) / 8)) time with random signs; O(samples + epochs × sets × epoch
/// samples) with shuffled triggers.
public struct BackAverager: Sendable {
    public var parameters: Parameters

    public init(parameters: Parameters = .init()) {
        self.parameters = parameters
    }

    /// The triggers from detected events (jerks only), with this analyzer's lock-out;
    /// `channel` takes each event's onset on that EMG channel instead of the event's onset.
    public func triggers(from events: [MyoclonicEvent], channel: String? = nil) -> TriggerSelection {
        TriggerSelection(events: events, channel: channel, lockOutSeconds: parameters.lockOutSeconds)
    }

    /// Back-averages the EEG channels of `reader` (all channels of kind EEG, or the ones named)
    /// on `triggers`, reading the recording once from its start.
    /// - Throws: ``BackAveragingError`` for bad parameters or channels; the reader's errors.
    public func analyze(reader: any RecordingReader, triggers: TriggerSelection,
                        eegChannels: [String]? = nil) throws -> BackAveragingResult {
        let feed = try self.feed(header: reader.header, path: reader.path, triggers: triggers, eegChannels: eegChannels)
        if !feed.isDone {
            try reader.rewind()
            while !feed.isDone, let chunk = try reader.nextChunk() { feed.feed(chunk) }
        }
        return feed.finish()
    }

    /// The state of back-averaging for a read of the recording behind `header` that the caller
    /// makes (and may share with other analyses): feed it every chunk from the start, then
    /// `finish`.
    /// - Throws: ``BackAveragingError`` for bad parameters or channels.
    func feed(header: RecordingHeader, path: String, triggers: TriggerSelection,
              eegChannels: [String]? = nil) throws(BackAveragingError) -> Feed {
        try parameters.validate()
        let indices: [Int]
        if let names = eegChannels {
            indices = try names.map { name throws(BackAveragingError) -> Int in
                guard let i = header.channelIndex(named: name) else {
                    throw .unknownChannel(file: path, channel: name, channels: header.channels.map(\.label))
                }
                guard header.channels[i].kind == .eeg else {
                    throw .wrongChannelKind(file: path, channel: name, kind: header.channels[i].kind.rawValue, expected: "EEG")
                }
                return i
            }
        } else {
            indices = header.channels.indices.filter { header.channels[$0].kind == .eeg }
        }
        let descriptions = indices.map { i in
            let c = header.channels[i]
            return EEGChannelDescription(label: c.label, unit: c.unit, sampleRate: c.sampleRate, sampleCount: c.sampleCount)
        }
        try Self.checkRates(descriptions)
        return Feed(averager: self, pass: BackAveragingPass(channels: descriptions, triggers: triggers.times, parameters: parameters),
                    indices: indices, triggers: triggers)
    }

    /// Back-averaging fed the chunks of a read it does not own (see ``feed(header:path:triggers:eegChannels:)``).
    final class Feed {
        private let averager: BackAverager
        private let pass: BackAveragingPass
        /// The recording's channel of each channel of `pass`.
        private let indices: [Int]
        private let triggers: TriggerSelection

        fileprivate init(averager: BackAverager, pass: BackAveragingPass, indices: [Int], triggers: TriggerSelection) {
            self.averager = averager
            self.pass = pass
            self.indices = indices
            self.triggers = triggers
        }

        /// Whether no later chunk can change the result (every epoch is cut, or there is none to cut).
        var isDone: Bool { indices.isEmpty || triggers.times.isEmpty || pass.isDone }

        /// Adds the next chunk of the recording (chunks in order from the start).
        func feed(_ chunk: RecordingChunk) {
            guard !isDone else { return }
            for (k, i) in indices.enumerated() where chunk.samples.indices.contains(i) && chunk.firstSample.indices.contains(i) {
                pass.feed(channel: k, chunk.samples[i], first: chunk.firstSample[i])
            }
        }

        func finish() -> BackAveragingResult { averager.finish(pass, triggers: triggers) }
    }

    /// Back-averages in-memory EEG `signals` (each with its own rate and unit) on `triggers`.
    /// - Throws: ``BackAveragingError`` for bad parameters or signals.
    public func analyze(signals: [Signal], triggers: TriggerSelection) throws(BackAveragingError) -> BackAveragingResult {
        try parameters.validate()
        let descriptions = signals.map {
            EEGChannelDescription(label: $0.label, unit: $0.unit, sampleRate: $0.sampleRate, sampleCount: $0.samples.count)
        }
        try Self.checkRates(descriptions)
        let pass = BackAveragingPass(channels: descriptions, triggers: triggers.times, parameters: parameters)
        for (k, s) in signals.enumerated() { pass.feed(channel: k, s.samples, first: 0) }
        return finish(pass, triggers: triggers)
    }

    private static func checkRates(_ channels: [EEGChannelDescription]) throws(BackAveragingError) {
        for c in channels where !(c.sampleRate.isFinite && c.sampleRate > 0 && c.sampleRate <= 1_000_000) {
            throw .invalidSignal(channel: c.label, reason: "sample rate \(c.sampleRate) Hz is not a positive rate up to 1 MHz")
        }
    }

    private func finish(_ pass: BackAveragingPass, triggers: TriggerSelection) -> BackAveragingResult {
        let channels = zip(pass.channels, pass.states).map { c, s in channelResult(c, s) }
        return BackAveragingResult(backAveraging: channels, triggerSource: triggers.source, triggersGiven: triggers.given,
                                   triggersLockedOut: triggers.lockedOut, warnings: pass.warnings, significanceTest: parameters.significanceTest)
    }

    private func channelResult(_ c: EEGChannelDescription, _ s: BackAveragingPass.ChannelState) -> ChannelBackAverage {
        let p = parameters
        let rate = c.sampleRate
        let epochs = s.epochs
        let status: BackAveragingStatus = epochs.used == 0 ? .noEpochs : epochs.used < p.minimumEpochs ? .tooFewEpochs : .ok
        var result = ChannelBackAverage(
            channel: c.label, status: status, epochsUsed: epochs.used, epochsRejected: epochs.rejected,
            epochsOutsideRecording: s.outside, window: [p.epochWindow.lowerBound, p.epochWindow.upperBound],
            baselineWindow: [p.baselineWindow.lowerBound, p.baselineWindow.upperBound],
            searchWindow: [p.searchWindow.lowerBound, p.searchWindow.upperBound], transientFound: false,
            latencyMs: nil, amplitudeUV: nil, pValue: nil, splitHalfR: nil,
            bereitschaftspotential: BereitschaftCheck.evaluate(s.longEpochs, sampleRate: rate, parameters: p),
            average: Self.lockedAverage(epochs, start: p.epochWindow.lowerBound, sampleRate: rate))
        guard status == .ok else { return result }
        let mean = epochs.mean
        let first = Int(((p.searchWindow.lowerBound - p.epochWindow.lowerBound) * rate).rounded())
        let last = Int(((p.searchWindow.upperBound - p.epochWindow.lowerBound) * rate).rounded())
        let search = first..<(last + 1)
        guard let peak = TransientStatistics.peak(mean, in: search) else { return result }
        result.latencyMs = 1000 * (p.epochWindow.lowerBound + (Double(peak.index) + peak.offset) / rate)
        result.amplitudeUV = peak.value
        if let surrogates = s.surrogates {
            result.pValue = TransientStatistics.pValue(observed: abs(peak.value), surrogates: surrogates.peakStatistics)
        } else {
            result.pValue = s.signFlips?.test()?.pValue
        }
        let halves = epochs.halves
        result.splitHalfR = TransientStatistics.correlation(halves.odd, halves.even, over: search)
        result.transientFound = (result.pValue ?? 1) < p.significanceLevel && (result.splitHalfR ?? -1) >= p.minimumSplitHalfR
        return result
    }

    /// The average of `epochs` with its 95 % band (mean ± 1.96 SE per sample).
    static func lockedAverage(_ epochs: EpochAverage, start: Double, sampleRate: Double) -> EventLockedAverage {
        let mean = epochs.mean, se = epochs.standardError
        return EventLockedAverage(start: start, sampleRate: sampleRate, epochs: epochs.used,
                                  mean: mean.map { Float($0) },
                                  lower: zip(mean, se).map { Float($0 - 1.96 * $1) },
                                  upper: zip(mean, se).map { Float($0 + 1.96 * $1) })
    }
}

extension BackAverager {
    /// The triggers at `times` (seconds from the recording start), with this analyzer's lock-out.
    public func triggers(fromTimes times: [Double], source: String = "given times") -> TriggerSelection {
        TriggerSelection(times: times, lockOutSeconds: parameters.lockOutSeconds, source: source)
    }
}
