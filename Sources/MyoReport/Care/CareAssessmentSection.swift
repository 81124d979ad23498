import Foundation

/// The latest assessment: the categories it ranked, each with its level, reasons for and
/// against and sources, and the question it suggests asking next; "no assessment yet" without one.
enum CareAssessmentSection {
    static func html(_ assessment: CareAssessment?, problem: String?) -> String {
        let e = HTMLText.escape
        var out = "<section id=\"assessment\"><h2>Latest assessment</h2>"
        if let problem { return out + "<p class=\"empty\">\(e(problem)).</p></section>" }
        guard let a = assessment else {
            return out + "<p class=\"empty\">No assessment yet (an assessment ranks likely categories from the intake "
                + "answers and the measurements; see <code>myotrace assess</code>).</p></section>"
        }
        out += "<p class=\"note\">Made \(e(CareText.day(a.time))). The categories are ranked possibilities with their "
            + "reasons, to discuss with a clinician, not a diagnosis.</p>"
        if a.candidates.isEmpty {
            out += "<p class=\"empty\">The assessment lists no candidate category.</p>"
        } else {
            out += "<table><thead><tr><th>Category</th><th>Level</th><th class=\"num\">Score</th><th>For</th><th>Against</th>"
                + "<th>Sources</th></tr></thead><tbody>"
            for c in a.candidates {
                out += "<tr><td>\(e(c.id))</td><td>\(e(c.level))</td><td class=\"num\">\(HTMLText.number(c.score, decimals: 2))</td>"
                    + "<td>\(list(c.reasonsFor))</td><td>\(list(c.reasonsAgainst))</td><td>\(list(c.sources))</td></tr>"
            }
            out += "</tbody></table>"
        }
        if let q = a.nextQuestion { out += "<p><strong>Worth asking next:</strong> \(e(q))</p>" }
        return out + "</section>"
    }

    private static func list(_ items: [String]) -> String {
        items.isEmpty ? "–" : "<ul class=\"reasons\">" + items.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>"
    }
}
