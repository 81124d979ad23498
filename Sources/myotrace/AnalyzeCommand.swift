import ArgumentParser
import Foundation
import MyoAnalysis
import MyoDetect
import MyoFormats
import MyoReport
import MyoSignal

/// `myotrace analyze FILE`: finds myoclonic jerks and lapses and writes what was found.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Find myoclonic jerks (positive) and lapses (negative) in a recording.",
        discussion: """
        Runs the EMG detector (bursts of 10-300 ms; silent periods of 50-500 ms in tonic \
        activity) on every EMG channel and the motion detector on every accelerometer or \
        gyroscope sensor, fuses what several channels saw of one event, and prints a summary: \
        counts, rate per minute, duration and intensity, per channel and polarity. Longer \
        activity (voluntary movement, tonic contraction) is reported apart and never counted \
        as a jerk. This is decision support for a clinician, not a diagnosis.

        Examples:
          myotrace analyze Samples/demo_emg_acc_120s.edf
          myotrace analyze night.edf --events events.csv --report report.html
          myotrace analyze rec.bdf --channel "EMG R-FDI" --json result.json
          myotrace analyze export.csv --kind 2=emg --bids sub-01_events.tsv
          myotrace analyze rec.edf --annotate rec_events.edf  (for EDFbrowser)
          myotrace analyze --list-params
          myotrace analyze rec.edf --param emg.maximumBurstDuration=0.25
        """)

    @Argument(help: "The recording (any format `myotrace info` reads).")
    var file: String?

    @Option(name: .customLong("channel"), help: "Analyse only this channel (label or number; repeatable).")
    var channels: [String] = []

    @Option(name: .customLong("kind"), help: "Set a channel's kind: LABEL=KIND or NUMBER=KIND (repeatable).")
    var kinds: [ChannelKindOverride] = []

    @Option(name: .customLong("param"), help: "Set a detector parameter: NAME=VALUE (repeatable; see --list-params).")
    var params: [String] = []

    @Flag(help: "Do not look for EMG silent periods (negative myoclonus).")
    var noSilentPeriods = false

    @Flag(help: "Count accelerometer/gyroscope events that no EMG channel saw (by default EMG, when recorded, is the reference).")
    var motionAlone = false

    @Flag(help: "List the detector parameters with their defaults and sources, then exit.")
    var listParams = false

    @Flag(help: "Score limb movements and PLM on leg EMG even without a hypnogram (indices then per hour of recording).")
    var sleep = false

    @Option(help: "A hypnogram file (annotation-only EDF+, or a table of onset,duration,stage) for sleep scoring.")
    var hypnogram: String?

    @Option(name: .customLong("plm-rules"), help: "Limb-movement rules: aasm (AASM 2016, default) or wasm (WASM 2016).")
    var plmRules: String?

    @Option(help: "Significance test of the back-averaged EEG transient: sign-flip (default) or shuffled-triggers (about 200 times the cutting work).")
    var significance: BackAverager.Parameters.SignificanceTest?

    @Option(help: "Write the events as CSV (onset_s,offset_s,duration_s,polarity,channels,peak,intensity,confidence).")
    var events: String?

    @Option(help: "Write the events and the summary as JSON.")
    var json: String?

    @Option(help: "Write a BIDS events table (…_events.tsv, with its .json sidecar).")
    var bids: String?

    @Option(help: "Write the recording with the events added as EDF+ annotations (.edf or .bdf).")
    var annotate: String?

    @Option(help: "Write a self-contained HTML report.")
    var report: String?

    @Option(help: "Example events in the report's gallery.")
    var gallery = 12

    /// Channel kinds that the characterisation analyses rather than the jerk detectors.
    static let characterisedKinds: Set<ChannelKind> = [.audio, .resp]

    func run() throws {
        try reportingErrors {
            var options = AnalysisOptions(channels: channels.isEmpty ? nil : channels,
                                          kindOverrides: kinds.map { ($0.channel, $0.kind) },
                                          gallerySize: report == nil ? 0 : max(0, gallery))
            try ParameterSettings.apply(params, to: &options)
            if noSilentPeriods { options.emg.detectSilentPeriods = false }
            if motionAlone { options.motionNeedsEMG = false }
            options.otherwiseAnalysedKinds = Self.characterisedKinds
            if listParams {
                print(ParameterSettings.list(options))
                return
            }
            guard let file else { throw ValidationError("name the recording to analyse, e.g. myotrace analyze rec.edf") }
            let reader = try RecordingFile.open(file)
            var characterisationOptions = CharacterisationOptions()
            characterisationOptions.kindOverrides = options.kindOverrides
            characterisationOptions.channels = options.channels
            characterisationOptions.scoreSleep = sleep
            if let hypnogram { characterisationOptions.hypnogram = try HypnogramFile.load(hypnogram) }
            if let plmRules {
                switch plmRules.lowercased() {
                case "aasm", "aasm2016": characterisationOptions.sleep.rules = .aasm2016
                case "wasm", "wasm2016": characterisationOptions.sleep.rules = .wasm2016
                default: throw ValidationError("--plm-rules takes aasm or wasm, not \(plmRules)")
                }
            }
            if let significance { characterisationOptions.backAveraging.significanceTest = significance }
            // The rhythm envelope, clicks and hiccups see the samples during detection's read.
            var pass = CharacterisationPass(header: reader.header, options: characterisationOptions)
            let bar = ProgressBar(label: "analysing")
            var result = try RecordingAnalyzer.analyze(reader: reader, options: options, version: MyotraceVersion.string,
                                                       progress: bar.update, observer: { pass.feed($0) })
            let characterisation = try Characteriser.run(reader: reader, analysis: result, options: characterisationOptions, pass: pass)
            result.parameters += characterisationOptions.parameters(for: characterisation)
            bar.finish()
            print(AnalysisText.render(result, characterisation: CharacterisationText.render(characterisation)))
            if let events { try write(EventExport.csv(result.events), to: events) }
            if let json { try write(AnalysisDocument.json(result: result, characterisation: characterisation), to: json) }
            if let bids {
                try write(EventExport.bidsTSV(result.events), to: bids)
                let sidecar = (bids as NSString).deletingPathExtension + ".json"
                try write(EventExport.bidsSidecar(), to: sidecar)
            }
            if let annotate {
                guard let format = OutputFormat(path: annotate), format != .csv else {
                    throw FormatError.cannotWrite(file: annotate, reason: "name the annotated copy .edf (EDF+) or .bdf (BDF+)")
                }
                _ = try RecordingConverter.convert(reader: reader, to: annotate, format: format,
                                                   annotations: EventExport.annotations(result.events))
            }
            if let report { try write(AnalysisReport.html(result, characterisation: characterisation), to: report) }
        }
    }
}

