import Foundation
import MyoDetect

/// How a jerk recruits the recorded muscles: each muscle's onset latency after the first muscle
/// of the event, the synchrony of muscle pairs at one segment (agonist and antagonist), and the
/// direction and speed of spread along the neuraxis.
public struct Recruitment: Sendable, Codable, Equatable {
    /// Muscles in order of their median latency (earliest first).
    public var muscles: [MuscleRecruitment]
    /// Agonist-antagonist pairs on one side (see `MuscleMontage.antagonistSites`), with how often
    /// they fired together.
    public var pairs: [PairSynchrony]
    /// The spread along the neuraxis, when positions of at least two muscles at different levels
    /// are known and the later ones are consistently later.
    public var spread: SpreadEstimate?
    /// Events seen on two or more EMG channels.
    public var multiMuscleEventCount: Int
    /// Whether most events involve at least three muscles in at least two regions of the
    /// neuraxis (a convention for "generalised").
    public var generalised: Bool

    public init(muscles: [MuscleRecruitment], pairs: [PairSynchrony], spread: SpreadEstimate?, multiMuscleEventCount: Int,
                generalised: Bool) {
        self.muscles = muscles
        self.pairs = pairs
        self.spread = spread
        self.multiMuscleEventCount = multiMuscleEventCount
        self.generalised = generalised
    }
}

/// One muscle's part in the jerks.
public struct MuscleRecruitment: Sendable, Codable, Equatable {
    public var channel: String
    public var positionCm: Double?
    public var region: NeuraxisRegion?
    public var side: String?
    /// Events this muscle took part in.
    public var eventCount: Int
    /// Share of the events (of the analysed polarity) it took part in.
    public var participation: Double
    /// Share of its events in which it fired first.
    public var leadShare: Double
    /// Onset after the event's first EMG onset, ms.
    public var latencyMedianMs: Double?
    public var latencyP25Ms: Double?
    public var latencyP75Ms: Double?
    public var durations: BurstDurationStatistics
}

/// Synchrony of two muscles at one segment: in cortical myoclonus agonist and antagonist burst
/// together (Hallett 1977), here taken as onsets within `Parameters.synchronyMs`.
public struct PairSynchrony: Sendable, Codable, Equatable {
    public var channelA: String
    public var channelB: String
    /// Events in which both fired.
    public var coFiredEvents: Int
    /// Share of those with onsets within the synchrony limit.
    public var synchronousShare: Double?
    public var medianLagMs: Double?
}

/// The spread of jerks along the neuraxis from the earliest muscle.
public struct SpreadEstimate: Sendable, Codable, Equatable {
    /// The muscle that fires first (smallest median latency).
    public var originChannel: String
    public var originPositionCm: Double
    public var originRegion: NeuraxisRegion
    /// Whether muscles rostral (above) the origin fire later.
    public var spreadsUp: Bool
    /// Whether muscles caudal (below) the origin fire later.
    public var spreadsDown: Bool
    /// Conduction velocity from the slope of latency over distance from the origin, m/s; `nil`
    /// when latencies do not grow with distance.
    public var velocityMPerS: Double?
    /// Root-mean-square residual of the latency fit, ms.
    public var residualMs: Double?
    /// The points of the fit: channel, distance from the origin (cm), median latency (ms).
    public var points: [SpreadPoint]
}

/// One muscle in the velocity fit.
public struct SpreadPoint: Sendable, Codable, Equatable {
    public var channel: String
    public var distanceCm: Double
    public var latencyMs: Double
}

