import Foundation
import MyoDetect
@testable import MyoReport
import Testing

@Suite("AnalysisReport")
struct AnalysisReportTests {
    static let headings = ["Key figures", "Events over time", "Rate per minute", "Durations and intensities",
                           "Example events", "Parameters and warnings"]

    @Test func pageIsWellFormedXMLWithEverySection() throws {
        let result = ReportFixture.result()
        let html = AnalysisReport.html(result)
        let check = XMLCheck.parse(html)
        #expect(check.error == nil, "\(check.error ?? "")")
        // Header, key figures, raster (with the rate plot), distributions, gallery, parameters.
        #expect(check.elementCounts["section"] == 5)
        #expect(check.elementCounts["header"] == 1)
        let fragments = svgFragments(html)
        // Raster, rate, duration, jerk intensity, lapse depth, then the gallery's examples.
        #expect(fragments.count == 5 + min(result.snippets.count, ReportOptions().maxGalleryEvents))
        for fragment in fragments {
            let svg = XMLCheck.parse(fragment)
            #expect(svg.error == nil, "\(svg.error ?? "") in \(fragment.prefix(200))")
        }
        for heading in Self.headings { #expect(html.contains(">\(heading)</h"), "missing \(heading)") }
        #expect(html.contains("Decision support, not a diagnosis"))
        #expect(html.contains("patient-017_polygraphy.edf"))
        #expect(html.contains("0.3.0-test"))
        #expect(html.contains("2024-03-05T10:12:00"))
    }

    @Test func pageIsSelfContainedAndScriptFree() {
        for result in [ReportFixture.result(), ReportFixture.empty()] {
            let html = AnalysisReport.html(result).lowercased()
            #expect(!html.contains("http://"))
            #expect(!html.contains("https://"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("src="))
            #expect(!html.contains("@import"))
            // The only url() references are the page's own hatch patterns.
            #expect(occurrences(of: "url(", in: html) == occurrences(of: "url(#", in: html))
        }
    }

    @Test func hostileLabelsAreShownAsText() throws {
        let hostile = "<script>alert(1)</script>"
        let quoting = "x\" onload=\"alert(2)"
        var result = ReportFixture.result(labels: [hostile, quoting, "A & B <i>"])
        result.file = "<img src=x onerror=alert(3)>.edf"
        result.warnings.append("</section><script>alert(4)</script>")
        result.parameters.append(Parameter(name: "<b>", value: "\"'", source: "&amp;", isDefault: false))
        let html = AnalysisReport.html(result)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("onload=\""))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("A &amp; B &lt;i&gt;"))
        #expect(html.contains("&amp;amp;"))
        #expect(XMLCheck.parse(html).error == nil)
    }

    @Test func showsTheSummaryNumbers() throws {
        let result = ReportFixture.result()
        let s = result.summary
        let html = AnalysisReport.html(result)
        #expect(s.positiveCount > 100 && s.negativeCount > 20)
        #expect(html.contains(">\(s.positiveCount)</div>"))
        #expect(html.contains(">\(s.negativeCount)</div>"))
        #expect(html.contains(">\(HTMLText.number(s.ratePerMinute, decimals: 2))</div>"))
        #expect(html.contains(">\(s.longActivityCount)</div>"))
        for g in s.groups where g.count > 0 {
            let median = try #require(g.durationMs.median)
            #expect(html.contains(">\(HTMLText.number(median, decimals: 0)) ("), "median of \(g.channel ?? "all") \(g.polarity)")
            #expect(html.contains(">\(HTMLText.number(g.ratePerMinute, decimals: 2))</td>"))
        }
        for (bin, count) in s.silentPeriodBins {
            #expect(html.contains(">\(bin) ms</th>"))
            #expect(html.contains(">\(count)</td>"))
        }
        // The user-set parameter is marked as such.
        #expect(html.contains("<td><strong>4.5 x baseline</strong></td><td><strong>user</strong></td>"))
        #expect(html.contains("Mains hum of 50 Hz removed"))
    }

    @Test func emptyResultSaysSoAndStillDrawsItsPlots() throws {
        let html = AnalysisReport.html(ReportFixture.empty())
        #expect(html.contains("No myoclonic events were found"))
        #expect(html.contains("No events were found."))
        #expect(XMLCheck.parse(html).error == nil)
        // Raster, rate and the three histograms still draw their axes.
        let fragments = svgFragments(html)
        #expect(fragments.count == 5)
        for f in fragments { #expect(f.contains("<line"), "a plot without axes") }
        #expect(!html.contains("nan") && !html.contains("inf\""))
    }

    @Test func noChannelsAndNoDurationStillGiveAValidPage() {
        let result = AnalysisResult(file: "x.csv", format: "CSV", start: nil, durationSeconds: 0, channels: [], events: [],
                                    longActivity: [], summary: ReportFixture.summary([], long: [], minutes: 0, channels: []),
                                    parameters: [], warnings: [], snippets: [], version: "0")
        let html = AnalysisReport.html(result)
        #expect(XMLCheck.parse(html).error == nil)
        #expect(html.contains("No channel could be analysed."))
        #expect(html.contains("not stated in the file"))
        #expect(!html.contains("nan"))
    }

    @Test func nonFiniteValuesNeverReachTheMarkup() {
        var result = ReportFixture.result(positives: 20, negatives: 5, snippets: 3)
        result.events[0].onset = .nan
        result.events[1].offset = .infinity
        result.events[2].intensity = -.infinity
        result.events[3].channels[0].onset = .nan
        result.longActivity[0].offset = .nan
        result.snippets[0].raw[10] = .nan
        result.snippets[1].sampleRate = 0
        result.snippets[2].envelope = []
        let html = AnalysisReport.html(result)
        #expect(XMLCheck.parse(html).error == nil)
        for bad in ["nan", "=\"inf", "\"-inf", " inf", ",inf"] { #expect(!html.contains(bad), "found \(bad)") }
        #expect(html.contains("no signal stored for this example"))
    }

    @Test func tenThousandEventsGiveABoundedPage() throws {
        let result = ReportFixture.result(seconds: 3600, positives: 8000, negatives: 2000, longActivity: 400, snippets: 200)
        #expect(result.events.count == 10_000)
        let html = AnalysisReport.html(result)
        // Bounded by plot width, channels and the gallery cap; 10 000 events would be about
        // 1 MB as a plain list of ticks, so this bound fails if the raster stops aggregating.
        #expect(html.utf8.count < 600_000, "\(html.utf8.count) bytes")
        #expect(occurrences(of: "<figure>", in: html) <= 5 + 12)
        #expect(html.contains(">8\u{2009}000</div>"))
        #expect(XMLCheck.parse(html).error == nil)
    }

    @Test func galleryCapFollowsTheOptions() {
        let result = ReportFixture.result(snippets: 16)
        let html = AnalysisReport.html(result, options: ReportOptions(maxGalleryEvents: 3))
        #expect(svgFragments(html).count == 5 + 3)
        let none = AnalysisReport.html(result, options: ReportOptions(maxGalleryEvents: 0))
        #expect(svgFragments(none).count == 5)
        #expect(none.contains("The analysis kept no example traces."))
    }

    @Test func printRulesAreThere() {
        let html = AnalysisReport.html(ReportFixture.empty())
        #expect(html.contains("@media print"))
        #expect(html.contains("size: A4"))
        #expect(html.contains("break-before: page"))
    }
}
