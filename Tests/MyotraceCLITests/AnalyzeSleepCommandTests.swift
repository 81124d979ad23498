import Foundation
import Testing

@Suite("myotrace analyze: sleep scoring")
struct AnalyzeSleepCommandTests {
    @Test("A simulated night: the summary has lmCount, plmCount, plmIndex and sleepHours near the simulator's own scoring")
    func nightSummary() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edf = dir.appendingPathComponent("night.edf").path, json = dir.appendingPathComponent("r.json").path
        let made = try CLI.run(["simulate", edf, "--night", "--duration", "1800", "--seed", "2", "--emg-rate", "256"])
        #expect(made.status == 0, "\(made.stderr)")
        let r = try CLI.run(["analyze", edf, "--json", json, "--report", dir.appendingPathComponent("r.html").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("sleep (AASM 2016)"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let sleep = try #require((document["summary"] as? [String: Any])?["sleep"] as? [String: Any])
        let lm = try #require(sleep["lmCount"] as? Int), plm = try #require(sleep["plmCount"] as? Int)
        let index = try #require(sleep["plmIndex"] as? Double), hours = try #require(sleep["sleepHours"] as? Double)
        // The simulator prints its own scoring of the truth, e.g. "14 LMs, 7 PLMS (index 9.5/h of sleep)".
        let printed = made.stdout
        func number(before word: String) -> Double? {
            guard let range = printed.range(of: word) else { return nil }
            return Double(printed[..<range.lowerBound].split(separator: " ").last ?? "")
        }
        let truthLM = try #require(number(before: " LMs"))
        let truthPLM = try #require(number(before: " PLMS"))
        #expect(abs(Double(lm) - truthLM) <= max(1, 0.1 * truthLM))
        #expect(abs(Double(plm) - truthPLM) <= max(1, 0.1 * truthPLM))
        #expect(index > 0 && hours > 0)
        let wasm = try CLI.run(["analyze", edf, "--plm-rules", "wasm", "--json", json])
        #expect(wasm.stdout.contains("sleep (WASM 2016)"))
        let table = dir.appendingPathComponent("hypnogram.csv")
        try "onset,duration,stage\n0,30,W\n30,abc,N2\n".write(to: table, atomically: true, encoding: .utf8)
        let badTable = try CLI.run(["analyze", edf, "--hypnogram", table.path])
        #expect(badTable.status != 0)
        #expect(badTable.stderr.contains("myotrace: error: \(table.path): line 3, column \"duration\""), "\(badTable.stderr)")
        let bad = try CLI.run(["analyze", edf, "--plm-rules", "xyz"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--plm-rules"))
    }
}
