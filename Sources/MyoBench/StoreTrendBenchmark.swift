// `MyoBench store-trend DB [--recordings N] [--events-per-recording M]`: builds (once) a store
// with N recordings of one person (default 10,000) and M events each (default 1,000: 10
// million events), then times `trend` on it. Building goes through the store's own import
// (one transaction per recording, one cached prepared statement for every event), so it also
// measures bulk import. The store file is kept and reused by later runs.
import Foundation
import MyoDetect
import MyoStore

/// Builds the benchmark store if `path` does not exist yet, then times `Store.trend`.
func storeTrendBenchmark(path: String, arguments: [String]) throws {
    func value(_ name: String, _ fallback: Int) -> Int {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let n = Int(arguments[i + 1]), n > 0 else { return fallback }
        return n
    }
    let recordings = value("--recordings", 10_000)
    let perRecording = value("--events-per-recording", 1_000)
    let person = "BENCH"
    var buildSeconds: Double?
    if !FileManager.default.fileExists(atPath: path) {
        let t0 = now()
        let store = try Store(path: path)
        _ = try store.addPerson(code: person, now: Date(timeIntervalSince1970: 0))
        // One template of events, shifted per recording: the content does not matter to `trend`,
        // only the number of rows.
        let events = (0..<perRecording).map { i -> MyoclonicEvent in
            let onset = Double(i) * 3.0
            return MyoclonicEvent(onset: onset, offset: onset + 0.05, polarity: i % 5 == 0 ? .negative : .positive, channels: [],
                                  peak: 40, area: 2, intensity: 4, unit: "uV", confidence: 0.9)
        }
        let seconds = Double(perRecording) * 3.0
        let summary = SummaryBuilder.summarize(events: events, longActivity: [], analysableSeconds: seconds)
        let settings = AnalysisSettings(parameters: [])
        let firstDay = 20_000.0 * 86_400  // 2024-10-04
        for r in 0..<recordings {
            // About 14 recordings a day: 10,000 recordings span about two years.
            let start = Date(timeIntervalSince1970: firstDay + Double(r) * 6_000)
            let result = AnalysisResult(file: "bench_\(r).edf", format: "EDF+", start: nil, durationSeconds: seconds, channels: [],
                                        events: events, longActivity: [], summary: summary, parameters: [], warnings: [],
                                        snippets: [], version: "bench")
            let item = RecordingImport(fileName: "bench_\(r).edf", contentHash: SHA256.hex(Array("bench recording \(r)".utf8)),
                                       byteCount: 0, analysis: result, settings: settings, start: start)
            _ = try store.importRecording(person: person, item, now: start)
        }
        buildSeconds = now() - t0
    }
    let store = try Store(path: path)
    let t0 = now()
    let first = try store.trend(person: person)
    let firstSeconds = now() - t0
    var best = Double.infinity
    for _ in 0..<5 {
        let t = now()
        _ = try store.trend(person: person)
        best = min(best, now() - t)
    }
    let overview = try store.overview(code: person)
    var fields: [String: Any] = [
        "benchmark": "store-trend", "recordings": overview.recordings, "events": overview.events,
        "days": first.days.count, "weeks": first.weeks.count, "firstTrendSeconds": firstSeconds, "bestTrendSeconds": best,
        "storeBytes": ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? -1,
        "peakResidentKiB": peakResidentKiB(),
    ]
    if let buildSeconds { fields["buildSeconds"] = buildSeconds }
    emit(fields)
}
