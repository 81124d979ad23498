/// The assessment in plain words for a terminal, red flags first.
///
/// Written to be read by a patient as well as a clinician: what fits and why, what to do about
/// the red flags, never "you have".
public enum AssessmentText {
    /// Renders `a`; `showAll` lists the candidates that fit poorly too.
    public static func render(_ a: Assessment, showAll: Bool = false) -> String {
        var lines: [String] = []
        if a.redFlags.isEmpty {
            lines.append("Red flags: none among the answers given.")
        } else {
            lines.append("RED FLAGS (see a provider):")
            for f in a.redFlags {
                lines.append("  [\(f.urgency.rawValue.uppercased())] \(f.reason)")
                lines.append("      What to do: \(f.advice).  (\(f.sources.joined(separator: ", ")))")
            }
        }
        lines.append("")
        let shown = a.candidates.filter { showAll || $0.level != .unlikely }
        if shown.isEmpty {
            lines.append("No explanation fits the answers yet; more answers would help.")
        } else {
            lines.append("What fits the answers, best first:")
            for (i, c) in shown.enumerated() {
                lines.append("  \(i + 1). \(c.name): \(c.level.plain) (score \(format(c.score)); \(c.id))")
                for r in c.supporting { lines.append("       + \(r.text)  (\(r.sources.joined(separator: ", ")))") }
                for r in c.against { lines.append("       - \(r.text)  (\(r.sources.joined(separator: ", ")))") }
            }
            let hidden = a.candidates.count - shown.count
            if hidden > 0 { lines.append("  (\(hidden) other explanations fit poorly and are not shown.)") }
        }
        let matches = a.matchedMedications + a.matchedExposures
        if !matches.isEmpty {
            lines.append("")
            lines.append("Medicines, substances and exposures reported to cause myoclonus:")
            for m in matches {
                let generic = m.generic.lowercased() == m.written.lowercased() ? "" : " (\(m.generic))"
                lines.append("  \(m.written)\(generic): \(m.className)\(m.note.map { ". " + $0 } ?? "")  (\(m.sources.joined(separator: ", ")))")
            }
            if !a.matchedMedications.isEmpty {
                lines.append("  Worth discussing with the prescriber. Do not stop a medicine on your own.")
            }
        }
        if !a.information.isEmpty {
            lines.append("")
            lines.append("Information about the leading possibilities (prevention and treatment options):")
            for i in a.information { lines.append("  - \(i.text)  (\(i.sources.joined(separator: ", ")))") }
        }
        if !a.unknownAnswers.isEmpty {
            lines.append("")
            lines.append("Answers not recognised (not weighed):")
            for u in a.unknownAnswers { lines.append("  \(u.field): \"\(u.value)\": \(u.note)") }
        }
        if let q = a.nextQuestion {
            lines.append("")
            lines.append("The question that would help most next: \(q.prompt)")
            lines.append("  (\(q.field): \(q.why))")
        }
        lines.append("")
        lines.append(a.notice)
        if !a.sources.isEmpty {
            lines.append("")
            lines.append("Sources:")
            for s in a.sources { lines.append("  \(s.id): \(s.citation)\(s.url.map { " " + $0 } ?? "")") }
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ x: Double) -> String {
        x.rounded() == x ? String(Int(x)) : String(x)
    }
}
