/// Builds the `AnalysisSummary` of a set of events: counts, rates per minute of analysable
/// signal, duration and intensity distributions, overall and per channel and polarity.
///
/// Complexity: O(n log n) in the number of events.
public enum SummaryBuilder {
    /// Silent-period duration bins in ms, as Rissanen et al. 2023 (PMID 37952446, docs/sources.md)
    /// counted them against rating scales: 50-69, 70-100 and 101-500 ms (durations rounded to
    /// the millisecond first, as the bins are in whole ms).
    public static let silentPeriodBins: [(label: String, range: ClosedRange<Double>)] = [
        ("50-69", 50...69), ("70-100", 70...100), ("101-500", 101...500),
    ]

    public static func summarize(events: [MyoclonicEvent], longActivity: [LongActivity],
                                 analysableSeconds: Double) -> AnalysisSummary {
        let minutes = analysableSeconds / 60
        func rate(_ n: Int) -> Double { minutes > 0 ? Double(n) / minutes : 0 }
        var groups: [AnalysisSummary.Group] = []
        for polarity in Polarity.allCases {
            let these = events.filter { $0.polarity == polarity }
            groups.append(.init(channel: nil, polarity: polarity, count: these.count, ratePerMinute: rate(these.count),
                                durationMs: Distribution(these.map { $0.duration * 1000 }),
                                intensity: Distribution(these.map(\.intensity)), peak: nil, unit: nil))
        }
        var byChannel: [String: [ChannelEvent]] = [:]
        var order: [String] = []
        for e in events {
            for c in e.channels {
                let key = "\(c.channelIndex)\u{1F}\(c.polarity.rawValue)"
                if byChannel[key] == nil { order.append(key) }
                byChannel[key, default: []].append(c)
            }
        }
        for key in order.sorted(by: { a, b in
            let (x, y) = (byChannel[a]![0], byChannel[b]![0])
            // Per channel, jerks before lapses.
            return (x.channelIndex, x.polarity == .positive ? 0 : 1) < (y.channelIndex, y.polarity == .positive ? 0 : 1)
        }) {
            let these = byChannel[key]!
            groups.append(.init(channel: these[0].channel, polarity: these[0].polarity, count: these.count,
                                ratePerMinute: rate(these.count), durationMs: Distribution(these.map { $0.duration * 1000 }),
                                intensity: Distribution(these.map(\.intensity)), peak: Distribution(these.map(\.peak)),
                                unit: these[0].unit))
        }
        var bins: [String: Int] = [:]
        for (label, _) in silentPeriodBins { bins[label] = 0 }
        for e in events where e.polarity == .negative && e.channels.contains(where: { $0.source == .emgSilentPeriod }) {
            let ms = (e.duration * 1000).rounded()
            if let bin = silentPeriodBins.first(where: { $0.range.contains(ms) }) { bins[bin.label, default: 0] += 1 }
        }
        let positives = events.filter { $0.polarity == .positive }.count
        return AnalysisSummary(count: events.count, ratePerMinute: rate(events.count), analysableMinutes: minutes,
                               positiveCount: positives, negativeCount: events.count - positives, groups: groups,
                               silentPeriodBins: bins, longActivityCount: longActivity.count)
    }
}
