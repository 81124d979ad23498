/// Joins what several channels saw of the same jerk or lapse into one event.
///
/// A myoclonic jerk often reaches several muscles (agonist and antagonist fire together in
/// cortical myoclonus; brainstem and propriospinal jerks spread along the neuraxis) and moves the
/// limb, so an accelerometer sees it tens of milliseconds after the EMG. Counting each channel's
/// detection separately would inflate the jerk count; fusing keeps one event with each channel's
/// own onset, in firing order, which is what spread and synchrony analyses need.
///
/// Rule: detections of the same polarity join a group when their onset is within `window` of the
/// group's first onset, and never two from the same channel (a burst cluster on one muscle, with
/// bursts 150 ms or more apart, stays several events). Motion detections join a group only
/// within `motionWindow` of it, since the mechanical response lags the muscle by tens of ms
/// (electromechanical delay plus the limb's inertia) and is less sharply timed.
///
/// Complexity: O(n log n) for sorting, then O(n·g) where g is the number of groups still open
/// (a handful, since groups close once the window has passed).
public struct EventFusion: Sendable, Equatable {
    /// Largest onset difference between EMG channels of one event, in seconds.
    ///
    /// 0.1 s covers agonist-antagonist synchrony (onsets within 15 ms, issue 4 / Hallett 1977)
    /// and the spread of propriospinal jerks over about 30 cm of cord at 3-11 m/s (Brown 1994,
    /// docs/sources.md) while staying under the 150 ms gap between bursts of a cluster.
    public var window: Double = 0.1
    /// Largest lag of a motion onset after the group's first EMG onset (and lead before it),
    /// in seconds: the accelerometer transient follows the EMG by about 20-50 ms in the
    /// benchmark model and in surface recordings; 0.15 s leaves room for slower limbs.
    public var motionWindow: Double = 0.15

    public init(window: Double = 0.1, motionWindow: Double = 0.15) {
        self.window = window
        self.motionWindow = motionWindow
    }

    /// Fuses `detections` from all channels into events sorted by onset.
    public func fuse(_ detections: [ChannelEvent]) -> [MyoclonicEvent] {
        let sorted = detections.sorted { ($0.onset, $0.channelIndex) < ($1.onset, $1.channelIndex) }
        var groups: [[ChannelEvent]] = []
        var open: [Int] = []  // indices into groups still able to take members
        for d in sorted {
            open.removeAll { d.onset - groups[$0][0].onset > max(window, motionWindow) }
            let isMotion = d.source == .motionJerk || d.source == .motionLapse
            let target = open.first { g in
                let members = groups[g]
                guard members[0].polarity == d.polarity,
                      !members.contains(where: { $0.channelIndex == d.channelIndex }) else { return false }
                let anchor = members.first { !Self.isMotion($0) } ?? members[0]
                let limit = (isMotion || Self.isMotion(anchor)) ? motionWindow : window
                return abs(d.onset - anchor.onset) <= limit
            }
            if let g = target {
                groups[g].append(d)
            } else {
                groups.append([d])
                open.append(groups.count - 1)
            }
        }
        return groups.map(Self.event(from:)).sorted { $0.onset < $1.onset }
    }

    private static func isMotion(_ e: ChannelEvent) -> Bool { e.source == .motionJerk || e.source == .motionLapse }

    private static func event(from members: [ChannelEvent]) -> MyoclonicEvent {
        let ordered = members.sorted { ($0.onset, $0.channelIndex) < ($1.onset, $1.channelIndex) }
        let emg = ordered.filter { !isMotion($0) }
        let timing = emg.isEmpty ? ordered : emg
        let lead = timing[0]
        // Independent detections of the same event add evidence: 1 - Π(1 - c).
        let confidence = 1 - ordered.reduce(1.0) { $0 * (1 - min(max($1.confidence, 0), 1)) }
        return MyoclonicEvent(onset: lead.onset, offset: timing.map(\.offset).max() ?? lead.offset,
                              polarity: lead.polarity, channels: ordered, peak: lead.peak, area: lead.area,
                              intensity: lead.intensity, unit: lead.unit, confidence: confidence)
    }
}
