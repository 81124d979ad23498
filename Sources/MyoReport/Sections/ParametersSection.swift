import MyoDetect

/// Section 7: every parameter the detectors used, whether it was the default or set by the user,
/// and where the default comes from; then the analysis's warnings.
///
/// A reader needs this to judge the numbers above: the same recording analysed with another
/// threshold gives other counts.
enum ParametersSection {
    static func html(_ result: AnalysisResult) -> String {
        let e = HTMLText.escape
        var out = "<section id=\"parameters\" class=\"page\"><h2>Parameters and warnings</h2>"
        if result.parameters.isEmpty {
            out += "<p class=\"empty\">The analysis recorded no parameters.</p>"
        } else {
            let changed = result.parameters.filter { !$0.isDefault }.count
            out += "<p class=\"note\">\(changed == 0 ? "All parameters were the defaults." : "\(changed) parameter\(changed == 1 ? " was" : "s were") set by the user (marked in bold).")</p>"
            out += "<table class=\"parameters\"><thead><tr><th>Parameter</th><th>Value</th><th>Set by</th>"
                + "<th>Source of the default</th></tr></thead><tbody>"
            for p in result.parameters {
                let value = p.isDefault ? e(p.value) : "<strong>\(e(p.value))</strong>"
                out += "<tr><td>\(e(p.name))</td><td>\(value)</td><td>\(p.isDefault ? "default" : "<strong>user</strong>")</td>"
                    + "<td>\(e(p.source))</td></tr>"
            }
            out += "</tbody></table>"
        }
        out += "<h3>Warnings</h3>"
        if result.warnings.isEmpty {
            out += "<p class=\"note\">None.</p>"
        } else {
            out += "<ul class=\"warnings\">" + result.warnings.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        }
        return out + "</section>"
    }
}
