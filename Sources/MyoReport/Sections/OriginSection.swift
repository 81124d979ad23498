import MyoAnalysis

/// The origin section: the hint with its certainty, the findings for and against with their
/// sources, the burst-duration statistics per muscle, the recruitment diagram and the
/// stimulus-locked responses.
///
/// The recruitment diagram puts the muscles top to bottom by their position along the neuraxis
/// (rostral at the top, unplaced muscles below), each with its median onset latency (dot) and
/// interquartile spread (bar); when a velocity was estimated, a dashed line shows the latency
/// that velocity predicts from the earliest muscle. Everything is black, grey and shape, so it
/// prints in greyscale.
enum OriginSection {
    static func html(_ origin: OriginResult, options: ReportOptions) -> String {
        let e = HTMLText.escape
        var out = "<section id=\"origin\" class=\"page\"><h2>Origin hint</h2>"
        out += "<div class=\"figures\">"
        out += box(words(origin.hint), "origin hint")
        out += box(origin.certainty.rawValue, "certainty")
        out += box(HTMLText.count(origin.durations.n), "EMG bursts")
        out += box(HTMLText.number(origin.durations.medianMs, decimals: 0) + " ms", "median burst")
        out += "</div>"
        out += "<p class=\"note\">A hint from the physiology of the recorded jerks, for a clinician to weigh; not a diagnosis.</p>"
        out += findingsTable(origin.findings)
        out += "<h3>Burst durations</h3>" + durationTable(origin)
        out += "<h3>Recruitment</h3>"
        if origin.recruitment.muscles.isEmpty {
            out += "<p class=\"empty\">No EMG bursts, so no recruitment to draw.</p>"
        } else {
            out += "<figure>" + recruitmentDiagram(origin.recruitment, width: Double(options.plotWidth))
                + "<figcaption>Onset latency of each muscle after the first muscle of the jerk: dot the median, bar the "
                + "interquartile range; muscles by position along the neuraxis (rostral at the top). "
                + (origin.recruitment.spread?.velocityMPerS.map {
                    "Dashed: the latency a spread at " + HTMLText.number($0, decimals: 1) + " m/s from "
                        + e(origin.recruitment.spread?.originChannel ?? "") + " predicts. "
                } ?? "")
                + "Positions follow the montage given or Myotrace's built-in table (a convention).</figcaption></figure>"
            out += pairTable(origin.recruitment.pairs)
        }
        if let st = origin.stimulus { out += stimulusTable(st) }
        return out + "</section>"
    }

    static func words(_ hint: OriginHint) -> String {
        switch hint {
        case .cortical: return "cortical"
        case .corticalSubcortical: return "cortical-subcortical"
        case .subcortical: return "subcortical / brainstem"
        case .spinal: return "spinal / propriospinal"
        case .functional: return "functional"
        case .undetermined: return "undetermined"
        }
    }

    private static func box(_ value: String, _ label: String) -> String {
        "<div class=\"figure-box\"><div class=\"value\">\(HTMLText.escape(value))</div>"
            + "<div class=\"label\">\(HTMLText.escape(label))</div></div>"
    }

    private static func findingsTable(_ findings: [OriginFinding]) -> String {
        guard !findings.isEmpty else { return "<p class=\"empty\">No findings.</p>" }
        let e = HTMLText.escape
        var out = "<table><tr><th></th><th>origin</th><th>finding</th><th>source</th></tr>"
        for f in findings {
            // A word, not a colour, says for or against, so the table prints in greyscale.
            out += "<tr><td>\(f.origin == .undetermined ? "note" : f.supports ? "for" : "against")</td><td>\(e(words(f.origin)))</td>"
                + "<td>\(e(f.text))</td><td>\(e(f.source))</td></tr>"
        }
        return out + "</table>"
    }

    private static func durationTable(_ origin: OriginResult) -> String {
        let e = HTMLText.escape
        let pct: (Double?) -> String = { $0.map { HTMLText.number($0 * 100, decimals: 0) + " %" } ?? "–" }
        var out = "<table><tr><th>muscle</th><th class=\"num\">n</th><th class=\"num\">median ms</th><th class=\"num\">IQR ms</th>"
            + "<th class=\"num\">under 50 ms</th><th class=\"num\">over 100 ms</th></tr>"
        let rows = [("all (leading muscle)", origin.durations)] + origin.recruitment.muscles.map { ($0.channel, $0.durations) }
        for (name, d) in rows {
            out += "<tr><td>\(e(name))</td><td class=\"num\">\(d.n)</td><td class=\"num\">\(HTMLText.number(d.medianMs, decimals: 0))</td>"
                + "<td class=\"num\">\(HTMLText.number(d.p25Ms, decimals: 0))–\(HTMLText.number(d.p75Ms, decimals: 0))</td>"
                + "<td class=\"num\">\(pct(d.shareUnder50))</td><td class=\"num\">\(pct(d.shareOver100))</td></tr>"
        }
        return out + "</table><p class=\"note\">Cortical bursts last 10–50 ms, rarely over 100 (Eberhardt &amp; Topka 2017); "
            + "a 45 ms cut-off needs at least 10 bursts (van der Veen 2024, secondary).</p>"
    }

