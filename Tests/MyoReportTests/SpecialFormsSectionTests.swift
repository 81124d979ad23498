import Foundation
import MyoAnalysis
import MyoSignal
import Testing
@testable import MyoReport

@Suite("Clicks and hiccups section")
struct SpecialFormsSectionTests {
    /// Noise with a click (a 3 ms decaying 3 kHz ring) every `interval` seconds from 2 s on.
    static func clip(rate: Double = 16000, seconds: Double = 20, interval: Double = 0.4) -> Signal {
        var samples = (0..<Int(rate * seconds)).map { Float(0.01 * sin(Double($0) * 12.9898).truncatingRemainder(dividingBy: 1)) }
        for time in stride(from: 2.0, to: seconds - 0.1, by: interval) {
            let start = Int(time * rate)
            for k in 0..<Int(0.003 * rate) {
                let t = Double(k) / rate
                samples[start + k] += Float(0.3 * exp(-t / 0.0008) * sin(2 * .pi * 3000 * t))
            }
        }
        return Signal(label: "Phone <mic>", sampleRate: rate, samples: samples)
    }

    @Test func rendersWellFormedFiguresAndEscapesLabels() throws {
        let clicks = try ClickDetector.analyze(Self.clip())
        #expect(clicks.statistics.count >= 40)
        let html = SpecialFormsSection.html(clicks: [clicks], hiccups: [], options: ReportOptions(generatedAt: "test"))
        #expect(html.contains("Clicks in Phone &lt;mic&gt;"))
        #expect(html.contains("within</strong>"))
        for fragment in svgFragments(html) {
            #expect(XMLCheck.parse(fragment).error == nil)
        }
        #expect(svgFragments(html).count == 2)
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"/><style>\(ReportStyle.css)</style></head><body>\(html)</body></html>"
        let folder = ProcessInfo.processInfo.environment["MYOTRACE_REPORT_DEMO_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        try page.write(to: folder.appendingPathComponent("report-special-forms.html"), atomically: true, encoding: .utf8)
    }

    @Test func nothingToShowGivesNoSection() {
        #expect(SpecialFormsSection.html(clicks: [], hiccups: [], options: ReportOptions()).isEmpty)
    }
}
