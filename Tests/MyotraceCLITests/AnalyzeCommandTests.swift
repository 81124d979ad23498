import Foundation
import Testing

@Suite("myotrace analyze")
struct AnalyzeCommandTests {
    @Test("On the sample: a summary, every output file, and events that agree with the truth")
    func sampleOutputs() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = { (name: String) in dir.appendingPathComponent(name).path }
        let r = try CLI.run(["analyze", CLI.sample, "--events", p("e.csv"), "--json", p("r.json"),
                             "--bids", p("sub-01_task-rest_events.tsv"), "--annotate", p("annotated.edf"),
                             "--report", p("report.html")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("jerks (positive)"))
        #expect(r.stdout.contains("not a diagnosis"))

        let csv = try String(contentsOfFile: p("e.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("onset_s,offset_s,duration_s,polarity,channels,peak,intensity,confidence\n"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: p("r.json")))) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["count"] as? Int == events.count)
        #expect(csv.split(separator: "\n").count == events.count + 1)

        let tsv = try String(contentsOfFile: p("sub-01_task-rest_events.tsv"), encoding: .utf8)
        #expect(tsv.hasPrefix("onset\tduration\ttrial_type"))
        #expect(FileManager.default.fileExists(atPath: p("sub-01_task-rest_events.json")))

        let annotated = try CLI.run(["info", p("annotated.edf"), "--json"])
        let info = try #require(try JSONSerialization.jsonObject(with: Data(annotated.stdout.utf8)) as? [String: Any])
        let notes = try #require(info["annotations"] as? [[String: Any]])
        #expect(notes.filter { ($0["text"] as? String)?.hasPrefix("myotrace:myoclonus_") == true }.count == events.count)

        let html = try String(contentsOfFile: p("report.html"), encoding: .utf8)
        #expect(html.contains("<svg"))
        #expect(!html.contains("http://") && !html.contains("https://"))

        // The sample's truth: positive bursts found with F1 of at least 0.9 (a regression floor; the
        // benchmark figures are in BENCHMARKS.md).
        let eval = try CLI.run(["evaluate", "--truth", "Samples/demo_emg_acc_120s_truth.csv", "--events", p("e.csv"), "--json"])
        let scores = try #require((try JSONSerialization.jsonObject(with: Data(eval.stdout.utf8)) as? [String: Any])?["scores"] as? [[String: Any]])
        let positive = try #require(scores.first { $0["kind"] as? String == "positive" })
        #expect((positive["f1"] as? Double ?? 0) >= 0.9)
    }

    @Test("Wrong channels, kinds, parameters and recordings are clear errors")
    func errors() throws {
        let unknown = try CLI.run(["analyze", CLI.sample, "--channel", "EMG9"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("EMG9"))

        let wrongKind = try CLI.run(["analyze", CLI.sample, "--channel", "ACC_X", "--kind", "ACC_X=eeg"])
        #expect(wrongKind.status == 1)
        #expect(wrongKind.stderr.contains("ACC_X"))

        let none = try CLI.run(["analyze", CLI.sample, "--kind", "1=eeg", "--kind", "2=other", "--kind", "3=other", "--kind", "4=other"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("--kind"))

        let param = try CLI.run(["analyze", CLI.sample, "--param", "noSuchParameter=3"])
        #expect(param.status != 0)
        #expect(param.stderr.contains("noSuchParameter"))

        let short = try CLI.run(["analyze", "Tests/Fixtures/malformed/valid.edf"])
        #expect(short.status == 1)
        #expect(short.stderr.contains("at least"))
    }

    @Test("--list-params shows every parameter with its default and source")
    func listParams() throws {
        let r = try CLI.run(["analyze", "--list-params"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("docs/sources.md"))
        #expect(r.stdout.contains("maximumBurstDuration"))
        let missing = try CLI.run(["analyze"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("recording"))
    }
}
