import Foundation
import MyoDetect
import MyoSignal

/// Responses locked to stimulus markers (taps, sounds, flashes noted as annotations): the
/// latency of each muscle's first response, how variable it is, whether the response shrinks
/// over repeated stimuli, and whether the pattern looks like startle.
public struct StimulusResponse: Sendable, Codable, Equatable {
    /// Stimulus markers found.
    public var stimulusCount: Int
    /// Stimuli followed by a jerk within the response window.
    public var respondedCount: Int
    /// Per muscle, earliest first.
    public var muscles: [MuscleResponse]
    /// The muscle that most often responded first.
    public var firstMuscle: String?
    /// Habituation: the response amplitude (0 when there is none) against the stimulus number.
    public var habituation: Habituation?
    /// The sternocleidomastoid responded first within 120 ms, as in startle (docs/sources.md, special forms).
    public var startleLike: Bool

    public init(stimulusCount: Int, respondedCount: Int, muscles: [MuscleResponse], firstMuscle: String?,
                habituation: Habituation?, startleLike: Bool) {
        self.stimulusCount = stimulusCount
        self.respondedCount = respondedCount
        self.muscles = muscles
        self.firstMuscle = firstMuscle
        self.habituation = habituation
        self.startleLike = startleLike
    }
}

/// One muscle's responses to the stimuli.
public struct MuscleResponse: Sendable, Codable, Equatable {
    public var channel: String
    public var responses: Int
    /// Stimulus to burst onset, ms.
    public var latencyMedianMs: Double?
    /// p75 - p25 of the latency, ms: a large spread is one sign of functional jerks.
    public var latencyIQRMs: Double?
}

/// Whether responses shrink over repeated stimuli.
public struct Habituation: Sendable, Codable, Equatable {
    /// Spearman rank correlation of response amplitude with stimulus number (-1...1).
    public var spearmanRho: Double
    /// Mean response amplitude over the first and the second half of the stimuli (the leading
    /// channel's envelope peak, in its unit; 0 for no response).
    public var firstHalfMean: Double
    public var secondHalfMean: Double
    /// `spearmanRho` at or below the habituation limit.
    public var habituates: Bool
}

extension StimulusResponse {
    /// Finds the stimulus markers among `annotations` (text containing one of `keywords`, any
    /// case) and the first jerk after each within `window` seconds; `nil` when there are none.
    /// Complexity: O((stimuli + events) log events).
    static func measure(events: [MyoclonicEvent], annotations: [Annotation], keywords: [String], window: Double,
                        startleLatencyMs: Double, habituationRho: Double) -> StimulusResponse? {
        let keys = keywords.map { $0.lowercased() }.filter { !$0.isEmpty }
        let stimuli = annotations.filter { a in a.onset.isFinite && keys.contains { a.text.lowercased().contains($0) } }
            .map(\.onset).sorted()
        guard !stimuli.isEmpty else { return nil }
        let sorted = events.filter { $0.polarity == .positive }.sorted { $0.onset < $1.onset }
        var latencies: [String: [Double]] = [:], firsts: [String: Int] = [:], order: [String] = []
        var amplitudes: [Double] = []
        var responded = 0
        for s in stimuli {
            var lo = 0, hi = sorted.count
            while lo < hi {
                let m = (lo + hi) / 2
                if sorted[m].onset < s { lo = m + 1 } else { hi = m }
            }
            guard lo < sorted.count, sorted[lo].onset - s <= window else { amplitudes.append(0); continue }
            let e = sorted[lo]
            responded += 1
            amplitudes.append(e.peak.isFinite ? e.peak : 0)
            let bursts = e.channels.filter { $0.source == .emgBurst }
            let timing = bursts.isEmpty ? e.channels : bursts
            if let first = timing.min(by: { $0.onset < $1.onset }) { firsts[first.channel, default: 0] += 1 }
            for c in timing {
                if latencies[c.channel] == nil { order.append(c.channel) }
                latencies[c.channel, default: []].append((c.onset - s) * 1000)
            }
        }
        var muscles = order.map { channel -> MuscleResponse in
            let l = (latencies[channel] ?? []).sorted()
            let p25 = Recruitment.quantile(l, 0.25), p75 = Recruitment.quantile(l, 0.75)
            return MuscleResponse(channel: channel, responses: l.count, latencyMedianMs: Recruitment.quantile(l, 0.5),
                                  latencyIQRMs: p25.flatMap { a in p75.map { $0 - a } })
        }
        muscles.sort { ($0.latencyMedianMs ?? .infinity) < ($1.latencyMedianMs ?? .infinity) }
        let first = firsts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        var habituation: Habituation?
        if amplitudes.count >= 5 {
            let rho = Self.spearman(amplitudes)
            let half = amplitudes.count / 2
            habituation = Habituation(spearmanRho: rho, firstHalfMean: amplitudes[..<half].reduce(0, +) / Double(half),
                                      secondHalfMean: amplitudes[half...].reduce(0, +) / Double(amplitudes.count - half),
                                      habituates: rho <= habituationRho)
        }
        let startle = first.map { f in
            MuscleMontage.builtInSite(for: f)?.name == "sternocleidomastoid"
                && (muscles.first { $0.channel == f }?.latencyMedianMs ?? .infinity) <= startleLatencyMs
        } ?? false
        return StimulusResponse(stimulusCount: stimuli.count, respondedCount: responded, muscles: muscles, firstMuscle: first,
                                habituation: habituation, startleLike: startle)
    }

    /// Spearman's rho of `values` against their index (ties get their mean rank).
    private static func spearman(_ values: [Double]) -> Double {
        let n = values.count
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: n)
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && values[order[j + 1]] == values[order[i]] { j += 1 }
            for k in i...j { ranks[order[k]] = Double(i + j) / 2 }
            i = j + 1
        }
        let mean = Double(n - 1) / 2
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in 0..<n {
            let x = Double(k) - mean, y = ranks[k] - mean
            sxy += x * y
            sxx += x * x
            syy += y * y
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
}
