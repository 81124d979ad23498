import Foundation
import MyoAnalysis
import MyoDetect
import MyoSignal
import Testing
@testable import MyoReport

/// The origin and rhythm sections on a simulated propriospinal recording: well-formed markup,
/// the figures a clinician expects, and a standalone page written for a person to look at
/// (in `MYOTRACE_REPORT_DEMO_DIR` when set, else the temporary folder).
@Suite("Origin and rhythm report sections")
struct OriginSectionTests {
    static func analysed() throws -> (OriginResult, RhythmResult) {
        var c = SimulationConfig.preset(.propriospinal)
        c.durationSeconds = 150
        c.seed = 4
        c.motion.accelerometer = false
        let recording = try SimulatedRecording(config: c)
        let result = try RecordingAnalyzer.analyze(reader: recording, version: "test")
        let rhythm = try RhythmAnalyzer().analyze(events: result.events, durationSeconds: result.durationSeconds)
        // Stimulus markers 60 ms before some jerks, so the stimulus table shows too.
        let stimuli = result.events.prefix(12).map { Annotation(onset: $0.onset - 0.06, text: "tap") }
        let origin = try OriginAnalyzer().analyze(events: result.events, annotations: Array(stimuli), rhythm: rhythm)
        return (origin, rhythm)
    }

    @Test func sectionsAreWellFormedAndComplete() throws {
        let (origin, rhythm) = try Self.analysed()
        let options = ReportOptions(generatedAt: "test")
        let originHTML = OriginSection.html(origin, options: options)
        let rhythmHTML = RhythmSection.html(rhythm, options: options)
        for html in [originHTML, rhythmHTML] {
            let check = XMLCheck.parse(html)
            #expect(check.error == nil, "\(check.error ?? "")")
        }
        #expect(originHTML.contains("spinal / propriospinal"))
        #expect(originHTML.contains("Brown 1994"))
        #expect(originHTML.contains("m/s"))
        #expect(occurrences(of: "<svg", in: originHTML) == 1)
        #expect(originHTML.contains("Responses to stimuli"))
        #expect(rhythmHTML.contains("Hz"))
        #expect(occurrences(of: "<svg", in: rhythmHTML) == 2)

        var page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Origin and rhythm</title>"
        page += "<style>\n\(ReportStyle.css)\n</style></head><body>\n" + originHTML + "\n" + rhythmHTML + "\n</body></html>\n"
        let env = ProcessInfo.processInfo.environment["MYOTRACE_REPORT_DEMO_DIR"]
        let folder = env.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("report-origin-rhythm.html")
        try page.write(to: url, atomically: true, encoding: .utf8)
        #expect(XMLCheck.parse(page.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")).error == nil)
    }

    @Test func emptyResultsStillRender() throws {
        let origin = try OriginAnalyzer().analyze(events: [])
        let rhythm = try RhythmAnalyzer().analyze(events: [], durationSeconds: 60)
        let options = ReportOptions(generatedAt: "test")
        #expect(XMLCheck.parse(OriginSection.html(origin, options: options)).error == nil)
        #expect(XMLCheck.parse(RhythmSection.html(rhythm, options: options)).error == nil)
        #expect(OriginSection.html(origin, options: options).contains("undetermined"))
    }
}
