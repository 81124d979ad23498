import Foundation
import Testing

/// `myotrace analyze` on recordings with no EMG or motion channel: an audio clip (clicks) and a
/// respiration belt (hiccups), written here as real WAV and CSV files.
@Suite("myotrace analyze: clicks and hiccups")
struct SpecialFormsCommandTests {
    /// A 16-bit mono PCM WAV file of `samples` (in -1...1) at `rate` Hz.
    static func wav(_ samples: [Float], rate: Int) -> Data {
        var data = Data()
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8)); append(UInt32(36 + 2 * samples.count))
        data.append(contentsOf: Array("WAVEfmt ".utf8)); append(UInt32(16)); append(UInt16(1)); append(UInt16(1))
        append(UInt32(rate)); append(UInt32(rate * 2)); append(UInt16(2)); append(UInt16(16))
        data.append(contentsOf: Array("data".utf8)); append(UInt32(2 * samples.count))
        for s in samples { append(Int16(max(-1, min(1, s)) * 32767)) }
        return data
    }

    /// Pseudo-random noise in -1...1 that needs no state (a hash of the index).
    static func noise(_ i: Int) -> Float {
        var z = UInt64(i) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Float(Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)) * 2 - 1
    }

    @Test("An audio clip with clicks at 1.5 Hz: counted, rate in the palatal range, in JSON and report")
    func clicksInAudio() throws {
        let rate = 16000, seconds = 30.0
        var samples = (0..<Int(Double(rate) * seconds)).map { 0.01 * Self.noise($0) }
        let times = Array(stride(from: 2.0, to: seconds - 0.5, by: 1 / 1.5))
        for time in times {
            let start = Int(time * Double(rate))
            for k in 0..<Int(0.004 * Double(rate)) {
                let t = Double(k) / Double(rate)
                samples[start + k] += Float(0.4 * exp(-t / 0.0008) * sin(2 * .pi * 2500 * t))
            }
        }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clip = dir.appendingPathComponent("clip.wav")
        try Self.wav(samples, rate: rate).write(to: clip)
        let json = dir.appendingPathComponent("r.json").path, report = dir.appendingPathComponent("r.html").path
        let r = try CLI.run(["analyze", clip.path, "--json", json, "--report", report])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("clicks in"))
        #expect(r.stdout.contains("no jerks or lapses were looked for"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        let clicks = try #require((summary["clicks"] as? [[String: Any]])?.first)
        let statistics = try #require(clicks["statistics"] as? [String: Any])
        let count = try #require(statistics["count"] as? Int)
        #expect(abs(count - times.count) <= 1)
        #expect(clicks["withinPalatalRange"] as? Bool == true)
        #expect(summary["hiccups"] == nil)
        let page = try String(contentsOfFile: report, encoding: .utf8)
        #expect(page.contains("Clicks in"))
    }

    @Test("A respiration belt with a bout of hiccups every 3 s: one bout, about 20 per minute")
    func hiccupsInRespiration() throws {
        let rate = 50.0, seconds = 600.0
        let hiccups = Array(stride(from: 200.0, to: 320.0, by: 3.0))
        var lines = ["time_s,Resp Abdomen"]
        for i in 0..<Int(rate * seconds) {
            let t = Double(i) / rate
            var value = sin(2 * .pi * 0.25 * t) + 0.01 * Double(Self.noise(i))
            if let last = hiccups.last(where: { $0 <= t }), t - last < 2 {
                let tau = t - last
                value += 0.3 * (1 - exp(-tau / 0.01)) * exp(-tau / 0.4)
            }
            lines.append(String(format: "%.2f,%.5f", t, value))
        }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let belt = dir.appendingPathComponent("belt.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: belt, atomically: true, encoding: .utf8)
        let json = dir.appendingPathComponent("r.json").path
        let r = try CLI.run(["analyze", belt.path, "--kind", "Resp Abdomen=resp", "--json", json])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("hiccups in Resp Abdomen"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        let analysis = try #require((summary["hiccups"] as? [[String: Any]])?.first)
        let bouts = try #require(analysis["bouts"] as? [[String: Any]])
        #expect(bouts.count == 1)
        let perMinute = try #require(bouts.first?["ratePerMinute"] as? Double)
        #expect(abs(perMinute - 20) < 1.5)
    }
}
