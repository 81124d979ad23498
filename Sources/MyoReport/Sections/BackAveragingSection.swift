import Foundation
import MyoAnalysis

/// The jerk-locked back-averaging section: a table of the findings per EEG channel, then per
/// channel the averaged EEG with its 95 % confidence band, the jerk's EMG onset at 0 and the
/// transient's latency marked, and the long average of the Bereitschaftspotential check.
///
/// Print-safe: the band is light grey, the average black, the onset a solid line, the transient a
/// dashed one, the search window a pale shade; nothing depends on hue.
/// Size: O(channels × epoch samples) — a 1.2 s epoch at 1 kHz is 1 200 points per trace.
enum BackAveragingSection {
    static func html(_ result: BackAveragingResult, options: ReportOptions) -> String {
        var out = "<section id=\"back-averaging\" class=\"page\"><h2>Jerk-locked back-averaging of the EEG</h2>"
        out += "<p class=\"note\">Triggers: \(HTMLText.escape(result.triggerSource)), \(HTMLText.count(result.triggersGiven)) given, "
            + "\(HTMLText.count(result.triggersLockedOut)) inside the lock-out after another jerk. A cortical myoclonic jerk is "
            + "typically preceded by a positive-negative EEG spike about 20 ms before the EMG onset (Shibasaki 1992); "
            + "50 to 200 jerks are usually averaged. A transient counts as found when "
            + (result.significanceTest == .signFlip
                ? "the same epochs averaged with random signs rarely reach it (a sign-flip permutation test, Nichols &amp; Holmes 2002) "
                : "averages at shuffled trigger times rarely reach it ")
            + "(p below 0.05) and the odd and even epochs agree (split-half r of at least 0.5).</p>"
        guard !result.backAveraging.isEmpty else {
            return out + "<p class=\"empty\">The recording has no EEG channel, so there is nothing to back-average.</p></section>"
        }
        out += table(result.backAveraging)
        for w in result.warnings { out += "<p class=\"note\">\(HTMLText.escape(w))</p>" }
        let width = Double(options.plotWidth)
        for (i, c) in result.backAveraging.enumerated() {
            out += "<h3>\(HTMLText.escape(c.channel))</h3>"
            out += figure(c, index: i, width: width)
            out += bereitschaftFigure(c, index: i, width: width)
        }
        return out + "</section>"
    }

    private static func number(_ v: Double?, _ decimals: Int) -> String { HTMLText.number(v, decimals: decimals) }

    private static func statusText(_ s: BackAveragingStatus) -> String {
        switch s {
        case .ok: return "enough epochs"
        case .tooFewEpochs: return "too few epochs: no claim"
        case .noEpochs: return "no epochs"
        }
    }

    private static func table(_ channels: [ChannelBackAverage]) -> String {
        var out = "<table><tr><th>EEG channel</th><th class=\"num\">epochs used</th><th class=\"num\">rejected</th>"
            + "<th>status</th><th>pre-jerk transient</th><th class=\"num\">latency (ms)</th><th class=\"num\">amplitude (µV)</th>"
            + "<th class=\"num\">p</th><th class=\"num\">split-half r</th><th>Bereitschaftspotential</th></tr>"
        for c in channels {
            let bp = c.bereitschaftspotential
            let bpText = bp.status != .ok ? statusText(bp.status)
                : bp.present ? "present, from \(number(bp.onsetS, 2)) s before (p \(number(bp.pValue, 3)))" : "not found"
            out += "<tr><td>\(HTMLText.escape(c.channel))</td><td class=\"num\">\(HTMLText.count(c.epochsUsed))</td>"
                + "<td class=\"num\">\(HTMLText.count(c.epochsRejected))</td><td>\(statusText(c.status))</td>"
                + "<td>\(c.status != .ok ? "–" : c.transientFound ? "<b>found</b>" : "not found")</td>"
                + "<td class=\"num\">\(number(c.latencyMs, 1))</td><td class=\"num\">\(number(c.amplitudeUV, 1))</td>"
                + "<td class=\"num\">\(number(c.pValue, 3))</td><td class=\"num\">\(number(c.splitHalfR, 2))</td>"
                + "<td>\(bpText)</td></tr>"
        }
        return out + "</table>"
    }

