import Foundation
import MyoStore

/// Renders a person's follow-up as one self-contained HTML page for a clinician or an informed
/// patient: inline CSS and SVG, no scripts, nothing fetched, readable in greyscale and printed
/// on A4.
///
/// Order: the pseudonymous code and summary, the red flags (before anything else, in plain
/// words), the event rate over time with treatments and the diary on the same time axis (the
/// diary apart, never mixed into the measured rate), the treatment response, the latest
/// assessment, the duration and intensity distributions, example traces, then the methods and
/// assumptions. Every text from the store (treatment names, doses, diary notes, assessment
/// reasons) is escaped.
///
/// Size: bounded by the number of days, treatments, diary entries and the trace cap, not by
/// the number of events (they arrive as histograms).
public enum CareReport {
    /// The page for `data`. `generatedAt` is shown as given (the page never reads the clock).
    /// Complexity: O(days + diary entries + treatments + trace samples).
    public static func html(_ data: CareReportData, generatedAt: String? = nil, plotWidth: Int = 900) -> String {
        let width = Double(min(max(plotWidth, 300), 4000))
        let e = HTMLText.escape
        var page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/>"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        page += "<title>Myoclonus follow-up – \(e(data.overview.person.code))</title>"
        page += "<style>\n\(ReportStyle.css)\n\(CareStyle.css)\n</style></head><body>\n"
        page += CareHeaderSection.html(data, generatedAt: generatedAt) + "\n"
        page += CareRedFlagSection.html(data.redFlags) + "\n"
        page += CareTimelineSection.html(data, width: width) + "\n"
        page += CareResponseSection.html(data.trend) + "\n"
        page += CareAssessmentSection.html(data.assessment, problem: data.assessmentProblem) + "\n"
        page += CareDistributionSection.html(data.events, width: width) + "\n"
        page += CareTraceSection.html(data.traces) + "\n"
        page += CareMethodSection.html(data.trend) + "\n"
        page += "<footer>Made by Myotrace from the store's record of \(e(data.overview.person.code)). "
            + "Decision support for a clinician or an informed patient; not a diagnosis.</footer>\n"
        page += "</body></html>\n"
        return page
    }
}

/// Style rules the follow-up report adds to ``ReportStyle``: the red-flag box (a thick black
/// border, readable without colour). Contains no `<` or `&`, so the page stays well-formed XML.
enum CareStyle {
    static let css = """
    .redflags { border: 3px solid #111; padding: 6px 12px; margin: 10px 0; background: #fff; }
    .redflags h2 { border-bottom: none; margin-top: 4px; }
    .redflags li { margin: 4px 0; font-size: 14.5px; }
    .redflags .source { font-size: 12px; color: #333; }
    .noflags { border: 1.5px dashed #555; padding: 6px 12px; margin: 10px 0; }
    ul.reasons { margin: 2px 0 2px 18px; padding: 0; }
    @media print { .redflags li { font-size: 10.5pt; } .redflags, .noflags { break-inside: avoid; page-break-inside: avoid; } }
    """
}

/// Formatting shared by the follow-up report's sections.
enum CareText {
    /// A rate ratio: "0.45", "∞" for a new rate after none, "–" when missing.
    static func ratio(_ value: Double?) -> String {
        guard let value else { return "–" }
        return value.isFinite ? HTMLText.number(value, decimals: 2) : "∞"
    }

    /// `2024-01-08` for a wall-clock time.
    static func day(_ date: Date) -> String { String(WallClock.isoString(date).prefix(10)) }
}
