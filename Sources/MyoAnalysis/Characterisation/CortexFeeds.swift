import MyoDetect
import MyoFormats

/// Back-averaging of the EEG on the jerks of one EMG channel, and the EEG's coherence with that
/// channel, fed the chunks of the one read that ``Characteriser`` shares among its analyses
/// after detection (the rhythm envelope's too), rather than a read of their own each.
///
/// Neither starts when the recording has no EEG channel or no EMG channel saw jerks. Bad
/// parameters or channels stop both and become a warning, as when each read for itself.
/// Memory: that of the two analyses (one chunk, the longest epoch and the Welch segment per
/// channel, the averages and spectra).
struct CortexFeeds {
    private(set) var backAveraging: BackAverager.Feed?
    private(set) var coherence: CoherenceAnalyzer.Feed?
    /// Why they could not start.
    private(set) var error: BackAveragingError?

    init(analysis: AnalysisResult, emgLabel: String?, header: RecordingHeader, path: String, options: CharacterisationOptions) {
        guard let emgLabel, header.channels.contains(where: { $0.kind == .eeg }) else { return }
        let averager = BackAverager(parameters: options.backAveraging)
        do throws(BackAveragingError) {
            backAveraging = try averager.feed(header: header, path: path, triggers: averager.triggers(from: analysis.events, channel: emgLabel))
            coherence = try CoherenceAnalyzer(parameters: options.coherence).feed(header: header, path: path, emgChannel: emgLabel)
        } catch {
            self.error = error
        }
    }

    /// Whether a chunk not yet fed could still change a result.
    var needsSamples: Bool { !(backAveraging?.isDone ?? true) || (coherence?.needsSamples ?? false) }

    /// Adds the next chunk of the recording (chunks in order from the start).
    func feed(_ chunk: RecordingChunk) {
        backAveraging?.feed(chunk)
        coherence?.feed(chunk)
    }

    /// Puts the results, or the warning, into `result`.
    func finish(into result: inout Characterisation) {
        if let backAveraging { result.backAveraging = backAveraging.finish() }
        if let coherence { result.coherence = coherence.finish() }
        if let error { result.warnings.append("back-averaging: \(error)") }
    }
}
