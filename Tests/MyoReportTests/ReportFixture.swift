import Foundation
// AnalysisSummary.Group has only its internal memberwise initialiser, hence @testable.
@testable import MyoDetect

/// A deterministic random generator (SplitMix64), so fixtures are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func gaussian() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self), v = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// Builds analysis results that look like a real polygraphic recording's: several EMG channels
/// and a wrist accelerometer, jerks of 20-250 ms (some seen on two muscles), silent periods of
/// 50-400 ms, long voluntary contractions, and example traces with a burst or a silent period in
/// band-limited noise. The summary is computed from the events the same way the pipeline
/// defines it, so tests can check the report shows the summary's numbers.
enum ReportFixture {
    static let channels = [
        AnalysedChannel(index: 0, label: "EMG R deltoid", kind: "emg", unit: "uV", sampleRate: 2048,
                        detectors: ["emgBurst", "emgSilentPeriod"]),
        AnalysedChannel(index: 1, label: "EMG R biceps", kind: "emg", unit: "uV", sampleRate: 2048,
                        detectors: ["emgBurst", "emgSilentPeriod"]),
        AnalysedChannel(index: 2, label: "EMG R ECR", kind: "emg", unit: "uV", sampleRate: 2048,
                        detectors: ["emgBurst", "emgSilentPeriod"]),
        AnalysedChannel(index: 4, label: "ACC R wrist", kind: "acc", unit: "g", sampleRate: 100,
                        detectors: ["motionJerk", "motionLapse"]),
    ]

    /// A result with about `positives` jerks and `negatives` lapses over `seconds`.
    static func result(seconds: Double = 600, positives: Int = 240, negatives: Int = 60, longActivity: Int = 12,
                       snippets: Int = 16, labels: [String]? = nil, seed: UInt64 = 7) -> AnalysisResult {
        var rng = SeededGenerator(seed: seed)
        var chans = channels
        if let labels {
            for i in chans.indices where i < labels.count { chans[i].label = labels[i] }
        }
        var events: [MyoclonicEvent] = []
        for _ in 0..<positives {
            // Jerks come in bouts: more of them in the second third of the recording.
            let t = Double.random(in: 0..<1, using: &rng)
            let onset = seconds * (t < 0.5 ? t * 0.66 + 0.33 * Double.random(in: 0..<1, using: &rng) : t)
            let duration = min(max(exp(log(0.06) + 0.6 * rng.gaussian()), 0.015), 0.35)
            let lead = Int.random(in: 0..<3, using: &rng)
            let intensity = exp(log(8) + 0.7 * rng.gaussian())
            var views = [channelEvent(chans[lead], .emgBurst, onset, duration, intensity, baseline: 6)]
            if Double.random(in: 0..<1, using: &rng) < 0.4 {
                let other = (lead + 1) % 3
                views.append(channelEvent(chans[other], .emgBurst, onset + 0.008, duration * 0.9, intensity * 0.7, baseline: 5))
            }
            if Double.random(in: 0..<1, using: &rng) < 0.3 {
                // The wrist moves tens of ms after the muscle fires and for a little longer.
                views.append(channelEvent(chans[3], .motionJerk, onset + 0.03, duration + 0.02, intensity / 2, baseline: 0.02))
            }
            events.append(fused(views))
        }
        for _ in 0..<negatives {
            let onset = Double.random(in: 0..<seconds, using: &rng)
            let duration = min(max(exp(log(0.11) + 0.5 * rng.gaussian()), 0.05), 0.45)
            let depth = min(max(0.75 + 0.12 * rng.gaussian(), 0.3), 1)
            let lead = Int.random(in: 0..<3, using: &rng)
            events.append(fused([channelEvent(chans[lead], .emgSilentPeriod, onset, duration, depth, baseline: 40)]))
        }
        events.sort { $0.onset < $1.onset }
        let long = (0..<longActivity).map { _ -> LongActivity in
            let c = chans[Int.random(in: 0..<3, using: &rng)]
            let onset = Double.random(in: 0..<(seconds - 5), using: &rng)
            return LongActivity(channelIndex: c.index, channel: c.label, onset: onset,
                                offset: onset + Double.random(in: 0.8..<4, using: &rng), peak: 180, unit: "uV")
        }
        let examples = events.indices.prefix(snippets > 0 ? events.count : 0)
            .filter { $0 % max(1, events.count / max(snippets, 1)) == 0 }.prefix(snippets)
            .map { snippet(for: events[$0], index: $0, rng: &rng) }
        let parameters = [
            Parameter(name: "emg.band", value: "20-450 Hz", source: "engineering: surface EMG energy band"),
            Parameter(name: "emg.rmsWindow", value: "10 ms", source: "engineering: docs/sources.md, signal processing, 5 ms fluctuates"),
            Parameter(name: "burst.maxDuration", value: "300 ms", source: "docs/sources.md: Eberhardt & Topka 2017, PMC5575623"),
            Parameter(name: "silent.duration", value: "50-500 ms", source: "docs/sources.md: ILAE; Rissanen 2023, PMID 37952446"),
            Parameter(name: "burst.threshold", value: "4.5 x baseline", source: "engineering: hysteresis over robust baseline",
                      isDefault: false),
        ]
        return AnalysisResult(file: "patient-017_polygraphy.edf", format: "EDF+C", start: "2024-03-05T10:12:00",
                              durationSeconds: seconds, channels: chans, events: events, longActivity: long,
                              summary: summary(events, long: long, minutes: seconds / 60, channels: chans),
                              parameters: parameters,
                              warnings: ["Mains hum of 50 Hz removed on EMG R ECR (12 uV).",
                                         "ACC R wrist: 14 s clipped at 8 g, left out."],
                              snippets: Array(examples), version: "0.3.0-test")
    }

