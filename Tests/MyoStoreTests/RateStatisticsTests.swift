import Foundation
import MyoDetect
import Testing
@testable import MyoStore

/// Reference values from scipy (Tests/Fixtures/store/reference_statistics.py).
@Suite("Rate statistics")
struct RateStatisticsTests {
    @Test("Binomial upper tails match scipy.stats.binom.sf", arguments: [
        (5, 10, 0.3, 0.15026833259999992), (30, 50, 0.4, 0.0033603822630227493), (1, 1, 0.5, 0.5),
        (120, 200, 0.5, 0.002842577998375153), (700, 1000, 0.65, 0.00045322440379716406),
        (9, 1000, 0.002, 0.00023232659495949572), (500_800, 1_000_000, 0.5, 0.05491027825307175),
    ])
    func binomialTail(k: Int, n: Int, p: Double, expected: Double) {
        let got = RateStatistics.binomialUpperTail(atLeast: k, trials: n, probability: p)
        #expect(abs(got - expected) <= 1e-9 * max(1, expected) + expected * 1e-7, "k=\(k) n=\(n): \(got) vs \(expected)")
    }

    @Test("Beta quantiles match scipy.stats.beta.ppf", arguments: [
        (0.025, 3.0, 8.0, 0.06673951117773447), (0.975, 4.0, 7.0, 0.6524528500599973),
        (0.5, 0.5, 0.5, 0.4999999999999999), (0.025, 200.0, 300.0, 0.3575004924537632),
    ])
    func betaQuantile(q: Double, a: Double, b: Double, expected: Double) {
        #expect(abs(RateStatistics.betaQuantile(q, a: a, b: b) - expected) < 1e-10)
    }

    @Test("Exact rate-ratio intervals match the Clopper-Pearson construction in scipy")
    func rateRatios() throws {
        let cases: [(Int, Double, Int, Double, Double, Double, Double)] = [
            (40, 10, 30, 20, 2.6666666666666665, 1.6198250297080257, 4.433600521406817),
            (5, 2, 20, 4, 0.5, 0.14664012998738743, 1.3728941907509227),
            (0, 3, 12, 6, 0, 0, 0.7197876345754083),
        ]
        for (x1, t1, x0, t0, ratio, lower, upper) in cases {
            let rr = try #require(RateStatistics.rateRatio(count1: x1, exposure1: t1, count0: x0, exposure0: t0))
            #expect(abs(rr.ratio - ratio) < 1e-12)
            #expect(abs(rr.lower - lower) < 1e-8)
            #expect(abs(rr.upper - upper) < 1e-8)
        }
        #expect(RateStatistics.rateRatio(count1: 3, exposure1: 0, count0: 4, exposure0: 1) == nil)
        #expect(RateStatistics.rateRatio(count1: 3, exposure1: 1, count0: 0, exposure0: 1)?.upper == .infinity)
    }

    /// 35 days, one recording a day of 0.5-2 h (so short days must not look calm); events at
    /// `baseRate` per hour, times `factor` in the last 7 days.
    static func simulatedDays(baseRate: Double, factor: Double, using rng: inout SplitMix64) -> [RatePoint] {
        (0..<35).map { day in
            let hours = Double.random(in: 0.5...2, using: &rng)
            let rate = day >= 28 ? baseRate * factor : baseRate
            let events = rng.poisson(rate * hours)
            return RatePoint(date: WallClock.dateString(day: 20_000 + day), dayNumber: 20_000 + day, recordings: 1, hours: hours,
                             events: events, jerks: events, lapses: 0, eventsPerHour: Double(events) / hours)
        }
    }

    @Test("Constant rates are flagged no more often than the stated false-alarm rate (2000 seeded runs)")
    func falseAlarmRate() {
        var rng = SplitMix64(seed: 20261124)
        let options = TrendOptions()
        var flagged = 0
        let runs = 2000
        for _ in 0..<runs {
            let days = Self.simulatedDays(baseRate: 3, factor: 1, using: &rng)
            if TrendAnalysis.changeTest(days, options: options)?.flagged == true { flagged += 1 }
        }
        // The exact test's size is at most alpha; allow three binomial standard errors of sampling noise.
        let allowed = options.alpha + 3 * (options.alpha * (1 - options.alpha) / Double(runs)).squareRoot()
        #expect(Double(flagged) / Double(runs) <= allowed, "\(flagged) of \(runs) constant runs flagged")
        #expect(flagged > 0, "a test that never fires cannot be judged here")
    }

    @Test("Rates that double in the last week are flagged in nearly every run (2000 seeded runs)")
    func doublingIsFlagged() {
        var rng = SplitMix64(seed: 7)
        var flagged = 0
        for _ in 0..<2000 {
            let days = Self.simulatedDays(baseRate: 3, factor: 2, using: &rng)
            let test = TrendAnalysis.changeTest(days, options: TrendOptions())
            if test?.flagged == true { flagged += 1 }
        }
        // About 42 h in the baseline and 9 h recently at 3/h: a doubling gives z of about 3.5 (power above 0.9).
        #expect(flagged >= 1800, "\(flagged) of 2000 doubled runs flagged")
    }

    @Test("A halving is not flagged, and too little signal gives a note instead of a test")
    func noFlagWhenFewer() throws {
        var rng = SplitMix64(seed: 3)
        let days = Self.simulatedDays(baseRate: 6, factor: 0.5, using: &rng)
        let test = try #require(TrendAnalysis.changeTest(days, options: TrendOptions()))
        #expect(!test.flagged)
        #expect((test.rateRatio ?? 1) < 1)
        var options = TrendOptions()
        options.minimumHours = 1000
        let thin = try #require(TrendAnalysis.changeTest(days, options: options))
        #expect(thin.pValue == nil && !thin.flagged && thin.note != nil)
    }

    @Test("Days sum into ISO weeks starting on Monday")
    func weeks() {
        // 2026-11-02 is a Monday (day 20759).
        let monday = WallClock.day(of: WallClock.parse("2026-11-02")!)
        #expect(WallClock.weekStart(ofDay: monday) == monday)
        #expect(WallClock.weekStart(ofDay: monday + 6) == monday)
        #expect(WallClock.weekStart(ofDay: monday + 7) == monday + 7)
        let days = [0, 3, 6, 7].map { d in
            RatePoint(date: "", dayNumber: monday + d, recordings: 1, hours: 2, events: 10, jerks: 10, lapses: 0, eventsPerHour: 5)
        }
        let weeks = TrendAnalysis.weeks(days)
        #expect(weeks.map(\.events) == [30, 10])
        #expect(weeks.map(\.date) == ["2026-11-02", "2026-11-09"])
        #expect(weeks.first?.eventsPerHour == 5)
    }
}
