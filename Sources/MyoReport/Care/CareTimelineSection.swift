import Foundation
import MyoStore

/// The rate over time: measured events per hour of analysable signal per day (or per week over
/// long follow-ups), with treatments drawn as bands on the same time axis and the diary in its
/// own panel below, sharing the axis but never the scale: what a person felt and what the
/// sensors measured stay two things.
enum CareTimelineSection {
    /// Beyond this many days the plot uses weekly rates, so bars stay wide enough to read.
    static let maximumDailySpan = 120
    /// Diary entries listed in the table (the newest); the plot shows them all.
    static let maximumDiaryRows = 40

    static func html(_ data: CareReportData, width: Double) -> String {
        var out = "<section id=\"timeline\" class=\"page\"><h2>Rate over time, treatments and diary</h2>"
        guard let domain = dayDomain(data) else {
            return out + "<p class=\"empty\">No dated recording, diary entry or treatment yet, so there is nothing to draw "
                + "over time.</p></section>"
        }
        let weekly = domain.upperBound - domain.lowerBound > maximumDailySpan
        out += "<figure>" + plot(data, domain: domain, weekly: weekly, width: width) + "<figcaption>"
            + "<div class=\"legend\"><span><span class=\"swatch pos\"></span>measured events per hour of analysable signal "
            + (weekly ? "(per week)" : "(per day)") + "</span><span><span class=\"swatch long\"></span>treatment (start to stop)"
            + "</span><span>□ diary entry: self-reported intensity 0–10</span></div>"
            + "Top: the rate the detectors measured, per hour of signal they could analyse, so a short recording does not "
            + "look calm. Middle: treatments with their doses; the dashed line marks each start. Bottom: the diary, on its "
            + "own 0–10 scale; it is what the person noticed and is never added to the measured rate.</figcaption></figure>"
        out += weekTable(data)
        out += diaryTable(data.diary)
        return out + "</section>"
    }

    /// Days spanned by recordings, diary entries and treatments, or `nil` when there are none.
    static func dayDomain(_ data: CareReportData) -> ClosedRange<Int>? {
        var days = data.trend.days.map(\.dayNumber) + data.diary.map { WallClock.day(of: $0.time) }
        for t in data.treatments {
            days.append(WallClock.day(of: t.start))
            if let stop = t.stop { days.append(WallClock.day(of: stop)) }
        }
        guard let lo = days.min(), let hi = days.max() else { return nil }
        return lo...hi
    }

