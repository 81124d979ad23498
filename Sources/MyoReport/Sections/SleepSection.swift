import Foundation
import MyoAnalysis

/// The sleep section: key figures (LMs, PLMS, PLM index per hour of sleep, sleep time, hypnic
/// jerks, fragmentary myoclonus), then one figure on a shared time axis: the hypnogram (W at the
/// top, then R, N1, N2, N3, with R drawn thick as sleep labs do), limb movements as ticks beneath
/// (PLMs full height in black, other LMs short and grey), PLM series as bars, hypnic jerks as
/// marks, and fragmentary bursts per NREM minute against the 5-per-minute line. Everything is
/// black, grey or hatched, so it reads the same printed in greyscale.
enum SleepSection {
    /// Stage rows top to bottom, the clinical convention.
    private static let rows: [SleepStage] = [.wake, .rem, .n1, .n2, .n3]

    static func html(_ result: SleepResult, parameters: [SleepParameterDescription], options: ReportOptions) -> String {
        var out = "<section id=\"sleep\" class=\"page\"><h2>Sleep: limb movements, PLM, hypnic jerks, fragmentary myoclonus</h2>"
        out += "<div class=\"figures\">"
        out += box(HTMLText.count(result.lmCount), "limb movements (\(HTMLText.count(result.lmCountInSleep)) in sleep)")
        out += box(HTMLText.count(result.plmCount), result.plmIndexBasis == "sleep" ? "PLMS (in sleep)" : "PLMs")
        out += box(HTMLText.number(result.plmIndex, decimals: 1),
                   result.plmIndexBasis == "sleep" ? "PLM index per hour of sleep" : "PLMs per hour of recording (no hypnogram)")
        out += box(result.sleepHours.map { HTMLText.number($0, decimals: 2) } ?? "–", "hours of sleep")
        out += box(result.hypnicJerks.map { HTMLText.count($0.count) } ?? "–", "hypnic jerks at sleep onset")
        if let f = result.fragmentaryMyoclonus {
            out += box(HTMLText.count(f.minutesAtCriterion), "NREM minutes with ≥5 fragmentary bursts"
                       + (f.criterionMet ? " (criterion met)" : ""))
        }
        out += "</div>"
        out += "<p class=\"note\">Scored by the \(HTMLText.escape(result.rules)) rules on "
            + HTMLText.escape(result.legChannels.joined(separator: " and ")) + ". "
            + "\(HTMLText.count(result.plmSeries.count)) PLM series.</p>"
        out += "<figure>" + timeline(result, width: Double(options.plotWidth))
            + "<figcaption><div class=\"legend\"><span>▮ PLM (tall black tick)</span><span>▯ other limb movement (short grey tick)</span>"
            + "<span>PLM series: bars</span><span>▼ hypnic jerk</span></div>"
            + "Hypnogram (W, R, N1, N2, N3) with the motor events of the night on the same time axis. "
            + "Bottom row: fragmentary bursts per minute of NREM sleep; the dashed line is 5 per minute.</figcaption></figure>"
        if !result.notes.isEmpty {
            out += "<ul class=\"warnings\">" + result.notes.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
        }
        if !parameters.isEmpty {
            out += "<div class=\"keep\"><h3>Rules and parameters</h3><table><thead><tr><th>Parameter</th><th class=\"num\">Value</th>"
                + "<th>Unit</th><th>Source</th></tr></thead><tbody>"
            for p in parameters {
                out += "<tr><td>\(HTMLText.escape(p.name))</td><td class=\"num\">\(HTMLText.escape(p.value))</td>"
                    + "<td>\(HTMLText.escape(p.unit))</td><td>\(HTMLText.escape(p.source))</td></tr>"
            }
            out += "</tbody></table></div>"
        }
        return out + "</section>"
    }

    private static func box(_ value: String, _ label: String) -> String {
        "<div class=\"figure-box\"><div class=\"value\">\(HTMLText.escape(value))</div>"
            + "<div class=\"label\">\(HTMLText.escape(label))</div></div>"
    }

