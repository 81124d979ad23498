/// Burst-duration statistics of a set of EMG bursts: what the origin hint reads first, since
/// cortical bursts last 10-50 ms, rarely over 100 (Eberhardt & Topka 2017, PMC5575623), and
/// brainstem and functional jerks last longer (docs/sources.md).
public struct BurstDurationStatistics: Sendable, Codable, Equatable {
    /// The channel, or `nil` for the whole recording (the leading EMG channel of each event).
    public var channel: String?
    public var n: Int
    public var medianMs: Double?
    public var p25Ms: Double?
    public var p75Ms: Double?
    /// p75 - p25, ms.
    public var iqrMs: Double?
    /// Share of bursts shorter than 50 ms (0...1), the upper end of cortical bursts.
    public var shareUnder50: Double?
    /// Share of bursts longer than 100 ms (0...1).
    public var shareOver100: Double?
    /// Share of bursts longer than 70 ms, the usual lower end of functional jerks (Terada 1995;
    /// Pal 2011, docs/sources.md).
    public var shareOver70: Double?

    public init(channel: String?, durationsMs: [Double]) {
        self.channel = channel
        let s = durationsMs.filter { $0.isFinite && $0 >= 0 }.sorted()
        n = s.count
        guard !s.isEmpty else { return }
        func q(_ p: Double) -> Double {
            let x = p * Double(s.count - 1)
            let lo = Int(x.rounded(.down)), hi = min(lo + 1, s.count - 1)
            return s[lo] + (s[hi] - s[lo]) * (x - Double(lo))
        }
        medianMs = q(0.5)
        p25Ms = q(0.25)
        p75Ms = q(0.75)
        iqrMs = q(0.75) - q(0.25)
        let count = Double(s.count)
        shareUnder50 = Double(s.filter { $0 < 50 }.count) / count
        shareOver100 = Double(s.filter { $0 > 100 }.count) / count
        shareOver70 = Double(s.filter { $0 > 70 }.count) / count
    }
}
