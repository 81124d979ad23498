import Foundation
import Testing

@Suite("myotrace analyze: back-averaging, coherence and origin")
struct AnalyzeCortexCommandTests {
    @Test("Cortical jerks with an EEG transient 20 ms before them: transient found on C3, not on C4; origin cortical")
    func corticalWithTransient() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edf = dir.appendingPathComponent("eeg.edf").path, json = dir.appendingPathComponent("r.json").path
        let made = try CLI.run(["simulate", edf, "--preset", "cortical", "--eeg", "--duration", "600", "--seed", "3"])
        #expect(made.status == 0, "\(made.stderr)")
        let r = try CLI.run(["analyze", edf, "--json", json])
        #expect(r.status == 0, "\(r.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        let channels = try #require(summary["backAveraging"] as? [[String: Any]])
        #expect((summary["backAveragingSettings"] as? [String: Any])?["triggerSource"] != nil)
        #expect((summary["backAveragingSettings"] as? [String: Any])?["significanceTest"] as? String == "sign-flip")
        let byLabel = Dictionary(uniqueKeysWithValues: channels.compactMap { c in (c["channel"] as? String).map { ($0, c) } })
        let c3 = try #require(byLabel["EEG C3"]), c4 = try #require(byLabel["EEG C4"])
        #expect(c3["transientFound"] as? Bool == true)
        let latency = try #require(c3["latencyMs"] as? Double)
        #expect(abs(latency - -20) <= 10)
        #expect(c4["transientFound"] as? Bool == false)
        #expect(((summary["origin"] as? [String: Any])?["hint"] as? String) == "cortical")
        #expect((summary["coherence"] as? [[String: Any]])?.count == 3)
        let rhythm = try #require(summary["rhythm"] as? [String: Any])
        #expect(rhythm["rhythmic"] as? Bool == false)

        // The same JSON read by assess: the back-averaged transient becomes a finding with its source.
        let intake = dir.appendingPathComponent("intake.json")
        try #"{"ageYears": 45, "onset": "months", "bodyParts": ["hands"], "context": ["action"]}"#
            .write(to: intake, atomically: true, encoding: .utf8)
        let assessed = try CLI.run(["assess", "--answers", intake.path, "--findings", json])
        #expect(assessed.status == 0, "\(assessed.stderr)")
        #expect(assessed.stdout.contains("brain wave just before each jerk"))

        // An unknown significance test is refused by name, before anything is written.
        let bad = try CLI.run(["analyze", edf, "--significance", "bootstrap", "--json", dir.appendingPathComponent("bad.json").path])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--significance") && bad.stderr.contains("bootstrap"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad.json").path))
    }
}