    private static func recruitmentDiagram(_ r: Recruitment, width: Double) -> String {
        let muscles = r.muscles.sorted { ($0.positionCm ?? .infinity, $0.channel) < ($1.positionCm ?? .infinity, $1.channel) }
        let rowHeight = 32.0, top = 24.0, left = 170.0, right = 20.0
        let height = top + rowHeight * Double(muscles.count) + 44
        var canvas = SVGCanvas(width: width, height: height, idPrefix: "recruitment")
        let longest = max(10, muscles.compactMap { $0.latencyP75Ms ?? $0.latencyMedianMs }.max() ?? 10)
        let x = LinearScale(domain: 0, longest * 1.15, range: left...(width - right))
        let baseY = top + rowHeight * Double(muscles.count)
        let ticks = NiceTicks.ticks(0, longest * 1.15, target: 6)
        for t in ticks {
            canvas.line(x(t), top - 6, x(t), baseY, stroke: ReportStyle.grid, width: 0.6)
            canvas.text(HTMLText.number(t, decimals: NiceTicks.decimals(for: NiceTicks.step(span: longest * 1.15, target: 6))),
                        x: x(t), y: baseY + 16, anchor: "middle", size: 10)
        }
        var rowY: [String: Double] = [:]
        for (i, m) in muscles.enumerated() {
            let y = top + rowHeight * (Double(i) + 0.5)
            rowY[m.channel] = y
            let place = m.positionCm.map { " · " + HTMLText.number($0, decimals: 0) + " cm" } ?? " · position unknown"
            canvas.text(m.channel, x: left - 8, y: y - 1, anchor: "end", size: 11)
            canvas.text("n \(m.eventCount)" + place, x: left - 8, y: y + 10, anchor: "end", size: 8.5, fill: "#444")
            if let a = m.latencyP25Ms, let b = m.latencyP75Ms {
                canvas.rect(x: x(a), y: y - 3, width: max(x(b) - x(a), 1.5), height: 6, fill: "#9aa5b4")
            }
            if let med = m.latencyMedianMs {
                canvas.rect(x: x(med) - 4, y: y - 4, width: 8, height: 8, fill: ReportStyle.positive)
            }
        }
        if let s = r.spread, let v = s.velocityMPerS, v > 0 {
            // Latency (ms) = distance (cm) / (v m/s × 0.1 cm/ms) after the origin's own latency.
            let originLatency = s.points.first { $0.channel == s.originChannel }?.latencyMs ?? 0
            let placed = muscles.filter { $0.positionCm != nil }
            let points: [(x: Double, y: Double)] = placed.compactMap { m in
                guard let p = m.positionCm, let y = rowY[m.channel] else { return nil }
                return (x.clamped(originLatency + abs(p - s.originPositionCm) / (v / 10)), y)
            }
            for (a, b) in zip(points, points.dropFirst()) {
                canvas.line(a.x, a.y, b.x, b.y, stroke: "#000", width: 1.2, dash: "5 3")
            }
            canvas.text(HTMLText.number(v, decimals: 1) + " m/s", x: width - right, y: top - 8, anchor: "end", size: 10.5)
        }
        canvas.line(left, baseY, width - right, baseY, stroke: ReportStyle.axis)
        canvas.text("onset latency after the first muscle (ms)", x: (left + width - right) / 2, y: height - 6, anchor: "middle", size: 11)
        return canvas.render(description: "Recruitment diagram: onset latency per muscle, muscles by position along the neuraxis")
    }

    private static func pairTable(_ pairs: [PairSynchrony]) -> String {
        guard !pairs.isEmpty else { return "" }
        let e = HTMLText.escape
        var out = "<table><tr><th>agonist – antagonist</th><th class=\"num\">jerks together</th>"
            + "<th class=\"num\">onsets within 15 ms</th><th class=\"num\">median lag ms</th></tr>"
        for p in pairs {
            out += "<tr><td>\(e(p.channelA)) – \(e(p.channelB))</td><td class=\"num\">\(p.coFiredEvents)</td>"
                + "<td class=\"num\">\(p.synchronousShare.map { HTMLText.number($0 * 100, decimals: 0) + " %" } ?? "–")</td>"
                + "<td class=\"num\">\(HTMLText.number(p.medianLagMs, decimals: 1))</td></tr>"
        }
        return out + "</table>"
    }

    private static func stimulusTable(_ st: StimulusResponse) -> String {
        let e = HTMLText.escape
        var out = "<h3>Responses to stimuli</h3><p>\(st.respondedCount) of \(st.stimulusCount) stimuli were followed by a jerk"
        if let f = st.firstMuscle { out += "; \(e(f)) responded first most often" }
        if st.startleLike { out += " (sternocleidomastoid first within 120 ms, as in startle)" }
        if let h = st.habituation {
            out += ". Response amplitude " + (h.habituates ? "shrank" : "did not shrink") + " over the stimuli (Spearman rho "
                + HTMLText.number(h.spearmanRho, decimals: 2) + ")"
        }
        out += ".</p><table><tr><th>muscle</th><th class=\"num\">responses</th><th class=\"num\">median latency ms</th><th class=\"num\">IQR ms</th></tr>"
        for m in st.muscles {
            out += "<tr><td>\(e(m.channel))</td><td class=\"num\">\(m.responses)</td><td class=\"num\">\(HTMLText.number(m.latencyMedianMs, decimals: 0))</td>"
                + "<td class=\"num\">\(HTMLText.number(m.latencyIQRMs, decimals: 0))</td></tr>"
        }
        return out + "</table>"
    }
}
