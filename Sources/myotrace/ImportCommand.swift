import ArgumentParser
import Foundation
import MyoDetect
import MyoFormats
import MyoStore

/// `myotrace import PERSON FILE...`: analyses recordings and stores them for a person.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Analyse recordings and store them, with their events, for a person.",
        discussion: """
        Each file is analysed as `myotrace analyze` does and stored in one transaction: the \
        recording (content hash, name, format, start, duration, channels), the analysis (settings, \
        version, summary) and its events. A file whose content is stored already with the same \
        settings is skipped without analysing it again; with other settings (--param) the new \
        analysis is kept beside the old one, labelled. A file that fails is reported and the rest \
        go on (the exit status is then 1).

        Examples:
          myotrace import P001 week1/*.edf
          myotrace import P001 night.edf --param emg.maximumBurstDuration=0.25 --label "short bursts"
          myotrace import P001 wrist.cwa --db study.sqlite --json

        Test hook: with MYOTRACE_TEST_PAUSE_AFTER_EVENTS=N in the environment, an import stops \
        after writing N events of a file, inside its transaction, prints a line to standard \
        error and waits to be killed (the crash test uses it).
        """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The person's code.") var person: String

    @Argument(help: "The recordings (any format `myotrace info` reads).") var files: [String]

    @Option(name: .customLong("channel"), help: "Analyse only this channel (label or number; repeatable).")
    var channels: [String] = []

    @Option(name: .customLong("kind"), help: "Set a channel's kind: LABEL=KIND or NUMBER=KIND (repeatable).")
    var kinds: [ChannelKindOverride] = []

    @Option(name: .customLong("param"), help: "Set a detector parameter: NAME=VALUE (repeatable; see analyze --list-params).")
    var params: [String] = []

    @Flag(help: "Do not look for EMG silent periods (negative myoclonus).") var noSilentPeriods = false

    @Flag(help: "Count accelerometer/gyroscope events that no EMG channel saw.") var motionAlone = false

    @Option(help: "A label for this analysis (default: the settings changed from the defaults).") var label: String?

    @Flag(help: "Print one JSON object per file.") var json = false

    /// What happened to one file, for --json.
    struct FileOutcome: Encodable {
        var file: String
        var status: String
        var recordingID: Int64?
        var analysisID: Int64?
        var events: Int?
        var error: String?
    }

    func run() throws {
        var failures = 0
        try reportingErrors {
            var options = AnalysisOptions(channels: channels.isEmpty ? nil : channels, kindOverrides: kinds.map { ($0.channel, $0.kind) })
            try ParameterSettings.apply(params, to: &options)
            if noSilentPeriods { options.emg.detectSilentPeriods = false }
            if motionAlone { options.motionNeedsEMG = false }
            let settings = AnalysisSettings(
                parameters: options.emg.described + options.motion.described,
                choices: [("channels", channels.joined(separator: ",")),
                          ("kinds", kinds.map { "\($0.channel)=\($0.kind)" }.joined(separator: ",")),
                          ("motionAlone", motionAlone ? "true" : "")],
                label: label)
            let s = try store.open()
            _ = try s.person(code: person)  // an unknown person stops here, before any analysis
            let hook = Self.testHook()
            let bar = ProgressBar(label: "importing")
            for (i, file) in files.enumerated() {
                let outcome: FileOutcome
                do {
                    outcome = try importOne(file, store: s, options: options, settings: settings, hook: hook) { f in
                        bar.update((Double(i) + f) / Double(files.count))
                    }
                } catch let error as any UserFacingError {
                    failures += 1
                    outcome = FileOutcome(file: file, status: "failed", error: error.description)
                    if !json { bar.finish(); warn("\(error.description) (skipped; the other files go on)") }
                }
                if json { print(try StoreJSON.text(outcome)) } else if outcome.status != "failed" {
                    bar.finish()
                    print("\(file): \(outcome.status)" + (outcome.events.map { ", \($0) events" } ?? ""))
                }
            }
            bar.finish()
            if !json { print("\(files.count - failures) of \(files.count) files imported for \(person)") }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    private func importOne(_ file: String, store s: Store, options: AnalysisOptions, settings: AnalysisSettings,
                           hook: ((Int) -> Void)?, progress: @escaping (Double) -> Void) throws -> FileOutcome {
        let hash = try SHA256.fileDigest(path: file)
        if case let .known(recordingID, owner, analysisID) = try s.lookup(contentHash: hash, settingsHash: settings.hash,
                                                                          version: MyotraceVersion.string) {
            if owner != person { throw StoreError.recordingOfAnotherPerson(file: file, person: owner) }
            if let analysisID {
                return FileOutcome(file: file, status: "already stored", recordingID: recordingID, analysisID: analysisID)
            }
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? 0
        let reader = try RecordingFile.open(file)
        let result = try RecordingAnalyzer.analyze(reader: reader, options: options, version: MyotraceVersion.string, progress: progress)
        let item = RecordingImport(fileName: file, contentHash: hash, byteCount: size, analysis: result, settings: settings,
                                   start: reader.header.start)
        switch try s.importRecording(person: person, item, afterEvent: hook) {
        case let .stored(r, a, n): return FileOutcome(file: file, status: "stored", recordingID: r, analysisID: a, events: n)
        case let .addedAnalysis(r, a, n):
            return FileOutcome(file: file, status: "new analysis (\(settings.label))", recordingID: r, analysisID: a, events: n)
        case let .alreadyStored(r, a): return FileOutcome(file: file, status: "already stored", recordingID: r, analysisID: a)
        }
    }

    /// The crash-test hook (see the discussion): pause inside the transaction after N events.
    static func testHook() -> ((Int) -> Void)? {
        guard let text = ProcessInfo.processInfo.environment["MYOTRACE_TEST_PAUSE_AFTER_EVENTS"], let n = Int(text), n > 0 else { return nil }
        return { written in
            guard written == n else { return }
            FileHandle.standardError.write(Data("myotrace: test hook: paused after \(n) events inside the import transaction\n".utf8))
            while true { sleep(60) }
        }
    }
}
