import Foundation

/// Tests the long pre-jerk epochs of one channel for a Bereitschaftspotential and measures it.
///
/// The test: each accepted epoch gives its mean over the test window minus its baseline mean;
/// a negative mean of these shifts with a one-sided p below the significance level is a
/// Bereitschaftspotential. The onset and slope: a hinge (flat, then a straight line to the jerk)
/// fitted by least squares to the average up to the jerk, the hinge searched every 10 ms from
/// the epoch start to 0.2 s before the jerk. Complexity: O(hinge positions × epoch samples).
enum BereitschaftCheck {
    /// Step of the hinge search, s (engineering: a tenth of the 0.1 s the onset can be read to).
    static let hingeStep = 0.01
    /// The hinge is not placed in the last 0.2 s, where a line is too short to be a slow potential.
    static let latestHinge = -0.2

    static func evaluate(_ epochs: EpochAverage, sampleRate: Double, parameters p: BackAverager.Parameters) -> BereitschaftResult {
        let window = p.bereitschaftWindow
        let average = BackAverager.lockedAverage(epochs, start: window.lowerBound, sampleRate: sampleRate)
        let status: BackAveragingStatus = epochs.used == 0 ? .noEpochs : epochs.used < p.minimumEpochs ? .tooFewEpochs : .ok
        var result = BereitschaftResult(status: status, present: false, epochsUsed: epochs.used, epochsRejected: epochs.rejected,
                                        window: [window.lowerBound, window.upperBound], meanShiftUV: nil, pValue: nil,
                                        onsetS: nil, slopeUVPerS: nil, onsetInPublishedRange: nil, average: average)
        guard status == .ok else { return result }
        let shifts = epochs.testValues
        let n = Double(shifts.count)
        guard n >= 2 else { return result }
        let mean = shifts.reduce(0, +) / n
        let variance = shifts.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        result.meanShiftUV = mean
        let standardError = (variance / n).squareRoot()
        result.pValue = standardError > 0 ? TransientStatistics.normalCDF(mean / standardError) : (mean < 0 ? 0 : 1)
        result.present = mean < 0 && (result.pValue ?? 1) < p.significanceLevel
        guard result.present, let fit = hinge(epochs.mean, start: window.lowerBound, sampleRate: sampleRate) else { return result }
        result.onsetS = -fit.onset
        result.slopeUVPerS = fit.slope
        result.onsetInPublishedRange = p.bereitschaftPublishedOnsetS.contains(-fit.onset)
        return result
    }

    /// The least-squares hinge `y = c + slope · max(0, t − onset)` over the samples up to the
    /// jerk (t ≤ 0); `nil` when there are too few samples.
    static func hinge(_ y: [Double], start: Double, sampleRate: Double) -> (onset: Double, slope: Double)? {
        let count = min(y.count, Int((-start * sampleRate).rounded(.down)) + 1)
        guard count >= 10 else { return nil }
        let times = (0..<count).map { start + Double($0) / sampleRate }
        let n = Double(count)
        let meanY = y[0..<count].reduce(0, +) / n
        var best: (sse: Double, onset: Double, slope: Double)?
        var onset = start + hingeStep
        while onset <= latestHinge + 1e-9 {
            var sumH = 0.0, sumHH = 0.0, sumHY = 0.0
            for k in 0..<count {
                let h = max(0, times[k] - onset)
                sumH += h
                sumHH += h * h
                sumHY += h * y[k]
            }
            let shh = sumHH - sumH * sumH / n, shy = sumHY - sumH * meanY
            if shh > 0 {
                let slope = shy / shh
                let explained = slope * shy
                let sse = -explained  // Syy is the same for every hinge, so comparing −b·Shy suffices.
                if sse < (best?.sse ?? .infinity) { best = (sse, onset, slope) }
            }
            onset += hingeStep
        }
        return best.map { ($0.onset, $0.slope) }
    }
}