extension Recruitment {
    /// Measures recruitment from fused events' EMG burst channels.
    ///
    /// Complexity: O(events × channels² ) for the pairs, O(events × channels) otherwise.
    static func measure(events: [MyoclonicEvent], montage: MuscleMontage, synchronyMs: Double,
                        sameSegmentCm: Double, minimumEventsPerMuscle: Int) -> Recruitment {
        var latencies: [String: [Double]] = [:], durations: [String: [Double]] = [:], leads: [String: Int] = [:]
        var order: [String] = []
        var pairLags: [String: [Double]] = [:]
        var multi = 0, generalisedEvents = 0
        // A label's position takes string matching against the built-in table: look each label
        // up once, not once per event (an hour of jerks has hundreds of events, a few labels).
        var positions: [String: Double?] = [:]
        func cachedPosition(of channel: String) -> Double? {
            if let known = positions[channel] { return known }
            let found = montage.position(of: channel)
            positions[channel] = .some(found)
            return found
        }
        for e in events {
            let bursts = e.channels.filter { $0.source == .emgBurst || $0.source == .emgSilentPeriod }
            guard let first = bursts.map(\.onset).min() else { continue }
            if bursts.count >= 2 { multi += 1 }
            let regions = Set(bursts.compactMap { cachedPosition(of: $0.channel).map(MuscleMontage.region(ofPositionCm:)) })
            if bursts.count >= 3 && regions.count >= 2 { generalisedEvents += 1 }
            for b in bursts {
                if latencies[b.channel] == nil { order.append(b.channel) }
                latencies[b.channel, default: []].append((b.onset - first) * 1000)
                durations[b.channel, default: []].append(b.duration * 1000)
                if b.onset == first { leads[b.channel, default: 0] += 1 }
            }
            for i in bursts.indices {
                for j in bursts.indices where j > i {
                    let (a, b) = bursts[i].channel < bursts[j].channel ? (bursts[i], bursts[j]) : (bursts[j], bursts[i])
                    pairLags[a.channel + "\u{1F}" + b.channel, default: []].append(abs(a.onset - b.onset) * 1000)
                }
            }
        }
        let total = max(1, events.count)
        var muscles = order.map { channel -> MuscleRecruitment in
            let l = (latencies[channel] ?? []).sorted()
            let position = cachedPosition(of: channel)
            return MuscleRecruitment(channel: channel, positionCm: position, region: position.map(MuscleMontage.region(ofPositionCm:)),
                                     side: MuscleMontage.side(of: channel), eventCount: l.count,
                                     participation: Double(l.count) / Double(total),
                                     leadShare: l.isEmpty ? 0 : Double(leads[channel] ?? 0) / Double(l.count),
                                     latencyMedianMs: Self.quantile(l, 0.5), latencyP25Ms: Self.quantile(l, 0.25),
                                     latencyP75Ms: Self.quantile(l, 0.75),
                                     durations: BurstDurationStatistics(channel: channel, durationsMs: durations[channel] ?? []))
        }
        muscles.sort { ($0.latencyMedianMs ?? .infinity, $0.positionCm ?? .infinity) < ($1.latencyMedianMs ?? .infinity, $1.positionCm ?? .infinity) }

        var pairs: [PairSynchrony] = []
        for (i, a) in muscles.enumerated() {
            for b in muscles[(i + 1)...] {
                if let sa = a.side, let sb = b.side, sa != sb { continue }
                guard Self.isAgonistAntagonistPair(a, b, sameSegmentCm: sameSegmentCm) else { continue }
                let key = a.channel < b.channel ? a.channel + "\u{1F}" + b.channel : b.channel + "\u{1F}" + a.channel
                let lags = (pairLags[key] ?? []).sorted()
                pairs.append(PairSynchrony(channelA: a.channel, channelB: b.channel, coFiredEvents: lags.count,
                                           synchronousShare: lags.isEmpty ? nil : Double(lags.filter { $0 <= synchronyMs }.count) / Double(lags.count),
                                           medianLagMs: Self.quantile(lags, 0.5)))
            }
        }
        let spread = Self.spread(muscles.filter { $0.eventCount >= minimumEventsPerMuscle })
        return Recruitment(muscles: muscles, pairs: pairs, spread: spread, multiMuscleEventCount: multi,
                           generalised: muscles.count >= 3 && Double(generalisedEvents) >= 0.5 * Double(events.count) && !events.isEmpty)
    }

    /// Muscles of one built-in site (ECR and FCR), a pair of the antagonist table, or, for
    /// muscles the table does not know, positions within `sameSegmentCm` (or no positions at all).
    private static func isAgonistAntagonistPair(_ a: MuscleRecruitment, _ b: MuscleRecruitment, sameSegmentCm: Double) -> Bool {
        let siteA = MuscleMontage.builtInSite(for: a.channel)?.name, siteB = MuscleMontage.builtInSite(for: b.channel)?.name
        if let siteA, let siteB {
            return siteA == siteB || MuscleMontage.antagonistSites.contains { Set($0) == Set([siteA, siteB]) }
        }
        switch (a.positionCm, b.positionCm) {
        case let (pa?, pb?): return abs(pa - pb) <= sameSegmentCm
        case (nil, nil): return true
        default: return false
        }
    }

    /// Direction and velocity of spread from the earliest muscle with a known position. Muscles
    /// closer than 3 cm to the origin or with latencies under 2 ms more than the origin's count
    /// as simultaneous (within the onset error of the detector), not as spread.
    private static func spread(_ muscles: [MuscleRecruitment]) -> SpreadEstimate? {
        let placed = muscles.compactMap { m -> (channel: String, cm: Double, ms: Double)? in
            guard let p = m.positionCm, let l = m.latencyMedianMs else { return nil }
            return (m.channel, p, l)
        }
        guard placed.count >= 2, let origin = placed.min(by: { $0.ms < $1.ms }) else { return nil }
        let later = placed.filter { $0.ms > origin.ms + 2 }
        let up = later.contains { $0.cm < origin.cm - 3 }
        let down = later.contains { $0.cm > origin.cm + 3 }
        let points = placed.map { SpreadPoint(channel: $0.channel, distanceCm: abs($0.cm - origin.cm), latencyMs: $0.ms) }
        // Least squares latency = a + b·distance; velocity = 1 / b.
        var velocity: Double?, residual: Double?
        let n = Double(points.count)
        let mx = points.reduce(0) { $0 + $1.distanceCm } / n, my = points.reduce(0) { $0 + $1.latencyMs } / n
        let sxx = points.reduce(0) { $0 + ($1.distanceCm - mx) * ($1.distanceCm - mx) }
        let sxy = points.reduce(0) { $0 + ($1.distanceCm - mx) * ($1.latencyMs - my) }
        let latencySpread = (points.map(\.latencyMs).max() ?? 0) - (points.map(\.latencyMs).min() ?? 0)
        if sxx > 25, latencySpread > 2, sxy > 0 {
            let slope = sxy / sxx  // ms per cm
            velocity = (1 / slope) * 10  // cm/ms = 10 m/s
            let a = my - slope * mx
            residual = (points.reduce(0) { $0 + pow($1.latencyMs - a - slope * $1.distanceCm, 2) } / n).squareRoot()
        }
        return SpreadEstimate(originChannel: origin.channel, originPositionCm: origin.cm,
                              originRegion: MuscleMontage.region(ofPositionCm: origin.cm), spreadsUp: up, spreadsDown: down,
                              velocityMPerS: velocity, residualMs: residual, points: points)
    }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let x = p * Double(sorted.count - 1)
        let lo = Int(x.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (x - Double(lo))
    }
}
