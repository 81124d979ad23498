import Foundation
import MyoSignal

/// One simulated event with its exact ground truth.
///
/// `kind` is `positive` (a jerk burst), `negative` (a silent period), `voluntary` (a contraction
/// that must not count as a jerk), or a context kind that is not scored: `tonic` (posture
/// segment), `walking` (bout) and `electrode_pop` (artefact). Onsets are where the event starts
/// in the first muscle of the chain (distance 0); `latencies` gives each EMG channel's own delay.
public struct SimulatedEvent: Sendable, Hashable, Codable {
    /// Seconds from the recording start.
    public var onset: Double
    /// Seconds.
    public var duration: Double
    public var kind: String
    /// Plateau RMS of a burst or contraction, or the tonic level switched off by a silent
    /// period (µV); the peak step of a pop; the tonic level of a posture segment; the peak
    /// vertical acceleration of a walking bout (g).
    public var amplitude: Double
    /// When the accelerometer transient starts (s), or `nil` when there is none.
    public var accOnset: Double?
    /// Peak of the accelerometer transient (g), or `nil`.
    public var accPeak: Double?
    /// Seconds from `onset` to the event's start in each EMG channel, in channel order
    /// (empty for motion-only events).
    public var latencies: [Double]
    /// The EMG channel an event is confined to (electrode pops), or `nil` for all.
    public var channel: Int?

    public init(onset: Double, duration: Double, kind: String, amplitude: Double, accOnset: Double? = nil,
                accPeak: Double? = nil, latencies: [Double] = [], channel: Int? = nil) {
        self.onset = onset
        self.duration = duration
        self.kind = kind
        self.amplitude = amplitude
        self.accOnset = accOnset
        self.accPeak = accPeak
        self.latencies = latencies
        self.channel = channel
    }

    /// Whether `evaluate` scores this kind (`positive`, `negative`, `voluntary`).
    public var isScored: Bool { kind == "positive" || kind == "negative" || kind == "voluntary" }

    /// The event in the form ``Evaluation/compare(detected:truth:toleranceMs:)`` takes.
    public var truthEvent: TruthEvent { TruthEvent(onset: onset, duration: duration, kind: kind) }

    /// The event as an EDF+ annotation: `myoclonus_positive`, `myoclonus_negative`,
    /// `voluntary_contraction`, `tonic`, `walking` or `electrode_pop`.
    public func annotation(channelLabels: [String]) -> Annotation {
        let text: String
        switch kind {
        case "positive": text = "myoclonus_positive"
        case "negative": text = "myoclonus_negative"
        case "voluntary": text = "voluntary_contraction"
        default: text = kind
        }
        let label = channel.flatMap { channelLabels.indices.contains($0) ? channelLabels[$0] : nil }
        return Annotation(onset: onset, duration: duration, text: text, channel: label)
    }
}

/// The ground-truth table `myotrace simulate --truth` writes and `myotrace evaluate` reads.
public enum SimulationTruthTable {
    /// The CSV text: the header `onset_s,duration_s,kind,amplitude,acc_onset_s,acc_peak_g`, then
    /// one `latency_ms_<label>` column per EMG channel, then one row per event sorted by onset.
    /// Missing accelerometer values are empty cells. Complexity: O(events × channels).
    public static func csv(_ events: [SimulatedEvent], channelLabels: [String]) -> String {
        let extra = channelLabels.map { ",latency_ms_" + $0.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: ",", with: "_") }
        var out = "onset_s,duration_s,kind,amplitude,acc_onset_s,acc_peak_g" + extra.joined() + "\n"
        out.reserveCapacity(events.count * (48 + 8 * channelLabels.count))
        for e in events {
            out += fixed(e.onset, 4) + "," + fixed(e.duration, 4) + "," + e.kind + "," + fixed(e.amplitude, 2) + ","
            out += (e.accOnset.map { fixed($0, 4) } ?? "") + "," + (e.accPeak.map { fixed($0, 4) } ?? "")
            for i in channelLabels.indices {
                out += "," + (e.latencies.indices.contains(i) ? fixed(e.latencies[i] * 1000, 2) : "")
            }
            out += "\n"
        }
        return out
    }

    private static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}
