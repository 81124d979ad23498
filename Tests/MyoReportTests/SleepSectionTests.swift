import Foundation
import MyoAnalysis
import MyoDetect
@testable import MyoReport
import Testing

/// Renders the sleep section of a simulated 8-hour night (scored from its exact truth, so no
/// signal processing is needed) into a standalone page in the temporary folder
/// (`MYOTRACE_REPORT_DEMO_DIR` when set), and checks what a reader must find in it.
@Suite("Report sleep section")
struct SleepSectionTests {
    static func nightResult(hypnogram: Bool = true) throws -> SleepResult {
        var config = NightConfig()
        config.seed = 11
        config.fragmentary.perMinuteOfNREM = 4
        config.respiratory.perHourOfSleep = 4
        let night = try SimulatedNight(config: config)
        let annotations = hypnogram ? try night.annotations() : []
        return SleepAnalyzer().score(truth: night.truth, annotations: annotations, recordingSeconds: config.durationSeconds,
                                     legLabels: ["EMG Tib-L", "EMG Tib-R"])
    }

    @Test func pageShowsTheHypnogramMovementsAndIndex() throws {
        let result = try Self.nightResult()
        let html = SleepSection.html(result, parameters: SleepAnalyzer().described, options: ReportOptions(generatedAt: "test"))
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Sleep section</title><style>\(ReportStyle.css)</style></head><body>"
            + html + "</body></html>\n"
        let folder = ProcessInfo.processInfo.environment["MYOTRACE_REPORT_DEMO_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try page.write(to: folder.appendingPathComponent("report-sleep.html"), atomically: true, encoding: .utf8)
        #expect(html.contains("PLM index per hour of sleep"))
        #expect(html.contains(HTMLText.number(result.plmIndex, decimals: 1)))
        #expect(html.contains("AASM 2016"))
        #expect(html.contains("<svg"))
        // One tick per scored movement, one bar per series.
        let ticks = html.components(separatedBy: "stroke=\"#000\" stroke-width=\"1\"").count - 1
        #expect(ticks >= result.limbMovements.filter { $0.series != nil && !$0.isRespiratory }.count)
        #expect(result.plmSeries.count > 3)
        #expect(html.contains("Ferri et al. 2016") == false)
        #expect(html.contains("AASM Manual"))
        #expect(!html.contains("http"))
        #expect(XMLCheck.parse("<div>" + html.replacingOccurrences(of: "<br/>", with: "") + "</div>").error == nil)
    }

    @Test func withoutAHypnogramTheSectionSaysSo() throws {
        let result = try Self.nightResult(hypnogram: false)
        let html = SleepSection.html(result, parameters: [], options: ReportOptions(generatedAt: "test"))
        #expect(html.contains("no hypnogram"))
        #expect(html.contains("PLMs per hour of recording"))
        #expect(html.contains("not assessed"))
    }
}
