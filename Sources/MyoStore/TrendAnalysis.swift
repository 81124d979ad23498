import Foundation

/// Builds the weeks, the change test and the red flags of a ``TrendReport`` from per-day
/// counts; pure, so the statistics are tested apart from the database.
///
/// Complexity: O(days).
public enum TrendAnalysis {
    /// The method of the change test, as shown with every result.
    public static let changeMethod = "exact conditional binomial test of two Poisson rates (one-sided, increase): "
        + "given the total count n over both windows, the recent count is Binomial(n, h_recent / (h_recent + h_baseline)) "
        + "when the rate is unchanged"

    /// The method of the treatment response.
    public static let responseMethod = "rate ratio after/before (events per hour of analysable signal) with an exact "
        + "conditional (Clopper-Pearson) 95 % interval"

    /// The assumptions every result rests on.
    public static let assumptions = [
        "Event counts are Poisson: events occur independently of one another at a rate that is constant within each window.",
        "Jerks often come in clusters and vary from day to day (overdispersion): then the test is too eager and the "
            + "intervals too narrow, so read a flag as a reason to ask a provider, not as proof.",
        "Rates use the latest analysis of each recording and only the signal the detectors could analyse.",
        "Diary entries are a person's recollection and are shown apart, never added to measured events.",
    ]

    /// Sums days into ISO weeks (Monday first).
    public static func weeks(_ days: [RatePoint]) -> [RatePoint] {
        var order: [Int] = []
        var byWeek: [Int: RatePoint] = [:]
        for d in days {
            let monday = WallClock.weekStart(ofDay: d.dayNumber)
            if var w = byWeek[monday] {
                w.recordings += d.recordings
                w.hours += d.hours
                w.events += d.events
                w.jerks += d.jerks
                w.lapses += d.lapses
                byWeek[monday] = w
            } else {
                order.append(monday)
                byWeek[monday] = RatePoint(date: WallClock.dateString(day: monday), dayNumber: monday, recordings: d.recordings,
                                           hours: d.hours, events: d.events, jerks: d.jerks, lapses: d.lapses, eventsPerHour: nil)
            }
        }
        return order.sorted().compactMap { monday in
            guard var w = byWeek[monday] else { return nil }
            w.eventsPerHour = w.hours > 0 ? Double(w.events) / w.hours : nil
            return w
        }
    }

    /// The change test over the recent window ending on the last recorded day and the baseline
    /// just before it; `nil` without any recorded day.
    public static func changeTest(_ days: [RatePoint], options: TrendOptions) -> ChangeTest? {
        guard let last = days.map(\.dayNumber).max() else { return nil }
        let recentFrom = last - options.recentDays + 1
        let baselineFrom = recentFrom - options.baselineDays
        var recent = (events: 0, hours: 0.0), baseline = (events: 0, hours: 0.0)
        for d in days {
            if d.dayNumber >= recentFrom && d.dayNumber <= last {
                recent.events += d.events
                recent.hours += d.hours
            } else if d.dayNumber >= baselineFrom && d.dayNumber < recentFrom {
                baseline.events += d.events
                baseline.hours += d.hours
            }
        }
        var test = ChangeTest(method: changeMethod, recentFrom: WallClock.dateString(day: recentFrom),
                              recentTo: WallClock.dateString(day: last), baselineFrom: WallClock.dateString(day: baselineFrom),
                              baselineTo: WallClock.dateString(day: recentFrom - 1), recentEvents: recent.events,
                              recentHours: recent.hours, baselineEvents: baseline.events, baselineHours: baseline.hours,
                              rateRatio: nil, rateRatioLower: nil, rateRatioUpper: nil, pValue: nil, alpha: options.alpha,
                              flagged: false, note: nil)
        guard recent.hours >= options.minimumHours, baseline.hours >= options.minimumHours, recent.hours > 0, baseline.hours > 0 else {
            test.note = String(format: "needs at least %.1f h of analysable signal in each window (recent %.2f h, baseline %.2f h)",
                               options.minimumHours, recent.hours, baseline.hours)
            return test
        }
        if let rr = RateStatistics.rateRatio(count1: recent.events, exposure1: recent.hours, count0: baseline.events, exposure0: baseline.hours) {
            test.rateRatio = rr.ratio
            test.rateRatioLower = rr.lower
            test.rateRatioUpper = rr.upper
        }
        test.pValue = RateStatistics.increasePValue(count1: recent.events, exposure1: recent.hours,
                                                    count0: baseline.events, exposure0: baseline.hours)
        test.flagged = (test.pValue ?? 1) < options.alpha
        return test
    }

    /// The treatment response from the counts and hours of the two windows.
    public static func response(treatment: Treatment, before: (events: Int, hours: Double), after: (events: Int, hours: Double),
                                options: TrendOptions) -> TreatmentResponse {
        var r = TreatmentResponse(treatmentID: treatment.id, name: treatment.name, kind: treatment.kind.rawValue,
                                  start: WallClock.isoString(treatment.start), beforeEvents: before.events, beforeHours: before.hours,
                                  afterEvents: after.events, afterHours: after.hours, rateRatio: nil, lower: nil, upper: nil,
                                  method: responseMethod, note: nil)
        guard before.hours >= options.minimumHours, after.hours >= options.minimumHours else {
            r.note = String(format: "needs at least %.1f h of analysable signal before and after (before %.2f h, after %.2f h)",
                            options.minimumHours, before.hours, after.hours)
            return r
        }
        if let rr = RateStatistics.rateRatio(count1: after.events, exposure1: after.hours, count0: before.events, exposure0: before.hours) {
            r.rateRatio = rr.ratio
            r.lower = rr.lower
            r.upper = rr.upper
        } else {
            r.note = "no events before or after"
        }
        return r
    }

    /// The red flags, worded for the person.
    public static func redFlags(change: ChangeTest?) -> [String] {
        guard let c = change, c.flagged, let p = c.pValue else { return [] }
        let recentRate = c.recentHours > 0 ? Double(c.recentEvents) / c.recentHours : 0
        let baseRate = c.baselineHours > 0 ? Double(c.baselineEvents) / c.baselineHours : 0
        let ratio = c.rateRatio.map { $0.isFinite ? String(format: "%.2f", $0) : "new" } ?? "-"
        return ["Jerks are becoming more frequent: " + String(format: "%.1f", recentRate) + " per hour from \(c.recentFrom) to \(c.recentTo) "
                + "against " + String(format: "%.1f", baseRate) + " per hour from \(c.baselineFrom) to \(c.baselineTo) "
                + "(rate ratio \(ratio), exact one-sided p = " + String(format: "%.2g", p) + "). See a provider."]
    }
}
