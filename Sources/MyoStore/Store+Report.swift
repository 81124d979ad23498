import Foundation
import GRDB

/// One stored recording with the counts of its latest analysis, as the clinician's report and
/// the FHIR export list them.
public struct RecordingOverview: Sendable, Codable, Equatable {
    public var recordingID: Int64
    /// The latest analysis of the recording (the one the trend uses).
    public var analysisID: Int64
    /// The file's name as imported (last path component).
    public var fileName: String
    /// SHA-256 of the file's bytes, so a file found again can be proven to be the same.
    public var contentHash: String
    public var format: String
    /// Wall-clock start, when the file stated it.
    public var start: Date?
    public var durationSeconds: Double
    public var analysableSeconds: Double
    public var events: Int
    public var jerks: Int
    public var lapses: Int
}

/// One event of a latest analysis, with only what a report draws.
public struct EventMeasure: Sendable, Equatable {
    public var analysisID: Int64
    /// Seconds from the recording start.
    public var onset: Double
    public var offset: Double
    /// `true` for a jerk (positive myoclonus), `false` for a lapse.
    public var isPositive: Bool
    /// Relative to the channel's baseline (jerk: peak over rest; lapse: depth 0-1).
    public var intensity: Double
    /// The channels involved, `;`-separated, lead channel first.
    public var channels: String
}

extension Store {
    /// A person's recordings with their latest analysis, oldest first (undated ones last).
    /// Complexity: one indexed query, one row per recording; never reads events.
    public func recordingOverviews(person code: String) throws -> [RecordingOverview] {
        try read { db in
            let personID = try Self.requirePerson(db, code: code)
            return try Row.fetchAll(db, sql: """
                SELECT r.id AS rid, a.id AS aid, r.file_name, r.content_hash, r.format, r.start_time, r.duration_s,
                       a.analysable_s, a.event_count, a.positive_count, a.negative_count
                FROM recording r JOIN analysis a ON a.recording_id = r.id
                WHERE r.person_id = ? AND a.id = (SELECT MAX(a2.id) FROM analysis a2 WHERE a2.recording_id = r.id)
                ORDER BY r.start_time IS NULL, r.start_time, r.id
                """, arguments: [personID]).map { row in
                RecordingOverview(recordingID: row["rid"], analysisID: row["aid"], fileName: row["file_name"],
                                  contentHash: row["content_hash"], format: row["format"],
                                  start: (row["start_time"] as Double?).map { Date(timeIntervalSince1970: $0) },
                                  durationSeconds: row["duration_s"], analysableSeconds: row["analysable_s"],
                                  events: row["event_count"], jerks: row["positive_count"], lapses: row["negative_count"])
            }
        }
    }

    /// Calls `body` with every event of the latest analysis of each of a person's recordings,
    /// by analysis then onset, through a database cursor: memory stays constant however many
    /// events the person has (a report of 10 million events bins them as they stream by).
    /// Complexity: O(events of the person), one indexed scan.
    public func forEachLatestEvent(person code: String, _ body: (EventMeasure) throws -> Void) throws {
        try read { db in
            let personID = try Self.requirePerson(db, code: code)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT e.analysis_id, e.onset_s, e.offset_s, e.polarity, e.intensity, e.channels
                FROM recording r JOIN analysis a ON a.recording_id = r.id JOIN event e ON e.analysis_id = a.id
                WHERE r.person_id = ? AND a.id = (SELECT MAX(a2.id) FROM analysis a2 WHERE a2.recording_id = r.id)
                ORDER BY e.analysis_id, e.onset_s, e.id
                """, arguments: [personID])
            while let row = try rows.next() {
                try body(EventMeasure(analysisID: row["analysis_id"], onset: row["onset_s"], offset: row["offset_s"],
                                      isPositive: (row["polarity"] as String) == "positive", intensity: row["intensity"],
                                      channels: row["channels"]))
            }
        }
    }
}
