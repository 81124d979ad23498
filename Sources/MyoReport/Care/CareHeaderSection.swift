import Foundation
import MyoStore

/// The top of the follow-up report: the person's pseudonymous code, what the store holds
/// (recordings, hours analysed, the period covered) and the decision-support statement.
enum CareHeaderSection {
    static func html(_ data: CareReportData, generatedAt: String?) -> String {
        let e = HTMLText.escape
        let o = data.overview
        let period: String
        if let first = o.firstRecording, let last = o.lastRecording {
            let days = WallClock.day(of: last) - WallClock.day(of: first) + 1
            period = "\(CareText.day(first)) to \(CareText.day(last)) (\(days) day\(days == 1 ? "" : "s"))"
        } else {
            period = "no dated recording"
        }
        var meta: [(String, String)] = [
            ("Person (pseudonymous code)", e(o.person.code)),
            ("Recordings", "\(HTMLText.count(o.recordings))" + (data.trend.undatedRecordings > 0
                ? " (\(data.trend.undatedRecordings) without a start time, not in the rates)" : "")),
            ("Hours analysed", HTMLText.number(o.analysableHours, decimals: 2) + " h of analysable signal"),
            ("Period covered", e(period)),
            ("Measured events", "\(HTMLText.count(o.events)) (latest analysis of each recording)"),
            ("Diary entries", HTMLText.count(o.diaryEntries)),
            ("Treatments", HTMLText.count(o.treatments)),
        ]
        if let generatedAt { meta.append(("Report made", e(generatedAt))) }
        var out = "<header><h1>Myoclonus follow-up report</h1><dl class=\"meta\">"
        for (key, value) in meta { out += "<dt>\(key)</dt><dd>\(value)</dd>" }
        out += "</dl><p class=\"disclaimer\"><strong>Decision support, not a diagnosis.</strong> "
            + "These figures come from automatic detection in the person's recordings and from what they wrote in their "
            + "diary. They are meant to be read by a clinician, or with one, together with the history and the "
            + "examination. Detection can miss events and can mistake artefacts or voluntary movement for jerks.</p></header>"
        return out
    }
}

/// The red flags, first after the summary, in plain words with where each came from.
enum CareRedFlagSection {
    static func html(_ flags: [CareRedFlag]) -> String {
        let e = HTMLText.escape
        guard !flags.isEmpty else {
            return "<section id=\"red-flags\" class=\"noflags\"><h2>Red flags</h2><p>None found: the measured rate has not "
                + "risen significantly, and no assessment or intake answer raised one. This does not rule anything out; new "
                + "or worsening symptoms are a reason to see a provider whatever this page says.</p></section>"
        }
        var out = "<section id=\"red-flags\" class=\"redflags\"><h2>Red flags: see a provider</h2><ul>"
        for f in flags {
            let urgency = f.urgency.isEmpty ? "" : " <strong>(\(e(f.urgency)))</strong>"
            out += "<li>\(e(f.text))\(urgency) <span class=\"source\">from the \(e(f.source))</span></li>"
        }
        return out + "</ul></section>"
    }
}
