import Foundation

/// Example traces: short raw snippets around one event of several recordings, cut from the
/// source files when they are found again; otherwise the section says why there are none.
enum CareTraceSection {
    private static let width = 300.0, height = 150.0, left = 8.0, right = 58.0, top = 24.0, traceHeight = 90.0

    static func html(_ traces: CareTraces) -> String {
        let e = HTMLText.escape
        var out = "<section id=\"traces\"><h2>Example traces</h2>"
        switch traces {
        case let .unavailable(reason):
            return out + "<p class=\"empty\">Traces unavailable: \(e(reason)).</p></section>"
        case let .found(list, missing):
            out += "<p class=\"note\">The raw signal around one event of \(list.count) recording\(list.count == 1 ? "" : "s"), "
                + "cut from the source files (checked to be the same content as analysed). Solid line: onset; dashed: offset; "
                + "the event is shaded.</p><div class=\"gallery\">"
            for (i, t) in list.enumerated() { out += "<figure>" + panel(t, number: i) + "</figure>" }
            out += "</div>"
            if !missing.isEmpty {
                out += "<p class=\"note\">Not shown: " + missing.map(e).joined(separator: "; ") + ".</p>"
            }
            return out + "</section>"
        }
    }

    private static func panel(_ t: CareTrace, number: Int) -> String {
        var canvas = SVGCanvas(width: width, height: height, idPrefix: "trace\(number)")
        let kind = t.isPositive ? "jerk" : "lapse"
        let when = t.recordingStart.map(CareText.day) ?? "undated"
        canvas.text("\(EventRasterPlot.ellipsized(t.fileName, max: 22)) · \(when) · \(kind)", x: left, y: 12, size: 10.5, weight: "bold")
        canvas.text("\(EventRasterPlot.ellipsized(t.channel, max: 20)) · \(HTMLText.number((t.offset - t.onset) * 1000, decimals: 0)) ms",
                    x: left, y: 22, size: 10)
        let finite = t.samples.lazy.filter(\.isFinite)
        guard t.samples.count >= 2, t.sampleRate > 0, let lo = finite.min(), let hi = finite.max() else {
            canvas.text("no finite samples", x: width / 2, y: height / 2, anchor: "middle", size: 10)
            return canvas.render(description: "Example \(kind) without a usable trace")
        }
        let t0 = t.windowStart, t1 = t.windowStart + Double(t.samples.count - 1) / t.sampleRate
        let x = LinearScale(domain: t0, t1, range: left...(width - right))
        let m = Double(max(abs(lo), abs(hi)))
        let y = LinearScale(domain: -m, m, range: (top + 4)...(top + traceHeight), inverted: true)
        let on = x.clamped(t.onset), off = x.clamped(max(t.offset, t.onset))
        canvas.rect(x: on, y: top, width: max(off - on, 1), height: traceHeight + 4, fill: "#dfe6f0")
        canvas.line(on, top, on, top + traceHeight + 4, stroke: "#000")
        canvas.line(off, top, off, top + traceHeight + 4, stroke: "#000", dash: "3 2")
        let points = TraceDownsampler(columns: Int(width - left - right)).points(t.samples, x: { x(t0 + $0 * (t1 - t0)) }, y: { y($0) })
        canvas.polyline(points, stroke: "#111", width: 0.8)
        // Scale bar: a nice value about a third of the range, in the channel's unit.
        let bar = NiceTicks.step(span: 2 * m / 3, target: 1)
        let barX = width - right + 8, barBottom = top + traceHeight
        let barTop = barBottom - (y.range.upperBound - y.range.lowerBound) * bar / max(2 * m, 1e-30)
        canvas.line(barX, barBottom, barX, barTop, stroke: "#000", width: 2)
        canvas.text(HTMLText.number(bar, decimals: NiceTicks.decimals(for: bar)) + " " + t.unit, x: barX + 4,
                    y: (barTop + barBottom) / 2 + 4, size: 9.5)
        let axisY = top + traceHeight + 8
        canvas.line(left, axisY, width - right, axisY, stroke: ReportStyle.axis, width: 0.8)
        for tick in NiceTicks.ticks((t0 - t.onset) * 1000, (t1 - t.onset) * 1000, target: 4) {
            let px = x(t.onset + tick / 1000)
            guard px - left >= 10 else { continue }
            canvas.line(px, axisY, px, axisY + 3, stroke: ReportStyle.axis, width: 0.8)
            canvas.text(HTMLText.number(tick, decimals: 0), x: px, y: axisY + 13, anchor: "middle", size: 9.5)
        }
        canvas.text("ms from onset", x: (left + width - right) / 2, y: height - 2, anchor: "middle", size: 9.5)
        return canvas.render(description: "Raw signal around an example \(kind) on \(t.channel)")
    }
}
