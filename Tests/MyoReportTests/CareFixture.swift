import Foundation
import MyoDetect
import MyoStore

/// A store in a temporary folder holding one person's follow-up: eight weekly recordings (a
/// lower rate after a treatment starts), diary entries and a treatment with hostile text, and
/// optionally an assessment.
enum CareFixture {
    /// A wall-clock Monday, 2024-01-01T09:00, plus `days`.
    static func time(day days: Int, hour: Double = 9) -> Date {
        Date(timeIntervalSince1970: 1_704_067_200 + Double(days) * 86_400 + hour * 3600)
    }

    static let hostile = "<script>alert('x')</script> & \"quoted\""

    /// A new store file in a new folder; the caller removes the folder.
    static func store(assessmentJSON: String? = nil) throws -> (store: Store, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-care-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = try Store(path: folder.appendingPathComponent("store.sqlite").path)
        _ = try store.addPerson(code: "P001")
        for week in 0..<8 {
            let jerks = week < 4 ? 120 : 40
            _ = try store.importRecording(person: "P001", item("week\(week).edf", jerks: jerks, lapses: 10, seconds: 3600,
                                                                start: time(day: 7 * week)))
        }
        _ = try store.startTreatment(person: "P001", Treatment(kind: .medicine, name: "clonazepam " + hostile, dose: "as prescribed",
                                                                start: time(day: 26)))
        _ = try store.addDiaryEntry(person: "P001", DiaryEntry(time: time(day: 3), bodyPart: "right arm", intensity: 6, note: hostile))
        _ = try store.addDiaryEntry(person: "P001", DiaryEntry(time: time(day: 40), bodyPart: "face", intensity: 2))
        if let assessmentJSON { _ = try store.addAssessment(person: "P001", json: assessmentJSON, time: time(day: 50)) }
        return (store, folder)
    }

    /// A recording import of `seconds` with `jerks` of 40 ms and `lapses` of 120 ms, evenly spread.
    static func item(_ name: String, jerks: Int, lapses: Int, seconds: Double, start: Date) -> RecordingImport {
        var events: [MyoclonicEvent] = []
        let total = jerks + lapses
        for i in 0..<total {
            let onset = seconds * Double(i) / Double(total)
            let positive = i % (total / max(lapses, 1) + 1) != 0 || lapses == 0
            events.append(MyoclonicEvent(onset: onset, offset: onset + (positive ? 0.04 : 0.12), polarity: positive ? .positive : .negative,
                                         channels: [], peak: 50, area: 1, intensity: positive ? 6 : 0.7, unit: "uV", confidence: 0.9))
        }
        let summary = SummaryBuilder.summarize(events: events, longActivity: [], analysableSeconds: seconds)
        let result = AnalysisResult(file: name, format: "EDF+", start: nil, durationSeconds: seconds, channels: [], events: events,
                                    longActivity: [], summary: summary, parameters: [], warnings: [], snippets: [], version: "0.1.0")
        return RecordingImport(fileName: name, contentHash: SHA256.hex(Array(name.utf8)), byteCount: 1000, analysis: result,
                               settings: AnalysisSettings(parameters: []), start: start)
    }
}