    static func channelEvent(_ c: AnalysedChannel, _ source: EventSource, _ onset: Double, _ duration: Double,
                             _ intensity: Double, baseline: Double) -> ChannelEvent {
        let peak = source.polarity == .positive ? baseline * intensity : baseline * (1 - intensity)
        return ChannelEvent(channelIndex: c.index, channel: c.label, source: source, onset: onset, offset: onset + duration,
                            peak: peak, area: abs(peak - baseline) * duration, baseline: baseline, intensity: intensity,
                            unit: c.unit, confidence: 0.9)
    }

    static func fused(_ views: [ChannelEvent]) -> MyoclonicEvent {
        var e = MyoclonicEvent(views[0])
        e.channels = views
        e.offset = views.map(\.offset).max() ?? e.offset
        return e
    }

    /// The summary as the pipeline defines it: overall groups per polarity, then per channel.
    static func summary(_ events: [MyoclonicEvent], long: [LongActivity], minutes: Double,
                        channels: [AnalysedChannel]) -> AnalysisSummary {
        func group(_ channel: AnalysedChannel?, _ polarity: Polarity) -> AnalysisSummary.Group {
            let views: [(Double, Double, Double)] = channel.map { c in
                events.flatMap(\.channels).filter { $0.channelIndex == c.index && $0.polarity == polarity }
                    .map { ($0.duration, $0.intensity, $0.peak) }
            } ?? events.filter { $0.polarity == polarity }.map { ($0.duration, $0.intensity, $0.peak) }
            return AnalysisSummary.Group(channel: channel?.label, polarity: polarity, count: views.count,
                                         ratePerMinute: Double(views.count) / minutes,
                                         durationMs: Distribution(views.map { $0.0 * 1000 }),
                                         intensity: Distribution(views.map(\.1)),
                                         peak: channel.map { _ in Distribution(views.map(\.2)) }, unit: channel?.unit)
        }
        var groups = Polarity.allCases.map { group(nil, $0) }
        for c in channels { for p in Polarity.allCases { groups.append(group(c, p)) } }
        let negatives = events.filter { $0.polarity == .negative }.map { $0.duration * 1000 }
        let bins = ["50-69": negatives.filter { $0 >= 50 && $0 < 70 }.count,
                    "70-100": negatives.filter { $0 >= 70 && $0 <= 100 }.count,
                    "101-500": negatives.filter { $0 > 100 && $0 <= 500 }.count]
        let pos = events.filter { $0.polarity == .positive }.count
        return AnalysisSummary(count: events.count, ratePerMinute: Double(events.count) / minutes, analysableMinutes: minutes,
                               positiveCount: pos, negativeCount: events.count - pos, groups: groups,
                               silentPeriodBins: bins, longActivityCount: long.count)
    }

    /// 0.6 s around the event: band-limited noise with a burst (or, for a lapse, tonic activity
    /// that stops), and its 10 ms RMS envelope.
    static func snippet(for event: MyoclonicEvent, index: Int, rng: inout SeededGenerator) -> EventSnippet {
        let lead = event.channels[0]
        let rate = 2048.0, start = event.onset - 0.2
        let n = Int(0.6 * rate)
        var raw = [Float](repeating: 0, count: n)
        var previous = 0.0
        for i in 0..<n {
            let t = start + Double(i) / rate
            let inside = t >= event.onset && t < lead.offset
            let level = event.polarity == .positive ? (inside ? lead.peak : lead.baseline) : (inside ? 3 : lead.baseline)
            // A first difference of white noise stands in for band-passed EMG.
            let white = rng.gaussian()
            raw[i] = Float((white - 0.6 * previous) * level)
            previous = white
        }
        let w = Int(0.01 * rate)
        var envelope = [Float](repeating: 0, count: n)
        var sum = 0.0
        for i in 0..<n {
            sum += Double(raw[i] * raw[i])
            if i >= w { sum -= Double(raw[i - w] * raw[i - w]) }
            envelope[i] = Float((max(sum, 0) / Double(min(i + 1, w))).squareRoot())
        }
        return EventSnippet(eventIndex: index, channel: lead.channel, unit: lead.unit, sampleRate: rate, start: start,
                            raw: raw, envelope: envelope, onset: event.onset, offset: lead.offset, polarity: event.polarity)
    }

    /// A result with nothing found.
    static func empty() -> AnalysisResult {
        result(positives: 0, negatives: 0, longActivity: 0, snippets: 0)
    }
}