    private static func plot(_ data: CareReportData, domain: ClosedRange<Int>, weekly: Bool, width: Double) -> String {
        let left = 56.0, right = 16.0, rateTop = 20.0, rateHeight = 170.0
        let rowHeight = 18.0
        let rateBottom = rateTop + rateHeight
        let laneTop = rateBottom + 24
        let laneBottom = laneTop + rowHeight * Double(max(data.treatments.count, 1))
        let diaryTop = laneBottom + 26, diaryHeight = 70.0
        let diaryBottom = diaryTop + diaryHeight
        let height = diaryBottom + 34
        var canvas = SVGCanvas(width: width, height: height, idPrefix: "timeline")

        let binDays = weekly ? 7.0 : 1.0
        let first = Double(weekly ? WallClock.weekStart(ofDay: domain.lowerBound) : domain.lowerBound)
        let x = LinearScale(domain: first - 0.5, Double(domain.upperBound) + binDays + 0.5, range: left...(width - right))
        let points = weekly ? data.trend.weeks : data.trend.days
        let maxRate = points.compactMap(\.eventsPerHour).filter(\.isFinite).max() ?? 0
        let rateTicks = NiceTicks.ticks(0, max(maxRate, 1), target: 4)
        let yTop = max(rateTicks.last ?? 1, maxRate, 1)
        let y = LinearScale(domain: 0, yTop, range: rateTop...rateBottom, inverted: true)

        // Date grid through every panel.
        for day in dateTicks(domain: domain, weekly: weekly) {
            let px = x(Double(day))
            canvas.line(px, rateTop, px, diaryBottom, stroke: ReportStyle.grid, width: 0.6)
            canvas.text(WallClock.dateString(day: day), x: px, y: diaryBottom + 16, anchor: "middle", size: 10)
        }
        for t in rateTicks {
            canvas.line(left, y(t), width - right, y(t), stroke: ReportStyle.grid, width: 0.6)
            canvas.text(HTMLText.number(t, decimals: NiceTicks.decimals(for: NiceTicks.step(span: yTop, target: 4))),
                        x: left - 5, y: y(t) + 4, anchor: "end", size: 10)
        }
        // Treatment bands behind the bars, and one lane per treatment with its name and dose.
        let axisEnd = x.domain.upperBound
        for (row, t) in data.treatments.enumerated() {
            let start = x.clamped(fractionalDay(t.start))
            let stop = x.clamped(t.stop.map(fractionalDay) ?? axisEnd)
            canvas.rect(x: start, y: rateTop, width: max(stop - start, 1.5), height: rateHeight, fill: "#000", opacity: 0.07)
            canvas.line(start, rateTop, start, laneBottom, stroke: "#333", width: 1, dash: "4 3")
            let rowY = laneTop + Double(row) * rowHeight
            canvas.rect(x: start, y: rowY + 2, width: max(stop - start, 1.5), height: rowHeight - 4, fill: ReportStyle.longActivity,
                        stroke: "#333")
            let label = "\(t.name)\(t.dose.isEmpty ? "" : " " + t.dose) · from \(CareText.day(t.start))"
                + (t.stop.map { " to \(CareText.day($0))" } ?? " (ongoing)")
            let nearEnd = start > left + (width - left - right) * 0.6
            canvas.text(EventRasterPlot.ellipsized(label, max: 70), x: nearEnd ? start - 4 : start + 4, y: rowY + rowHeight - 5,
                        anchor: nearEnd ? "end" : "start", size: 10.5)
        }
        if data.treatments.isEmpty {
            canvas.text("no treatment recorded", x: left + 4, y: laneTop + rowHeight - 5, size: 10.5, fill: "#444")
        }
        for p in points {
            guard let rate = p.eventsPerHour, rate.isFinite else { continue }
            let x0 = x(Double(p.dayNumber) + binDays * 0.1), x1 = x(Double(p.dayNumber) + binDays * 0.9)
            canvas.rect(x: x0, y: y(rate), width: max(x1 - x0, 2), height: rateBottom - y(rate), fill: ReportStyle.positive)
        }
        canvas.line(left, rateBottom, width - right, rateBottom, stroke: ReportStyle.axis)
        canvas.line(left, rateTop, left, rateBottom, stroke: ReportStyle.axis)
        canvas.text("events per hour", x: 12, y: (rateTop + rateBottom) / 2, anchor: "middle", size: 10.5, rotate: true)
        canvas.text("Treatments", x: left, y: laneTop - 6, size: 11, weight: "bold")

        // The diary on its own scale.
        canvas.text("Diary (self-reported, apart from the measured rate)", x: left, y: diaryTop - 8, size: 11, weight: "bold")
        let dy = LinearScale(domain: 0, 10, range: diaryTop...diaryBottom, inverted: true)
        for t in [0.0, 5, 10] {
            canvas.line(left, dy(t), width - right, dy(t), stroke: ReportStyle.grid, width: 0.6)
            canvas.text(HTMLText.number(t, decimals: 0), x: left - 5, y: dy(t) + 4, anchor: "end", size: 10)
        }
        for d in data.diary {
            let px = x.clamped(fractionalDay(d.time)), py = dy(Double(min(max(d.intensity, 0), 10)))
            canvas.rect(x: px - 3, y: py - 3, width: 6, height: 6, fill: "#fff", stroke: "#111")
        }
        if data.diary.isEmpty {
            canvas.text("no diary entry", x: left + 4, y: diaryTop + diaryHeight / 2, size: 10.5, fill: "#444")
        }
        canvas.line(left, diaryBottom, width - right, diaryBottom, stroke: ReportStyle.axis)
        canvas.line(left, diaryTop, left, diaryBottom, stroke: ReportStyle.axis)
        canvas.text("intensity", x: 12, y: (diaryTop + diaryBottom) / 2, anchor: "middle", size: 10.5, rotate: true)
        return canvas.render(description: "Measured events per hour over time, with treatments and the diary on the same time axis")
    }

    /// Day number with the time of day as a fraction, for placing a treatment start or an entry.
    static func fractionalDay(_ date: Date) -> Double {
        let s = date.timeIntervalSince1970
        guard s.isFinite, abs(s) < 1e13 else { return 0 }
        return s / 86_400
    }

