import MyoAnalysis

/// The rhythm section: whether the jerks are rhythmic, at what frequency and how regular, the
/// event train's spectrum with the peak and its neighbourhood marked (and the envelope's, when
/// measured), the inter-event interval histogram, and the runs.
enum RhythmSection {
    static func html(_ rhythm: RhythmResult, options: ReportOptions) -> String {
        var out = "<section id=\"rhythm\" class=\"page\"><h2>Rhythm</h2><div class=\"figures\">"
        out += box(rhythm.rhythmic ? "yes" : "no", "rhythmic")
        out += box(HTMLText.number(rhythm.frequencyHz, decimals: 2) + " Hz", "dominant frequency")
        out += box(HTMLText.number(rhythm.cv, decimals: 2), "CV of intervals")
        out += box(pattern(rhythm.pattern), "pattern")
        out += box("\(rhythm.runs.count) / \(rhythm.clusters.count)", "runs / clusters")
        out += "</div>"
        let width = Double(options.plotWidth)
        if rhythm.spectrum.frequenciesHz.isEmpty {
            out += "<p class=\"empty\">Too few events for a spectrum.</p>"
        } else {
            out += "<figure>" + spectrumPlot(rhythm.spectrum, width: width, idPrefix: "train")
                + "<figcaption>Spectrum of the event train (Welch, 40 s segments), scaled to a median of 1. "
                + "Dashed: the peak; shaded: its neighbourhood. A rhythm needs a peak at least 3 times its neighbourhood "
                + "(ratio here " + HTMLText.number(rhythm.peakRatio, decimals: 1) + ").</figcaption></figure>"
        }
        if let env = rhythm.envelope, !env.spectrum.frequenciesHz.isEmpty {
            out += "<figure>" + spectrumPlot(env.spectrum, width: width, idPrefix: "envelope")
                + "<figcaption>Spectrum of the EMG envelope; duty cycle " + HTMLText.number(env.dutyCycle * 100, decimals: 0)
                + " % (a continuous tremor fills about half the time, brief jerks far less).</figcaption></figure>"
        }
        let h = rhythm.intervalHistogram
        if h.counts.contains(where: { $0 > 0 }), let last = h.edgesS.last {
            let step = NiceTicks.step(span: last, target: 8)
            let ticks = NiceTicks.ticks(0, last, target: 8).map { (value: $0, label: HTMLText.number($0, decimals: NiceTicks.decimals(for: step))) }
            var plot = HistogramPlot(edges: h.edgesS, series: [.init(counts: h.counts, isNegative: false)], xTicks: ticks,
                                     xTitle: "interval between jerks (s); the last bin holds longer ones", idPrefix: "intervals")
            plot.width = width
            out += "<figure>" + plot.render(description: "Histogram of intervals between jerks") + "</figure>"
        }
        if !rhythm.runs.isEmpty {
            out += "<table><tr><th class=\"num\">start s</th><th class=\"num\">end s</th><th class=\"num\">jerks</th>"
                + "<th class=\"num\">Hz</th><th class=\"num\">duty cycle</th></tr>"
            for r in rhythm.runs.prefix(20) {
                out += "<tr><td class=\"num\">\(HTMLText.number(r.start, decimals: 1))</td><td class=\"num\">\(HTMLText.number(r.end, decimals: 1))</td>"
                    + "<td class=\"num\">\(r.eventCount)</td><td class=\"num\">\(HTMLText.number(r.frequencyHz, decimals: 2))</td>"
                    + "<td class=\"num\">\(HTMLText.number(r.dutyCycle * 100, decimals: 0)) %</td></tr>"
            }
            out += "</table>" + (rhythm.runs.count > 20 ? "<p class=\"note\">First 20 of \(rhythm.runs.count) runs.</p>" : "")
        }
        return out + "</section>"
    }

    static func pattern(_ p: RhythmPattern) -> String {
        switch p {
        case .rhythmicJerks: return "rhythmic jerks"
        case .tremorLike: return "tremor-like"
        case .irregular: return "irregular"
        case .tooFewEvents: return "too few events"
        }
    }

    private static func box(_ value: String, _ label: String) -> String {
        "<div class=\"figure-box\"><div class=\"value\">\(HTMLText.escape(value))</div>"
            + "<div class=\"label\">\(HTMLText.escape(label))</div></div>"
    }

    private static func spectrumPlot(_ s: RhythmSpectrum, width: Double, idPrefix: String) -> String {
        let left = 46.0, right = 12.0, top = 22.0, plotHeight = 150.0
        let height = top + plotHeight + 40
        var canvas = SVGCanvas(width: width, height: height, idPrefix: idPrefix)
        guard let f0 = s.frequenciesHz.first, let f1 = s.frequenciesHz.last else { return canvas.render(description: "empty spectrum") }
        let x = LinearScale(domain: f0, f1, range: left...(width - right))
        let peak = s.power.filter(\.isFinite).max() ?? 1
        let y = LinearScale(domain: 0, peak * 1.1, range: top...(top + plotHeight), inverted: true)
        let baseY = top + plotHeight
        for band in s.neighbourhoodHz where band.count == 2 {
            let a = x.clamped(band[0]), b = x.clamped(band[1])
            canvas.rect(x: a, y: top, width: b - a, height: plotHeight, fill: "#e6e6e6")
        }
        let powerDecimals = NiceTicks.decimals(for: NiceTicks.step(span: peak * 1.1, target: 4))
        for t in NiceTicks.ticks(0, peak * 1.1, target: 4) {
            canvas.line(left, y(t), width - right, y(t), stroke: ReportStyle.grid, width: 0.6)
            canvas.text(HTMLText.number(t, decimals: powerDecimals), x: left - 5, y: y(t) + 4, anchor: "end", size: 10)
        }
        canvas.polyline(zip(s.frequenciesHz, s.power).map { (x: x($0), y: y.clamped($1)) }, stroke: ReportStyle.positive, width: 1.2)
        if let hz = s.peakHz {
            canvas.line(x(hz), top, x(hz), baseY, stroke: "#000", width: 1, dash: "4 3")
            canvas.text(HTMLText.number(hz, decimals: 2) + " Hz", x: min(x(hz) + 4, width - right - 40), y: top + 10, size: 10.5)
        }
        canvas.line(left, baseY, width - right, baseY, stroke: ReportStyle.axis)
        canvas.line(left, top, left, baseY, stroke: ReportStyle.axis)
        for t in NiceTicks.ticks(f0, f1, target: 10) {
            canvas.line(x(t), baseY, x(t), baseY + 4, stroke: ReportStyle.axis)
            canvas.text(HTMLText.number(t, decimals: 0), x: x(t), y: baseY + 16, anchor: "middle", size: 10)
        }
        canvas.text("frequency (Hz)", x: (left + width - right) / 2, y: height - 4, anchor: "middle", size: 11)
        canvas.text("power", x: 12, y: top + plotHeight / 2, anchor: "middle", size: 10.5, rotate: true)
        return canvas.render(description: "Power spectrum with the dominant peak and its neighbourhood marked")
    }
}
