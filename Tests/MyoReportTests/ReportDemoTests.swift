import Foundation
import MyoDetect
import MyoReport
import Testing

/// Writes demonstration pages (a typical result, an empty one, 10 000 events) so a person can
/// open or screenshot them; `Tools/report/render-demo.sh` runs this and makes the pictures.
/// The folder is `MYOTRACE_REPORT_DEMO_DIR` when set, else the system's temporary folder.
@Suite("Report demo pages")
struct ReportDemoTests {
    @Test func writesDemoPages() throws {
        let env = ProcessInfo.processInfo.environment["MYOTRACE_REPORT_DEMO_DIR"]
        let folder = env.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let pages = [
            ("report-demo.html", ReportFixture.result()),
            ("report-empty.html", ReportFixture.empty()),
            ("report-10k.html", ReportFixture.result(seconds: 3600, positives: 8000, negatives: 2000,
                                                      longActivity: 400, snippets: 200)),
        ]
        for (name, result) in pages {
            let url = folder.appendingPathComponent(name)
            try AnalysisReport.html(result, options: ReportOptions(generatedAt: "demo")).write(to: url, atomically: true,
                                                                                                 encoding: .utf8)
            let back = try String(contentsOf: url, encoding: .utf8)
            #expect(back.hasSuffix("</html>\n"))
        }
    }
}
