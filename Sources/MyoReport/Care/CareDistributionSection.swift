import Foundation

/// How long the stored events lasted and how strong they were, over every recording (latest
/// analysis of each), from the binned counts of ``CareEventDigest``.
enum CareDistributionSection {
    static func html(_ digest: CareEventDigest, width: Double) -> String {
        var out = "<section id=\"distributions\" class=\"page\"><h2>Durations and intensities of the stored events</h2>"
        if digest.jerks + digest.lapses == 0 {
            return out + "<p class=\"empty\">No stored events, so there is no distribution to show.</p></section>"
        }
        let edges = CareEventDigest.durationEdges
        var ticks = stride(from: 0.0, through: 500, by: 50).map { (t: Double) in (value: t, label: HTMLText.number(t, decimals: 0)) }
        ticks.append((525, "longer"))
        var duration = HistogramPlot(edges: edges, series: [.init(counts: digest.jerkDurations, isNegative: false),
                                                            .init(counts: digest.lapseDurations, isNegative: true)],
                                     xTicks: ticks, xTitle: "duration (ms)", idPrefix: "care-duration")
        duration.width = width
        // Jerk burst durations of 10-300 ms span cortical (10-50 ms) to subcortical and
        // functional (over 70-100 ms) myoclonus (Eberhardt & Topka 2017, PMC5575623; Hallett 1977).
        duration.bands = [.init(from: 10, to: 300, label: "myoclonic burst range 10–300 ms")]
        out += "<figure>" + duration.render(description: "Histogram of stored event durations in milliseconds")
            + "<figcaption><div class=\"legend\"><span><span class=\"swatch pos\"></span>jerks (\(HTMLText.count(digest.jerks)))</span>"
            + "<span><span class=\"swatch neg\"></span>lapses (\(HTMLText.count(digest.lapses)))</span></div>"
            + "Durations in 10 ms bins; the last bin holds every event over 500 ms. Shaded: the 10–300 ms range of myoclonic "
            + "EMG bursts (Eberhardt &amp; Topka 2017).</figcaption></figure>"

        let half = width / 2
        let logTicks = stride(from: 0.0, through: 10, by: 2).map { (t: Double) in (value: t, label: HTMLText.number(pow(2, t), decimals: 0) + "×") }
        var intensity = HistogramPlot(edges: CareEventDigest.intensityLogEdges, series: [.init(counts: digest.jerkIntensity, isNegative: false)],
                                      xTicks: logTicks, xTitle: "peak over baseline (×)", idPrefix: "care-intensity")
        intensity.width = half
        let depthTicks = stride(from: 0.0, through: 100, by: 25).map { (t: Double) in (value: t, label: HTMLText.number(t, decimals: 0)) }
        var depth = HistogramPlot(edges: CareEventDigest.depthEdges, series: [.init(counts: digest.lapseDepth, isNegative: true)],
                                  xTicks: depthTicks, xTitle: "depth of the drop (%)", idPrefix: "care-depth")
        depth.width = half
        out += "<div class=\"gallery\" style=\"grid-template-columns: 1fr 1fr;\">"
            + "<figure>" + intensity.render(description: "Histogram of jerk intensity relative to baseline")
            + "<figcaption>Jerk intensity: peak envelope over the resting baseline, log scale.</figcaption></figure>"
            + "<figure>" + depth.render(description: "Histogram of lapse depth in percent")
            + "<figcaption>Lapse depth: how far tonic activity dropped.</figcaption></figure></div>"
        return out + "</section>"
    }
}
