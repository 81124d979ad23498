/// Sums of baseline-corrected epochs of one channel: the average, its standard error per sample,
/// and separate odd and even averages for the split-half check.
///
/// Epochs are added one at a time and never kept, so memory is O(epoch length) however many
/// jerks there are. An epoch whose peak-to-peak amplitude exceeds the rejection threshold, or
/// that holds a non-finite sample, is counted as rejected and not added.
/// Complexity: O(epoch length) per epoch, O(epoch length) memory.
struct EpochAverage: Sendable {
    /// Epochs summed in `Float` before their sums are moved into the `Double` totals: few enough
    /// that a `Float` sum of baseline-corrected EEG keeps about six significant digits.
    static let foldEvery = 32

    let length: Int
    /// Samples of the epoch whose mean is subtracted.
    let baseline: Range<Int>
    /// Samples whose mean minus the baseline mean is kept per epoch (for a test across
    /// epochs), or `nil`.
    let testRange: Range<Int>?
    /// Multiplies the channel's samples into µV.
    let scale: Double
    let rejectPeakToPeak: Double
    /// `length` rounded up to whole 8-lane blocks.
    private let padded: Int
    /// The totals of the epochs already folded (µV, µV²), and the `Float` sums of the epochs
    /// since (padded rows): sum, sum of squares, odd epochs' sum, even epochs' sum.
    private var totals: [Double]
    private var recent: [Float]
    private var sinceFold = 0
    private(set) var used = 0
    private(set) var rejected = 0
    /// Per accepted epoch: mean over `testRange` minus the baseline mean, µV.
    private(set) var testValues: [Double] = []
    private var scratch: [Float]

    init(length: Int, baseline: Range<Int>, testRange: Range<Int>? = nil, scale: Double, rejectPeakToPeakUV: Double) {
        self.length = max(0, length)
        self.baseline = baseline.clamped(to: 0..<max(0, length))
        self.testRange = testRange?.clamped(to: 0..<max(0, length))
        self.scale = scale
        rejectPeakToPeak = rejectPeakToPeakUV
        padded = (self.length + 7) / 8 * 8
        totals = [Double](repeating: 0, count: 4 * padded)
        recent = [Float](repeating: 0, count: 4 * padded)
        scratch = [Float](repeating: 0, count: padded)
    }

    /// Adds one epoch of exactly `length` samples (in the channel's unit) and returns the
    /// baseline mean subtracted from it (µV); `nil` when it was rejected (or had the wrong length).
    ///
    /// Why it is written this way: this runs for every sample of every epoch of every EEG
    /// channel, so it works eight samples at a time in `Float` over raw buffers: one pass scales
    /// into µV and takes the range (a non-finite sample makes the range sum non-finite), one
    /// adds the baseline-corrected epoch to the `Float` sums, which are folded into `Double`
    /// totals every ``foldEvery`` epochs.
    mutating func add(_ epoch: UnsafeBufferPointer<Float>) -> Double? {
        guard epoch.count == length, length > 0, !baseline.isEmpty, let source = epoch.baseAddress else { return nil }
        let n = length, blocks = n / 8 * 8
        let s = Float(scale)
        var lo = Float.infinity, hi = -Float.infinity, total: Float = 0
        scratch.withUnsafeMutableBufferPointer { out in
            guard let target = out.baseAddress else { return }
            let s8 = SIMD8<Float>(repeating: s)
            var lo8 = SIMD8<Float>(repeating: .infinity), hi8 = SIMD8<Float>(repeating: -.infinity), sum8 = SIMD8<Float>()
            var k = 0
            while k < blocks {
                let v = UnsafeRawPointer(source + k).loadUnaligned(as: SIMD8<Float>.self) * s8
                UnsafeMutableRawPointer(target + k).storeBytes(of: v, as: SIMD8<Float>.self)
                lo8.replace(with: v, where: v .< lo8)
                hi8.replace(with: v, where: v .> hi8)
                sum8 += v
                k += 8
            }
            total = sum8.sum()
            for lane in 0..<8 {
                lo = min(lo, lo8[lane])
                hi = max(hi, hi8[lane])
            }
            while k < n {
                let v = source[k] * s
                target[k] = v
                lo = min(lo, v)
                hi = max(hi, v)
                total += v
                k += 1
            }
        }
        guard total.isFinite, Double(hi) - Double(lo) <= rejectPeakToPeak else { rejected += 1; return nil }
        let isOdd = used % 2 == 0  // the 1st, 3rd, 5th... accepted epoch
        let baseline = self.baseline, testRange = self.testRange, padded = self.padded
        var test: Double?
        var base = 0.0
        scratch.withUnsafeBufferPointer { scratch in
            for k in baseline { base += Double(scratch[k]) }
            base /= Double(baseline.count)
            if let t = testRange, !t.isEmpty {
                var m = 0.0
                for k in t { m += Double(scratch[k]) }
                test = m / Double(t.count) - base
            }
            recent.withUnsafeMutableBufferPointer { r in
                guard let x = scratch.baseAddress, let sum = r.baseAddress else { return }
                let squares = sum + padded, half = sum + (isOdd ? 2 : 3) * padded
                let base8 = SIMD8<Float>(repeating: Float(base))
                func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
                func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
                func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self) }
                var k = 0
                while k < blocks {
                    let d = load(x + k) - base8
                    store(load(sum + k) + d, sum + k)
                    store(load(squares + k) + d * d, squares + k)
                    store(load(half + k) + d, half + k)
                    k += 8
                }
                let b = Float(base)
                while k < n {
                    let d = x[k] - b
                    sum[k] += d
                    squares[k] += d * d
                    half[k] += d
                    k += 1
                }
            }
        }
        if let test { testValues.append(test) }
        used += 1
        sinceFold += 1
        if sinceFold == Self.foldEvery { fold() }
        return base
    }

    /// Moves the `Float` sums into the `Double` totals.
    private mutating func fold() {
        let count = 4 * padded
        totals.withUnsafeMutableBufferPointer { t in
            recent.withUnsafeMutableBufferPointer { r in
                for k in 0..<count {
                    t[k] += Double(r[k])
                    r[k] = 0
                }
            }
        }
        sinceFold = 0
    }

    /// Row `row` (0 sum, 1 squares, 2 odd, 3 even) of totals and recent sums together.
    private func row(_ row: Int) -> [Double] {
        let o = row * padded
        return (0..<length).map { totals[o + $0] + Double(recent[o + $0]) }
    }

    /// The mean epoch, µV (zeros when no epoch was accepted).
    var mean: [Double] {
        let sum = row(0)
        return used > 0 ? sum.map { $0 / Double(used) } : sum
    }

    /// The standard error of the mean per sample, µV (zeros with fewer than two epochs).
    var standardError: [Double] {
        guard used >= 2 else { return [Double](repeating: 0, count: length) }
        let n = Double(used)
        return zip(row(0), row(1)).map { s, q in
            let variance = max(0, (q - s * s / n) / (n - 1))
            return (variance / n).squareRoot()
        }
    }

    /// The averages of the odd and of the even accepted epochs.
    var halves: (odd: [Double], even: [Double]) {
        let oddCount = Double((used + 1) / 2), evenCount = Double(used / 2)
        return (row(2).map { oddCount > 0 ? $0 / oddCount : 0 }, row(3).map { evenCount > 0 ? $0 / evenCount : 0 })
    }
}
