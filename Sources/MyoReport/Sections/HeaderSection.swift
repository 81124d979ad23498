import MyoDetect

/// Section 1: what was analysed (file, start, duration, channels, version) and the statement that
/// the report supports a clinician's decision and is not a diagnosis.
enum HeaderSection {
    static func html(_ result: AnalysisResult, options: ReportOptions) -> String {
        let e = HTMLText.escape
        var meta: [(String, String)] = [
            ("File", e(result.file)),
            ("Format", e(result.format)),
            ("Recording start", result.start.map(e) ?? "not stated in the file"),
            ("Duration", e(HTMLText.duration(seconds: result.durationSeconds))),
            ("Analysable signal", e(HTMLText.number(result.summary.analysableMinutes, decimals: 1)) + " min"),
            ("Channels analysed", "\(result.channels.count)"),
            ("Myotrace version", e(result.version)),
        ]
        if let generated = options.generatedAt { meta.append(("Report made", e(generated))) }

        var out = "<header><h1>\(e(options.title))</h1>"
        out += "<dl class=\"meta\">"
        for (key, value) in meta { out += "<dt>\(key)</dt><dd>\(value)</dd>" }
        out += "</dl>"
        out += "<p class=\"disclaimer\"><strong>Decision support, not a diagnosis.</strong> "
            + "These figures come from automatic detection and are meant to be reviewed by a clinician "
            + "together with the raw recording, the history and the examination. Detection can miss events "
            + "and can mistake artefacts or voluntary movement for myoclonus.</p>"
        out += "</header>"
        out += channelTable(result.channels)
        return out
    }

    private static func channelTable(_ channels: [AnalysedChannel]) -> String {
        let e = HTMLText.escape
        guard !channels.isEmpty else {
            return "<p class=\"empty\">No channel could be analysed.</p>"
        }
        var out = "<table class=\"channels\"><thead><tr><th>#</th><th>Channel</th><th>Kind</th><th>Unit</th>"
            + "<th class=\"num\">Rate (Hz)</th><th>Detectors</th></tr></thead><tbody>"
        for c in channels {
            out += "<tr><td class=\"num\">\(c.index)</td><td>\(e(c.label))</td><td>\(e(c.kind))</td><td>\(e(c.unit))</td>"
                + "<td class=\"num\">\(HTMLText.number(c.sampleRate, decimals: c.sampleRate.rounded() == c.sampleRate ? 0 : 2))</td>"
                + "<td>\(e(c.detectors.map(detectorName).joined(separator: ", ")))</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// Plain words for the detector identifiers the pipeline records.
    static func detectorName(_ id: String) -> String {
        switch id {
        case "emgBurst": return "EMG bursts"
        case "emgSilentPeriod": return "EMG silent periods"
        case "motionJerk": return "motion jerks"
        case "motionLapse": return "postural lapses"
        default: return id
        }
    }
}
