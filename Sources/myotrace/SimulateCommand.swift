import ArgumentParser
import Foundation
import MyoDetect
import MyoFormats

/// `myotrace simulate OUT.edf`: a recording with exact ground truth, streamed to EDF+ or BDF+.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Write a simulated EMG + accelerometer recording with exact ground truth.",
        discussion: """
        Simulates surface EMG (band-limited noise whose RMS envelope sums tonic posture, jerk \
        bursts and voluntary contractions) and a wrist accelerometer, with myoclonic jerks, \
        silent periods (negative myoclonus), voluntary contractions, optional rhythmic runs and \
        walking, and artefacts (mains hum, baseline wander, ECG, electrode pops). The same seed \
        gives the same file on every machine. The truth is stored as EDF+ annotations \
        (myoclonus_positive, myoclonus_negative, voluntary_contraction, tonic, walking, \
        electrode_pop) and, with --truth, as a CSV with the columns \
        onset_s,duration_s,kind,amplitude,acc_onset_s,acc_peak_g and one latency_ms_<label> per \
        EMG channel. Generation streams, so a 24-hour file needs only a few megabytes of memory.

        Examples:
          myotrace simulate sim.edf                               10 minutes, seed 1
          myotrace simulate sim.edf --truth sim_truth.csv         with the truth table
          myotrace simulate day.bdf --bdf --duration 86400        24 hours as 24-bit BDF+
          myotrace simulate ecg.edf --seed 3 --ecg-uv 40          with an ECG artefact of 40 µV
          myotrace simulate walk.edf --walking --gyroscope        walking bouts, with a gyroscope
          myotrace simulate us.edf --mains 60 --emg-rate 2000     60 Hz mains, EMG at 2 kHz
          myotrace simulate run.edf --rhythmic-runs 20 --rhythmic-hz 4
          myotrace simulate cort.edf --preset cortical            10-50 ms bursts (see --preset)
          myotrace simulate slow.edf --burst-ms 120-250 --spread-velocity 5
          myotrace simulate night.edf --night --truth night.csv   an 8-hour PSG night with PLM
          myotrace simulate eeg.edf --eeg --transient-latency-ms -20 --transient-uv 8
          myotrace simulate fn.edf --eeg --transient-uv 0 --bereitschaft
          myotrace simulate --print-config > sim.json             every setting, to edit
          myotrace simulate custom.edf --config sim.json          settings from a file
          myotrace simulate week2.edf --start 2024-01-08T08:00:00Z a later start date

        A --config file needs only the settings it changes, e.g. \
        {"positive": {"ratePerMinute": 20}, "emg": {"muscles": [{"label": "EMG L-Deltoid"}, \
        {"label": "EMG L-Biceps", "distanceCm": 20}]}}. Options given on the command line \
        override the file.
        """)

    @Argument(help: "The file to write (.edf for EDF+, .bdf for BDF+).")
    var output: String?

    @Flag(help: "Write 24-bit BDF+ (default: from OUT's extension, else EDF+).")
    var bdf = false

    @Option(help: "Seconds of recording.")
    var duration: Double?

    @Option(help: "Random seed (0 or more).")
    var seed: UInt64?

    @Option(help: "A JSON file of settings (see --print-config).")
    var config: String?

    @Option(help: "The recording's start date and time, ISO 8601, e.g. 2024-01-01T08:00:00Z.")
    var start: String?

    @Option(help: "Also write the ground truth as CSV to this path.")
    var truth: String?

    @Option(name: .customLong("rate-per-minute"), help: "Positive jerks per minute.")
    var ratePerMinute: Double?

    @Option(name: .customLong("negative-per-minute"), help: "Silent periods per minute of tonic posture.")
    var negativePerMinute: Double?

    @Option(name: .customLong("voluntary-per-minute"), help: "Voluntary contractions per minute.")
    var voluntaryPerMinute: Double?

    @Option(name: .customLong("ecg-uv"), help: "ECG QRS artefact peak in µV (0 = none).")
    var ecgUV: Double?

    @Option(name: .customLong("heart-rate"), help: "Heart rate of the ECG artefact, beats per minute.")
    var heartRate: Double?

    @Option(help: "Mains frequency, 50 or 60 Hz.")
    var mains: Double?

    @Option(name: .customLong("pops-per-hour"), help: "Electrode pops per hour.")
    var popsPerHour: Double?

    @Option(name: .customLong("rhythmic-runs"), help: "Rhythmic runs of bursts per hour.")
    var rhythmicRuns: Double?

    @Option(name: .customLong("rhythmic-hz"), help: "Burst rate inside a rhythmic run, Hz.")
    var rhythmicHz: Double?

    @Flag(help: "Add walking bouts (accelerometer).")
    var walking = false

    @Flag(help: "Add a 3-axis gyroscope.")
    var gyroscope = false

    @Option(name: .customLong("emg-rate"), help: "EMG sample rate, Hz (250-4000).")
    var emgRate: Double?

    @Option(name: .customLong("acc-rate"), help: "Accelerometer sample rate, Hz (10-1000).")
    var accRate: Double?

    @Option(help: ArgumentHelp("Start from a preset: \(SimulationPreset.allCases.map(\.rawValue).joined(separator: ", ")).",
                               discussion: SimulationPreset.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "; ")))
    var preset: String?

    @Option(name: .customLong("burst-ms"), help: "Jerk burst durations LO-HI in ms, e.g. 10-50.")
    var burstMs: String?

    @Option(name: .customLong("spread-velocity"), help: "Spread velocity between muscles, m/s.")
    var spreadVelocity: Double?

    @Flag(help: "Simulate a night of sleep instead: tibialis L/R and chin EMG at --emg-rate (default 500 Hz), a hypnogram, PLM series, hypnic jerks (default 8 hours).")
    var night = false

    @Option(name: .customLong("fragmentary-per-minute"), help: "With --night: fragmentary myoclonus bursts per minute of NREM sleep.")
    var fragmentaryPerMinute: Double?

    @Option(name: .customLong("respiratory-per-hour"), help: "With --night: respiratory events (Hypopnea) per hour of sleep.")
    var respiratoryPerHour: Double?

    @Flag(help: "Add scalp EEG channels (C3, Cz, C4) with a cortical transient before each jerk.")
    var eeg = false

    // Unconditional parsing lets the value be negative (-20) without an "=".
    @Option(name: .customLong("transient-latency-ms"), parsing: .unconditional,
            help: "EEG transient peak relative to the EMG onset, ms (negative = before; default -20, Shibasaki 1992).")
    var transientLatencyMs: Double?

    @Option(name: .customLong("transient-uv"), help: "EEG transient peak, µV (0 = no transient).")
    var transientUV: Double?

    @Flag(help: "Add a Bereitschaftspotential (slow negativity from 1.2 s before each jerk) to the EEG.")
    var bereitschaft = false

    @Flag(help: "Print the full settings as JSON and exit.")
    var printConfig = false

    @Flag(help: "Overwrite OUT and the truth file if they exist.")
    var force = false

    func validate() throws {
        if !printConfig, output == nil { throw ValidationError("give the file to write, e.g. myotrace simulate sim.edf") }
        _ = try chosenPreset()
        _ = try burstRange()
        if let output, !bdf, OutputFormat(path: output) == .csv {
            throw ValidationError("simulate writes EDF+ or BDF+; name the file .edf or .bdf")
        }
    }

    /// The preset named by --preset, if any.
    func chosenPreset() throws -> SimulationPreset? {
        guard let preset else { return nil }
        guard let p = SimulationPreset(rawValue: preset.lowercased()) else {
            throw ValidationError("unknown preset \"\(preset)\"; choose one of \(SimulationPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return p
    }

    /// The range given by --burst-ms ("10-50"), if any.
    func burstRange() throws -> ClosedRange<Double>? {
        guard let burstMs else { return nil }
        let parts = burstMs.split(separator: "-").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo.isFinite, hi.isFinite, lo <= hi else {
            throw ValidationError("--burst-ms takes LO-HI in ms, e.g. 10-50 (got \"\(burstMs)\")")
        }
        return lo...hi
    }

    /// The settings: defaults (or the --preset), then the --config file, then the options.
    func settings() throws -> SimulationConfig {
        var c = SimulationConfig()
        if let p = try chosenPreset() { c = .preset(p) }
        if let config {
            guard let data = FileManager.default.contents(atPath: config) else {
                throw FormatError.cannotOpen(file: config, reason: "cannot read the file")
            }
            c = try SimulationConfig.decode(json: data, over: c)
        }
        if let duration { c.durationSeconds = duration }
        if let seed { c.seed = seed }
        if let start { c.startDate = start }
        if let ratePerMinute { c.positive.ratePerMinute = ratePerMinute }
        if let negativePerMinute { c.negative.ratePerMinuteOfTonic = negativePerMinute }
        if let voluntaryPerMinute { c.voluntary.ratePerMinute = voluntaryPerMinute }
        if let ecgUV { c.artefacts.ecgUV = ecgUV }
        if let heartRate { c.artefacts.heartRateBPM = heartRate }
        if let mains { c.artefacts.mainsHz = mains }
        if let popsPerHour { c.artefacts.electrodePopsPerHour = popsPerHour }
        if let rhythmicRuns { c.rhythmic.runsPerHour = rhythmicRuns }
        if let rhythmicHz { c.rhythmic.rateHz = rhythmicHz }
        if walking { c.walking.enabled = true }
        if gyroscope { c.motion.gyroscope = true }
        if let emgRate { c.emg.sampleRate = emgRate }
        if let range = try burstRange() { c.positive.durationMs = range }
        if let spreadVelocity { c.emg.spreadVelocity = spreadVelocity }
        if let accRate { c.motion.sampleRate = accRate }
        if eeg { c.eeg.enabled = true }
        if let transientLatencyMs { c.eeg.transient.latencyMs = transientLatencyMs }
        if let transientUV { c.eeg.transient.amplitudeUV = transientUV }
        if bereitschaft { c.eeg.bereitschaft.enabled = true }
        try c.validate()
        return c
    }

    func run() throws {
        try reportingErrors {
            if night { try runNight(); return }
            let c = try settings()
            if printConfig { print(try c.json()); return }
            guard let output else { return }
            let format: OutputFormat = bdf || OutputFormat(path: output) == .bdfPlus ? .bdfPlus : .edfPlus
            for path in [output] + (truth.map { [$0] } ?? []) where !force && FileManager.default.fileExists(atPath: path) {
                throw FormatError.cannotWrite(file: path, reason: "it exists already (pass --force to overwrite)")
            }
            let recording = try SimulatedRecording(config: c)
            let bar = ProgressBar(label: "simulating")
            let written = try RecordingConverter.convert(
                reader: recording, to: output, format: format, progress: bar.update,
                warnings: warn)
            bar.finish()
            if let truth {
                try write(SimulationTruthTable.csv(recording.truth, channelLabels: recording.emgLabels), to: truth)
            }
            let counts = ["positive", "negative", "voluntary"].map { k in "\(recording.truth.filter { $0.kind == k }.count) \(k)" }
            print("wrote \(format) \(written.joined(separator: ", ")): \(recording.header.channels.count) channels, "
                  + "\(String(format: "%.3f", c.durationSeconds)) s, seed \(c.seed); events: \(counts.joined(separator: ", "))"
                  + (truth.map { "; truth in \($0)" } ?? ""))
        }
    }
}
