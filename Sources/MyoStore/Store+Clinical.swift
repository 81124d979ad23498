import Foundation
import GRDB

extension Store {
    /// Stores a rating-scale score after checking it against its scale.
    @discardableResult
    public func addRating(person code: String, _ rating: RatingScore, now: Date = WallClock.now()) throws -> RatingScore {
        try rating.validate(now: now)
        return try write { db in
            let personID = try Self.requirePerson(db, code: code)
            try db.execute(sql: "INSERT INTO rating_score (person_id, time, scale, score, note, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [personID, rating.time.timeIntervalSince1970, rating.scale.rawValue, rating.score,
                                       rating.note, now.timeIntervalSince1970])
            var stored = rating
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// A person's rating-scale scores, oldest first.
    public func ratings(person code: String) throws -> [RatingScore] {
        try read { db in
            let personID = try Self.requirePerson(db, code: code)
            return try Row.fetchAll(db, sql: "SELECT id, time, scale, score, note FROM rating_score WHERE person_id = ? ORDER BY time, id",
                                    arguments: [personID]).compactMap { row in
                guard let scale = RatingScore.Scale(rawValue: row["scale"]) else { return nil }
                return RatingScore(id: row["id"], time: Date(timeIntervalSince1970: row["time"]), scale: scale,
                                   score: row["score"], note: row["note"])
            }
        }
    }

    /// Stores an assessment (the JSON `myotrace assess` writes), validated as JSON.
    @discardableResult
    public func addAssessment(person code: String, json: String, time: Date, now: Date = WallClock.now()) throws -> StoredAssessment {
        try JSONText.validate(json, field: "assessment")
        guard time <= now.addingTimeInterval(60) else {
            throw StoreError.invalidValue(field: "time", value: WallClock.isoString(time), reason: "is in the future")
        }
        return try write { db in
            let personID = try Self.requirePerson(db, code: code)
            try db.execute(sql: "INSERT INTO assessment (person_id, time, result_json, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [personID, time.timeIntervalSince1970, json, now.timeIntervalSince1970])
            return StoredAssessment(id: db.lastInsertedRowID, time: time, json: json)
        }
    }

    /// A person's assessments, oldest first.
    public func assessments(person code: String) throws -> [StoredAssessment] {
        try read { db in
            let personID = try Self.requirePerson(db, code: code)
            return try Row.fetchAll(db, sql: "SELECT id, time, result_json FROM assessment WHERE person_id = ? ORDER BY time, id",
                                    arguments: [personID]).map { row in
                StoredAssessment(id: row["id"], time: Date(timeIntervalSince1970: row["time"]), json: row["result_json"])
            }
        }
    }
}
