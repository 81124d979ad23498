import Foundation
import MyoSignal

/// Finds clicks in an audio clip, as a phone records them in middle-ear and palatal myoclonus.
///
/// A click is a brief broadband transient: the detector looks for short runs of high power in
/// the band above the voice's and handling noise's main energy, against a running median of the
/// clip's own background, and rejects anything that lasts longer (speech, music, rustle). It
/// reports the click times and their rate and regularity, and whether the rate lies in the
/// range published for palatal myoclonus (20 to 420 per minute; docs/sources.md, special forms).
///
/// Streaming: `process` takes chunks, so an hour of 48 kHz audio needs only the background window
/// in memory. Complexity: O(n) filtering plus O(W) per 1 ms block (W = background blocks).
public struct ClickDetector: Sendable {
    /// The click detector's defaults.
    ///
    /// These are engineering choices, not clinical numbers, checked on simulated clips with speech-
    /// like bursts (`ClickDetectorTests`): a 1 kHz high-pass keeps the click's broadband energy and
    /// drops most voiced speech and handling noise; 1 ms blocks give the onset resolution; a 1 s
    /// median background follows changing room noise; 10 dB over it marks a click; 30 ms is far
    /// longer than an acoustic click and far shorter than a syllable; 50 ms of quiet between clicks
    /// is below the shortest interval at the fastest published palatal rate (420 per minute = 143 ms).
    public static let defaultParameters = BriefTransientDetector.Parameters(
        bandHz: 1000...8000, blockSeconds: 0.001, baselineSeconds: 1, thresholdFactor: 10,
        maximumSeconds: 0.030, minimumGapSeconds: 0.050)

    /// The rate range reported for palatal myoclonus, per minute (docs/sources.md, special forms).
    public static let palatalRatePerMinute: ClosedRange<Double> = 20...420

    private var engine: BriefTransientDetector
    private let channel: String

    /// Creates a detector for the audio channel `channel` sampled at `sampleRate` Hz.
    /// - Throws: `SpecialFormError` when the parameters do not suit the rate (the band needs at
    ///   least about 2.3 kHz of rate).
    public init(channel: String, sampleRate: Double,
                parameters: BriefTransientDetector.Parameters = ClickDetector.defaultParameters) throws(SpecialFormError) {
        self.channel = channel
        self.engine = try BriefTransientDetector(parameters: parameters, sampleRate: sampleRate)
    }

    /// Consumes one chunk of audio samples (any unit). O(chunk.count).
    public mutating func process(_ chunk: [Float]) {
        engine.process(chunk)
    }

    /// Finishes the clip and returns what was found.
    /// - Throws: `SpecialFormError.tooShort` when the clip is shorter than two background windows.
    public mutating func finish() throws(SpecialFormError) -> ClickAnalysis {
        let clicks = try engine.finish(channel: channel)
        let duration = engine.durationSeconds
        let times = clicks.map(\.onset)
        let statistics = IntervalStatistics(times: times, durationSeconds: duration)
        return ClickAnalysis(
            channel: channel, durationSeconds: duration, clicks: clicks, statistics: statistics,
            sustainedSounds: engine.sustainedCount,
            withinPalatalRange: statistics.count >= 2 && Self.palatalRatePerMinute.contains(statistics.ratePerMinute),
            parameters: engine.parameters)
    }

    /// Runs the detector on a whole in-memory signal.
    public static func analyze(_ signal: Signal,
                               parameters: BriefTransientDetector.Parameters = ClickDetector.defaultParameters) throws(SpecialFormError) -> ClickAnalysis {
        var detector = try ClickDetector(channel: signal.label, sampleRate: signal.sampleRate, parameters: parameters)
        detector.process(signal.samples)
        return try detector.finish()
    }
}

/// The clicks found in one audio channel.
public struct ClickAnalysis: Sendable, Equatable, Codable {
    /// The audio channel's label.
    public var channel: String
    /// Seconds of audio analysed.
    public var durationSeconds: Double
    /// Each click, in time order.
    public var clicks: [BriefTransientDetector.Transient]
    /// Count, rate per minute and regularity of the clicks.
    public var statistics: IntervalStatistics
    /// Loud sounds too long to be clicks (speech, rustle), which were not counted.
    public var sustainedSounds: Int
    /// Whether the click rate lies in the range published for palatal myoclonus.
    public var withinPalatalRange: Bool
    /// The parameters used.
    public var parameters: BriefTransientDetector.Parameters

    /// Click onsets in seconds.
    public var times: [Double] { clicks.map(\.onset) }
}
