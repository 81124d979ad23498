import Foundation
import MyoDetect

/// The JSON that `myotrace analyze --json` writes: the detection result (events, long activity,
/// channels, parameters, warnings) with the characterisation's parts added to its `summary`
/// object, so that a program finds `summary.count`, `summary.ratePerMinute`, `summary.origin`,
/// `summary.rhythm`, `summary.backAveraging` and `summary.coherence` (one entry per EEG channel,
/// with what they share in `backAveragingSettings` and `coherenceSettings`), `summary.sleep`,
/// `summary.clicks` and `summary.hiccups` in one place; a part is absent when the recording lacks
/// the channels it needs.
public enum AnalysisDocument {
    /// Encodes `result` (without its report snippets) and `characterisation` as one pretty-printed
    /// JSON document with sorted keys. Non-finite numbers become the strings "nan", "inf", "-inf".
    public static func json(result: AnalysisResult, characterisation: Characterisation) throws -> String {
        var trimmed = result
        trimmed.snippets = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard var document = try JSONSerialization.jsonObject(with: encoder.encode(trimmed)) as? [String: Any],
              var summary = document["summary"] as? [String: Any],
              let parts = try JSONSerialization.jsonObject(with: encoder.encode(characterisation)) as? [String: Any]
        else { return String(decoding: try encoder.encode(trimmed), as: UTF8.self) + "\n" }
        for (key, value) in parts where key != "warnings" && key != "version" { summary[key] = value }
        // Per EEG channel directly under `backAveraging` and `coherence`; what the channels share
        // (triggers, settings) goes beside them.
        for (key, inner) in [("backAveraging", "backAveraging"), ("coherence", "coherence")] {
            guard var part = summary[key] as? [String: Any], let channels = part.removeValue(forKey: inner) else { continue }
            summary[key] = channels
            summary[key + "Settings"] = part
        }
        summary["characterisationVersion"] = characterisation.version
        document["summary"] = summary
        if !characterisation.warnings.isEmpty {
            document["warnings"] = ((document["warnings"] as? [Any]) ?? []) + characterisation.warnings
        }
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
