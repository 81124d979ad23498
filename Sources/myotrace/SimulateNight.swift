import Foundation
import MyoAnalysis
import MyoDetect
import MyoFormats

extension SimulateCommand {
    /// The night's settings from the options: --duration, --seed, --emg-rate,
    /// --fragmentary-per-minute, --respiratory-per-hour.
    func nightSettings() throws -> NightConfig {
        var c = NightConfig()
        if let duration { c.durationSeconds = duration }
        if let seed { c.seed = seed }
        if let emgRate { c.sampleRate = emgRate }
        if let fragmentaryPerMinute { c.fragmentary.perMinuteOfNREM = fragmentaryPerMinute }
        if let respiratoryPerHour { c.respiratory.perHourOfSleep = respiratoryPerHour }
        try c.validate()
        return c
    }

    /// `simulate --night`: streams a simulated night to EDF+/BDF+ (hypnogram and respiratory
    /// events as annotations) and, with --truth, the truth table with PLM membership (AASM 2016).
    func runNight() throws {
        let c = try nightSettings()
        if printConfig {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(c), as: UTF8.self))
            return
        }
        guard let output else { return }
        let format: OutputFormat = bdf || OutputFormat(path: output) == .bdfPlus ? .bdfPlus : .edfPlus
        for path in [output] + (truth.map { [$0] } ?? []) where !force && FileManager.default.fileExists(atPath: path) {
            throw FormatError.cannotWrite(file: path, reason: "it exists already (pass --force to overwrite)")
        }
        let recording = try SimulatedNight(config: c)
        let bar = ProgressBar(label: "simulating night")
        let written = try RecordingConverter.convert(reader: recording, to: output, format: format, progress: bar.update, warnings: warn)
        bar.finish()
        let scored = SleepAnalyzer().score(truth: recording.truth, annotations: try recording.annotations(),
                                           recordingSeconds: c.durationSeconds, legLabels: Array(recording.labels.prefix(2)))
        if let truth {
            try write(SleepTruthTable.csv(truth: recording.truth, scored: scored), to: truth)
        }
        print("wrote \(format) \(written.joined(separator: ", ")): \(recording.header.channels.count) channels, "
              + "\(String(format: "%.0f", c.durationSeconds)) s, seed \(c.seed); \(recording.truth.legMovements.count) leg movements, "
              + "\(scored.lmCount) LMs, \(scored.plmCount) PLMS (index \(String(format: "%.1f", scored.plmIndex))/h of sleep), "
              + "\(recording.truth.hypnicJerks.count) hypnic jerks, \(recording.truth.fragmentaryBursts.count) fragmentary bursts"
              + (truth.map { "; truth in \($0)" } ?? ""))
    }
}