    private static func figure(_ c: ChannelBackAverage, index: Int, width: Double) -> String {
        let a = c.average
        var plot = BandedTracePlot(x: a.mean.indices.map { a.time(ofSample: $0) * 1000 }, mean: a.mean.map(Double.init),
                                   lower: a.lower.map(Double.init), upper: a.upper.map(Double.init),
                                   xTitle: "time from the jerk's EMG onset (ms)", yTitle: "EEG (µV)", idPrefix: "ba\(index)")
        plot.width = width
        if c.searchWindow.count == 2 { plot.shaded = [(c.searchWindow[0] * 1000, c.searchWindow[1] * 1000, "search")] }
        plot.verticalMarks = [(0, "EMG onset", false)]
        if c.transientFound, let latency = c.latencyMs {
            plot.verticalMarks.append((latency, "transient " + HTMLText.number(latency, decimals: 0) + " ms", true))
        }
        let finding = c.status != .ok ? statusText(c.status)
            : c.transientFound ? "transient found at \(number(c.latencyMs, 1)) ms, \(number(c.amplitudeUV, 1)) µV"
            : "no significant transient"
        return "<figure>" + plot.render(description: "Back-averaged EEG of \(c.channel) around the jerks with its 95 % confidence band")
            + "<figcaption><b>\(finding)</b>. Average of \(HTMLText.count(c.epochsUsed)) epochs (\(HTMLText.count(c.epochsRejected)) rejected "
            + "as artefact), baseline \(number(c.baselineWindow.first.map { $0 * 1000 }, 0)) to "
            + "\(number(c.baselineWindow.last.map { $0 * 1000 }, 0)) ms; grey band: mean ± 1.96 standard errors; "
            + "pale shade: the pre-jerk search window; solid line: EMG onset; dashed line: the transient.</figcaption></figure>"
    }

    private static func bereitschaftFigure(_ c: ChannelBackAverage, index: Int, width: Double) -> String {
        let bp = c.bereitschaftspotential
        let a = bp.average
        guard a.epochs > 0 else { return "" }
        var plot = BandedTracePlot(x: a.mean.indices.map { a.time(ofSample: $0) }, mean: a.mean.map(Double.init),
                                   lower: a.lower.map(Double.init), upper: a.upper.map(Double.init),
                                   xTitle: "time from the jerk's EMG onset (s)", yTitle: "EEG (µV)", idPrefix: "bp\(index)")
        plot.width = width
        plot.height = 170
        // Terada 1995; Pal 2011: the Bereitschaftspotential starts 0.7 to 2.1 s before functional jerks.
        plot.shaded = [(-2.1, -0.7, "published onsets")]
        plot.verticalMarks = [(0, "EMG onset", false)]
        if bp.present, let onset = bp.onsetS { plot.verticalMarks.append((-onset, "onset", true)) }
        let finding = bp.status != .ok ? statusText(bp.status)
            : bp.present ? "Bereitschaftspotential from \(number(bp.onsetS, 2)) s before the jerk, "
                + "slope \(number(bp.slopeUVPerS, 1)) µV/s, shift \(number(bp.meanShiftUV, 1)) µV (p \(number(bp.pValue, 3)))"
            : "no Bereitschaftspotential (shift \(number(bp.meanShiftUV, 1)) µV, p \(number(bp.pValue, 3)))"
        return "<figure>" + plot.render(description: "Long back-average of \(c.channel) for the Bereitschaftspotential check")
            + "<figcaption><b>\(finding)</b>. Pale shade: the 0.7-2.1 s before the jerk where a Bereitschaftspotential "
            + "of functional jerks starts (Terada 1995; Pal 2011).</figcaption></figure>"
    }
}

/// A line with an optional confidence band, shaded x ranges, vertical and horizontal marks: the
/// figure of an event-locked average or a spectrum. Thins the trace to one point per unit of
/// width (keeping each column's extremes) so a long trace stays small.
struct BandedTracePlot {
    var x: [Double]
    var mean: [Double]
    var lower: [Double]?
    var upper: [Double]?
    var xTitle: String
    var yTitle: String
    var idPrefix: String
    var width = 900.0
    var height = 210.0
    /// Fixed y range, or nil to fit the data and the marks.
    var yDomain: ClosedRange<Double>?
    var shaded: [(from: Double, to: Double, label: String)] = []
    /// `dashed` distinguishes marks on paper.
    var verticalMarks: [(x: Double, label: String, dashed: Bool)] = []
    var horizontalMarks: [(y: Double, label: String)] = []

    private let left = 64.0, right = 16.0, top = 18.0, bottom = 40.0

    init(x: [Double], mean: [Double], lower: [Double]? = nil, upper: [Double]? = nil, xTitle: String, yTitle: String, idPrefix: String) {
        self.x = x
        self.mean = mean
        self.lower = lower
        self.upper = upper
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.idPrefix = idPrefix
    }

