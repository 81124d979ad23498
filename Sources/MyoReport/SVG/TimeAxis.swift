/// Ticks and labels for an axis of seconds since the recording start.
///
/// Labels read mm:ss when the axis spans less than two hours and hh:mm beyond, so a 10-minute
/// clinic recording and a week of wearable data both get labels a reader parses at a glance.
struct TimeAxis {
    /// Steps in seconds a person would choose for clock time.
    private static let steps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
                                          10800, 21600, 43200, 86400, 172_800, 604_800]
    let start: Double
    let end: Double
    let step: Double
    /// True when labels are hh:mm (otherwise mm:ss).
    let usesHours: Bool

    init(start: Double, end: Double, target: Int = 8) {
        let s = start.isFinite ? start : 0
        let e = end.isFinite && end > s ? end : s + 1
        self.start = s
        self.end = e
        let raw = (e - s) / Double(max(target, 1))
        step = Self.steps.first { $0 >= raw } ?? Self.steps[Self.steps.count - 1]
        usesHours = e - s >= 7200
    }

    /// The tick positions in seconds. Complexity: O(ticks), at most a few times `target`.
    var ticks: [Double] {
        var out: [Double] = []
        var t = (start / step).rounded(.up) * step
        while t <= end + 1e-9, out.count < 200 {
            out.append(t)
            t += step
        }
        return out
    }

    /// The unit shown beside the axis title.
    var unitLabel: String { usesHours ? "hh:mm" : "mm:ss" }

    /// `seconds` as mm:ss or hh:mm (minutes or hours may exceed 59 or 23: elapsed time, not clock time).
    func label(_ seconds: Double) -> String {
        let total = Int(max(0, min(seconds.isFinite ? seconds : 0, 1e9)).rounded())
        if usesHours {
            return "\(pad(total / 3600)):\(pad((total % 3600) / 60))"
        }
        return "\(pad(total / 60)):\(pad(total % 60))"
    }

    private func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
