import MyoDetect
import MyoFormats
import MyoSignal

/// Runs the characterisations that fit a recording's channels.
///
/// The analyses that need each sample once and nothing from detection (the rhythm envelope,
/// clicks, hiccups) live in a ``CharacterisationPass``, which the caller may feed during the
/// detection pass; otherwise `run` reads the recording once more for them. Back-averaging and
/// coherence need the detected jerks (and the EMG channel that saw the most), so they are fed
/// after detection, in one read with the rhythm envelope when that needs one (``CortexFeeds``);
/// sleep scoring reads the leg channels itself. None asks the detectors to keep signals, so
/// memory stays bounded by each analysis's own window whatever the recording's length.
/// Complexity: O(samples of the channels analysed).
public enum Characteriser {
    /// Characterises the recording behind `reader`, given the events `analysis` found in it.
    /// - Parameter pass: the streaming analyses, already fed every chunk of the recording (by
    ///   the detection pass), made with the same `options`; `nil` to read the recording for them here.
    /// - Throws: reading errors from `reader`; an analysis that cannot run on one channel (too
    ///   short, rate too low) becomes a warning, not an error, so the other parts still come out.
    public static func run(reader: any RecordingReader, analysis: AnalysisResult,
                           options: CharacterisationOptions = .init(), pass fedPass: CharacterisationPass? = nil) throws -> Characterisation {
        let header = applyingOverrides(options, to: reader.header)
        let chosen = chosenChannels(options, in: header)
        var result = Characterisation()
        var pass = fedPass ?? CharacterisationPass(header: reader.header, options: options)
        let passNeedsRead = fedPass == nil && pass.needsSamples

        // The EMG channel that saw the most jerks gives the envelope for the rhythm analysis. The
        // pass follows it when it is the one EMG channel; otherwise it is read here.
        let emgIndices = chosen.filter { header.channels[$0].kind == .emg }
        let busiest = emgIndices.max { a, b in
            jerkCount(analysis.events, label: header.channels[a].label) < jerkCount(analysis.events, label: header.channels[b].label)
        }
        var busiestEnvelope = pass.envelope == nil
            ? busiest.map { CharacterisationPass.Envelope(channel: $0, header: header, parameters: options.rhythm) } : nil
        // Back-averaging and coherence (when the recording has EEG) lock on that channel's jerks;
        // what still needs samples after detection shares one read.
        let busiestLabel = busiest.map { header.channels[$0].label }
        let cortex = CortexFeeds(analysis: analysis, emgLabel: busiestLabel, header: reader.header, path: reader.path, options: options)
        let envelopeNeedsRead = busiestEnvelope?.decimator != nil
        let readNeeded = { passNeedsRead || envelopeNeedsRead || cortex.needsSamples }
        if readNeeded() {
            try reader.rewind()
            while readNeeded(), let chunk = try reader.nextChunk() {
                if passNeedsRead { pass.feed(chunk) }
                busiestEnvelope?.feed(chunk)
                cortex.feed(chunk)
            }
        }
        let envelope = pass.envelope ?? busiestEnvelope
        if let busiestLabel, let error = envelope?.error {
            result.warnings.append("rhythm of the envelope of \(busiestLabel): \(error)")
        }
        result.warnings += pass.warnings
        if !pass.clickDetectors.isEmpty {
            var found: [ClickAnalysis] = []
            for k in pass.clickDetectors.indices {
                do { found.append(try pass.clickDetectors[k].detector.finish()) } catch { result.warnings.append("\(error)") }
            }
            result.clicks = found
        }
        if !pass.hiccupDetectors.isEmpty {
            var found: [HiccupAnalysis] = []
            for k in pass.hiccupDetectors.indices {
                do { found.append(try pass.hiccupDetectors[k].detector.finish()) } catch { result.warnings.append("\(error)") }
            }
            result.hiccups = found
        }
        try characteriseJerks(analysis: analysis, emgEnvelope: envelope?.decimator, emgRecorded: busiest != nil,
                              cortex: cortex, reader: reader, options: options, into: &result)
        try scoreSleep(reader: reader, header: header, chosen: chosen, analysis: analysis, options: options, into: &result)
        return result
    }

