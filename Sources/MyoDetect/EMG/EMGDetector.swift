import MyoSignal

/// Something about a channel that the caller should know because it limits what the detector
/// could find.
public enum EMGDetectorWarning: Sendable, Equatable, CustomStringConvertible {
    /// The channel was shorter than the detector needs to learn its baseline: no events.
    case tooShort(seconds: Double, needed: Double)
    /// Every sample had the same value (a disconnected or saturated channel): no events.
    case flat
    /// NaN or infinite samples were replaced by 0.
    case nonFiniteSamples(count: Int)

    public var description: String {
        switch self {
        case let .tooShort(seconds, needed):
            return "the channel lasts \(seconds) s; the EMG detector needs at least \(needed) s to learn its baseline"
        case .flat:
            return "the channel is flat (every sample has the same value)"
        case let .nonFiniteSamples(count):
            return "\(count) NaN or infinite samples were replaced by 0"
        }
    }
}

/// Finds myoclonic EMG bursts (positive myoclonus) and silent periods (negative myoclonus) on one
/// EMG channel, streaming.
///
/// Pipeline: non-finite samples → 0; mains hum removed by sinusoid fitting when it matters
/// (``EMGConditioner``); causal 20-450 Hz Butterworth band-pass (baseline wander and movement
/// artefact gone); a centred 10 ms RMS envelope; an adaptive baseline (25 % quantile of the 10 ms
/// block power over 1 s, counted in bins to within 0.2 %); hysteresis thresholds on
/// envelope/baseline; acceptance of each candidate by its mean power, its shape (electrode pops
/// rejected) and the RMS frequency of its excess power (QRS complexes of ECG artefact, whose power
/// lies below ~40 Hz, rejected); onsets refined to a few ms by a maximum-likelihood change point
/// on the band-passed samples.
/// Activity longer than `maximumBurstDuration` is reported as ``LongActivity`` and never as a jerk.
///
/// Streaming: the first 5 s are held back for the hum decision; then events come out as soon as
/// nothing earlier can still appear (a few hundred ms behind the input), in onset order. Any
/// chunking gives exactly the same output as one call with the whole signal.
/// Complexity: O(n) time, about 3 biquads and a few dozen operations per sample; memory bounded
/// (5 s setup buffer, about 1.5 s of look-back).
public struct EMGDetector: ChannelDetector {
    public let channelIndex: Int
    public let label: String
    public let unit: String
    public let sampleRate: Double
    public let parameters: EMGDetectorParameters
    private var conditioner: EMGConditioner
    private var tracker: EMGEventTracker
    private var received = 0
    private var finished = false
    /// What limited the analysis, known after `finish()` (flatness and non-finite samples are
    /// known once the first 5 s have been seen).
    public private(set) var warnings: [EMGDetectorWarning] = []

    /// The mains frequency whose hum was removed, if any (decided on the first 5 s).
    public var removedMainsFrequency: Double? { conditioner.removedMainsFrequency }

    /// Creates a detector for one channel.
    /// - Throws: `DetectorError.sampleRateTooLow` below 200 Hz; parameter errors from
    ///   `EMGDetectorParameters.validate()`.
    public init(channelIndex: Int, label: String, unit: String, sampleRate: Double,
                parameters: EMGDetectorParameters = .init()) throws(DetectorError) {
        guard sampleRate.isFinite, sampleRate >= EMGDetectorParameters.minimumSampleRate else {
            throw .sampleRateTooLow(channel: label, sampleRate: sampleRate, minimum: EMGDetectorParameters.minimumSampleRate,
                                    detector: "the EMG burst detector")
        }
        try parameters.validate()
        if parameters.highPass >= parameters.effectiveLowPass(sampleRate: sampleRate) {
            throw .inconsistentParameters(
                "highPass \(parameters.highPass) Hz is not below the low-pass corner \(parameters.effectiveLowPass(sampleRate: sampleRate)) Hz at \(sampleRate) Hz")
        }
        self.channelIndex = channelIndex
        self.label = label
        self.unit = unit
        self.sampleRate = sampleRate
        self.parameters = parameters
        conditioner = try EMGConditioner(sampleRate: sampleRate, parameters: parameters)
        guard let bandPass = EMGBandPass(sections: conditioner.bandPassSections) else {
            throw .inconsistentParameters("the EMG band-pass has more than three sections")
        }
        tracker = EMGEventTracker(sampleRate: sampleRate, parameters: parameters, channelIndex: channelIndex,
                                  label: label, unit: unit, bandPass: bandPass)
    }

    /// Consumes the next samples; returns the events that are final. O(samples.count).
    public mutating func process(_ samples: [Float]) -> DetectorOutput {
        guard !finished else { return DetectorOutput() }
        received += samples.count
        tracker.process(conditioner.process(samples))
        return tracker.takeReady(final: false)
    }

    /// Ends the channel; returns the remaining events and fills `warnings`.
    public mutating func finish() -> DetectorOutput {
        guard !finished else { return DetectorOutput() }
        finished = true
        tracker.process(conditioner.finish())
        tracker.finish()
        let needed = parameters.baselineWindow / 3
        let seconds = Double(received) / sampleRate
        if seconds < needed { warnings.append(.tooShort(seconds: seconds, needed: needed)) }
        if conditioner.setupWasFlat { warnings.append(.flat) }
        if conditioner.nonFiniteCount > 0 { warnings.append(.nonFiniteSamples(count: conditioner.nonFiniteCount)) }
        return tracker.takeReady(final: true)
    }

    /// The envelope the detector thresholds: the centred 10 ms RMS of the hum-free band-passed
    /// signal, one value per input sample (for the report's gallery of events). Returns an empty
    /// array when the rate or parameters are invalid. O(n).
    public static func envelope(_ samples: [Float], sampleRate: Double, parameters: EMGDetectorParameters) -> [Float] {
        guard sampleRate.isFinite, sampleRate >= EMGDetectorParameters.minimumSampleRate,
              (try? parameters.validate()) != nil,
              var conditioner = try? EMGConditioner(sampleRate: sampleRate, parameters: parameters),
              var bandPass = EMGBandPass(sections: conditioner.bandPassSections) else { return [] }
        // The detector's own band-pass, so that the envelope is exactly the one it thresholds.
        let clean = conditioner.process(samples) + conditioner.finish()
        var filtered = [Float](repeating: 0, count: clean.count)
        if let first = clean.first {
            bandPass.prime(firstSample: Double(first))
            clean.withUnsafeBufferPointer { x in
                filtered.withUnsafeMutableBufferPointer { out in bandPass.filter(x, into: out) }
            }
        }
        let n = filtered.count
        let window = max(2, Int((parameters.envelopeWindow * sampleRate).rounded()))
        let half = (window - 1) / 2
        var prefix = [Double](repeating: 0, count: n + 1)
        filtered.withUnsafeBufferPointer { x in
            for i in 0..<n { prefix[i + 1] = prefix[i] + Double(x[i]) * Double(x[i]) }
        }
        var output = [Float](repeating: 0, count: n)
        for c in 0..<n {
            let lower = max(0, c - half), upper = min(n, c + (window - half))
            output[c] = Float((max(0, prefix[upper] - prefix[lower]) / Double(upper - lower)).squareRoot())
        }
        return output
    }
}
