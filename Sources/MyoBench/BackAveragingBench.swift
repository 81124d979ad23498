import Foundation
import MyoAnalysis
import MyoDetect
import MyoFormats
import MyoSignal

/// `MyoBench backavg FILE [--repeats N]`: the cost of jerk-locked back-averaging and EEG-EMG
/// coherence against the cost of reading the file.
///
/// Triggers are the file's `myoclonus_positive` annotations (a simulated recording's truth)
/// when it has them, else the jerks the EMG detector finds. Reports the best of N runs of: a
/// plain streaming read; back-averaging and coherence each streaming through the reader (which
/// includes their own read); both on the recording already in memory (their computation
/// alone); and the whole characterisation after detection as `myotrace analyze` runs it, with its
/// one read (`characterisationReads`: that time in reads of the file).
func backAveragingBenchmark(path: String, repeats: Int) throws {
    func best(_ body: () throws -> Void) rethrows -> Double {
        var fastest = Double.infinity
        for _ in 0..<max(1, repeats) {
            let t0 = now()
            try body()
            fastest = min(fastest, now() - t0)
        }
        return fastest
    }
    _ = try streamingPass(path)  // warm the page cache
    let read = try best { _ = try streamingPass(path) }
    let header = try RecordingFile.open(path).header
    guard let emg = header.channels.first(where: { $0.kind == .emg }) else {
        FileHandle.standardError.write(Data("MyoBench: no EMG channel in \(path)\n".utf8))
        exit(1)
    }
    let averager = BackAverager()
    // Detection once: the triggers when the file has no jerk annotations, and the events the
    // whole characterisation below starts from.
    let analysis = try RecordingAnalyzer.analyze(reader: RecordingFile.open(path), version: "bench")
    let annotated = try RecordingFile.open(path).annotations().filter { $0.text == "myoclonus_positive" }.map(\.onset)
    let triggers = annotated.isEmpty
        ? averager.triggers(from: analysis.events)
        : averager.triggers(fromTimes: annotated, source: "annotations")
    var back: BackAveragingResult?
    let backStreaming = try best { back = try averager.analyze(reader: RecordingFile.open(path), triggers: triggers) }
    var coherence: CoherenceResult?
    let coherenceStreaming = try best { coherence = try CoherenceAnalyzer().analyze(reader: RecordingFile.open(path), emgChannel: emg.label) }
    // The whole characterisation as `myotrace analyze` runs it after detection: its one read
    // (back-averaging, coherence and the busiest channel's envelope), rhythm and origin.
    let characterisation = try best { _ = try Characteriser.run(reader: RecordingFile.open(path), analysis: analysis) }
    let recording = try RecordingFile.read(path)
    let eeg = recording.signals(of: .eeg)
    let emgSignal = recording.signals.first { $0.kind == .emg }
    let backMemory = try best { _ = try averager.analyze(signals: eeg, triggers: triggers) }
    let coherenceMemory = try best { if let emgSignal { _ = try CoherenceAnalyzer().analyze(eeg: eeg, emg: emgSignal) } }
    let hours = header.duration / 3600
    emit(["benchmark": "backavg", "file": (path as NSString).lastPathComponent, "recordingHours": hours,
          "channels": header.channels.count, "eegChannels": eeg.count, "triggers": triggers.times.count,
          "readSeconds": read, "backAveragingStreamingSeconds": backStreaming, "coherenceStreamingSeconds": coherenceStreaming,
          "backAveragingComputeSeconds": backMemory, "coherenceComputeSeconds": coherenceMemory,
          "computeFractionOfRead": (backMemory + coherenceMemory) / max(read, 1e-9),
          "characterisationSeconds": characterisation, "characterisationReads": characterisation / max(read, 1e-9),
          "transientsFound": back?.backAveraging.filter(\.transientFound).map(\.channel) ?? [],
          "coherenceSignificant": coherence?.coherence.filter(\.significant).map(\.channel) ?? [],
          "repeats": repeats, "peakResidentKiB": peakResidentKiB()])
}
