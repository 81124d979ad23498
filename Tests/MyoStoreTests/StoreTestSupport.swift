import Foundation
import MyoDetect
@testable import MyoStore

/// Shared test support for the store: a fresh store in a temporary folder and synthetic analyses.
enum StoreTestSupport {
    /// A new folder under the temporary directory; the caller removes it.
    static func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A wall-clock time, `2026-11-02T09:00` plus `days` and `hours`.
    static func time(day days: Int, hour: Double = 9) -> Date {
        Date(timeIntervalSince1970: 1_793_610_000 - 9 * 3600 + Double(days) * 86_400 + hour * 3600)
    }

    /// An analysis with `jerks` positive and `lapses` negative events spread over `seconds`.
    static func analysis(jerks: Int, lapses: Int = 0, seconds: Double, version: String = "0.1.0") -> AnalysisResult {
        var events: [MyoclonicEvent] = []
        let total = jerks + lapses
        for i in 0..<total {
            let onset = seconds * Double(i) / Double(max(total, 1))
            events.append(MyoclonicEvent(onset: onset, offset: onset + 0.05, polarity: i < jerks ? .positive : .negative,
                                         channels: [], peak: 50, area: 1, intensity: 5, unit: "uV", confidence: 0.9))
        }
        let summary = SummaryBuilder.summarize(events: events, longActivity: [], analysableSeconds: seconds)
        return AnalysisResult(file: "synthetic.edf", format: "EDF+", start: nil, durationSeconds: seconds, channels: [],
                              events: events, longActivity: [], summary: summary, parameters: [], warnings: [],
                              snippets: [], version: version)
    }

    /// A recording import with a content hash made from `name`.
    static func item(_ name: String, jerks: Int, lapses: Int = 0, seconds: Double, start: Date?,
                     settings: AnalysisSettings = AnalysisSettings(parameters: [])) -> RecordingImport {
        RecordingImport(fileName: name, contentHash: SHA256.hex(Array(name.utf8)), byteCount: 1000,
                        analysis: analysis(jerks: jerks, lapses: lapses, seconds: seconds), settings: settings, start: start)
    }

    /// Row counts of every table, to show that a refused request stored nothing.
    static func counts(_ store: Store) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for table in ["person", "recording", "analysis", "event", "diary_entry", "treatment", "assessment", "rating_score"] {
            out[table] = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1 }
        }
        return out
    }
}

/// Draws for the simulated runs, from MyoDetect's seeded generator (SplitMix64), so they are the
/// same on every machine.
extension SplitMix64 {
    /// A Poisson draw by Knuth's multiplication method (fine for means up to a few hundred).
    mutating func poisson(_ mean: Double) -> Int {
        let limit = exp(-mean)
        var k = 0
        var product = Double.random(in: 0..<1, using: &self)
        while product > limit {
            k += 1
            product *= Double.random(in: 0..<1, using: &self)
        }
        return k
    }
}
