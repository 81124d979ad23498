import Foundation
import MyoAnalysis
import MyoDetect
@testable import MyoReport
import MyoSignal
import Testing

/// Renders the back-averaging and coherence sections of a simulated recording with EEG into a
/// standalone page (in `MYOTRACE_REPORT_DEMO_DIR` or the temporary folder) and checks it.
@Suite("Back-averaging and coherence sections")
struct BackAveragingSectionTests {
    private func results() throws -> (BackAveragingResult, CoherenceResult) {
        var c = SimulationConfig()
        c.durationSeconds = 600
        c.emg.muscles = [.init(label: "EMG R-FDI")]
        c.motion.accelerometer = false
        c.eeg.enabled = true
        c.eeg.bereitschaft.enabled = true
        c.eeg.channels[2].label = "EEG <C4> & \"ref\""  // hostile label: must be escaped
        let sim = try SimulatedRecording(config: c)
        let recording = try sim.readAll()
        let averager = BackAverager()
        let jerks = sim.truth.filter { $0.kind == "positive" }.map(\.onset)
        let back = try averager.analyze(signals: recording.signals(of: .eeg), triggers: averager.triggers(fromTimes: jerks, source: "simulated onsets"))
        let emg = try #require(recording.signal(named: "EMG R-FDI"))
        let coherence = try CoherenceAnalyzer().analyze(eeg: recording.signals(of: .eeg), emg: emg)
        return (back, coherence)
    }

    @Test func rendersWellFormedPrintableSections() throws {
        let (back, coherence) = try results()
        let options = ReportOptions()
        let body = BackAveragingSection.html(back, options: options) + CoherenceSection.html(coherence, options: options)
        let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Back-averaging</title><style>\n"
            + ReportStyle.css + "\n</style></head><body>\n" + body + "</body></html>\n"
        let xml = XMLCheck.parse(String(page.drop { $0 != "\n" }.dropFirst()))
        #expect(xml.error == nil, "\(xml.error ?? "")")
        // Per EEG channel: the average and the long average; then one spectrum per channel.
        #expect(svgFragments(page).count == 3 * 2 + 3)
        #expect(!page.contains("<C4>") && page.contains("EEG &lt;C4&gt; &amp; &quot;ref&quot;"))
        #expect(page.contains("transient found at"))
        #expect(page.contains("95 % limit"))
        #expect(page.utf8.count < 400_000)
        let folder = ProcessInfo.processInfo.environment["MYOTRACE_REPORT_DEMO_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        try page.write(to: folder.appendingPathComponent("back-averaging-demo.html"), atomically: true, encoding: .utf8)
    }

    @Test func emptyResultsSayWhy() {
        let back = BackAveragingResult(backAveraging: [], triggerSource: "event onset", triggersGiven: 0, triggersLockedOut: 0, warnings: [])
        #expect(BackAveragingSection.html(back, options: .init()).contains("no EEG channel"))
        let coherence = CoherenceResult(coherence: [], emgChannel: "EMG", warnings: [])
        #expect(CoherenceSection.html(coherence, options: .init()).contains("No EEG channel"))
    }
}
