import Foundation
import Testing

@Suite("myotrace simulate presets")
struct SimulatePresetTests {
    @Test("A preset, burst range and spread velocity reach the settings; a --config file is laid over the preset")
    func presetAndOptions() throws {
        let r = try CLI.run(["simulate", "--preset", "brainstem", "--burst-ms", "120-200", "--spread-velocity", "30", "--print-config"])
        #expect(r.status == 0, "\(r.stderr)")
        let config = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let positive = try #require(config["positive"] as? [String: Any])
        #expect(positive["durationMs"] as? [Double] == [120, 200])
        let emg = try #require(config["emg"] as? [String: Any])
        #expect(emg["spreadVelocity"] as? Double == 30)
        #expect((emg["muscles"] as? [[String: Any]])?.first?["label"] as? String == "EMG SCM")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-preset-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("over.json")
        try Data(#"{"positive": {"ratePerMinute": 5}}"#.utf8).write(to: file)
        let layered = try CLI.run(["simulate", "--preset", "propriospinal", "--config", file.path, "--print-config"])
        let c = try #require(try JSONSerialization.jsonObject(with: Data(layered.stdout.utf8)) as? [String: Any])
        #expect((c["positive"] as? [String: Any])?["ratePerMinute"] as? Double == 5)
        #expect((c["rhythmic"] as? [String: Any])?["rateHz"] as? Double == 2)
    }

    @Test("An unknown preset or a malformed burst range is refused with a reason")
    func badValues() throws {
        let unknown = try CLI.run(["simulate", "--preset", "thalamic", "--print-config"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("cortical, brainstem, propriospinal, rhythmic"))
        let malformed = try CLI.run(["simulate", "--burst-ms", "50", "--print-config"])
        #expect(malformed.status != 0)
        #expect(malformed.stderr.contains("LO-HI"))
    }
}
