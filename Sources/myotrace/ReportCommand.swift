import ArgumentParser
import Foundation
import MyoReport
import MyoStore

/// `myotrace report PERSON --out report.html`: the clinician's follow-up report from the store.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a person's follow-up report (HTML, prints on A4) from the store.",
        discussion: """
        One self-contained page: the person's code and summary, red flags first, the event rate \
        per hour over time with treatments and the diary on the same axis (the diary apart), the \
        treatment response with its 95 % interval, the latest assessment, duration and intensity \
        distributions, and example traces. The store keeps events, not signals: give the folders \
        that hold the source recordings with --sources to show raw traces (a file is used only \
        when its content matches what was imported). Decision support, not a diagnosis.

        Examples:
          myotrace report P001 --out P001.html
          myotrace report P001 --out P001.html --sources recordings/ --minimum-hours 0.1
        """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The person's code.") var person: String
    @Option(help: "The HTML file to write (replaced only once complete).") var out: String
    @Option(name: .customLong("sources"), help: "A folder holding source recordings, for example traces (repeatable).")
    var sources: [String] = []
    @OptionGroup var trendOptions: TrendSettings

    func run() throws {
        try reportingErrors {
            let data = try CareReportData.load(store: try store.open(), person: person, trendOptions: try trendOptions.options(),
                                               sourceFolders: sources)
            try write(CareReport.html(data, generatedAt: WallClock.isoString(WallClock.now()).replacingOccurrences(of: "T", with: " ")),
                      to: out)
            print("wrote the report for \(person) to \(out)")
        }
    }
}

/// The trend's windows and thresholds, shared by `trend`, `report` and `export`.
struct TrendSettings: ParsableArguments {
    @Option(help: "Days in the recent window of the change test.") var recentDays = 7
    @Option(help: "Days of baseline before the recent window.") var baselineDays = 28
    @Option(help: "The change test's false-alarm rate.") var alpha = 0.05
    @Option(help: "Days before and after a treatment start.") var responseDays = 28
    @Option(help: "Hours of signal each window needs for a test.") var minimumHours = 1.0

    /// The options, checked.
    func options() throws -> TrendOptions {
        var o = TrendOptions()
        o.recentDays = recentDays
        o.baselineDays = baselineDays
        o.alpha = alpha
        o.responseDays = responseDays
        o.minimumHours = minimumHours
        try o.validate()
        return o
    }
}
