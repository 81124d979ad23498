import MyoStore

/// Treatment response: for each treatment, the rate after its start over the rate before, with
/// the exact 95 % interval, the events and hours each side rests on, and the method by name.
enum CareResponseSection {
    static func html(_ trend: TrendReport) -> String {
        let e = HTMLText.escape
        var out = "<section id=\"response\"><h2>Treatment response</h2>"
        guard !trend.treatmentResponses.isEmpty else {
            return out + "<p class=\"empty\">No treatment recorded, so no response to measure.</p></section>"
        }
        out += "<table><thead><tr><th>Treatment</th><th>Start</th><th class=\"num\">Before: events / hours</th>"
            + "<th class=\"num\">After: events / hours</th><th class=\"num\">Rate ratio after/before</th>"
            + "<th class=\"num\">95 % CI</th><th>Reading</th></tr></thead><tbody>"
        for r in trend.treatmentResponses {
            let reading: String
            if let note = r.note {
                reading = "not computed: " + note
            } else if let lo = r.lower, let hi = r.upper {
                reading = hi < 1 ? "fewer events after the start" : lo > 1 ? "more events after the start"
                    : "no clear change (the interval includes 1)"
            } else {
                reading = "–"
            }
            out += "<tr><td>\(e(r.name))</td><td>\(e(String(r.start.prefix(10))))</td>"
                + "<td class=\"num\">\(HTMLText.count(r.beforeEvents)) / \(HTMLText.number(r.beforeHours, decimals: 2)) h</td>"
                + "<td class=\"num\">\(HTMLText.count(r.afterEvents)) / \(HTMLText.number(r.afterHours, decimals: 2)) h</td>"
                + "<td class=\"num\">\(CareText.ratio(r.rateRatio))</td>"
                + "<td class=\"num\">\(r.rateRatio == nil ? "–" : CareText.ratio(r.lower) + "–" + CareText.ratio(r.upper))</td>"
                + "<td>\(e(reading))</td></tr>"
        }
        out += "</tbody></table><p class=\"note\">Method: \(e(TrendAnalysis.responseMethod)), over the "
            + "\(trend.options.responseDays) days before each start and the \(trend.options.responseDays) days after it (or "
            + "until the stop), each side needing at least \(HTMLText.number(trend.options.minimumHours, decimals: 1)) h of "
            + "analysable signal. A ratio below 1 means fewer events per hour after the start. Other changes at the same time "
            + "(sleep, illness, other medicines, where the sensor sat) can explain a change as well as the treatment can.</p>"
        return out + "</section>"
    }
}

/// How the numbers were made: the change test and the assumptions every result rests on.
enum CareMethodSection {
    static func html(_ trend: TrendReport) -> String {
        let e = HTMLText.escape
        var out = "<section id=\"methods\"><h2>Methods and assumptions</h2>"
        if let c = trend.change {
            out += "<p>Change test (\(e(c.method))): the last \(trend.options.recentDays) days up to the last recording "
                + "(\(e(c.recentFrom)) to \(e(c.recentTo)): \(HTMLText.count(c.recentEvents)) events in "
                + "\(HTMLText.number(c.recentHours, decimals: 2)) h) against the \(trend.options.baselineDays) days before "
                + "(\(e(c.baselineFrom)) to \(e(c.baselineTo)): \(HTMLText.count(c.baselineEvents)) events in "
                + "\(HTMLText.number(c.baselineHours, decimals: 2)) h). "
            if let p = c.pValue {
                out += "Rate ratio \(CareText.ratio(c.rateRatio)) (95 % CI \(CareText.ratio(c.rateRatioLower))–"
                    + "\(CareText.ratio(c.rateRatioUpper))), one-sided p = \(HTMLText.number(p, decimals: 3)) at a false-alarm "
                    + "rate of \(HTMLText.number(c.alpha, decimals: 2)): " + (c.flagged ? "more frequent." : "no significant increase.")
            } else if let note = c.note {
                out += "Not tested: \(e(note))."
            }
            out += "</p>"
        }
        out += "<ul>" + trend.assumptions.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        return out + "</section>"
    }
}
