import Foundation
import MyoAnalysis

/// The special forms: clicks in an audio clip (middle-ear and palatal myoclonus) and hiccups in a
/// respiration or chest channel, each as a time strip of what was found, the interval histogram
/// that shows how regular it is, and the key figures with the published ranges they are read against.
enum SpecialFormsSection {
    private static let left = 60.0, right = 16.0

    /// The section's HTML; empty when there is nothing to show.
    static func html(clicks: [ClickAnalysis], hiccups: [HiccupAnalysis], options: ReportOptions) -> String {
        guard !clicks.isEmpty || !hiccups.isEmpty else { return "" }
        var out = "<section id=\"special-forms\" class=\"page\"><h2>Clicks and hiccups</h2>"
        let width = Double(options.plotWidth)
        for (index, analysis) in clicks.enumerated() {
            let stats = analysis.statistics
            out += "<h3>Clicks in \(HTMLText.escape(analysis.channel))</h3>"
            out += "<p>\(HTMLText.count(stats.count)) clicks in \(HTMLText.duration(seconds: analysis.durationSeconds)): "
                + "\(HTMLText.number(stats.ratePerMinute)) per minute"
                + (stats.frequencyHz.map { ", median interval \(HTMLText.number(1000 / $0, decimals: 0)) ms (\(HTMLText.number($0, decimals: 2)) Hz)" } ?? "")
                + (stats.cv.map { ", interval variation (CV) \(HTMLText.number($0, decimals: 2))" } ?? "")
                + ". Palatal myoclonus is reported at 20 to 420 per minute: this clip is "
                + (analysis.withinPalatalRange ? "<strong>within</strong>" : "outside")
                + " that range. \(HTMLText.count(analysis.sustainedSounds)) longer sounds (speech, rustle) were not counted.</p>"
            out += "<figure>" + strip(times: analysis.times, bouts: [], span: analysis.durationSeconds, width: width,
                                       id: "clk\(index)", mark: "click")
                + "<figcaption>Each tick is one click.</figcaption></figure>"
            out += "<div class=\"gallery\" style=\"grid-template-columns: 1fr 1fr;\"><figure>"
                + intervalHistogram(times: analysis.times, width: width / 2, id: "clki\(index)")
                + "<figcaption>Intervals between consecutive clicks: one narrow peak means a regular rhythm.</figcaption></figure></div>"
        }
        for (index, analysis) in hiccups.enumerated() {
            let stats = analysis.statistics
            out += "<h3>Hiccups in \(HTMLText.escape(analysis.channel))</h3>"
            out += "<p>\(HTMLText.count(stats.count)) hiccups in \(HTMLText.duration(seconds: analysis.durationSeconds)), "
                + "\(HTMLText.count(analysis.bouts.count)) bouts (hiccups at most 15 s apart, the interval at the slowest published rate of 4 per minute); "
                + "longest bout \(HTMLText.duration(seconds: analysis.longestBoutSeconds)). "
                + "Hiccups lasting over 48 hours are persistent and should be seen by a provider.</p>"
            out += "<figure>" + strip(times: analysis.hiccups.map(\.onset), bouts: analysis.bouts.map { ($0.onset, $0.end) },
                                       span: analysis.durationSeconds, width: width, id: "hic\(index)", mark: "hiccup")
                + "<figcaption>Each tick is one hiccup; bars under the ticks are bouts.</figcaption></figure>"
            if !analysis.bouts.isEmpty {
                out += "<table><thead><tr><th>bout</th><th>start</th><th>length</th><th>hiccups</th><th>per minute</th></tr></thead><tbody>"
                for (number, bout) in analysis.bouts.prefix(20).enumerated() {
                    out += "<tr><td>\(number + 1)</td><td>\(HTMLText.duration(seconds: bout.onset))</td>"
                        + "<td>\(HTMLText.duration(seconds: bout.durationSeconds))</td><td>\(bout.count)</td>"
                        + "<td>\(HTMLText.number(bout.ratePerMinute))</td></tr>"
                }
                out += "</tbody></table>"
            }
        }
        return out + "</section>"
    }

    /// A time strip: one tick per event, optional bars for bouts. O(events).
    static func strip(times: [Double], bouts: [(Double, Double)], span: Double, width: Double, id: String, mark: String) -> String {
        let top = 10.0, tickHeight = 34.0, barY = 50.0, axisY = 64.0
        var canvas = SVGCanvas(width: width, height: axisY + 40, idPrefix: id)
        let x = LinearScale(domain: 0, max(span, 1), range: left...(width - right))
        for time in times where time.isFinite {
            canvas.line(x(time), top, x(time), top + tickHeight, stroke: ReportStyle.positive, width: 1)
        }
        for (start, end) in bouts {
            canvas.rect(x: x(start), y: barY, width: max(x(end) - x(start), 1.5), height: 6, fill: ReportStyle.negative)
        }
        let axis = TimeAxis(start: 0, end: max(span, 1), target: 9)
        canvas.line(left, axisY, width - right, axisY, stroke: ReportStyle.axis)
        for t in axis.ticks {
            canvas.line(x(t), axisY, x(t), axisY + 5, stroke: ReportStyle.axis)
            canvas.text(axis.label(t), x: x(t), y: axisY + 18, anchor: "middle", size: 11)
        }
        canvas.text("time (\(axis.unitLabel))", x: (left + width - right) / 2, y: axisY + 34, anchor: "middle", size: 11.5)
        return canvas.render(description: "\(times.count) \(mark) times over \(HTMLText.duration(seconds: span))")
    }

    /// Histogram of the intervals between consecutive events, in milliseconds. O(n log bins).
    static func intervalHistogram(times: [Double], width: Double, id: String) -> String {
        let ordered = times.sorted()
        let intervals = zip(ordered.dropFirst(), ordered).map { ($0 - $1) * 1000 }
        let longest = intervals.max() ?? 1000
        let step = NiceTicks.step(span: max(longest, 100), target: 20)
        let edges = Array(stride(from: 0.0, through: max(longest, 100) + step, by: step))
        let ticks = NiceTicks.ticks(0, edges.last ?? 1000, target: 5).map { ($0, HTMLText.number($0, decimals: 0)) }
        var plot = HistogramPlot(edges: edges, series: [.init(counts: HistogramPlot.counts(intervals, edges: edges), isNegative: false)],
                                 xTicks: ticks, xTitle: "interval (ms)", idPrefix: id)
        plot.width = width
        return plot.render(description: "Histogram of \(intervals.count) intervals")
    }
}
