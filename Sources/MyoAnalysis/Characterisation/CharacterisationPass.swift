import MyoFormats

/// The parts of a characterisation that need every sample of a channel once, in order, and
/// nothing from detection: the rhythm envelope of each EMG channel, the click detector of each
/// audio channel and the hiccup detector of each respiration channel.
///
/// Why a value of its own: `myotrace analyze` hands it every chunk of the detection pass
/// (``RecordingAnalyzer/analyze(reader:options:version:progress:observer:)``), so that
/// ``Characteriser/run(reader:analysis:options:pass:)`` does not read the file a second time for
/// them. Which EMG channel's envelope the rhythm analysis uses (the one that saw the most jerks)
/// is known only after detection, so every EMG channel gets an envelope here; each costs a
/// block sum per sample and memory that does not grow with the recording. Fed the same chunks,
/// it gives the same values as a pass of its own, bit for bit.
/// Complexity: O(samples of the channels it follows); memory O(channels · segment).
public struct CharacterisationPass: Sendable {
    /// Per EMG channel (index in the recording): its envelope, or `nil` and why it could not be made.
    var envelopes: [(index: Int, decimator: EnvelopeDecimator?, error: RhythmError?)] = []
    var clickDetectors: [(index: Int, detector: ClickDetector)] = []
    var hiccupDetectors: [(index: Int, detector: HiccupDetector)] = []
    /// Detectors that could not be set up, in channel order.
    var warnings: [String] = []

    /// Sets up the analyses that fit the channels of `header` that `options` chooses (after its
    /// kind overrides).
    public init(header recordingHeader: RecordingHeader, options: CharacterisationOptions = .init()) {
        let header = Characteriser.applyingOverrides(options, to: recordingHeader)
        for index in Characteriser.chosenChannels(options, in: header) {
            let channel = header.channels[index]
            do {
                switch channel.kind {
                case .emg:
                    do {
                        envelopes.append((index, try EnvelopeDecimator(sampleRate: channel.sampleRate, parameters: options.rhythm), nil))
                    } catch {
                        envelopes.append((index, nil, error))
                    }
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
        envelopes.contains { $0.decimator != nil }
            || !clickDetectors.isEmpty || !hiccupDetectors.isEmpty
    }

    /// Feeds the next chunk of the recording (chunks in order from the start). O(chunk).
    public mutating func feed(_ chunk: RecordingChunk) {
        for k in envelopes.indices {
            let channel = envelopes[k].index
            if chunk.samples.indices.contains(channel) { envelopes[k].decimator?.process(chunk.samples[channel]) }
        }
        for k in clickDetectors.indices {
            let channel = clickDetectors[k].index
            if chunk.samples.indices.contains(channel) { clickDetectors[k].detector.process(chunk.samples[channel]) }
        }
        for k in hiccupDetectors.indices {
            let channel = hiccupDetectors[k].index
            if chunk.samples.indices.contains(channel) { hiccupDetectors[k].detector.process(chunk.samples[channel]) }
        }
    }
}
