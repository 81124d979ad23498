import Foundation
import MyoReport
import MyoStore
import Testing

@Suite("Clinician's follow-up report")
struct CareReportTests {
    static let assessment = """
        {"candidates": [{"id": "cortical", "level": "likely", "score": 0.8, "for": ["bursts under 50 ms"],
          "against": "no EEG", "sources": [{"title": "Eberhardt & Topka 2017"}]}],
         "redFlags": [{"id": "rapid-course", "urgency": "soon", "reason": "jerks started within weeks <b>"}],
         "nextQuestion": "Do the jerks happen at rest?"}
        """

    static func page(assessment: String? = Self.assessment) throws -> (html: String, data: CareReportData) {
        let (store, folder) = try CareFixture.store(assessmentJSON: assessment)
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try CareReportData.load(store: store, person: "P001")
        return (CareReport.html(data, generatedAt: "2026-11-24 10:00"), data)
    }

    @Test("The page is well-formed XHTML with valid SVG, and hostile text is escaped")
    func wellFormedAndEscaped() throws {
        let (html, _) = try Self.page()
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
        let check = XMLCheck.parse(body)
        #expect(check.error == nil, "\(check.error ?? "")")
        #expect((check.elementCounts["svg"] ?? 0) >= 4)
        for svg in svgFragments(html) { #expect(XMLCheck.parse(svg).error == nil) }
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("http://") && !html.contains("https://"), "a self-contained page fetches nothing")
        #expect(html.contains("@page") && html.contains("not a diagnosis"))
    }

    @Test("Red flags come first after the summary, from the assessment with their urgency")
    func redFlagsFirst() throws {
        let (html, data) = try Self.page()
        #expect(data.redFlags.contains { $0.source == "assessment" && $0.urgency == "soon" })
        let flags = try #require(html.range(of: "id=\"red-flags\""))
        for other in ["timeline", "response", "assessment", "distributions", "traces", "methods"] {
            let at = try #require(html.range(of: "id=\"\(other)\""), "section \(other)")
            #expect(flags.lowerBound < at.lowerBound, "red flags before \(other)")
        }
        #expect(html.contains("jerks started within weeks"))
        #expect(html.contains("Do the jerks happen at rest?") && html.contains("likely") && html.contains("Eberhardt"))
    }

    @Test("Treatments are drawn on the rate plot's time axis; the diary is in its own panel")
    func treatmentOnRateAxis() throws {
        let (html, _) = try Self.page()
        let timeline = try #require(svgFragments(html).first { $0.contains("Measured events per hour over time") })
        #expect(timeline.contains("clonazepam &lt;script&gt;"))
        #expect(timeline.contains("<rect x=\"492.3\" y=\"20\""), "the treatment band starts on the rate panel at its start day")
        #expect(timeline.contains("stroke-dasharray=\"4 3\""), "the start is marked across the rate panel")
        #expect(timeline.contains("Diary (self-reported, apart from the measured rate)"))
        #expect(html.contains("Per week (Monday)"))
    }

    @Test("Treatment response shows the ratio with its interval and hours; the rate fell by a third")
    func response() throws {
        let (html, data) = try Self.page()
        let r = try #require(data.trend.treatmentResponses.first)
        let ratio = try #require(r.rateRatio)
        #expect(abs(ratio - 50.0 / 130.0) < 0.01)
        #expect(html.contains(TrendAnalysis.responseMethod))
        #expect(html.contains("fewer events after the start"))
    }

    @Test("Without an assessment the page says so; without source folders traces are said to be unavailable")
    func missingParts() throws {
        let (html, data) = try Self.page(assessment: nil)
        #expect(html.contains("No assessment yet"))
        #expect(html.contains("Traces unavailable"))
        guard case .unavailable = data.traces else { Issue.record("traces without folders"); return }
        #expect(data.events.jerks + data.events.lapses == 4 * 130 + 4 * 50 && data.events.lapses > 0)
        #expect(html.contains("None found"))
    }

    @Test("An assessment with unexpected types is read leniently")
    func lenientAssessment() {
        let a = CareAssessment.parse(#"{"candidates": [{"id": 3, "level": null, "for": [1, {"text": "t"}]}, "junk"], "redFlags": ["plain"], "nextQuestion": {"text": "q?"}}"#,
                                     time: Date(timeIntervalSince1970: 0))
        #expect(a?.candidates.count == 1 && a?.candidates.first?.id == "3" && a?.candidates.first?.reasonsFor == ["1", "t"])
        #expect(a?.redFlags.first?.reason == "plain" && a?.nextQuestion == "q?")
        #expect(CareAssessment.parse("[1, 2]", time: Date()) == nil)
    }
}
