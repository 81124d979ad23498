/// Sums of baseline-corrected epochs of one channel: the average, its standard error per sample,
/// and separate odd and even averages for the split-half check.
///
/// Epochs are added one at a time and never kept, so memory is O(epoch length) however many
/// jerks there are. An epoch whose peak-to-peak amplitude exceeds the rejection threshold, or
/// that holds a non-finite sample, is counted as rejected and not added.
/// Complexity: O(epoch length) per epoch.
struct EpochAverage: Sendable {
    let length: Int
    /// Samples of the epoch whose mean is subtracted.
    let baseline: Range<Int>
    /// Samples whose mean minus the baseline mean is kept per epoch (for a test across
    /// epochs), or `nil`.
    let testRange: Range<Int>?
    /// Multiplies the channel's samples into µV.
    let scale: Double
    let rejectPeakToPeak: Double
    private(set) var sum: [Double]
    private(set) var sumSquares: [Double]
    private(set) var oddSum: [Double]
    private(set) var evenSum: [Double]
    private(set) var used = 0
    private(set) var rejected = 0
    /// Per accepted epoch: mean over `testRange` minus the baseline mean, µV.
    private(set) var testValues: [Double] = []
    private var scratch: [Double]

    init(length: Int, baseline: Range<Int>, testRange: Range<Int>? = nil, scale: Double, rejectPeakToPeakUV: Double) {
        self.length = length
        self.baseline = baseline.clamped(to: 0..<max(0, length))
        self.testRange = testRange?.clamped(to: 0..<max(0, length))
        self.scale = scale
        rejectPeakToPeak = rejectPeakToPeakUV
        sum = [Double](repeating: 0, count: length)
        sumSquares = sum
        oddSum = sum
        evenSum = sum
        scratch = sum
    }

    /// Adds one epoch of exactly `length` samples (in the channel's unit).
    ///
    /// The loops run over raw buffers (an array subscript of a stored property would check
    /// uniqueness per sample, several times the arithmetic); the arithmetic and its order are
    /// those of a plain per-sample loop.
    mutating func add(_ epoch: UnsafeBufferPointer<Float>) {
        guard epoch.count == length, length > 0, !baseline.isEmpty else { return }
        let s = scale, n = length
        var lo = Double.infinity, hi = -Double.infinity
        var finite = true
        scratch.withUnsafeMutableBufferPointer { scratch in
            for k in 0..<n {
                let v = Double(epoch[k]) * s
                if !v.isFinite { finite = false; break }
                scratch[k] = v
                if v < lo { lo = v }
                if v > hi { hi = v }
            }
        }
        guard finite, hi - lo <= rejectPeakToPeak else { rejected += 1; return }
        let isOdd = used % 2 == 0  // the 1st, 3rd, 5th... accepted epoch
        let baseline = self.baseline, testRange = self.testRange
        var test: Double?
        scratch.withUnsafeBufferPointer { scratch in
            var base = 0.0
            for k in baseline { base += scratch[k] }
            base /= Double(baseline.count)
            sum.withUnsafeMutableBufferPointer { sum in
                sumSquares.withUnsafeMutableBufferPointer { squares in
                    for k in 0..<n {
                        let v = scratch[k] - base
                        sum[k] += v
                        squares[k] += v * v
                    }
                }
            }
            if isOdd {
                oddSum.withUnsafeMutableBufferPointer { half in for k in 0..<n { half[k] += scratch[k] - base } }
            } else {
                evenSum.withUnsafeMutableBufferPointer { half in for k in 0..<n { half[k] += scratch[k] - base } }
            }
            if let t = testRange, !t.isEmpty {
                var m = 0.0
                for k in t { m += scratch[k] - base }
                test = m / Double(t.count)
            }
        }
        if let test { testValues.append(test) }
        used += 1
    }

    /// The mean epoch, µV (zeros when no epoch was accepted).
    var mean: [Double] { used > 0 ? sum.map { $0 / Double(used) } : sum }

    /// The standard error of the mean per sample, µV (zeros with fewer than two epochs).
    var standardError: [Double] {
        guard used >= 2 else { return [Double](repeating: 0, count: length) }
        let n = Double(used)
        return zip(sum, sumSquares).map { s, q in
            let variance = max(0, (q - s * s / n) / (n - 1))
            return (variance / n).squareRoot()
        }
    }

    /// The averages of the odd and of the even accepted epochs.
    var halves: (odd: [Double], even: [Double]) {
        let oddCount = Double((used + 1) / 2), evenCount = Double(used / 2)
        return (oddSum.map { oddCount > 0 ? $0 / oddCount : 0 }, evenSum.map { evenCount > 0 ? $0 / evenCount : 0 })
    }
}