    /// `header` with the kind overrides of `options` applied (unknown channels are left alone:
    /// detection has already reported them).
    static func applyingOverrides(_ options: CharacterisationOptions, to header: RecordingHeader) -> RecordingHeader {
        var header = header
        for override in options.kindOverrides {
            if let index = header.channelIndex(named: override.channel) { header.channels[index].kind = override.kind }
        }
        return header
    }

    /// The indices of the channels `options` chooses, every channel by default.
    static func chosenChannels(_ options: CharacterisationOptions, in header: RecordingHeader) -> [Int] {
        options.channels.map { names in names.compactMap { header.channelIndex(named: $0) } } ?? Array(header.channels.indices)
    }

    /// Rhythm of the events (with the envelope of the EMG channel that saw the most jerks) and,
    /// when EMG was recorded, the origin hint.
    private static func characteriseJerks(analysis: AnalysisResult, emgEnvelope: EnvelopeDecimator?,
                                          emgRecorded: Bool, cortex: CortexFeeds, reader: any RecordingReader, options: CharacterisationOptions,
                                          into result: inout Characterisation) throws {
        if !analysis.events.isEmpty || emgEnvelope != nil {
            do {
                var accumulator = emgEnvelope?.rhythm
                result.rhythm = try RhythmAnalyzer(parameters: options.rhythm).analyze(
                    events: analysis.events, durationSeconds: analysis.durationSeconds, envelopeRhythm: accumulator?.finish())
            } catch {
                result.warnings.append("rhythm: \(error)")
            }
        }
        guard emgRecorded else { return }
        cortex.finish(into: &result)
        let transients = result.backAveraging?.backAveraging.filter { $0.status == .ok }
        let preJerkTransient = transients.flatMap { $0.isEmpty ? nil : $0.contains(where: \.transientFound) }
        let bereitschaft = transients.flatMap { $0.isEmpty ? nil : $0.contains(where: \.bereitschaftspotential.present) }
        do {
            result.origin = try OriginAnalyzer(parameters: options.origin).analyze(
                events: analysis.events, annotations: try reader.annotations(), montage: options.montage,
                rhythm: result.rhythm, preJerkTransient: preJerkTransient, bereitschaftspotential: bereitschaft)
        } catch let error as OriginError {
            result.warnings.append("origin: \(error)")
        }
    }

    private static func jerkCount(_ events: [MyoclonicEvent], label: String) -> Int {
        events.reduce(0) { $0 + ($1.polarity == .positive && $1.channels.contains(where: { $0.channel == label }) ? 1 : 0) }
    }

    /// Limb movements and PLM to the chosen rules when the recording has leg EMG and a hypnogram
    /// (its own stage annotations or a separate file), or when asked to score without one.
    private static func scoreSleep(reader: any RecordingReader, header: RecordingHeader, chosen: [Int], analysis: AnalysisResult,
                                   options: CharacterisationOptions, into result: inout Characterisation) throws {
        let legs = SleepAnalyzer.legChannels(in: header).filter(chosen.contains)
        guard !legs.isEmpty else { return }
        let hypnogram = try options.hypnogram ?? Hypnogram(annotations: reader.annotations())
        guard !hypnogram.isEmpty || options.scoreSleep else { return }
        let analyzer = SleepAnalyzer(parameters: options.sleep)
        do {
            let emgBursts = analysis.events.flatMap(\.channels).filter { $0.source == .emgBurst }
            result.sleep = try analyzer.analyze(reader: reader, legChannels: legs, hypnogram: hypnogram, bursts: emgBursts)
            result.sleepParameters = analyzer.described
        } catch let error as SleepError {
            result.warnings.append("sleep: \(error)")
        }
    }
}