    private static func timeline(_ r: SleepResult, width: Double) -> String {
        let left = 56.0, right = 12.0
        let rowHeight = 18.0, hypnoTop = 10.0
        let hypnoBottom = hypnoTop + rowHeight * Double(rows.count - 1)
        let lmTop = hypnoBottom + 22, lmHeight = 26.0
        let seriesTop = lmTop + lmHeight + 8, seriesHeight = 10.0
        let hypnicTop = seriesTop + seriesHeight + 8, hypnicHeight = 12.0
        let efmTop = hypnicTop + hypnicHeight + 10, efmHeight = 40.0
        let axisY = efmTop + efmHeight + 4
        let height = axisY + 34
        let end = max(r.recordingHours * 3600, r.hypnogram.epochs.map(\.end).max() ?? 0, 1)
        let x = LinearScale(domain: 0, end, range: left...(width - right))
        var c = SVGCanvas(width: width, height: height, idPrefix: "sleep")
        let axis = TimeAxis(start: 0, end: end)
        for t in axis.ticks {
            c.line(x(t), hypnoTop - 4, x(t), axisY, stroke: ReportStyle.grid, width: 0.6)
            c.text(axis.label(t), x: x(t), y: axisY + 13, anchor: "middle", size: 10)
        }
        c.line(left, axisY, width - right, axisY, stroke: ReportStyle.axis)
        c.text("time (\(axis.unitLabel))", x: (left + width - right) / 2, y: axisY + 28, anchor: "middle", size: 10.5)

        func rowY(_ s: SleepStage) -> Double? { rows.firstIndex(of: s).map { hypnoTop + rowHeight * Double($0) } }
        for s in rows { if let y = rowY(s) { c.text(s.rawValue, x: left - 8, y: y + 4, anchor: "end", size: 10.5) } }
        if r.hypnogram.isEmpty {
            c.text("no hypnogram", x: (left + width - right) / 2, y: (hypnoTop + hypnoBottom) / 2, anchor: "middle", size: 11)
        } else {
            // The step line joins consecutive epochs; unscored and movement-time epochs break it.
            var points: [(x: Double, y: Double)] = []
            func flush() { c.polyline(points, stroke: "#000", width: 1.2); points.removeAll() }
            for e in r.hypnogram.epochs {
                guard let y = rowY(e.stage) else { flush(); continue }
                if let last = points.last, abs(last.x - x(e.onset)) > 1.5 { flush() }
                if let last = points.last, last.y != y { points.append((x(e.onset), y)) }
                if points.isEmpty { points.append((x(e.onset), y)) }
                points.append((x(e.end), y))
                if e.stage == .rem { c.rect(x: x(e.onset), y: y - 2.5, width: max(0.8, x(e.end) - x(e.onset)), height: 5, fill: "#000") }
            }
            flush()
        }
        c.text("LM", x: left - 8, y: lmTop + lmHeight / 2 + 4, anchor: "end", size: 10.5)
        c.line(left, lmTop + lmHeight, width - right, lmTop + lmHeight, stroke: ReportStyle.grid)
        for m in r.limbMovements where m.isCandidate && !m.isRespiratory {
            let plm = m.series != nil
            c.line(x(m.onset), lmTop + (plm ? 0 : lmHeight * 0.55), x(m.onset), lmTop + lmHeight,
                   stroke: plm ? "#000" : "#8a8a8a", width: plm ? 1 : 0.8)
        }
        c.text("PLM", x: left - 8, y: seriesTop + seriesHeight - 1, anchor: "end", size: 10.5)
        for s in r.plmSeries {
            c.rect(x: x(s.onset), y: seriesTop, width: max(1.5, x(s.offset) - x(s.onset)), height: seriesHeight, fill: "#333")
        }
        c.text("hypnic", x: left - 8, y: hypnicTop + hypnicHeight - 2, anchor: "end", size: 10.5)
        for t in r.hypnicJerks?.onsets ?? [] {
            let px = x(t)
            c.path("M\(HTMLText.coordinate(px - 4)),\(HTMLText.coordinate(hypnicTop)) L\(HTMLText.coordinate(px + 4)),\(HTMLText.coordinate(hypnicTop)) L\(HTMLText.coordinate(px)),\(HTMLText.coordinate(hypnicTop + hypnicHeight)) Z",
                   fill: "#000")
        }
        c.text("EFM/min", x: left - 8, y: efmTop + efmHeight / 2 + 4, anchor: "end", size: 10.5)
        c.line(left, efmTop + efmHeight, width - right, efmTop + efmHeight, stroke: ReportStyle.grid)
        if let f = r.fragmentaryMyoclonus {
            let top = Double(max(10, (f.perMinute.map(\.count).max() ?? 0)))
            let y = LinearScale(domain: 0, top, range: efmTop...(efmTop + efmHeight), inverted: true)
            let hatch = c.hatchPattern(named: "efm", colour: "#555")
            for m in f.perMinute where m.count > 0 {
                c.rect(x: x(m.start), y: y(Double(m.count)), width: max(0.8, x(m.start + 60) - x(m.start)),
                       height: efmTop + efmHeight - y(Double(m.count)), fill: m.count >= 5 ? "#444" : hatch)
            }
            c.line(left, y(5), width - right, y(5), stroke: "#000", width: 0.8, dash: "4 3")
            c.text(HTMLText.number(top, decimals: 0), x: width - right, y: efmTop - 1, anchor: "end", size: 9)
        } else {
            c.text("not assessed (no hypnogram)", x: left + 4, y: efmTop + efmHeight / 2 + 4, size: 10)
        }
        return c.render(description: "Hypnogram with limb movements, PLM series, hypnic jerks and fragmentary myoclonus over the night")
    }
}