/// Writes text output, replacing the file only once the new content is complete.
func write(_ text: String, to path: String) throws {
    do {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        throw FormatError.cannotWrite(file: path, reason: error.localizedDescription)
    }
}

/// The summary `analyze` prints.
enum AnalysisText {
    static func render(_ r: AnalysisResult, characterisation: String? = nil) -> String {
        let s = r.summary
        var lines: [String] = []
        let chans = r.channels.map { "\($0.label) (\($0.kind))" }.joined(separator: ", ")
        lines.append("\(r.file): \(String(format: "%.1f", s.analysableMinutes)) min analysed; channels \(chans)")
        var rows: [[String]] = []
        for g in s.groups {
            let name = (g.channel ?? "all channels") + (g.polarity == .positive ? "  jerks (positive)" : "  lapses (negative)")
            rows.append([name, "\(g.count)", String(format: "%.2f", g.ratePerMinute),
                         ms(g.durationMs.median), iqr(g.durationMs), num(g.intensity.median),
                         g.peak?.median.map { String(format: "%.4g ", $0) + (g.unit ?? "") } ?? ""])
        }
        lines += InfoText.table(header: ["", "events", "per min", "median ms", "IQR ms", "intensity", "median peak"],
                                rows: rows, rightAligned: [1, 2, 3, 4, 5, 6]).map { "  " + $0 }
        if s.negativeCount > 0 {
            lines.append("  silent periods by duration: " + SummaryBuilder.silentPeriodBins.map { "\($0.label) ms: \(s.silentPeriodBins[$0.label] ?? 0)" }.joined(separator: ", "))
        }
        lines.append("  long activity set aside (not counted as jerks): \(s.longActivityCount)")
        for w in r.warnings { lines.append("  warning: \(w)") }
        if let characterisation { lines.append(characterisation) }
        lines.append("Decision support for a clinician: counts and timings of muscle events, not a diagnosis.")
        return lines.joined(separator: "\n")
    }

    private static func ms(_ x: Double?) -> String { x.map { String(format: "%.0f", $0) } ?? "-" }
    private static func num(_ x: Double?) -> String { x.map { String(format: "%.2f", $0) } ?? "-" }
    private static func iqr(_ d: Distribution) -> String {
        guard let a = d.p25, let b = d.p75 else { return "-" }
        return String(format: "%.0f-%.0f", a, b)
    }
}

/// `--significance sign-flip|shuffled-triggers`: parsed, and an unknown name refused, before any work.
extension BackAverager.Parameters.SignificanceTest: ExpressibleByArgument {}