    func render(description: String) -> String {
        var canvas = SVGCanvas(width: width, height: height, idPrefix: idPrefix)
        let n = min(x.count, mean.count)
        let finite = { (v: Double) in v.isFinite }
        let xs = x.prefix(n).filter(finite)
        var ys = mean.prefix(n).filter(finite) + (lower ?? []).filter(finite) + (upper ?? []).filter(finite)
        ys += horizontalMarks.map(\.y)
        let xLo = xs.min() ?? 0, xHi = xs.max() ?? 1
        var yLo = ys.min() ?? -1, yHi = ys.max() ?? 1
        if let d = yDomain { yLo = d.lowerBound; yHi = d.upperBound } else {
            let pad = max(1e-9, (yHi - yLo) * 0.06)
            yLo -= pad; yHi += pad
        }
        let sx = LinearScale(domain: xLo, xHi, range: left...(width - right))
        let sy = LinearScale(domain: yLo, yHi, range: top...(height - bottom), inverted: true)
        for s in shaded {
            let a = sx.clamped(max(s.from, xLo)), b = sx.clamped(min(s.to, xHi))
            guard b > a else { continue }
            canvas.rect(x: a, y: top, width: b - a, height: height - bottom - top, fill: "#ececec")
            canvas.text(s.label, x: (a + b) / 2, y: height - bottom - 5, anchor: "middle", size: 10, fill: "#555")
        }
        for t in NiceTicks.ticks(yLo, yHi, target: 4) {
            canvas.line(left, sy(t), width - right, sy(t), stroke: ReportStyle.grid)
            canvas.text(HTMLText.number(t, decimals: NiceTicks.decimals(for: NiceTicks.step(span: yHi - yLo, target: 4))),
                        x: left - 6, y: sy(t) + 4, anchor: "end", size: 10.5)
        }
        let columns = thinned(n)
        if let lo = lower, let hi = upper, lo.count >= n, hi.count >= n, n > 1 {
            var d = ""
            for (i, k) in columns.enumerated() { d += (i == 0 ? "M" : "L") + point(sx(x[k]), sy(hi[k])) }
            for k in columns.reversed() { d += "L" + point(sx(x[k]), sy(lo[k])) }
            canvas.path(d + "Z", fill: "#c4c4c4")
        }
        canvas.polyline(columns.map { (sx(x[$0]), sy(mean[$0])) }, stroke: "#000", width: 1.3)
        for h in horizontalMarks {
            canvas.line(left, sy(h.y), width - right, sy(h.y), stroke: "#000", width: 1, dash: "2 3")
            canvas.text(h.label, x: width - right - 4, y: sy(h.y) - 4, anchor: "end", size: 10.5)
        }
        for v in verticalMarks where v.x >= xLo && v.x <= xHi {
            canvas.line(sx(v.x), top, sx(v.x), height - bottom, stroke: v.dashed ? ReportStyle.negative : "#000",
                        width: 1.4, dash: v.dashed ? "5 3" : nil)
            canvas.text(v.label, x: sx(v.x) + (v.dashed ? -4 : 4), y: top + 24, anchor: v.dashed ? "end" : "start", size: 10.5,
                        weight: "bold")
        }
        canvas.line(left, height - bottom, width - right, height - bottom, stroke: ReportStyle.axis)
        canvas.line(left, top, left, height - bottom, stroke: ReportStyle.axis)
        let step = NiceTicks.step(span: xHi - xLo, target: 10)
        for t in NiceTicks.ticks(xLo, xHi, target: 10) {
            canvas.line(sx(t), height - bottom, sx(t), height - bottom + 4, stroke: ReportStyle.axis)
            canvas.text(HTMLText.number(t, decimals: NiceTicks.decimals(for: step)), x: sx(t), y: height - bottom + 16,
                        anchor: "middle", size: 10.5)
        }
        canvas.text(xTitle, x: (left + width - right) / 2, y: height - 6, anchor: "middle", size: 11)
        canvas.text(yTitle, x: 14, y: (top + height - bottom) / 2, anchor: "middle", size: 11, rotate: true)
        return canvas.render(description: description)
    }

    private func point(_ px: Double, _ py: Double) -> String { HTMLText.coordinate(px) + "," + HTMLText.coordinate(py) }

    /// Sample indices to draw: all when they fit the width, else each column's first, lowest
    /// and highest sample, so spikes survive the thinning.
    private func thinned(_ n: Int) -> [Int] {
        let columns = max(1, Int(width - left - right))
        guard n > 2 * columns else { return Array(0..<n) }
        var out: [Int] = []
        for c in 0..<columns {
            let a = c * n / columns, b = max(a + 1, (c + 1) * n / columns)
            var lo = a, hi = a
            for k in a..<min(b, n) {
                if mean[k] < mean[lo] { lo = k }
                if mean[k] > mean[hi] { hi = k }
            }
            out += Set([a, lo, hi]).sorted()
        }
        return out
    }
}
