import Foundation
import GRDB

extension Store {
    /// Adds a diary entry after checking it (intensity 0-10, not in the future, a body part);
    /// nothing is stored when a check fails.
    @discardableResult
    public func addDiaryEntry(person code: String, _ entry: DiaryEntry, now: Date = WallClock.now()) throws -> DiaryEntry {
        try entry.validate(now: now)
        return try write { db in
            let personID = try Self.requirePerson(db, code: code)
            try db.execute(sql: """
                INSERT INTO diary_entry (person_id, time, day, body_part, intensity, trigger_text, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [personID, entry.time.timeIntervalSince1970, WallClock.day(of: entry.time),
                                 entry.bodyPart, entry.intensity, entry.trigger, entry.note, now.timeIntervalSince1970])
            var stored = entry
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// A person's diary, oldest first.
    public func diary(person code: String) throws -> [DiaryEntry] {
        try read { db in
            let personID = try Self.requirePerson(db, code: code)
            return try Row.fetchAll(db, sql: """
                SELECT id, time, body_part, intensity, trigger_text, note FROM diary_entry
                WHERE person_id = ? ORDER BY time, id
                """, arguments: [personID]).map { row in
                DiaryEntry(id: row["id"], time: Date(timeIntervalSince1970: row["time"]), bodyPart: row["body_part"],
                           intensity: row["intensity"], trigger: row["trigger_text"], note: row["note"])
            }
        }
    }
}
