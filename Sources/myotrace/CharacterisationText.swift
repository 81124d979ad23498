import Foundation
import MyoAnalysis

// The characterisation's typed errors print like every other error of the command line.
extension SleepError: UserFacingError {}
extension SpecialFormError: UserFacingError {}
extension BackAveragingError: UserFacingError {}
extension RhythmError: UserFacingError {}
extension OriginError: UserFacingError {}

/// The terminal lines for the characterisation's parts, printed after the detection summary.
enum CharacterisationText {
    /// The lines, or nil when nothing was characterised.
    static func render(_ c: Characterisation) -> String? {
        var lines: [String] = []
        if let origin = c.origin {
            lines.append("  origin hint: \(origin.hint.rawValue) (\(origin.certainty.rawValue) certainty); median burst "
                + (origin.durations.medianMs.map { String(format: "%.0f ms", $0) } ?? "-")
                + " over \(origin.durations.n) bursts")
            for finding in origin.findings.prefix(4) {
                lines.append("    \(finding.supports ? "for" : "against") \(finding.origin.rawValue): \(finding.text) [\(finding.source)]")
            }
        }
        for channel in c.backAveraging?.backAveraging ?? [] {
            var line = "  back-averaging \(channel.channel): \(channel.epochsUsed) epochs"
            switch channel.status {
            case .ok:
                line += channel.transientFound
                    ? String(format: ", pre-jerk transient at %.0f ms", channel.latencyMs ?? .nan)
                        + String(format: " (%.1f µV, p %.3f, split-half r %.2f)", channel.amplitudeUV ?? .nan, channel.pValue ?? .nan, channel.splitHalfR ?? .nan)
                    : ", no pre-jerk transient"
                if channel.bereitschaftspotential.present { line += "; a slow negativity before the jerks (Bereitschaftspotential)" }
            case .tooFewEpochs: line += ": too few to judge (50 or more are needed)"
            case .noEpochs: line += ": no usable epochs"
            }
            lines.append(line)
        }
        for channel in c.coherence?.coherence ?? [] {
            lines.append("  coherence \(channel.channel): 12-30 Hz peak " + String(format: "%.2f at %.1f Hz", channel.peak ?? .nan, channel.frequencyHz ?? .nan)
                + (channel.significant ? " (above the confidence limit)" : " (not above the confidence limit)"))
        }
        if let rhythm = c.rhythm {
            var line = "  rhythm: " + (rhythm.rhythmic ? "rhythmic" : "not rhythmic")
            if let f = rhythm.frequencyHz {
                line += rhythm.rhythmic ? String(format: " at %.2f Hz", f) : String(format: " (strongest spectral peak %.2f Hz)", f)
            }
            if let cv = rhythm.cv { line += String(format: ", interval CV %.2f", cv) }
            line += ", pattern \(rhythm.pattern.rawValue), \(rhythm.runs.count) runs, \(rhythm.clusters.count) clusters"
            lines.append(line)
        }
        if let sleep = c.sleep {
            let basis = sleep.plmIndexBasis == "sleep" ? "per hour of sleep" : "per hour of recording (no hypnogram)"
            lines.append("  sleep (\(sleep.rules)): \(sleep.lmCount) limb movements, \(sleep.plmCount) in \(sleep.plmSeries.count) PLM series, PLM index "
                + String(format: "%.1f ", sleep.plmIndex) + basis
                + (sleep.sleepHours.map { String(format: "; %.1f h of sleep", $0) } ?? ""))
            if let hypnic = sleep.hypnicJerks { lines.append("    hypnic jerks at sleep onset: \(hypnic.count)") }
            if let fragmentary = sleep.fragmentaryMyoclonus {
                lines.append("    fragmentary myoclonus: " + String(format: "%.1f", fragmentary.burstsPerNREMMinute)
                    + " bursts per NREM minute; \(fragmentary.minutesAtCriterion) minutes at 5 or more per minute"
                    + (fragmentary.criterionMet ? " (meets the 20-minute criterion of excessive fragmentary myoclonus)" : ""))
            }
        }
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
