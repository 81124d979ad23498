import Foundation
import MyoDetect

/// Section 6: example events as small multiples, each with the raw signal above and the
/// detector's envelope below on a shared time axis (ms from onset), the event shaded between its
/// onset (solid line) and offset (dashed line), and scale bars in the channel's unit.
///
/// The gallery shows at most `ReportOptions.maxGalleryEvents` examples, spread evenly over the
/// snippets the pipeline chose, and each trace is reduced to two points per pixel column, so the
/// section's size does not grow with the number of events or the sampling rate.
enum GallerySection {
    private static let width = 300.0, height = 200.0
    private static let left = 8.0, right = 58.0
    private static let rawTop = 22.0, rawHeight = 82.0, envTop = 112.0, envHeight = 48.0

    /// Evenly spaced picks of at most `limit` from `count` items, first and last included.
    /// Complexity: O(limit).
    static func picks(count: Int, limit: Int) -> [Int] {
        guard count > 0, limit > 0 else { return [] }
        guard count > limit else { return Array(0..<count) }
        if limit == 1 { return [0] }
        return (0..<limit).map { $0 * (count - 1) / (limit - 1) }
    }

    static func html(_ result: AnalysisResult, options: ReportOptions) -> String {
        var out = "<section id=\"gallery\" class=\"page\"><h2>Example events</h2>"
        let chosen = picks(count: result.snippets.count, limit: options.maxGalleryEvents)
        guard !chosen.isEmpty else {
            let why = result.events.isEmpty ? "No events were found." : "The analysis kept no example traces."
            return out + "<p class=\"empty\">\(why)</p></section>"
        }
        out += "<p class=\"note\">\(chosen.count) of \(HTMLText.count(result.snippets.count)) example traces "
            + "(of \(HTMLText.count(result.events.count)) events). Top trace: the recorded signal; bottom: the "
            + "detector's envelope. Solid line: onset; dashed line: offset; the event is shaded (solid for a jerk, "
            + "hatched for a lapse).</p>"
        out += "<div class=\"gallery\">"
        for (n, i) in chosen.enumerated() {
            out += "<figure>" + panel(result.snippets[i], number: n, result: result) + "</figure>"
        }
        return out + "</div></section>"
    }

    private static func panel(_ s: EventSnippet, number: Int, result: AnalysisResult) -> String {
        var canvas = SVGCanvas(width: width, height: height, idPrefix: "ex\(number)")
        let kind = s.polarity == .positive ? "jerk" : "lapse"
        let durationMs = (s.offset - s.onset) * 1000
        let clock = TimeAxis(start: 0, end: max(EventRasterPlot.timeSpan(result), 1))
        canvas.text("\(EventRasterPlot.ellipsized(s.channel, max: 18)) · \(kind) · \(HTMLText.number(durationMs, decimals: 0)) ms · at \(clock.label(s.onset))",
                    x: left, y: 13, size: 11, weight: "bold")

        let n = max(s.raw.count, s.envelope.count)
        guard n >= 2, s.sampleRate.isFinite, s.sampleRate > 0, s.start.isFinite else {
            canvas.text("no signal stored for this example", x: width / 2, y: height / 2, anchor: "middle", size: 11)
            return canvas.render(description: "Example \(kind) without a stored trace")
        }
        let t0 = s.start, t1 = s.start + Double(n - 1) / s.sampleRate
        let x = LinearScale(domain: t0, t1, range: left...(width - right))
        let columns = Int(width - right - left)

        // Event region and markers behind the traces.
        let onX = x.clamped(s.onset), offX = x.clamped(max(s.offset, s.onset))
        let fill = s.polarity == .positive ? "#dfe6f0" : canvas.hatchPattern(named: "neg", colour: "#f0cdb2")
        canvas.rect(x: onX, y: rawTop, width: max(offX - onX, 1), height: envTop + envHeight - rawTop, fill: fill)
        canvas.line(onX, rawTop - 2, onX, envTop + envHeight, stroke: "#000", width: 1)
        canvas.line(offX, rawTop - 2, offX, envTop + envHeight, stroke: "#000", width: 1, dash: "3 2")

        trace(s.raw, in: &canvas, x: x, t0: t0, rate: s.sampleRate, top: rawTop, height: rawHeight,
              columns: columns, unit: s.unit, symmetric: true)
        trace(s.envelope, in: &canvas, x: x, t0: t0, rate: s.sampleRate, top: envTop, height: envHeight,
              columns: columns, unit: s.unit, symmetric: false)

        // Time axis in ms from onset, shared by both traces.
        let axisY = envTop + envHeight + 4
        canvas.line(left, axisY, width - right, axisY, stroke: ReportStyle.axis, width: 0.8)
        let lo = (t0 - s.onset) * 1000, hi = (t1 - s.onset) * 1000
        for tick in NiceTicks.ticks(lo, hi, target: 4) {
            let px = x(s.onset + tick / 1000)
            canvas.line(px, axisY, px, axisY + 3, stroke: ReportStyle.axis, width: 0.8)
            // A label centred on a tick at the very edge would be cut off by the panel.
            guard px - left >= 12, x.range.upperBound - px >= 0 else { continue }
            canvas.text(HTMLText.number(tick, decimals: 0), x: px, y: axisY + 14, anchor: "middle", size: 9.5)
        }
        canvas.text("ms from onset", x: (left + width - right) / 2, y: axisY + 28, anchor: "middle", size: 10)
        return canvas.render(description: "Example \(kind) on \(s.channel): raw signal and envelope")
    }

    /// Draws one trace scaled to its own range with a vertical scale bar on the right.
    /// `symmetric` centres a raw signal on zero so its polarity reads correctly.
    private static func trace(_ samples: [Float], in canvas: inout SVGCanvas, x: LinearScale, t0: Double, rate: Double,
                              top: Double, height: Double, columns: Int, unit: String, symmetric: Bool) {
        let finite = samples.lazy.filter(\.isFinite)
        guard samples.count >= 2, var lo = finite.min().map(Double.init), var hi = finite.max().map(Double.init) else {
            canvas.text("no trace", x: (x.range.lowerBound + x.range.upperBound) / 2, y: top + height / 2,
                        anchor: "middle", size: 10)
            return
        }
        if symmetric {
            let m = max(abs(lo), abs(hi))
            lo = -m; hi = m
        } else {
            lo = min(lo, 0)
        }
        let y = LinearScale(domain: lo, hi, range: top...(top + height), inverted: true)
        let end = t0 + Double(samples.count - 1) / rate
        let pts = TraceDownsampler(columns: columns).points(samples, x: { x(t0 + $0 * (end - t0)) }, y: { y($0) })
        canvas.polyline(pts, stroke: symmetric ? "#111" : ReportStyle.positive, width: symmetric ? 0.8 : 1.2)

        // Scale bar: a nice value about a third of the trace's range.
        let bar = NiceTicks.step(span: (y.domain.upperBound - y.domain.lowerBound) / 3, target: 1)
        let barX = x.range.upperBound + 8
        let barBottom = top + height
        let barTop = barBottom - height * bar / (y.domain.upperBound - y.domain.lowerBound)
        canvas.line(barX, barBottom, barX, barTop, stroke: "#000", width: 2)
        canvas.text(HTMLText.number(bar, decimals: NiceTicks.decimals(for: bar)) + " " + unit,
                    x: barX + 4, y: (barTop + barBottom) / 2 + 4, size: 9.5)
    }
}
