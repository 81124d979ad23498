import MyoFormats

/// The parts of a characterisation that need every sample of a channel once, in order, and
/// nothing from detection: the rhythm envelope of the EMG channel, the click detector of each
/// audio channel and the hiccup detector of each respiration channel.
///
/// Why a value of its own: `myotrace analyze` hands it every chunk of the detection pass
/// (``RecordingAnalyzer/analyze(reader:options:version:progress:observer:)``), so that
/// ``Characteriser/run(reader:analysis:options:pass:)`` does not read the file a second time for
/// them. The rhythm analysis uses the envelope of the EMG channel that saw the most jerks, which
/// is known in advance only when one EMG channel is analysed; only then does the pass follow it.
/// With several, `run` reads the file again for the one that turns out busiest, since an envelope
/// per channel (its level histogram and Welch spectrum) would cost more than that read. Fed the
/// same chunks, it gives the same values as a pass of its own, bit for bit.
/// Complexity: O(samples of the channels it follows); memory O(channels · segment).
public struct CharacterisationPass: Sendable {
    /// The envelope of the one EMG channel chosen (`nil` with none or several; see above).
    var envelope: Envelope?
    var clickDetectors: [(index: Int, detector: ClickDetector)] = []
    var hiccupDetectors: [(index: Int, detector: HiccupDetector)] = []
    /// Detectors that could not be set up, in channel order.
    var warnings: [String] = []

    /// Sets up the analyses that fit the channels of `header` that `options` chooses (after its
    /// kind overrides).
    public init(header recordingHeader: RecordingHeader, options: CharacterisationOptions = .init()) {
        let header = Characteriser.applyingOverrides(options, to: recordingHeader)
        let chosen = Characteriser.chosenChannels(options, in: header)
        let emg = chosen.filter { header.channels[$0].kind == .emg }
        if emg.count == 1 { envelope = Envelope(channel: emg[0], header: header, parameters: options.rhythm) }
        for index in chosen {
            let channel = header.channels[index]
            do {
                switch channel.kind {
                case .audio:
                    clickDetectors.append((index, try ClickDetector(channel: channel.label, sampleRate: channel.sampleRate,
                                                                    parameters: options.clicks)))
                case .resp:
                    hiccupDetectors.append((index, try HiccupDetector(channel: channel.label, sampleRate: channel.sampleRate,
                                                                      parameters: options.hiccups)))
                default:
                    break
                }
            } catch {
                warnings.append("\(channel.label): \(error)")
            }
        }
    }

    /// Whether any analysis here needs the samples.
    public var needsSamples: Bool {
        envelope?.decimator != nil || !clickDetectors.isEmpty || !hiccupDetectors.isEmpty
    }

    /// Feeds the next chunk of the recording (chunks in order from the start). O(chunk).
    public mutating func feed(_ chunk: RecordingChunk) {
        envelope?.feed(chunk)
        for k in clickDetectors.indices {
            let channel = clickDetectors[k].index
            if chunk.samples.indices.contains(channel) { clickDetectors[k].detector.process(chunk.samples[channel]) }
        }
        for k in hiccupDetectors.indices {
            let channel = hiccupDetectors[k].index
            if chunk.samples.indices.contains(channel) { hiccupDetectors[k].detector.process(chunk.samples[channel]) }
        }
    }

    /// The rhythm envelope of one EMG channel, or why it could not be made.
    struct Envelope: Sendable {
        let channel: Int
        private(set) var decimator: EnvelopeDecimator?
        let error: RhythmError?

        init(channel: Int, header: RecordingHeader, parameters: RhythmAnalyzer.Parameters) {
            self.channel = channel
            do {
                decimator = try EnvelopeDecimator(sampleRate: header.channels[channel].sampleRate, parameters: parameters)
                error = nil
            } catch {
                decimator = nil
                self.error = error
            }
        }

        /// Feeds the channel's samples of the next chunk. O(chunk).
        mutating func feed(_ chunk: RecordingChunk) {
            if chunk.samples.indices.contains(channel) { decimator?.process(chunk.samples[channel]) }
        }
    }
}
