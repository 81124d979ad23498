import MyoFormats
import MyoSignal

/// EEG-EMG (corticomuscular) coherence: how strongly each EEG channel and the EMG's rectified
/// envelope share rhythms, frequency by frequency, with the 12-30 Hz summary that is raised in
/// cortical myoclonus (Caviness 2003).
///
/// Welch's method with a Hann window on disjoint segments of about 1 s; the EMG is high-passed,
/// rectified and resampled to the EEG rate. The 95 % confidence limit 1 − 0.05^(1/(L−1)) for
/// L segments (Halliday et al. 1995) is reported; the band's peak is called significant against
/// the same limit at 0.05 divided by the band's bins (Bonferroni), so chance alone rarely claims it. With fewer than
/// ``Parameters/minimumSegments`` segments the status says so and nothing is claimed.
///
/// Streaming: ``analyze(reader:emgChannel:eegChannels:)`` reads the recording once chunk by
/// chunk (memory: a segment per channel plus the spectra); ``analyze(eeg:emg:)`` takes signals
/// in memory. Complexity: O(samples · log segment).
public struct CoherenceAnalyzer: Sendable {
    public var parameters: Parameters

    public init(parameters: Parameters = .init()) {
        self.parameters = parameters
    }

    /// Coherence of the EEG channels of `reader` (all of kind EEG, or the ones named) with the
    /// EMG channel named `emgChannel` (a label or 1-based number).
    /// - Throws: ``BackAveragingError`` for bad parameters or channels; the reader's errors.
    public func analyze(reader: any RecordingReader, emgChannel: String, eegChannels: [String]? = nil) throws -> CoherenceResult {
        let feed = try self.feed(header: reader.header, path: reader.path, emgChannel: emgChannel, eegChannels: eegChannels)
        if feed.needsSamples {
            try reader.rewind()
            while let chunk = try reader.nextChunk() { feed.feed(chunk) }
        }
        return feed.finish()
    }

    /// The state of coherence for a read of the recording behind `header` that the caller makes
    /// (and may share with other analyses): feed it every chunk from the start, then `finish`.
    /// - Throws: ``BackAveragingError`` for bad parameters or channels.
    func feed(header: RecordingHeader, path: String, emgChannel: String, eegChannels: [String]? = nil) throws(BackAveragingError) -> Feed {
        try parameters.validate()
        let labels = header.channels.map(\.label)
        func resolve(_ name: String, kind: ChannelKind) throws(BackAveragingError) -> Int {
            guard let i = header.channelIndex(named: name) else {
                throw .unknownChannel(file: path, channel: name, channels: labels)
            }
            guard header.channels[i].kind == kind else {
                throw .wrongChannelKind(file: path, channel: name, kind: header.channels[i].kind.rawValue,
                                        expected: kind == .eeg ? "EEG" : "EMG")
            }
            return i
        }
        let emg = try resolve(emgChannel, kind: .emg)
        var eeg = header.channels.indices.filter { header.channels[$0].kind == .eeg }
        if let names = eegChannels {
            eeg = try names.map { name throws(BackAveragingError) in try resolve(name, kind: .eeg) }
        }
        let groups = try makeGroups(eeg.map { header.channels[$0].sampleRate }, emgRate: header.channels[emg].sampleRate,
                                    labels: eeg.map { header.channels[$0].label })
        return Feed(analyzer: self, groups: groups, emg: emg, eeg: eeg, eegLabels: eeg.map { header.channels[$0].label },
                    emgLabel: header.channels[emg].label)
    }

    /// Coherence fed the chunks of a read it does not own (see ``feed(header:path:emgChannel:eegChannels:)``).
    final class Feed {
        private let analyzer: CoherenceAnalyzer
        private let groups: [(members: [Int], welch: WelchCoherence)]
        /// The recording's channels: the EMG and each EEG channel.
        private let emg: Int
        private let eeg: [Int]
        private let eegLabels: [String]
        private let emgLabel: String

        fileprivate init(analyzer: CoherenceAnalyzer, groups: [(members: [Int], welch: WelchCoherence)], emg: Int, eeg: [Int],
                         eegLabels: [String], emgLabel: String) {
            self.analyzer = analyzer
            self.groups = groups
            self.emg = emg
            self.eeg = eeg
            self.eegLabels = eegLabels
            self.emgLabel = emgLabel
        }

        /// False when there is no EEG channel, so no sample can change the result.
        var needsSamples: Bool { !eeg.isEmpty }

        /// Adds the next chunk of the recording (chunks in order from the start).
        func feed(_ chunk: RecordingChunk) {
            guard needsSamples, chunk.samples.indices.contains(emg) else { return }
            for g in groups { g.welch.feedEMG(chunk.samples[emg]) }
            for g in groups {
                for (k, member) in g.members.enumerated() where chunk.samples.indices.contains(eeg[member]) {
                    g.welch.feedEEG(channel: k, chunk.samples[eeg[member]])
                }
            }
        }

