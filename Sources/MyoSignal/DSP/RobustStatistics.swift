import Foundation

/// Median, MAD and percentiles in expected linear time.
///
/// Myoclonus detectors set thresholds from the background (e.g. median + k·MAD of an EMG
/// envelope); the median and MAD ignore the bursts being looked for, where mean and standard
/// deviation would be inflated by them. Percentiles use numpy.percentile's default "linear"
/// method: the value at virtual index p/100·(n−1), interpolated between neighbours.
///
/// NaN samples (dropouts) are left out; a signal with no other samples gives nil.
/// Each call copies the samples and runs quickselect (median-of-three pivot, falling back to
/// sorting the remaining range if partitioning degenerates): O(n) expected and O(n log n) worst
/// time, O(n) extra memory. For several percentiles of one long signal, `percentiles` makes a
/// single copy and runs one selection per percentile.
public enum RobustStatistics {
    /// 1/Φ⁻¹(3/4) ≈ 1.4826: multiplying the MAD by it estimates the standard deviation of normal
    /// data (scipy.stats.median_abs_deviation(scale='normal')).
    public static let normalConsistency = 1.482602218505602

    /// The median (mean of the two middle values for an even count), or nil if there are no samples.
    public static func median(_ samples: [Float]) -> Double? {
        var values = samples.filter { !$0.isNaN }
        return percentileOfCopy(&values, 50)
    }

    /// The p-th percentile, p in [0, 100], numpy's linear interpolation; nil if there are no samples.
    /// - Throws: `DSPError.invalidQuantile` unless 0 ≤ p ≤ 100.
    public static func percentile(_ samples: [Float], _ p: Double) throws(DSPError) -> Double? {
        guard p >= 0, p <= 100 else { throw .invalidQuantile(p) }
        var values = samples.filter { !$0.isNaN }
        return percentileOfCopy(&values, p)
    }

    /// Several percentiles at once (each in [0, 100]); nil if there are no samples.
    /// - Throws: `DSPError.invalidQuantile` for any p outside [0, 100].
    public static func percentiles(_ samples: [Float], _ ps: [Double]) throws(DSPError) -> [Double]? {
        for p in ps where !(p >= 0 && p <= 100) { throw .invalidQuantile(p) }
        var values = samples.filter { !$0.isNaN }
        guard !values.isEmpty else { return nil }
        return ps.map { percentileOfCopy(&values, $0) ?? .nan }
    }

    /// The median absolute deviation from the median; multiplied by `normalConsistency` when
    /// `scaledForNormal` is true. Nil if there are no samples.
    public static func medianAbsoluteDeviation(_ samples: [Float], scaledForNormal: Bool = false) -> Double? {
        var values = samples.filter { !$0.isNaN }
        guard let centre = percentileOfCopy(&values, 50) else { return nil }
        // Deviations are taken in Double so that the subtraction itself loses nothing.
        var deviations = values.map { abs(Double($0) - centre) }
        guard let mad = percentileOfCopy(&deviations, 50) else { return nil }
        return scaledForNormal ? mad * normalConsistency : mad
    }

    /// numpy-style linear percentile of `values`, which it reorders. O(n) expected.
    static func percentileOfCopy<T: BinaryFloatingPoint>(_ values: inout [T], _ p: Double) -> Double? {
        let n = values.count
        guard n > 0 else { return nil }
        let position = p / 100 * Double(n - 1)
        let lowIndex = min(n - 1, max(0, Int(position.rounded(.down))))
        let fraction = position - Double(lowIndex)
        return values.withUnsafeMutableBufferPointer { buffer -> Double in
            select(buffer, k: lowIndex)
            let low = Double(buffer[lowIndex])
            guard lowIndex + 1 < n, fraction > 0 else { return low }
            // After selection everything right of lowIndex is ≥ it; the next order statistic is their minimum.
            var high = buffer[lowIndex + 1]
            for index in (lowIndex + 2)..<n where buffer[index] < high { high = buffer[index] }
            let highValue = Double(high)
            // numpy's _lerp: interpolate from the nearer end for accuracy.
            let difference = highValue - low
            return fraction < 0.5 ? low + difference * fraction : highValue - difference * (1 - fraction)
        }
    }

    /// Places the k-th smallest element at index k, smaller ones before and larger ones after.
    static func select<T: Comparable>(_ buffer: UnsafeMutableBufferPointer<T>, k: Int) {
        var low = 0, high = buffer.count - 1
        var budget = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount) + 8
        while high > low {
            if budget == 0 {
                // Degenerate pivots (adversarial data): finish with a sort of the remaining range.
                var rest = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                rest.sort()
                return
            }
            budget -= 1
            let middle = low + (high - low) / 2
            if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
            if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
            if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
            let pivot = buffer[middle]
            var i = low, j = high
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while pivot < buffer[j] { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
    }
}
