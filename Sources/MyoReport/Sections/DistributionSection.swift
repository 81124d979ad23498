import Foundation
import MyoDetect

/// Section 5: how long the events lasted and how strong they were.
///
/// Durations share one histogram (jerks solid, lapses hatched, stacked) with the reference ranges
/// a neurophysiologist reads them against. Intensity has two histograms because it means two
/// things: for a jerk the envelope peak over the resting baseline (a ratio, drawn on a log axis),
/// for a lapse the depth of the drop in tonic activity (0-100 %).
enum DistributionSection {
    /// Duration bins of 10 ms: finer than the 20 ms between the silent-period bin edges, coarse
    /// enough that a few dozen events still form a shape.
    private static let durationBinMs = 10.0
    /// The axis ends at 500 ms, the upper limit of negative myoclonus (ILAE, see docs/sources.md "Clinical
    /// facts"); longer events share one open-ended bin.
    private static let durationAxisMs = 500.0

    static func html(_ result: AnalysisResult, options: ReportOptions) -> String {
        var out = "<section id=\"distributions\" class=\"page\"><h2>Durations and intensities</h2>"
        let positives = result.events.filter { $0.polarity == .positive }
        let negatives = result.events.filter { $0.polarity == .negative }
        if result.events.isEmpty {
            out += "<p class=\"empty\">No events, so the histograms below are empty.</p>"
        }
        out += durationFigure(positives: positives, negatives: negatives, width: Double(options.plotWidth))
        let half = Double(options.plotWidth) / 2
        out += "<div class=\"gallery\" style=\"grid-template-columns: 1fr 1fr;\">"
        out += "<figure>" + jerkIntensity(positives, width: half)
            + "<figcaption>Jerk intensity: peak envelope over the resting baseline, log scale (\(HTMLText.count(positives.count)) jerks).</figcaption></figure>"
        out += "<figure>" + lapseDepth(negatives, width: half)
            + "<figcaption>Lapse depth: how far tonic activity dropped (\(HTMLText.count(negatives.count)) lapses).</figcaption></figure>"
        out += "</div>"
        return out + "</section>"
    }

    private static func durationFigure(positives: [MyoclonicEvent], negatives: [MyoclonicEvent], width: Double) -> String {
        let ms: ([MyoclonicEvent]) -> [Double] = { $0.map { $0.duration * 1000 } }
        let longest = (ms(positives) + ms(negatives)).filter(\.isFinite).max() ?? 0
        var edges = Array(stride(from: 0.0, through: durationAxisMs, by: durationBinMs))
        let hasOverflow = longest >= durationAxisMs
        if hasOverflow { edges.append(durationAxisMs + 5 * durationBinMs) }
        var ticks = stride(from: 0.0, through: durationAxisMs, by: 50).map { (t: Double) in (value: t, label: HTMLText.number(t, decimals: 0)) }
        if hasOverflow { ticks.append((durationAxisMs + 2.5 * durationBinMs, "longer")) }
        var plot = HistogramPlot(
            edges: edges,
            series: [.init(counts: HistogramPlot.counts(ms(positives), edges: edges), isNegative: false),
                     .init(counts: HistogramPlot.counts(ms(negatives), edges: edges), isNegative: true)],
            xTicks: ticks, xTitle: "duration (ms)", idPrefix: "duration")
        plot.width = width
        // Jerk burst durations of 10-300 ms span cortical (10-50 ms) to subcortical and
        // functional (over 70-100 ms) myoclonus (Eberhardt & Topka 2017, PMC5575623; Hallett 1977).
        plot.bands = [.init(from: 10, to: 300, label: "myoclonic burst range 10–300 ms")]
        // Silent-period bins of Rissanen 2023 (PMID 37952446).
        plot.brackets = [.init(from: 50, to: 70, label: "50–69"), .init(from: 70, to: 100, label: "70–100"),
                         .init(from: 100, to: 500, label: "silent periods 101–500 ms")]
        return "<figure>" + plot.render(description: "Histogram of event durations in milliseconds")
            + "<figcaption><div class=\"legend\"><span><span class=\"swatch pos\"></span>jerks</span>"
            + "<span><span class=\"swatch neg\"></span>lapses</span></div>"
            + "Durations in 10 ms bins. Shaded: the 10–300 ms range of myoclonic EMG bursts (cortical bursts are "
            + "usually under 50 ms, subcortical and functional ones longer; Eberhardt &amp; Topka 2017). "
            + "Brackets under the axis: the silent-period bins of Rissanen et al. 2023.</figcaption></figure>"
    }

    private static func jerkIntensity(_ events: [MyoclonicEvent], width: Double) -> String {
        // Half-octave bins from 1× (at baseline) up to the largest ratio seen, at least 8× and at
        // most 1024×, so a typical 3-50× spread fills the axis.
        let ratios = events.map(\.intensity).filter { $0.isFinite && $0 > 0 }
        let maxLog = min(max(log2(ratios.max() ?? 8).rounded(.up), 3), 10)
        let edges = stride(from: 0.0, through: maxLog, by: 0.5).map { $0 }
        let logs = ratios.map { min(log2(max($0, 1)), maxLog) }
        let ticks = stride(from: 0.0, through: maxLog, by: maxLog > 6 ? 2 : 1).map { (t: Double) in
            (value: t, label: HTMLText.number(pow(2, t), decimals: 0) + "×")
        }
        var plot = HistogramPlot(edges: edges, series: [.init(counts: HistogramPlot.counts(logs, edges: edges), isNegative: false)],
                                 xTicks: ticks, xTitle: "peak over baseline (×)", idPrefix: "intensity")
        plot.width = width
        return plot.render(description: "Histogram of jerk intensity relative to baseline")
    }

    private static func lapseDepth(_ events: [MyoclonicEvent], width: Double) -> String {
        let edges = Array(stride(from: 0.0, through: 100, by: 5))
        let depths = events.map(\.intensity).filter(\.isFinite).map { min(max($0 * 100, 0), 100) }
        let ticks = stride(from: 0.0, through: 100, by: 25).map { (t: Double) in (value: t, label: HTMLText.number(t, decimals: 0)) }
        var plot = HistogramPlot(edges: edges, series: [.init(counts: HistogramPlot.counts(depths, edges: edges), isNegative: true)],
                                 xTicks: ticks, xTitle: "depth of the drop (%)", idPrefix: "depth")
        plot.width = width
        return plot.render(description: "Histogram of lapse depth in percent")
    }
}