        func finish() -> CoherenceResult { analyzer.finish(groups, labels: eegLabels, emgLabel: emgLabel) }
    }

    /// Coherence of in-memory EEG signals with an in-memory EMG signal.
    /// - Throws: ``BackAveragingError`` for bad parameters or signals.
    public func analyze(eeg: [Signal], emg: Signal) throws(BackAveragingError) -> CoherenceResult {
        try parameters.validate()
        let groups = try makeGroups(eeg.map(\.sampleRate), emgRate: emg.sampleRate, labels: eeg.map(\.label))
        // Fed in slices of a few seconds, like a reader's chunks: the filters' and queues'
        // buffers stay small and in cache instead of whole-signal copies.
        let sliceSeconds = 4.0
        let duration = ([emg] + eeg).map { Double($0.samples.count) / $0.sampleRate }.max() ?? 0
        func slice(_ s: Signal, _ t: Double) -> [Float] {
            let from = min(s.samples.count, Int((t * s.sampleRate).rounded(.down)))
            let to = min(s.samples.count, Int(((t + sliceSeconds) * s.sampleRate).rounded(.down)))
            return from < to ? Array(s.samples[from..<to]) : []
        }
        var t = 0.0
        while t < duration {
            for g in groups {
                g.welch.feedEMG(slice(emg, t))
                for (k, member) in g.members.enumerated() { g.welch.feedEEG(channel: k, slice(eeg[member], t)) }
            }
            t += sliceSeconds
        }
        for g in groups { g.welch.finishEMG() }
        return finish(groups, labels: eeg.map(\.label), emgLabel: emg.label)
    }

    /// EEG channels grouped by sample rate, each group with its own EMG envelope at that rate.
    private func makeGroups(_ rates: [Double], emgRate: Double, labels: [String]) throws(BackAveragingError)
        -> [(members: [Int], welch: WelchCoherence)] {
        for (rate, label) in zip(rates + [emgRate], labels + ["EMG"]) where !(rate.isFinite && rate > 0 && rate <= 1_000_000) {
            throw .invalidSignal(channel: label, reason: "sample rate \(rate) Hz is not a positive rate up to 1 MHz")
        }
        var order: [Double] = []
        for r in rates where !order.contains(r) { order.append(r) }
        var groups: [(members: [Int], welch: WelchCoherence)] = []
        for rate in order {
            let members = rates.indices.filter { rates[$0] == rate }
            groups.append((members, try WelchCoherence(eegChannels: members.count, eegRate: rate, emgRate: emgRate, parameters: parameters)))
        }
        return groups
    }

    private func finish(_ groups: [(members: [Int], welch: WelchCoherence)], labels: [String], emgLabel: String) -> CoherenceResult {
        var channels = [ChannelCoherence?](repeating: nil, count: labels.count)
        let p = parameters
        for g in groups {
            g.welch.finishEMG()
            let step = g.welch.rate / Double(g.welch.segment)
            let l = g.welch.segments
            let status: CoherenceStatus = l == 0 ? .noSegments : l < p.minimumSegments ? .tooFewSegments : .ok
            for (k, member) in g.members.enumerated() {
                let c = g.welch.coherence(channel: k)
                let kept = min(c.count, Int((p.spectrumMaxHz / step).rounded(.down)) + 1)
                var result = ChannelCoherence(channel: labels[member], emgChannel: emgLabel, status: status, segments: l,
                                              segmentSamples: g.welch.segment, band: [p.bandHz.lowerBound, p.bandHz.upperBound],
                                              peak: nil, frequencyHz: nil, limit: p.limit(segments: l), bandLimit: nil, significant: false,
                                              bandBinsAboveLimit: 0, bandBins: 0,
                                              frequencyStepHz: step, spectrum: c.prefix(kept).map { Float($0) })
                let band = c.indices.filter { p.bandHz.contains(Double($0) * step) }
                result.bandBins = band.count
                result.bandBinsAboveLimit = band.filter { c[$0] > (result.limit ?? 1) }.count
                result.bandLimit = p.limit(segments: l, comparisons: max(1, band.count))
                if status == .ok, let best = band.max(by: { c[$0] < c[$1] }) {
                    result.peak = c[best]
                    result.frequencyHz = Double(best) * step
                    result.significant = c[best] > (result.bandLimit ?? 1)
                }
                channels[member] = result
            }
        }
        return CoherenceResult(coherence: channels.compactMap { $0 }, emgChannel: emgLabel, warnings: [])
    }
}
