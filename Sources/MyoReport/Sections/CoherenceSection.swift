import MyoAnalysis

/// The EEG-EMG coherence section: the 12-30 Hz summary per EEG channel, then each channel's
/// coherence spectrum with the 95 % confidence limit dashed and the 12-30 Hz band shaded.
/// Size: O(channels × spectrum bins), about 100 bins per channel.
enum CoherenceSection {
    static func html(_ result: CoherenceResult, options: ReportOptions) -> String {
        var out = "<section id=\"coherence\" class=\"page\"><h2>EEG-EMG coherence</h2>"
        out += "<p class=\"note\">Coherence of each EEG channel with the rectified EMG of \(HTMLText.escape(result.emgChannel)): "
            + "how strongly the two share a rhythm at each frequency (0 = not at all, 1 = completely). In cortical myoclonus "
            + "it is raised at 12-30 Hz (Caviness 2003). Above the dashed 95 % confidence limit a value is unlikely by chance "
            + "at that one frequency (Halliday et al. 1995); across a band about 1 bin in 20 crosses it by chance, so the band's "
            + "peak is called significant only above the band limit (the same limit shared among the band's bins).</p>"
        guard !result.coherence.isEmpty else {
            return out + "<p class=\"empty\">No EEG channel, so no coherence.</p></section>"
        }
        out += "<table><tr><th>EEG channel</th><th class=\"num\">segments</th><th class=\"num\">peak 12-30 Hz</th>"
            + "<th class=\"num\">at (Hz)</th><th class=\"num\">95 % limit</th><th class=\"num\">band limit</th><th class=\"num\">bins above limit</th><th>significant</th></tr>"
        for c in result.coherence {
            let verdict = c.status == .ok ? (c.significant ? "<b>yes</b>" : "no") : c.status == .tooFewSegments ? "too few segments: no claim" : "no data"
            out += "<tr><td>\(HTMLText.escape(c.channel))</td><td class=\"num\">\(HTMLText.count(c.segments))</td>"
                + "<td class=\"num\">\(HTMLText.number(c.peak, decimals: 3))</td><td class=\"num\">\(HTMLText.number(c.frequencyHz, decimals: 1))</td>"
                + "<td class=\"num\">\(HTMLText.number(c.limit, decimals: 3))</td><td class=\"num\">\(HTMLText.number(c.bandLimit, decimals: 3))</td>"
                + "<td class=\"num\">\(c.bandBinsAboveLimit) of \(c.bandBins)</td><td>\(verdict)</td></tr>"
        }
        out += "</table>"
        for (i, c) in result.coherence.enumerated() where !c.spectrum.isEmpty {
            var plot = BandedTracePlot(x: c.spectrum.indices.map { Double($0) * c.frequencyStepHz }, mean: c.spectrum.map(Double.init),
                                       xTitle: "frequency (Hz)", yTitle: "coherence", idPrefix: "coh\(i)")
            plot.width = Double(options.plotWidth)
            plot.height = 180
            let top = max(c.spectrum.map(Double.init).max() ?? 0, c.limit ?? 0)
            plot.yDomain = 0...max(0.05, min(1, top * 1.15))
            if c.band.count == 2 { plot.shaded = [(c.band[0], c.band[1], "12-30 Hz")] }
            if let limit = c.limit { plot.horizontalMarks = [(limit, "95 % limit " + HTMLText.number(limit, decimals: 3))] }
            out += "<h3>\(HTMLText.escape(c.channel))</h3><figure>"
                + plot.render(description: "Coherence spectrum of \(c.channel) with \(c.emgChannel)")
                + "<figcaption>Welch estimate over \(HTMLText.count(c.segments)) disjoint segments of \(c.segmentSamples) samples "
                + "(\(HTMLText.number(c.frequencyStepHz, decimals: 2)) Hz resolution). Shaded: 12-30 Hz; dashed: the 95 % limit.</figcaption></figure>"
        }
        return out + "</section>"
    }
}
