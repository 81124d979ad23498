import Foundation
import Testing

@Suite("myotrace evaluate")
struct EvaluateCommandTests {
    @Test("Perfect events score 1; shifted events are matched with their onset error; voluntary leaks are counted")
    func scores() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-eval-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let truth = dir.appendingPathComponent("truth.csv").path
        let events = dir.appendingPathComponent("events.csv").path
        try """
        onset_s,duration_s,kind,amplitude
        1.000,0.050,positive,100
        2.000,0.080,positive,100
        5.000,2.000,voluntary,300
        9.000,0.100,negative,20

        """.write(toFile: truth, atomically: true, encoding: .utf8)
        try """
        onset_s,offset_s,duration_s,polarity,channels,peak,intensity,confidence
        1.003,1.050,0.047,positive,EMG,80,8,0.9
        2.030,2.080,0.050,positive,EMG,80,8,0.9
        6.000,6.100,0.100,positive,EMG,80,8,0.9
        9.000,9.100,0.100,negative,EMG,2,0.9,0.8

        """.write(toFile: events, atomically: true, encoding: .utf8)

        let r = try CLI.run(["evaluate", "--truth", truth, "--events", events, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let scores = try #require(object["scores"] as? [[String: Any]])
        let positive = try #require(scores.first { $0["kind"] as? String == "positive" })
        #expect(positive["truePositives"] as? Int == 2)
        #expect(positive["falsePositives"] as? Int == 1)
        #expect(abs((positive["medianAbsoluteOnsetErrorMs"] as? Double ?? 0) - 16.5) < 1e-6)
        #expect(object["voluntaryCountedAsJerk"] as? Int == 1)

        let strict = try CLI.run(["evaluate", "--truth", truth, "--events", events, "--tolerance-ms", "10"])
        #expect(strict.status == 0)
        #expect(strict.stdout.contains("positive"))
        #expect(strict.stdout.contains("0.400"))  // 1 of 3 detected, 1 of 2 true: P 0.333, R 0.5, F1 0.4
    }

    @Test("Bad tables and options are clear errors")
    func errors() throws {
        let missing = try CLI.run(["evaluate", "--truth", "nope.csv", "--events", "nope.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.csv"))
        let bad = try CLI.run(["evaluate", "--truth", "Samples/demo_emg_acc_120s_truth.csv", "--events", "Samples/demo_emg_acc_120s_truth.csv"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("polarity"))
        let tolerance = try CLI.run(["evaluate", "--truth", "a", "--events", "b", "--tolerance-ms", "-5"])
        #expect(tolerance.status != 0)
        #expect(tolerance.stderr.contains("tolerance"))
    }
}
