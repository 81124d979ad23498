import Foundation

/// The numbers behind the pre-jerk transient: where the average peaks, how reproducible it is
/// across halves and how it compares with randomised averages. Pure functions over averages.
enum TransientStatistics {
    /// The sample of the largest |value| in `range`, with the peak time refined by a parabola
    /// through it and its neighbours (a fraction of a sample). Returns `nil` for an empty range.
    /// Complexity: O(range).
    static func peak(_ average: [Double], in range: Range<Int>) -> (index: Int, offset: Double, value: Double)? {
        let r = range.clamped(to: 0..<average.count)
        guard let best = r.max(by: { abs(average[$0]) < abs(average[$1]) }) else { return nil }
        var offset = 0.0
        if best > 0, best + 1 < average.count {
            let a = abs(average[best - 1]), b = abs(average[best]), c = abs(average[best + 1])
            let curvature = a - 2 * b + c
            if curvature < 0 { offset = max(-0.5, min(0.5, 0.5 * (a - c) / curvature)) }
        }
        return (best, offset, average[best])
    }

    /// Pearson's correlation of `a` and `b` over `range`, or `nil` when either is constant there.
    static func correlation(_ a: [Double], _ b: [Double], over range: Range<Int>) -> Double? {
        let r = range.clamped(to: 0..<min(a.count, b.count))
        guard r.count >= 3 else { return nil }
        let n = Double(r.count)
        let ma = r.reduce(0) { $0 + a[$1] } / n, mb = r.reduce(0) { $0 + b[$1] } / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for k in r {
            let x = a[k] - ma, y = b[k] - mb
            sab += x * y
            saa += x * x
            sbb += y * y
        }
        guard saa > 0, sbb > 0 else { return nil }
        return sab / (saa * sbb).squareRoot()
    }

    /// The permutation p-value (1 + #{surrogate ≥ observed}) / (1 + #surrogates), which is never
    /// 0 and is exact for exchangeable data (Phipson & Smyth 2010). `nil` without surrogates.
    static func pValue(observed: Double, surrogates: [Double]) -> Double? {
        guard !surrogates.isEmpty else { return nil }
        let atLeast = surrogates.filter { $0 >= observed }.count
        return Double(1 + atLeast) / Double(1 + surrogates.count)
    }

    /// The standard normal distribution function, Φ(x).
    static func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
}
