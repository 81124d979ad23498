import Foundation
import GRDB

extension Store {
    /// Records a treatment (ongoing when `stop` is nil) after checking it; nothing is stored
    /// when a check fails.
    @discardableResult
    public func startTreatment(person code: String, _ treatment: Treatment, now: Date = WallClock.now()) throws -> Treatment {
        try treatment.validate(now: now)
        return try write { db in
            let personID = try Self.requirePerson(db, code: code)
            try db.execute(sql: """
                INSERT INTO treatment (person_id, kind, name, dose, settings, start_time, stop_time, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [personID, treatment.kind.rawValue, treatment.name, treatment.dose, treatment.settings,
                                 treatment.start.timeIntervalSince1970, treatment.stop?.timeIntervalSince1970,
                                 treatment.note, now.timeIntervalSince1970])
            var stored = treatment
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Stops an ongoing treatment, named by its id or by its name (when one ongoing treatment
    /// has it). A stop before the start, or in the future, is refused and nothing changes.
    @discardableResult
    public func stopTreatment(person code: String, treatment key: String, at stop: Date, now: Date = WallClock.now()) throws -> Treatment {
        try write { db in
            let personID = try Self.requirePerson(db, code: code)
            let all = try Self.treatments(db, personID: personID)
            let matches: [Treatment]
            if let id = Int64(key) {
                matches = all.filter { $0.id == id }
            } else {
                matches = all.filter { $0.name.lowercased() == key.lowercased() && $0.stop == nil }
            }
            guard matches.count == 1, var treatment = matches.first else {
                throw StoreError.unknownTreatment(person: code, treatment: key,
                                                  reason: matches.isEmpty ? "no such ongoing treatment" : "several ongoing treatments have this name; give its id")
            }
            if treatment.stop != nil {
                throw StoreError.unknownTreatment(person: code, treatment: key, reason: "it has stopped already")
            }
            treatment.stop = stop
            try treatment.validate(now: now)
            try db.execute(sql: "UPDATE treatment SET stop_time = ? WHERE id = ?", arguments: [stop.timeIntervalSince1970, treatment.id])
            return treatment
        }
    }

    /// A person's treatments, by start.
    public func treatments(person code: String) throws -> [Treatment] {
        try read { db in try Self.treatments(db, personID: try Self.requirePerson(db, code: code)) }
    }

    static func treatments(_ db: Database, personID: Int64) throws -> [Treatment] {
        try Row.fetchAll(db, sql: """
            SELECT id, kind, name, dose, settings, start_time, stop_time, note FROM treatment
            WHERE person_id = ? ORDER BY start_time, id
            """, arguments: [personID]).map { row in
            Treatment(id: row["id"], kind: Treatment.Kind(rawValue: row["kind"]) ?? .other, name: row["name"],
                      dose: row["dose"], settings: row["settings"], start: Date(timeIntervalSince1970: row["start_time"]),
                      stop: (row["stop_time"] as Double?).map { Date(timeIntervalSince1970: $0) }, note: row["note"])
        }
    }
}