    /// Date ticks a reader scans easily: every 1, 2 days or 1, 2, 4, 8, 13, 26, 52 weeks (on
    /// Mondays), the smallest step giving at most 8 ticks. Complexity: O(ticks).
    static func dateTicks(domain: ClosedRange<Int>, weekly: Bool) -> [Int] {
        let span = domain.upperBound - domain.lowerBound + 1
        let steps = [1, 2, 7, 14, 28, 56, 91, 182, 364, 728, 1820]
        let step = steps.first { span / $0 <= 8 } ?? 3640
        var day = step >= 7 ? WallClock.weekStart(ofDay: domain.lowerBound) : domain.lowerBound
        if day < domain.lowerBound - (weekly ? 7 : 0) { day += 7 }
        var out: [Int] = []
        while day <= domain.upperBound + (weekly ? 7 : 0), out.count < 20 {
            out.append(day)
            day += step
        }
        return out
    }

    private static func weekTable(_ data: CareReportData) -> String {
        guard !data.trend.weeks.isEmpty || !data.trend.diary.isEmpty else { return "" }
        var diaryByWeek: [Int: (entries: Int, sum: Double, max: Int)] = [:]
        for d in data.trend.diary {
            let w = WallClock.weekStart(ofDay: d.dayNumber)
            var v = diaryByWeek[w] ?? (0, 0, 0)
            v.entries += d.entries
            v.sum += d.meanIntensity * Double(d.entries)
            v.max = max(v.max, d.maxIntensity)
            diaryByWeek[w] = v
        }
        let weeks = Set(data.trend.weeks.map(\.dayNumber)).union(diaryByWeek.keys).sorted()
        let measured = Dictionary(data.trend.weeks.map { ($0.dayNumber, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "<h3>Per week (Monday)</h3><table><thead><tr><th>Week</th><th class=\"num\">Recordings</th>"
            + "<th class=\"num\">Hours</th><th class=\"num\">Jerks</th><th class=\"num\">Lapses</th><th class=\"num\">Events/h</th>"
            + "<th class=\"num\">Diary entries</th><th class=\"num\">Diary mean (max) 0–10</th></tr></thead><tbody>"
        for w in weeks {
            let m = measured[w], d = diaryByWeek[w]
            out += "<tr><td>\(WallClock.dateString(day: w))</td>"
                + "<td class=\"num\">\(m.map { HTMLText.count($0.recordings) } ?? "–")</td>"
                + "<td class=\"num\">\(m.map { HTMLText.number($0.hours, decimals: 2) } ?? "–")</td>"
                + "<td class=\"num\">\(m.map { HTMLText.count($0.jerks) } ?? "–")</td>"
                + "<td class=\"num\">\(m.map { HTMLText.count($0.lapses) } ?? "–")</td>"
                + "<td class=\"num\">\(HTMLText.number(m?.eventsPerHour, decimals: 1))</td>"
                + "<td class=\"num\">\(d.map { HTMLText.count($0.entries) } ?? "–")</td>"
                + "<td class=\"num\">\(d.map { HTMLText.number($0.sum / Double(max($0.entries, 1)), decimals: 1) + " (\($0.max))" } ?? "–")</td></tr>"
        }
        return out + "</tbody></table>"
    }

    private static func diaryTable(_ diary: [DiaryEntry]) -> String {
        let e = HTMLText.escape
        guard !diary.isEmpty else { return "<p class=\"note\">No diary entries.</p>" }
        let shown = diary.suffix(maximumDiaryRows)
        var out = "<h3>Diary entries (self-reported)</h3>"
        if shown.count < diary.count {
            out += "<p class=\"note\">The newest \(shown.count) of \(HTMLText.count(diary.count)) entries.</p>"
        }
        out += "<table><thead><tr><th>When</th><th>Where</th><th class=\"num\">Intensity 0–10</th><th>Trigger</th>"
            + "<th>Note</th></tr></thead><tbody>"
        for d in shown {
            out += "<tr><td>\(e(String(WallClock.isoString(d.time).prefix(16)).replacingOccurrences(of: "T", with: " ")))</td>"
                + "<td>\(e(d.bodyPart))</td><td class=\"num\">\(d.intensity)</td><td>\(e(d.trigger))</td><td>\(e(d.note))</td></tr>"
        }
        return out + "</tbody></table>"
    }
}
