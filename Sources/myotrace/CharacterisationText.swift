import Foundation
import MyoAnalysis

/// The terminal lines for the characterisation's parts, printed after the detection summary.
enum CharacterisationText {
    /// The lines, or nil when nothing was characterised.
    static func render(_ c: Characterisation) -> String? {
        var lines: [String] = []
        for clicks in c.clicks ?? [] {
            let s = clicks.statistics
            var line = "  clicks in \(clicks.channel): \(s.count), \(String(format: "%.1f", s.ratePerMinute)) per minute"
            if let f = s.frequencyHz { line += String(format: ", median interval %.0f ms", 1000 / f) }
            if let cv = s.cv { line += String(format: ", interval CV %.2f", cv) }
            line += clicks.withinPalatalRange ? " (within the 20-420 per minute reported for palatal myoclonus)" : ""
            lines.append(line)
        }
        for hiccups in c.hiccups ?? [] {
            let s = hiccups.statistics
            lines.append("  hiccups in \(hiccups.channel): \(s.count), \(hiccups.bouts.count) bouts, longest "
                + String(format: "%.0f s", hiccups.longestBoutSeconds)
                + (hiccups.bouts.contains(where: \.persistent) ? " (over 48 hours: persistent, see a provider)" : ""))
        }
        for warning in c.warnings { lines.append("  warning: \(warning)") }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
