import Foundation
import MyoSignal

/// Finds the movements of one leg in its tibialis EMG, chunk by chunk, by the AASM/WASM rule
/// for the start and end of a limb movement (``LimbMovementCriteria``).
///
/// Processing, per sample: a band-pass of 10-100 Hz (the AASM manual's recommended filters for
/// leg EMG; the upper edge is capped at 0.45 × the sample rate), full-wave rectification, then
/// means over 20 ms bins and a 0.1 s moving mean of those bins: the "rectified, smoothed EMG"
/// whose rise over rest the rules measure. The resting level is a low quantile (the 20th
/// percentile) of the 0.5 s means over the last 60 s, so a leg that moves often still has a
/// resting level, and it is frozen while a movement lasts. The bin, smoothing and resting
/// windows are processing choices of Myotrace, not clinical criteria; the µV and second
/// criteria come from the rules.
///
/// A movement starts where the smoothed EMG exceeds rest + `onsetRiseUV` and ends at the start
/// of `endQuietSeconds` during which it stays within rest + `endWithinUV`. Movements are
/// reported whatever their length (the scorer applies the duration rules, and WASM needs the
/// too-long ones to end a series); activity that has not returned to rest after
/// ``maximumTrackedSeconds`` is reported as one too-long movement so a shifted baseline cannot
/// hold the detector forever.
///
/// Complexity: O(n) per sample count with a few operations per sample and a 120-value sort every
/// 0.5 s; memory O(1) (a minute of half-second means). Chunking does not change the result.
public struct LimbMovementDetector: Sendable {
    /// Leg index stamped on the movements.
    public let leg: Int
    public let sampleRate: Double
    public let criteria: LimbMovementCriteria

    /// Seconds after which unbroken activity is closed as a too-long movement.
    public static let maximumTrackedSeconds = 60.0
    static let binSeconds = 0.02
    static let smoothingBins = 5
    static let restBlockBins = 25
    static let restBlocks = 120
    static let restQuantile = 0.2

    private var filter: SOSFilter
    private var primed = false
    private let binLength: Int
    private let binDuration: Double
    private var binSum = 0.0
    private var binFill = 0
    private var binIndex = 0
    private var smoothing: [Double]
    private var smoothingSum = 0.0
    private var blockSum = 0.0
    private var blockFill = 0
    private var restRing: [Double] = []
    private var restNext = 0
    private var rest: Double?
    private var active = false
    private var onset = 0.0
    private var frozenRest = 0.0
    private var peak = 0.0
    private var quietStart: Double?
    private var lastTime = 0.0

    /// - Throws: ``SleepError/invalidChannel(channel:reason:)`` when the rate is below 50 Hz
    ///   (no room for the 10 Hz high-pass and a useful band) or not finite.
    public init(leg: Int, label: String, sampleRate: Double, criteria: LimbMovementCriteria) throws(SleepError) {
        guard sampleRate.isFinite, sampleRate >= 50 else {
            throw .invalidChannel(channel: label, reason: "sample rate \(sampleRate) Hz is too low for leg EMG (at least 50 Hz)")
        }
        let sections: [SecondOrderSection]
        do {
            sections = try Butterworth.design(order: 2, band: .bandPass(10, min(100, 0.45 * sampleRate)), sampleRate: sampleRate)
        } catch {
            throw .invalidChannel(channel: label, reason: "no leg EMG band-pass fits at \(sampleRate) Hz: \(error)")
        }
        self.leg = leg
        self.sampleRate = sampleRate
        self.criteria = criteria
        filter = SOSFilter(sections: sections)
        binLength = max(1, Int((Self.binSeconds * sampleRate).rounded()))
        binDuration = Double(binLength) / sampleRate
        smoothing = [Double](repeating: 0, count: Self.smoothingBins)
    }

    /// Consumes the next samples (µV); returns the movements that ended in them. O(samples).
    public mutating func process(_ samples: [Float]) -> [LegMovement] {
        guard !samples.isEmpty else { return [] }
        if !primed, let first = samples.first {
            // Starting the filter at rest for the first value avoids a step transient that
            // would look like a movement at time zero.
            filter.setSteadyState(forConstantInput: first.isFinite ? Double(first) : 0)
            primed = true
        }
        let filtered = filter.process(samples)
        var out: [LegMovement] = []
        filtered.withUnsafeBufferPointer { x in
            for k in 0..<x.count {
                let v = Double(x[k])
                binSum += v.isFinite ? abs(v) : 0
                binFill += 1
                if binFill == binLength {
                    step(binMean: binSum / Double(binLength), into: &out)
                    binSum = 0
                    binFill = 0
                }
            }
        }
        return out
    }

    /// Ends the leg; a movement still open ends at the last sample.
    public mutating func finish() -> [LegMovement] {
        guard active else { return [] }
        active = false
        return [LegMovement(leg: leg, onset: onset, offset: quietStart ?? lastTime, peakRiseUV: peak)]
    }

    private mutating func step(binMean: Double, into out: inout [LegMovement]) {
        let slot = binIndex % Self.smoothingBins
        smoothingSum += binMean - smoothing[slot]
        smoothing[slot] = binMean
        binIndex += 1
        blockSum += binMean
        blockFill += 1
        if blockFill == Self.restBlockBins {
            pushRest(blockSum / Double(Self.restBlockBins))
            blockSum = 0
            blockFill = 0
        }
        guard binIndex >= Self.smoothingBins, let rest else { return }
        let envelope = smoothingSum / Double(Self.smoothingBins)
        // The centre of the smoothing window: where the averaged activity sits in time.
        let time = (Double(binIndex) - Double(Self.smoothingBins) / 2) * binDuration
        lastTime = time
        if !active {
            if envelope > rest + criteria.onsetRiseUV {
                active = true
                onset = time
                frozenRest = rest
                peak = envelope - rest
                quietStart = nil
            }
            return
        }
        peak = max(peak, envelope - frozenRest)
        if envelope <= frozenRest + criteria.endWithinUV {
            let start = quietStart ?? time
            quietStart = start
            if time - start + binDuration >= criteria.endQuietSeconds - 1e-9 {
                out.append(LegMovement(leg: leg, onset: onset, offset: start, peakRiseUV: peak))
                active = false
                quietStart = nil
            }
        } else {
            quietStart = nil
            if time - onset >= Self.maximumTrackedSeconds {
                out.append(LegMovement(leg: leg, onset: onset, offset: time, peakRiseUV: peak))
                active = false
            }
        }
    }

    private mutating func pushRest(_ value: Double) {
        if restRing.count < Self.restBlocks { restRing.append(value) } else { restRing[restNext] = value }
        restNext = (restNext + 1) % Self.restBlocks
        guard !active || rest == nil else { return }
        var sorted = restRing
        sorted.sort()
        let index = min(sorted.count - 1, Int(Self.restQuantile * Double(sorted.count)))
        rest = sorted[index]
    }
}
