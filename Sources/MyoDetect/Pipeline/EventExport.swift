import Foundation
import MyoSignal

/// The tables and annotations `analyze` writes, as text (the caller writes the files).
public enum EventExport {
    /// The events CSV header; a stable interface (`evaluate` and other tools read it).
    public static let csvHeader = "onset_s,offset_s,duration_s,polarity,channels,peak,intensity,confidence"

    /// One row per event. `channels` lists the channels in firing order, separated by `;`.
    public static func csv(_ events: [MyoclonicEvent]) -> String {
        var out = csvHeader + "\n"
        for e in events {
            let channels = quoteCSV(e.channels.map(\.channel).joined(separator: ";"))
            out += String(format: "%.4f,%.4f,%.4f,", e.onset, e.offset, e.duration)
                + "\(e.polarity.rawValue),\(channels),"
                + String(format: "%.4g,%.3f,%.3f\n", e.peak, e.intensity, e.confidence)
        }
        return out
    }

    /// A BIDS events table (`onset`, `duration` in seconds, then `trial_type` and Myotrace's
    /// columns), tab-separated, with "n/a" for missing values as BIDS requires.
    public static func bidsTSV(_ events: [MyoclonicEvent]) -> String {
        var out = "onset\tduration\ttrial_type\tchannels\tpeak\tunit\tintensity\tconfidence\n"
        for e in events {
            let channels = e.channels.map { $0.channel.replacingOccurrences(of: "\t", with: " ") }.joined(separator: ";")
            out += String(format: "%.4f\t%.4f\t", e.onset, e.duration)
                + "\(trialType(e.polarity))\t\(channels.isEmpty ? "n/a" : channels)\t"
                + String(format: "%.4g\t", e.peak) + "\(e.unit.isEmpty ? "n/a" : e.unit)\t"
                + String(format: "%.3f\t%.3f\n", e.intensity, e.confidence)
        }
        return out
    }

    /// The BIDS sidecar (`*_events.json`) that describes the columns of `bidsTSV`.
    public static func bidsSidecar() -> String {
        """
        {
          "onset": {"Description": "Onset of the event from the beginning of the recording", "Units": "s"},
          "duration": {"Description": "Duration of the event", "Units": "s"},
          "trial_type": {
            "Description": "Myoclonic event detected by Myotrace",
            "Levels": {
              "myoclonus_positive": "Positive myoclonus: a sudden brief muscle contraction (EMG burst or motion transient)",
              "myoclonus_negative": "Negative myoclonus: a brief interruption of ongoing muscle activity (EMG silent period or postural lapse)"
            }
          },
          "channels": {"Description": "Channels that saw the event, in the order they fired, separated by ';'"},
          "peak": {"Description": "Peak of the detector's envelope on the leading channel, in the unit of column 'unit'"},
          "unit": {"Description": "Physical unit of 'peak'"},
          "intensity": {"Description": "Peak relative to the channel's baseline (positive), or the depth of the lapse 0-1 (negative)"},
          "confidence": {"Description": "Detector confidence, 0-1"}
        }

        """
    }

    /// EDF+ annotations for the events, so they show in EDFbrowser and other viewers. The text
    /// starts with "myotrace:" so detections stand apart from annotations the file already had
    /// (a technician's markers, or a simulation's truth).
    public static func annotations(_ events: [MyoclonicEvent]) -> [Annotation] {
        events.map { e in
            let channels = e.channels.map(\.channel).joined(separator: ",")
            return Annotation(onset: e.onset, duration: e.duration,
                              text: "myotrace:\(trialType(e.polarity)) [\(channels)]")
        }
    }

    static func trialType(_ p: Polarity) -> String { "myoclonus_\(p.rawValue)" }

    private static func quoteCSV(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
