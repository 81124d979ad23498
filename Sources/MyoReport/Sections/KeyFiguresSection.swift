import MyoDetect

/// Section 2: the counts a reader wants first (jerks, lapses, rate, long activity set aside),
/// then a table per channel and polarity, then the silent-period bins.
enum KeyFiguresSection {
    static func html(_ result: AnalysisResult) -> String {
        let s = result.summary
        var out = "<section id=\"key-figures\"><h2>Key figures</h2>"
        out += "<div class=\"figures\">"
        out += box(HTMLText.count(s.positiveCount), "jerks (positive myoclonus)")
        out += box(HTMLText.count(s.negativeCount), "lapses (negative myoclonus)")
        out += box(HTMLText.number(s.ratePerMinute, decimals: 2), "events per minute")
        out += box(HTMLText.number(s.analysableMinutes, decimals: 1), "minutes analysed")
        out += box(HTMLText.count(s.longActivityCount), "long activities set aside")
        out += "</div>"
        if s.count == 0 {
            out += "<p class=\"empty\">No myoclonic events were found in the analysed signal.</p>"
        }
        out += groupTable(s.groups)
        out += silentPeriodTable(s.silentPeriodBins, negativeCount: s.negativeCount)
        return out + "</section>"
    }

    private static func box(_ value: String, _ label: String) -> String {
        "<div class=\"figure-box\"><div class=\"value\">\(HTMLText.escape(value))</div>"
            + "<div class=\"label\">\(HTMLText.escape(label))</div></div>"
    }

    /// Median with the interquartile range, the summary clinicians read for skewed durations.
    private static func medianIQR(_ d: Distribution, decimals: Int, scale: Double = 1) -> String {
        guard d.count > 0, let m = d.median else { return "–" }
        let text = HTMLText.number(m * scale, decimals: decimals)
        guard let a = d.p25, let b = d.p75, d.count >= 4 else { return text }
        return text + " (" + HTMLText.number(a * scale, decimals: decimals) + "–"
            + HTMLText.number(b * scale, decimals: decimals) + ")"
    }

    private static func groupTable(_ groups: [AnalysisSummary.Group]) -> String {
        guard !groups.isEmpty else { return "" }
        let e = HTMLText.escape
        var out = "<table class=\"groups\"><thead><tr><th>Channel</th><th>Type</th><th class=\"num\">Count</th>"
            + "<th class=\"num\">Per minute</th><th class=\"num\">Duration, ms<br/>median (IQR)</th>"
            + "<th class=\"num\">Intensity<br/>median (IQR)</th><th class=\"num\">Peak envelope<br/>median</th></tr></thead><tbody>"
        // Whole-recording rows first, then channels in the order the pipeline gave.
        let ordered = groups.filter { $0.channel == nil } + groups.filter { $0.channel != nil }
        for g in ordered {
            let isJerk = g.polarity == .positive
            let intensity = isJerk
                ? medianIQR(g.intensity, decimals: 1) + (g.intensity.count > 0 ? " ×" : "")
                : medianIQR(g.intensity, decimals: 0, scale: 100) + (g.intensity.count > 0 ? " % depth" : "")
            let peak = g.peak.flatMap { p in p.median.map { HTMLText.number($0, decimals: 1) + " " + e(g.unit ?? "") } } ?? "–"
            let channel = g.channel.map(e) ?? "<strong>All channels</strong>"
            out += "<tr><td>\(channel)</td><td>\(isJerk ? "jerk" : "lapse")</td>"
                + "<td class=\"num\">\(HTMLText.count(g.count))</td>"
                + "<td class=\"num\">\(HTMLText.number(g.ratePerMinute, decimals: 2))</td>"
                + "<td class=\"num\">\(medianIQR(g.durationMs, decimals: 0))</td>"
                + "<td class=\"num\">\(intensity)</td><td class=\"num\">\(peak)</td></tr>"
        }
        out += "</tbody></table>"
        out += "<p class=\"note\">Intensity of a jerk: peak envelope over the channel's resting baseline (×). "
            + "Intensity of a lapse: how far the tonic activity dropped (% depth). IQR: interquartile range, shown from 4 events.</p>"
        return out
    }

    /// The silent-period bins of Rissanen 2023 (PMID 37952446), whose counts correlated with
    /// rating scales in progressive myoclonus epilepsy.
    private static func silentPeriodTable(_ bins: [String: Int], negativeCount: Int) -> String {
        guard negativeCount > 0 || !bins.isEmpty else { return "" }
        // Bins in duration order whatever the keys' spelling; unknown keys follow, sorted.
        let known = ["50-69", "70-100", "101-500"]
        let keys = known.filter { bins[$0] != nil } + bins.keys.filter { !known.contains($0) }.sorted()
        guard !keys.isEmpty else { return "" }
        var head = "", row = ""
        for k in keys {
            head += "<th class=\"num\">\(HTMLText.escape(k)) ms</th>"
            row += "<td class=\"num\">\(HTMLText.count(bins[k] ?? 0))</td>"
        }
        return "<div class=\"keep\"><h3>Silent periods by duration</h3><table class=\"silent-bins\"><thead><tr>\(head)</tr></thead>"
            + "<tbody><tr>\(row)</tr></tbody></table>"
            + "<p class=\"note\">Bins as in Rissanen et al. 2023 (PMID 37952446), where these counts correlated with "
            + "myoclonus rating scales in progressive myoclonus epilepsy.</p></div>"
    }
}
