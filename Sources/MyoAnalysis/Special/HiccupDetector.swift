import Foundation
import MyoSignal

/// Finds hiccups in a respiration, abdominal or chest-motion channel and groups them into bouts.
///
/// A hiccup is a sudden involuntary contraction of the diaphragm that ends in a closure of the
/// glottis: on a respiration belt or a chest accelerometer it is a sharp inspiratory jolt, far
/// faster than a breath. The detector looks for brief high-power runs in a band above breathing
/// (2 to 10 Hz, a steep 4th-order band-pass, so that even deep breaths leave little energy in it) against the channel's own median background, counts each at most once per second
/// (the fastest published hiccup rate is 60 per minute; docs/sources.md, special forms), and groups
/// hiccups whose intervals are at most 15 s (the slowest published rate, 4 per minute) into bouts.
/// A bout lasting over 48 hours is persistent, over a month intractable (docs/sources.md).
///
/// Streaming over bounded memory; complexity O(n) filtering plus O(W) per 50 ms block.
public struct HiccupDetector: Sendable {
    /// The hiccup detector's defaults.
    ///
    /// The 1 s minimum gap comes from the fastest published rate (60 per minute, docs/sources.md). The
    /// band, block, background and threshold are engineering choices checked on simulated
    /// breathing with hiccups and with deep or fast breaths (`HiccupDetectorTests`): breathing's
    /// energy lies below 1 Hz, a jolt's reaches several Hz; 1 s (the jolt and the band-pass ringing it starts) is shorter than a breath.
    public static let defaultParameters = BriefTransientDetector.Parameters(
        bandHz: 2...10, blockSeconds: 0.1, baselineSeconds: 60, thresholdFactor: 20,
        maximumSeconds: 1.0, minimumGapSeconds: 1, filterOrder: 4)

    /// Published hiccup rates, per minute (docs/sources.md, special forms).
    public static let ratePerMinute: ClosedRange<Double> = 4...60
    /// Intervals longer than this end a bout: the interval at the slowest published rate.
    public static let boutGapSeconds = 60 / ratePerMinute.lowerBound
    /// Hiccups lasting longer than this are persistent (docs/sources.md).
    public static let persistentHours = 48.0
    /// Hiccups lasting longer than this (a month) are intractable (docs/sources.md).
    public static let intractableHours = 30 * 24.0

    private var engine: BriefTransientDetector
    private let channel: String

    /// Creates a detector for channel `channel` sampled at `sampleRate` Hz (at least about 23 Hz).
    public init(channel: String, sampleRate: Double,
                parameters: BriefTransientDetector.Parameters = HiccupDetector.defaultParameters) throws(SpecialFormError) {
        self.channel = channel
        self.engine = try BriefTransientDetector(parameters: parameters, sampleRate: sampleRate)
    }

    /// Consumes one chunk of samples (any unit). O(chunk.count).
    public mutating func process(_ chunk: [Float]) {
        engine.process(chunk)
    }

    /// Finishes the channel and returns the hiccups and bouts found.
    /// - Throws: `SpecialFormError.tooShort` when the channel is shorter than two background windows.
    public mutating func finish() throws(SpecialFormError) -> HiccupAnalysis {
        let hiccups = try engine.finish(channel: channel)
        let duration = engine.durationSeconds
        let times = hiccups.map(\.onset)
        return HiccupAnalysis(channel: channel, durationSeconds: duration, hiccups: hiccups,
                              statistics: IntervalStatistics(times: times, durationSeconds: duration),
                              bouts: Self.bouts(of: times), sustainedMovements: engine.sustainedCount,
                              parameters: engine.parameters)
    }

    /// Groups hiccup times into bouts: runs of at least 2 hiccups with intervals up to `boutGapSeconds`.
    public static func bouts(of times: [Double]) -> [HiccupBout] {
        let ordered = times.sorted()
        // A hiccup is an instant here, so a cluster's gap from one end to the next start is the interval.
        return EventCluster.find(onsets: ordered, offsets: ordered, gap: boutGapSeconds)
            .map { HiccupBout(onset: $0.start, end: $0.end, count: $0.eventCount) }
    }

    /// Runs the detector on a whole in-memory signal.
    public static func analyze(_ signal: Signal,
                               parameters: BriefTransientDetector.Parameters = HiccupDetector.defaultParameters) throws(SpecialFormError) -> HiccupAnalysis {
        var detector = try HiccupDetector(channel: signal.label, sampleRate: signal.sampleRate, parameters: parameters)
        detector.process(signal.samples)
        return try detector.finish()
    }
}

/// A run of hiccups close together.
public struct HiccupBout: Sendable, Equatable, Codable {
    /// The first hiccup's onset, in seconds.
    public var onset: Double
    /// The last hiccup's onset, in seconds.
    public var end: Double
    /// Number of hiccups in the bout.
    public var count: Int
    /// Seconds from the first to the last hiccup.
    public var durationSeconds: Double
    /// Hiccups per minute within the bout.
    public var ratePerMinute: Double
    /// Whether the bout lasted over 48 hours (persistent hiccups).
    public var persistent: Bool

    /// Creates a bout from its first and last onsets and its count.
    public init(onset: Double, end: Double, count: Int) {
        self.onset = onset
        self.end = end
        self.count = count
        durationSeconds = end - onset
        ratePerMinute = durationSeconds > 0 ? Double(count - 1) / (durationSeconds / 60) : 0
        persistent = durationSeconds > HiccupDetector.persistentHours * 3600
    }
}

/// The hiccups found in one channel.
public struct HiccupAnalysis: Sendable, Equatable, Codable {
    /// The channel's label.
    public var channel: String
    /// Seconds of signal analysed.
    public var durationSeconds: Double
    /// Each hiccup, in time order.
    public var hiccups: [BriefTransientDetector.Transient]
    /// Count, rate per minute and regularity over the whole channel.
    public var statistics: IntervalStatistics
    /// Bouts of hiccups.
    public var bouts: [HiccupBout]
    /// Jolts too long to be hiccups (movements, coughs in a long run), which were not counted.
    public var sustainedMovements: Int
    /// The parameters used.
    public var parameters: BriefTransientDetector.Parameters

    /// The longest bout, in seconds (0 without bouts).
    public var longestBoutSeconds: Double { bouts.map(\.durationSeconds).max() ?? 0 }
}
