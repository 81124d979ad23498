import Foundation

/// How `trend` looks at a person's history.
public struct TrendOptions: Sendable, Equatable, Codable {
    /// Days in the recent window the change test looks at (ending on the last recorded day).
    public var recentDays = 7
    /// Days before the recent window that form the baseline.
    public var baselineDays = 28
    /// The change test's false-alarm rate: the largest probability, when the rate has not
    /// changed, that the "see a provider" flag is raised.
    public var alpha = 0.05
    /// Days before and after a treatment start compared for the treatment response.
    public var responseDays = 28
    /// Hours of analysable signal each window needs before a test or ratio is computed.
    public var minimumHours = 1.0

    public init() {}

    /// Rejects windows and levels that make no sense.
    public func validate() throws {
        for (name, value) in [("recent days", recentDays), ("baseline days", baselineDays), ("response days", responseDays)]
        where !(1...3650).contains(value) {
            throw StoreError.invalidValue(field: name, value: "\(value)", reason: "must be from 1 to 3650 days")
        }
        guard alpha > 0, alpha < 0.5 else {
            throw StoreError.invalidValue(field: "alpha", value: "\(alpha)", reason: "must be above 0 and below 0.5")
        }
        guard minimumHours.isFinite, minimumHours >= 0 else {
            throw StoreError.invalidValue(field: "minimum hours", value: "\(minimumHours)", reason: "must be 0 or more")
        }
    }
}

/// Events measured in the recordings of one day or one week (latest analysis of each recording).
public struct RatePoint: Sendable, Codable, Equatable {
    /// The day (for a week: its Monday), `2026-11-24`.
    public var date: String
    /// Days since 1970-01-01 of `date`.
    public var dayNumber: Int
    public var recordings: Int
    /// Hours of analysable signal.
    public var hours: Double
    /// Jerks and lapses together.
    public var events: Int
    public var jerks: Int
    public var lapses: Int
    /// `events / hours`, so that a short recording does not look calm; `nil` without signal.
    public var eventsPerHour: Double?
}

/// What the diary says on one day, shown apart from the measured events.
public struct DiaryPoint: Sendable, Codable, Equatable {
    public var date: String
    public var dayNumber: Int
    public var entries: Int
    public var meanIntensity: Double
    public var maxIntensity: Int
}

/// The change test: are jerks more frequent in the recent window than in the baseline?
public struct ChangeTest: Sendable, Codable, Equatable {
    /// The method, in words.
    public var method: String
    public var recentFrom: String
    public var recentTo: String
    public var baselineFrom: String
    public var baselineTo: String
    public var recentEvents: Int
    public var recentHours: Double
    public var baselineEvents: Int
    public var baselineHours: Double
    /// Recent rate over baseline rate, with its exact 95 % interval (`nil` without events).
    public var rateRatio: Double?
    public var rateRatioLower: Double?
    public var rateRatioUpper: Double?
    /// One-sided exact p-value of an increase, or `nil` when a window lacks `minimumHours`.
    public var pValue: Double?
    public var alpha: Double
    /// `pValue < alpha`: jerks have become more frequent.
    public var flagged: Bool
    /// Why the test could not run, when it could not.
    public var note: String?
}

/// The rate ratio after/before a treatment started.
public struct TreatmentResponse: Sendable, Codable, Equatable {
    public var treatmentID: Int64
    public var name: String
    public var kind: String
    public var start: String
    /// Events and hours in the `responseDays` before the start.
    public var beforeEvents: Int
    public var beforeHours: Double
    /// Events and hours from the start for `responseDays` (or until the stop, if sooner).
    public var afterEvents: Int
    public var afterHours: Double
    /// After rate over before rate (below 1: fewer jerks), with its exact 95 % interval.
    public var rateRatio: Double?
    public var lower: Double?
    public var upper: Double?
    public var method: String
    public var note: String?
}

/// Everything `trend` shows for a person.
public struct TrendReport: Sendable, Codable, Equatable {
    public var person: String
    public var options: TrendOptions
    public var days: [RatePoint]
    public var weeks: [RatePoint]
    public var diary: [DiaryPoint]
    public var change: ChangeTest?
    public var treatmentResponses: [TreatmentResponse]
    /// Findings that should bring the person to a provider, worded for them.
    public var redFlags: [String]
    /// Recordings without a start time, which cannot be placed on a day (not in the rates).
    public var undatedRecordings: Int
    /// The assumptions behind the statistics, stated with every result.
    public var assumptions: [String]
}
