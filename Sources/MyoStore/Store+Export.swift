import Foundation
import GRDB

/// A person's whole record, as `person export` writes it.
public struct PersonRecord: Sendable, Codable {
    /// A stored recording with every analysis of it.
    public struct StoredRecording: Sendable, Codable {
        public var id: Int64
        public var contentHash: String
        public var fileName: String
        public var format: String
        public var start: String?
        public var durationSeconds: Double
        public var channelsJSON: String
        public var analyses: [StoredAnalysis]
    }

    /// One analysis with its events.
    public struct StoredAnalysis: Sendable, Codable {
        public var id: Int64
        public var label: String
        public var version: String
        public var settingsJSON: String
        public var summaryJSON: String
        public var analysableSeconds: Double
        public var events: [StoredEvent]
    }

    /// One event as stored.
    public struct StoredEvent: Sendable, Codable {
        public var onset: Double
        public var offset: Double
        public var polarity: String
        public var channels: String
        public var peak: Double
        public var intensity: Double
        public var confidence: Double
    }

    public var format = "myotrace-person-record"
    public var schema: [String]
    public var person: Person
    public var recordings: [StoredRecording]
    public var diary: [DiaryEntry]
    public var treatments: [Treatment]
    public var assessments: [StoredAssessment]
    public var ratings: [RatingScore]
}

extension Store {
    /// Everything the store holds about a person: the person, then recordings, analyses, events and
    /// treatments read in one transaction (diary, assessments and ratings are added by `exportJSON`).
    /// Complexity: O(events of the person); the whole record is built in memory.
    public func record(person code: String) throws -> PersonRecord {
        let person = try self.person(code: code)
        return try read { db in
            let recordings = try Row.fetchAll(db, sql: """
                SELECT id, content_hash, file_name, format, start_time, duration_s, channels_json FROM recording
                WHERE person_id = ? ORDER BY start_time, id
                """, arguments: [person.id]).map { r -> PersonRecord.StoredRecording in
                let analyses = try Row.fetchAll(db, sql: """
                    SELECT id, label, version, settings_json, summary_json, analysable_s FROM analysis WHERE recording_id = ? ORDER BY id
                    """, arguments: [r["id"] as Int64]).map { a -> PersonRecord.StoredAnalysis in
                    let events = try Row.fetchAll(db, sql: """
                        SELECT onset_s, offset_s, polarity, channels, peak, intensity, confidence FROM event
                        WHERE analysis_id = ? ORDER BY onset_s, id
                        """, arguments: [a["id"] as Int64]).map { e in
                        PersonRecord.StoredEvent(onset: e["onset_s"], offset: e["offset_s"], polarity: e["polarity"],
                                                 channels: e["channels"], peak: e["peak"], intensity: e["intensity"],
                                                 confidence: e["confidence"])
                    }
                    return PersonRecord.StoredAnalysis(id: a["id"], label: a["label"], version: a["version"],
                                                       settingsJSON: a["settings_json"], summaryJSON: a["summary_json"],
                                                       analysableSeconds: a["analysable_s"], events: events)
                }
                return PersonRecord.StoredRecording(
                    id: r["id"], contentHash: r["content_hash"], fileName: r["file_name"], format: r["format"],
                    start: (r["start_time"] as Double?).map { WallClock.isoString(Date(timeIntervalSince1970: $0)) },
                    durationSeconds: r["duration_s"], channelsJSON: r["channels_json"], analyses: analyses)
            }
            return PersonRecord(schema: try StoreSchema.migrator.appliedMigrations(db), person: person, recordings: recordings,
                                diary: [], treatments: try Self.treatments(db, personID: person.id), assessments: [], ratings: [])
        }
    }

    /// The person's whole record as pretty-printed JSON with sorted keys (dates as wall-clock ISO text).
    public func exportJSON(person code: String) throws -> String {
        var record = try self.record(person: code)
        record.diary = try diary(person: code)
        record.assessments = try assessments(person: code)
        record.ratings = try ratings(person: code)
        do {
            return try StoreJSON.text(record)
        } catch {
            throw StoreError.cannotWrite(file: "export of \(code)", reason: "\(error)")
        }
    }
}
