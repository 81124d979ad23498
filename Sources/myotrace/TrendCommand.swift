import ArgumentParser
import Foundation
import MyoStore

/// `myotrace trend PERSON`: event rates over time, the change test and treatment responses.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Show a person's event rate per day and week, the diary, red flags and treatment response.",
        discussion: """
        Rates are events per hour of analysable signal (so a short recording does not look calm), \
        from the latest analysis of each recording; diary entries are shown apart. The change \
        test compares the last --recent-days (ending on the last recorded day) with the \
        --baseline-days before them by an exact conditional binomial test of two Poisson rates \
        (one-sided); p below --alpha raises the "see a provider" red flag. Treatment response is \
        the rate ratio after/before each treatment start (--response-days each side) with an \
        exact 95 % interval and the hours it rests on. Assumptions: Poisson counts, independent \
        events, a constant rate within each window; clustered jerks (overdispersion) make the \
        test too eager, so a flag is a reason to ask a provider, not proof.

        Examples:
          myotrace trend P001
          myotrace trend P001 --json
          myotrace trend P001 --recent-days 14 --baseline-days 56
        """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The person's code.") var person: String
    @OptionGroup var trendSettings: TrendSettings
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try reportingErrors {
            let trend = try store.open().trend(person: person, options: try trendSettings.options())
            print(json ? try StoreJSON.text(trend) : TrendText.render(trend))
        }
    }
}

/// The text form of `trend`.
enum TrendText {
    static func render(_ t: TrendReport) -> String {
        var lines: [String] = []
        for flag in t.redFlags { lines.append("RED FLAG: \(flag)") }
        lines.append("\(t.person): events per hour of analysable signal")
        func rows(_ points: [RatePoint]) -> [[String]] {
            points.map { p in [p.date, "\(p.recordings)", String(format: "%.2f", p.hours), "\(p.jerks)", "\(p.lapses)",
                               p.eventsPerHour.map { String(format: "%.1f", $0) } ?? "-"] }
        }
        let header = ["", "recordings", "hours", "jerks", "lapses", "events/h"]
        lines.append("  per week (Monday)")
        lines += InfoText.table(header: header, rows: rows(t.weeks), rightAligned: [1, 2, 3, 4, 5]).map { "    " + $0 }
        lines.append("  per day")
        lines += InfoText.table(header: header, rows: rows(t.days), rightAligned: [1, 2, 3, 4, 5]).map { "    " + $0 }
        if t.undatedRecordings > 0 { lines.append("  \(t.undatedRecordings) recordings without a start time are not in the rates") }
        if !t.diary.isEmpty {
            lines.append("  diary (what was noticed, apart from the measured events)")
            lines += InfoText.table(header: ["", "entries", "mean intensity", "max"],
                                    rows: t.diary.map { [$0.date, "\($0.entries)", String(format: "%.1f", $0.meanIntensity), "\($0.maxIntensity)"] },
                                    rightAligned: [1, 2, 3]).map { "    " + $0 }
        }
        if let c = t.change {
            lines.append("  change: \(c.recentFrom)..\(c.recentTo) (\(c.recentEvents) events in \(String(format: "%.1f", c.recentHours)) h) against "
                         + "\(c.baselineFrom)..\(c.baselineTo) (\(c.baselineEvents) in \(String(format: "%.1f", c.baselineHours)) h)")
            if let p = c.pValue {
                lines.append("    rate ratio \(ratio(c.rateRatio)) (95 % CI \(ratio(c.rateRatioLower))-\(ratio(c.rateRatioUpper))), "
                             + "one-sided p = \(String(format: "%.3g", p)) at alpha \(c.alpha): " + (c.flagged ? "more frequent" : "no significant increase"))
            } else if let note = c.note {
                lines.append("    not tested: \(note)")
            }
        }
        for r in t.treatmentResponses {
            var line = "  treatment \(r.name) from \(r.start): before \(r.beforeEvents) events in \(String(format: "%.1f", r.beforeHours)) h, "
                + "after \(r.afterEvents) in \(String(format: "%.1f", r.afterHours)) h"
            if let rr = r.rateRatio { line += "; rate ratio after/before \(ratio(rr)) (95 % CI \(ratio(r.lower))-\(ratio(r.upper)))" }
            if let note = r.note { line += "; \(note)" }
            lines.append(line)
        }
        lines.append("  Method: \(TrendAnalysis.changeMethod).")
        for a in t.assumptions { lines.append("  Assumption: \(a)") }
        lines.append("Decision support, not a diagnosis.")
        return lines.joined(separator: "\n")
    }

    private static func ratio(_ x: Double?) -> String {
        guard let x else { return "-" }
        return x.isFinite ? String(format: "%.2f", x) : "inf"
    }
}
