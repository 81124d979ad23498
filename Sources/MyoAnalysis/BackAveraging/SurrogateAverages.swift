/// The averages of shuffled-trigger epochs, one per set, kept only over the search window: what
/// the transient statistic would be if the triggers had nothing to do with the EEG.
///
/// Each surrogate epoch covers from the earlier to the later end of the baseline and search
/// windows; it is baseline-corrected and rejected like a real epoch (its peak-to-peak is taken
/// over that shorter stretch; a non-finite sample rejects it).
///
/// Why it is written this way: with 200 sets there are 200 surrogate epochs per real one, so
/// this is the hot loop of back-averaging. Each epoch is read in 8-wide SIMD blocks (range,
/// finiteness and baseline in one pass, then one add into the set's sums), in `Float` and in
/// the channel's own unit: a set's sums hold one baseline-corrected sample per epoch (at most a
/// few thousand terms of similar size), and the scale to µV is applied once per set at the end.
/// Complexity: O(window) per epoch, O(sets × search length) memory.
struct SurrogateAverages: Sendable {
    let sets: Int
    let length: Int
    let baseline: Range<Int>
    let search: Range<Int>
    let scale: Double
    let rejectPeakToPeak: Double
    /// Set s's sums over the search window, at s·search.count ..< (s + 1)·search.count.
    private(set) var sums: [Float]
    private(set) var counts: [Int]

    init(sets: Int, length: Int, baseline: Range<Int>, search: Range<Int>, scale: Double, rejectPeakToPeakUV: Double) {
        self.sets = sets
        self.length = length
        self.baseline = baseline.clamped(to: 0..<max(0, length))
        self.search = search.clamped(to: 0..<max(0, length))
        self.scale = scale
        rejectPeakToPeak = rejectPeakToPeakUV
        sums = [Float](repeating: 0, count: sets * self.search.count)
        counts = [Int](repeating: 0, count: sets)
    }

    mutating func add(set: Int, _ epoch: UnsafeBufferPointer<Float>) {
        guard (0..<sets).contains(set), epoch.count == length, !baseline.isEmpty, !search.isEmpty,
              let start = epoch.baseAddress else { return }
        let lo: Float, hi: Float, total: Float, baseSum: Float
        if baseline.lowerBound == 0 {
            // The baseline opens the window: its sum comes out of the same pass, block for
            // block as a pass of its own would add it.
            (lo, hi, total, baseSum) = Self.rangeAndSum(start, count: length, head: baseline.count)
        } else {
            (lo, hi, total, _) = Self.rangeAndSum(start, count: length, head: 0)
            baseSum = Self.rangeAndSum(start + baseline.lowerBound, count: baseline.count, head: 0).sum
        }
        guard total.isFinite, Double(hi - lo) * scale <= rejectPeakToPeak else { return }
        let base = baseSum / Float(baseline.count)
        let n = search.count
        let source = start + search.lowerBound
        sums.withUnsafeMutableBufferPointer { s in
            guard let target = s.baseAddress.map({ $0 + set * n }) else { return }
            let base8 = SIMD8<Float>(repeating: base)
            var k = 0
            while k + 8 <= n {
                let v = UnsafeRawPointer(source + k).loadUnaligned(as: SIMD8<Float>.self)
                let t = UnsafeMutableRawPointer(target + k)
                t.storeBytes(of: t.loadUnaligned(as: SIMD8<Float>.self) + (v - base8), as: SIMD8<Float>.self)
                k += 8
            }
            while k < n {
                target[k] += source[k] - base
                k += 1
            }
        }
        counts[set] += 1
    }

    /// The smallest and largest of `count` samples and their sum (not finite when a sample is
    /// not: ±∞ and NaN propagate into the sum, which the min/max blocks would not reveal), and
    /// the sum of the first `head` samples (0 when `head` is 0) added exactly as this function
    /// would add a window of `head` samples: whole 8-blocks lane-wise, then the rest in order.
    private static func rangeAndSum(_ p: UnsafePointer<Float>, count: Int, head: Int)
        -> (min: Float, max: Float, sum: Float, headSum: Float) {
        var lo8 = SIMD8<Float>(repeating: .infinity), hi8 = SIMD8<Float>(repeating: -.infinity), sum8 = SIMD8<Float>()
        let headBlocks = min(head, count) / 8 * 8
        var head8 = SIMD8<Float>()
        var k = 0
        while k + 8 <= count {
            if k == headBlocks { head8 = sum8 }
            let v = UnsafeRawPointer(p + k).loadUnaligned(as: SIMD8<Float>.self)
            // Masked replacement compiles to vector compares and blends; pointwiseMin/Max and
            // the lane reductions min()/max() did not inline and cost ten times more.
            lo8.replace(with: v, where: v .< lo8)
            hi8.replace(with: v, where: v .> hi8)
            sum8 += v
            k += 8
        }
        if k == headBlocks { head8 = sum8 }
        var lo = Float.infinity, hi = -Float.infinity, sum = sum8.sum()
        var headSum = head8.sum()
        for j in headBlocks..<min(head, count) { headSum += p[j] }
        for lane in 0..<8 {
            lo = Swift.min(lo, lo8[lane])
            hi = Swift.max(hi, hi8[lane])
        }
        while k < count {
            let v = p[k]
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
            sum += v
            k += 1
        }
        return (lo, hi, sum, headSum)
    }

    /// Per set with at least one epoch: the largest |average| in the search window, µV.
    var peakStatistics: [Double] {
        let n = search.count
        return (0..<sets).compactMap { s in
            guard counts[s] > 0 else { return nil }
            let factor = scale / Double(counts[s])
            var peak = 0.0
            for j in 0..<n { peak = max(peak, abs(Double(sums[s * n + j]) * factor)) }
            return peak
        }
    }
}
