import Foundation
import Testing

@Suite("myotrace simulate --night")
struct SimulateNightCommandTests {
    @Test("Writes a night EDF+ with the hypnogram as annotations and a truth table with PLM membership")
    func writesNightAndTruth() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-night-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let edf = dir.appendingPathComponent("night.edf").path, csv = dir.appendingPathComponent("night.csv").path
        let r = try CLI.run(["simulate", edf, "--night", "--duration", "1800", "--seed", "3", "--emg-rate", "256", "--truth", csv])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try CLI.run(["info", edf, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.map { $0["label"] as? String } == ["EMG Tib-L", "EMG Tib-R", "EMG Chin"])
        #expect(channels.first?["sampleCount"] as? Int == 1800 * 256)
        let texts = (object["annotations"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        #expect(texts.filter { $0.hasPrefix("Sleep stage ") }.count == 60)
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "onset_s,duration_s,kind,leg,amplitude_uv,origin,plm,series")
        #expect(lines.contains { $0.contains(",limb_movement,") })
        #expect(lines.contains { $0.contains(",hypnic_jerk,") })
        let again = try CLI.run(["simulate", edf, "--night", "--duration", "60"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("exists already"))
        let bad = try CLI.run(["simulate", edf, "--night", "--duration", "10", "--force"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("durationSeconds"))
    }
}
