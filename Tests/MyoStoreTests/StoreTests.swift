import Foundation
import GRDB
import MyoDetect
import Testing
@testable import MyoStore

/// The store on a real SQLite file in a temporary folder (no mocks).
@Suite("Store")
struct StoreTests {
    let dir: URL
    let store: Store
    let now = StoreTestSupport.time(day: 60)

    init() throws {
        dir = try StoreTestSupport.temporaryFolder()
        store = try Store(path: dir.appendingPathComponent("nested/store.sqlite").path)
    }

    @Test("A new store is in WAL mode at the current schema, and reopening keeps its data")
    func opensInWALMode() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try store.journalMode() == "wal")
        #expect(try store.schemaVersions() == StoreSchema.versions)
        _ = try store.addPerson(code: "P001", now: now)
        let again = try Store(path: store.path)
        #expect(try again.person(code: "P001").code == "P001")
    }

    @Test("The same file twice is stored once; new settings add a labelled analysis")
    func duplicateImport() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try store.addPerson(code: "P001", now: now)
        let item = StoreTestSupport.item("a.edf", jerks: 12, lapses: 3, seconds: 600, start: StoreTestSupport.time(day: 1))
        guard case .stored(let rid, _, 15) = try store.importRecording(person: "P001", item, now: now) else {
            Issue.record("first import should store"); return
        }
        guard case .alreadyStored(rid, _) = try store.importRecording(person: "P001", item, now: now) else {
            Issue.record("second import should be recognised"); return
        }
        #expect(try StoreTestSupport.counts(store)["event"] == 15)
        #expect(try store.lookup(contentHash: item.contentHash, settingsHash: item.settings.hash, version: "0.1.0")
                == .known(recordingID: rid, person: "P001", analysisID: 1))

        var changed = item
        changed.settings = AnalysisSettings(parameters: [Parameter(name: "emg.maximumBurstDuration", value: "0.25 s", source: "", isDefault: false)])
        changed.analysis = StoreTestSupport.analysis(jerks: 10, seconds: 600)
        guard case .addedAnalysis(rid, _, 10) = try store.importRecording(person: "P001", changed, now: now) else {
            Issue.record("new settings should add an analysis"); return
        }
        let counts = try StoreTestSupport.counts(store)
        #expect(counts["recording"] == 1 && counts["analysis"] == 2 && counts["event"] == 25)
        let labels = try store.read { db in try String.fetchAll(db, sql: "SELECT label FROM analysis ORDER BY id") }
        #expect(labels == ["default", "emg.maximumBurstDuration=0.25 s"])
        // The trend uses the latest analysis of each recording.
        #expect(try store.trend(person: "P001").days.map(\.events) == [10])

        _ = try store.addPerson(code: "P002", now: now)
        #expect(throws: StoreError.recordingOfAnotherPerson(file: "a.edf", person: "P001")) {
            try store.importRecording(person: "P002", item, now: now)
        }
    }

    @Test("Bad input is a clear error and stores nothing")
    func badInput() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try store.addPerson(code: "P001", now: now)
        let before = try StoreTestSupport.counts(store)
        let when = StoreTestSupport.time(day: 59)
        #expect(throws: StoreError.unknownPerson("NOBODY")) {
            try store.addDiaryEntry(person: "NOBODY", DiaryEntry(time: when, bodyPart: "arm", intensity: 3), now: now)
        }
        #expect(throws: StoreError.unknownPerson("NOBODY")) {
            try store.importRecording(person: "NOBODY", StoreTestSupport.item("x", jerks: 1, seconds: 60, start: nil), now: now)
        }
        #expect(throws: StoreError.self) {
            try store.addDiaryEntry(person: "P001", DiaryEntry(time: when, bodyPart: "arm", intensity: 11), now: now)
        }
        #expect(throws: StoreError.self) {
            try store.addDiaryEntry(person: "P001", DiaryEntry(time: StoreTestSupport.time(day: 61), bodyPart: "arm", intensity: 3), now: now)
        }
        let backwards = Treatment(kind: .medicine, name: "clonazepam", start: StoreTestSupport.time(day: 10), stop: StoreTestSupport.time(day: 9))
        #expect(throws: StoreError.stopBeforeStart(treatment: "clonazepam", start: "2026-11-12T09:00:00", stop: "2026-11-11T09:00:00")) {
            try store.startTreatment(person: "P001", backwards, now: now)
        }
        let ongoing = try store.startTreatment(person: "P001", Treatment(kind: .medicine, name: "levetiracetam", start: StoreTestSupport.time(day: 10)), now: now)
        #expect(throws: StoreError.self) {
            try store.stopTreatment(person: "P001", treatment: "levetiracetam", at: StoreTestSupport.time(day: 5), now: now)
        }
        #expect(try store.treatments(person: "P001").first?.stop == nil)
        #expect(throws: StoreError.self) { try store.addRating(person: "P001", RatingScore(time: when, scale: .connAsterixis, score: 5), now: now) }
        #expect(throws: StoreError.self) { try store.addPerson(code: "Jane Doe", now: now) }
        #expect(throws: StoreError.personExists("P001")) { try store.addPerson(code: "P001", now: now) }
        #expect(throws: StoreError.self) { try store.addPerson(code: "P002", intakeJSON: "{\"age\": ", now: now) }
        #expect(throws: StoreError.self) { try store.addAssessment(person: "P001", json: "not json", time: when, now: now) }
        var after = try StoreTestSupport.counts(store)
        after["treatment"] = (after["treatment"] ?? 0) - 1  // the one valid, ongoing treatment
        #expect(after == before)
        let stopped = try store.stopTreatment(person: "P001", treatment: "\(ongoing.id)", at: StoreTestSupport.time(day: 20), now: now)
        #expect(stopped.stop == StoreTestSupport.time(day: 20))
    }

    @Test("Trend: rates per hour of signal per day and week, diary apart, red flag on a doubling, treatment response")
    func trendAndResponse() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try store.addPerson(code: "P001", now: now)
        // 35 days, 1 h a day at 10 jerks/h, then 20/h in the last week; a 30-minute day at the same rate.
        for day in 0..<35 {
            let rate = day >= 28 ? 20 : 10
            let seconds = day == 3 ? 1800.0 : 3600.0
            let item = StoreTestSupport.item("d\(day).edf", jerks: Int(Double(rate) * seconds / 3600), seconds: seconds,
                                             start: StoreTestSupport.time(day: day))
            _ = try store.importRecording(person: "P001", item, now: now)
        }
        _ = try store.importRecording(person: "P001", StoreTestSupport.item("undated.edf", jerks: 99, seconds: 60, start: nil), now: now)
        try store.addDiaryEntry(person: "P001", DiaryEntry(time: StoreTestSupport.time(day: 3, hour: 20), bodyPart: "right arm", intensity: 4), now: now)
        try store.addDiaryEntry(person: "P001", DiaryEntry(time: StoreTestSupport.time(day: 3, hour: 21), bodyPart: "face", intensity: 8), now: now)
        try store.startTreatment(person: "P001", Treatment(kind: .medicine, name: "clonazepam", dose: "0.5 mg", start: StoreTestSupport.time(day: 14, hour: 0)), now: now)

        let trend = try store.trend(person: "P001")
        #expect(trend.days.count == 35)
        #expect(trend.days[3].eventsPerHour == 10, "a half-hour recording has the same rate per hour")
        #expect(trend.days[3].hours == 0.5)
        #expect(trend.undatedRecordings == 1)
        #expect(trend.weeks.reduce(0) { $0 + $1.events } == trend.days.reduce(0) { $0 + $1.events })
        #expect(trend.diary.count == 1 && trend.diary[0].entries == 2 && trend.diary[0].maxIntensity == 8 && trend.diary[0].meanIntensity == 6)
        let change = try #require(trend.change)
        #expect(change.flagged && change.recentEvents == 140 && change.recentHours == 7)
        #expect(abs((change.rateRatio ?? 0) - 140.0 / 7 / (275.0 / 27.5)) < 1e-9)
        #expect(trend.redFlags.count == 1 && trend.redFlags[0].contains("See a provider"))
        let response = try #require(trend.treatmentResponses.first)
        #expect(response.beforeEvents == 135 && abs(response.beforeHours - 13.5) < 1e-9)
        #expect(response.afterEvents == 14 * 10 + 7 * 20 && response.afterHours == 21)
        let ratio = try #require(response.rateRatio)
        #expect(ratio > 1 && (response.lower ?? 0) < ratio && ratio < (response.upper ?? 0))
        #expect(!trend.assumptions.isEmpty)
    }

    @Test("A steady person gets no red flag")
    func steadyNoFlag() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try store.addPerson(code: "P001", now: now)
        for day in 0..<35 {
            _ = try store.importRecording(person: "P001", StoreTestSupport.item("s\(day)", jerks: 10, seconds: 3600, start: StoreTestSupport.time(day: day)), now: now)
        }
        let trend = try store.trend(person: "P001")
        #expect(trend.change?.flagged == false && trend.redFlags.isEmpty)
    }

    @Test("Backup and restore bring back the store as it was")
    func backupRestore() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try store.addPerson(code: "P001", now: now)
        _ = try store.importRecording(person: "P001", StoreTestSupport.item("a", jerks: 5, seconds: 600, start: StoreTestSupport.time(day: 1)), now: now)
        let backup = dir.appendingPathComponent("backup.sqlite").path
        try store.backup(to: backup)
        #expect(throws: StoreError.self) { try store.backup(to: backup) }
        let saved = try StoreTestSupport.counts(store)
        _ = try store.addPerson(code: "P002", now: now)
        try store.deletePerson(code: "P001")
        try store.restore(from: backup)
        #expect(try StoreTestSupport.counts(store) == saved)
        #expect(try store.people().map(\.person.code) == ["P001"])
        #expect(throws: StoreError.self) { try store.restore(from: dir.appendingPathComponent("none.sqlite").path) }
        let notAStore = dir.appendingPathComponent("text.sqlite").path
        try Data("hello, this is not SQLite at all".utf8).write(to: URL(fileURLWithPath: notAStore))
        #expect(throws: StoreError.self) { try store.restore(from: notAStore) }
        #expect(throws: StoreError.self) { _ = try Store(path: notAStore) }
        #expect(try StoreTestSupport.counts(store) == saved)
    }

    @Test("Export holds the whole record; deleting a person leaves no trace in the file")
    func exportAndDelete() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let code = "ZXQ-UNIQUE-PSEUDONYM"
        _ = try store.addPerson(code: code, intakeJSON: #"{"age": 54}"#, now: now)
        _ = try store.addPerson(code: "P002", now: now)
        _ = try store.importRecording(person: code, StoreTestSupport.item("a", jerks: 4, lapses: 1, seconds: 600, start: StoreTestSupport.time(day: 1)), now: now)
        try store.addDiaryEntry(person: code, DiaryEntry(time: StoreTestSupport.time(day: 2), bodyPart: "SECRET-BODY-PART", intensity: 5), now: now)
        try store.startTreatment(person: code, Treatment(kind: .botulinumToxin, name: "onabotulinumtoxinA", dose: "50 U", start: StoreTestSupport.time(day: 3)), now: now)
        try store.addRating(person: code, RatingScore(time: StoreTestSupport.time(day: 3), scale: .connAsterixis, score: 2), now: now)
        try store.addAssessment(person: code, json: #"{"categories": []}"#, time: StoreTestSupport.time(day: 3), now: now)

        let json = try store.exportJSON(person: code)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let recordings = try #require(object["recordings"] as? [[String: Any]])
        let analyses = try #require(recordings.first?["analyses"] as? [[String: Any]])
        #expect((analyses.first?["events"] as? [Any])?.count == 5)
        for key in ["diary", "treatments", "ratings", "assessments"] { #expect((object[key] as? [Any])?.count == 1, "\(key)") }

        try store.deletePerson(code: code)
        #expect(throws: StoreError.unknownPerson(code)) { try store.person(code: code) }
        let counts = try StoreTestSupport.counts(store)
        #expect(counts["person"] == 1 && counts["recording"] == 0 && counts["event"] == 0 && counts["diary_entry"] == 0)
        for suffix in ["", "-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: store.path + suffix))) ?? Data()
            #expect(bytes.range(of: Data(code.utf8)) == nil, "the code is still in \(suffix.isEmpty ? "the file" : suffix)")
            #expect(bytes.range(of: Data("SECRET-BODY-PART".utf8)) == nil)
        }
    }

    @Test("The default location follows --db, MYOTRACE_DB, then the data folder")
    func defaultLocation() {
        #expect(StoreLocation.path(explicit: "/x/a.sqlite", environment: ["MYOTRACE_DB": "/y"], home: "/h") == "/x/a.sqlite")
        #expect(StoreLocation.path(explicit: nil, environment: ["MYOTRACE_DB": "/y/b.sqlite"], home: "/h") == "/y/b.sqlite")
        #if os(Linux)
        #expect(StoreLocation.path(explicit: nil, environment: ["XDG_DATA_HOME": "/d"], home: "/h") == "/d/myotrace/myotrace.sqlite")
        #expect(StoreLocation.path(explicit: nil, environment: [:], home: "/h") == "/h/.local/share/myotrace/myotrace.sqlite")
        #endif
        try? FileManager.default.removeItem(at: dir)
    }
}
