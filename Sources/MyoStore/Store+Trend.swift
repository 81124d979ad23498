import Foundation
import GRDB

extension Store {
    /// The SQL that sums the latest analysis of each dated recording of a person per day.
    /// Portable: a correlated MAX subquery and GROUP BY over an indexed day column, no date
    /// functions. It reads one row per recording and analysis, never the events.
    static let ratePerDaySQL = """
        SELECT r.start_day AS day, COUNT(*) AS recordings, SUM(a.analysable_s) AS seconds,
               SUM(a.event_count) AS events, SUM(a.positive_count) AS jerks, SUM(a.negative_count) AS lapses
        FROM recording r JOIN analysis a ON a.recording_id = r.id
        WHERE r.person_id = ? AND r.start_day IS NOT NULL
          AND a.id = (SELECT MAX(a2.id) FROM analysis a2 WHERE a2.recording_id = r.id)
        GROUP BY r.start_day
        ORDER BY r.start_day
        """

    /// Events and seconds of the latest analyses of recordings starting in [from, to).
    static let windowSQL = """
        SELECT COALESCE(SUM(a.event_count), 0) AS events, COALESCE(SUM(a.analysable_s), 0) AS seconds
        FROM recording r JOIN analysis a ON a.recording_id = r.id
        WHERE r.person_id = ? AND r.start_time >= ? AND r.start_time < ?
          AND a.id = (SELECT MAX(a2.id) FROM analysis a2 WHERE a2.recording_id = r.id)
        """

    /// A person's trend: measured event rates per day and week (per hour of analysable signal),
    /// the diary per day, the change test with its red flag, and the response to each treatment.
    ///
    /// Complexity: indexed aggregate queries over recordings (one row per recording), the diary
    /// and treatments; independent of the number of events.
    public func trend(person code: String, options: TrendOptions = TrendOptions()) throws -> TrendReport {
        try options.validate()
        return try read { db in
            let personID = try Self.requirePerson(db, code: code)
            let days: [RatePoint] = try Row.fetchAll(db, sql: Self.ratePerDaySQL, arguments: [personID]).map { row in
                let day: Int = row["day"]
                let hours = ((row["seconds"] as Double?) ?? 0) / 3600
                let events: Int = row["events"] ?? 0
                return RatePoint(date: WallClock.dateString(day: day), dayNumber: day, recordings: row["recordings"], hours: hours,
                                 events: events, jerks: row["jerks"] ?? 0, lapses: row["lapses"] ?? 0,
                                 eventsPerHour: hours > 0 ? Double(events) / hours : nil)
            }
            let undated = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM recording WHERE person_id = ? AND start_day IS NULL",
                                           arguments: [personID]) ?? 0
            let diary: [DiaryPoint] = try Row.fetchAll(db, sql: """
                SELECT day, COUNT(*) AS entries, AVG(intensity) AS mean, MAX(intensity) AS maximum
                FROM diary_entry WHERE person_id = ? GROUP BY day ORDER BY day
                """, arguments: [personID]).map { row in
                let day: Int = row["day"]
                return DiaryPoint(date: WallClock.dateString(day: day), dayNumber: day, entries: row["entries"],
                                  meanIntensity: row["mean"] ?? 0, maxIntensity: row["maximum"] ?? 0)
            }
            let windowSeconds = Double(options.responseDays) * 86_400
            let responses = try Self.treatments(db, personID: personID).map { t -> TreatmentResponse in
                let start = t.start.timeIntervalSince1970
                let afterEnd = min(t.stop?.timeIntervalSince1970 ?? .infinity, start + windowSeconds)
                func window(_ from: Double, _ to: Double) throws -> (events: Int, hours: Double) {
                    let row = try Row.fetchOne(db, sql: Self.windowSQL, arguments: [personID, from, to])
                    return ((row?["events"] as Int?) ?? 0, ((row?["seconds"] as Double?) ?? 0) / 3600)
                }
                return TrendAnalysis.response(treatment: t, before: try window(start - windowSeconds, start),
                                              after: try window(start, max(start, afterEnd)), options: options)
            }
            let change = TrendAnalysis.changeTest(days, options: options)
            return TrendReport(person: code, options: options, days: days, weeks: TrendAnalysis.weeks(days), diary: diary,
                               change: change, treatmentResponses: responses, redFlags: TrendAnalysis.redFlags(change: change),
                               undatedRecordings: undated, assumptions: TrendAnalysis.assumptions)
        }
    }
}
