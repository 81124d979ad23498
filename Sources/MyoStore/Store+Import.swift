import Foundation
import GRDB
import MyoDetect

extension Store {
    /// What the store holds for a file's content, so a repeated import is skipped before the
    /// analysis runs. Complexity: two indexed lookups.
    public func lookup(contentHash: String, settingsHash: String, version: String) throws -> ImportLookup {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT r.id AS rid, p.code AS code FROM recording r JOIN person p ON p.id = r.person_id
                WHERE r.content_hash = ?
                """, arguments: [contentHash]) else { return .new }
            let recordingID: Int64 = row["rid"]
            let analysisID = try Int64.fetchOne(db, sql: """
                SELECT id FROM analysis WHERE recording_id = ? AND settings_hash = ? AND version = ?
                """, arguments: [recordingID, settingsHash, version])
            return .known(recordingID: recordingID, person: row["code"], analysisID: analysisID)
        }
    }

    /// Stores a recording (unless its content is stored already), its analysis and its events
    /// for `person`, in one transaction: a crash at any point leaves no trace of it.
    ///
    /// The same content with the same settings and version is not stored twice
    /// (``ImportOutcome/alreadyStored(recordingID:analysisID:)``); with other settings the new
    /// analysis is kept beside the old one, labelled. The per-recording counts the trend needs
    /// (events, jerks, lapses, analysable seconds) are written with the analysis, so the trend
    /// never scans events.
    ///
    /// - Parameter afterEvent: called with the number of events written so far, inside the
    ///   transaction (a test hook: a test pauses here and kills the process).
    /// Complexity: O(events), one prepared statement reused for every event.
    public func importRecording(person code: String, _ item: RecordingImport, now: Date = WallClock.now(),
                                afterEvent: ((Int) -> Void)? = nil) throws -> ImportOutcome {
        let a = item.analysis
        try Self.check(item)
        let summaryData: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            summaryData = try encoder.encode(a.summary)
        } catch {
            throw StoreError.invalidValue(field: "summary", value: item.fileName, reason: "cannot be written as JSON: \(error)")
        }
        let channelsJSON = String(decoding: (try? JSONEncoder().encode(a.channels)) ?? Data("[]".utf8), as: UTF8.self)
        return try write { db in
            let personID = try Self.requirePerson(db, code: code)
            var recordingID: Int64
            var isNewRecording = false
            if let row = try Row.fetchOne(db, sql: "SELECT id, person_id FROM recording WHERE content_hash = ?",
                                          arguments: [item.contentHash]) {
                recordingID = row["id"]
                let owner: Int64 = row["person_id"]
                if owner != personID {
                    let other = try String.fetchOne(db, sql: "SELECT code FROM person WHERE id = ?", arguments: [owner]) ?? "?"
                    throw StoreError.recordingOfAnotherPerson(file: item.fileName, person: other)
                }
                if let existing = try Int64.fetchOne(db, sql: """
                    SELECT id FROM analysis WHERE recording_id = ? AND settings_hash = ? AND version = ?
                    """, arguments: [recordingID, item.settings.hash, a.version]) {
                    return .alreadyStored(recordingID: recordingID, analysisID: existing)
                }
            } else {
                try db.execute(sql: """
                    INSERT INTO recording (person_id, content_hash, file_name, format, start_time, start_day, duration_s,
                                           channels_json, byte_count, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [personID, item.contentHash, (item.fileName as NSString).lastPathComponent, a.format,
                                     item.start?.timeIntervalSince1970, item.start.map(WallClock.day(of:)),
                                     a.durationSeconds, channelsJSON, item.byteCount, now.timeIntervalSince1970])
                recordingID = db.lastInsertedRowID
                isNewRecording = true
            }
            try db.execute(sql: """
                INSERT INTO analysis (recording_id, settings_json, settings_hash, version, created_at, analysable_s,
                                      event_count, positive_count, negative_count, summary_json, label)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [recordingID, item.settings.json, item.settings.hash, a.version, now.timeIntervalSince1970,
                                 a.summary.analysableMinutes * 60, a.events.count, a.summary.positiveCount,
                                 a.summary.negativeCount, String(decoding: summaryData, as: UTF8.self), item.settings.label])
            let analysisID = db.lastInsertedRowID
            try Self.insertEvents(db, analysisID: analysisID, events: a.events, afterEvent: afterEvent)
            return isNewRecording
                ? .stored(recordingID: recordingID, analysisID: analysisID, events: a.events.count)
                : .addedAnalysis(recordingID: recordingID, analysisID: analysisID, events: a.events.count)
        }
    }

    /// Inserts events with one cached prepared statement. Non-finite measures are stored as 0
    /// because SQL has no NaN (a detector never gives one; this keeps a NOT NULL column honest).
    static func insertEvents(_ db: Database, analysisID: Int64, events: [MyoclonicEvent], afterEvent: ((Int) -> Void)?) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO event (analysis_id, onset_s, offset_s, polarity, channels, peak, intensity, confidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        func finite(_ x: Double) -> Double { x.isFinite ? x : 0 }
        for (i, e) in events.enumerated() {
            try statement.execute(arguments: [analysisID, finite(e.onset), finite(e.offset), e.polarity.rawValue,
                                              e.channels.map(\.channel).joined(separator: ";"),
                                              finite(e.peak), finite(e.intensity), finite(e.confidence)])
            afterEvent?(i + 1)
        }
    }

    /// Rejects an analysis whose numbers could not be stored faithfully.
    static func check(_ item: RecordingImport) throws {
        let a = item.analysis
        guard item.contentHash.count == 64, item.contentHash.allSatisfy(\.isHexDigit) else {
            throw StoreError.invalidValue(field: "content hash", value: item.contentHash, reason: "must be 64 hexadecimal digits (SHA-256)")
        }
        guard a.durationSeconds.isFinite, a.durationSeconds >= 0 else {
            throw StoreError.invalidValue(field: "duration", value: "\(a.durationSeconds)", reason: "must be a finite number of seconds")
        }
        guard a.summary.analysableMinutes.isFinite, a.summary.analysableMinutes >= 0 else {
            throw StoreError.invalidValue(field: "analysable minutes", value: "\(a.summary.analysableMinutes)", reason: "must be finite and not negative")
        }
        if let start = item.start, !start.timeIntervalSince1970.isFinite || abs(start.timeIntervalSince1970) > 1e11 {
            throw StoreError.invalidValue(field: "start", value: "\(start)", reason: "is not a real date")
        }
    }
}
