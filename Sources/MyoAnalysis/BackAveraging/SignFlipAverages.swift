import MyoDetect

/// The significance test of the pre-jerk transient: a sign-flip randomisation test over the
/// accepted epochs, built up while the epochs stream past.
///
/// What it tests: whether the jerk-locked average in the search window differs from zero more
/// than chance allows. Under the null hypothesis each epoch's baseline-corrected search window
/// is as likely to appear with its sign flipped (EEG not locked to the jerks is symmetric about
/// its own baseline), so the averages of the same epochs with random signs are draws from the
/// null distribution of the statistic, the largest |average| in the search window. This is the
/// one-sample permutation test of MNE-Python's `permutation_t_test` and of the permutation
/// framework for event-related signals (Nichols & Holmes 2002), applied to the peak amplitude;
/// the p-value is (1 + #{flipped ≥ observed}) / (1 + sets) (Phipson & Smyth 2010). Unlike
/// averages at shuffled trigger times it needs no EEG beyond the epochs already cut, so it costs
/// no second look at the recording and nothing grows with it: memory is O(sets × search length).
///
/// Why it is written this way: every set sees every epoch, so a plain loop would cost
/// sets × epochs × search length additions. Epochs are taken eight at a time instead: the 256
/// signed sums of the eight are built once by doubling (255 row additions), and each set then
/// adds the one row its eight random signs pick, so the cost per epoch falls from `sets` row
/// additions to about (255 + sets) / 8. Rows are `Float`, padded to whole 8-lane blocks. The
/// signs depend only on the seed and the epoch's place in the order the cutter hands epochs out
/// (by end), so chunked and whole-recording runs flip the same epochs.
/// Complexity: O(search length × (255 + sets) / 8) per epoch.
struct SignFlipAverages: Sendable {
    static let groupSize = 8
    let sets: Int
    let length: Int
    /// `length` rounded up to whole 8-lane blocks: the distance between rows.
    let stride: Int
    /// The epochs of the group being filled, `groupSize` rows, zero beyond `inGroup`.
    private var group: [Float]
    private var inGroup = 0
    /// The 2⁸ signed sums of the group's rows: row p has epoch k with sign + when bit k of p is set.
    private var table: [Float]
    /// Rows 0..<sets: each set's signed sum; row `sets`: the unflipped sum (the observed one).
    private var sums: [Float]
    private var random: SplitMix64
    private(set) var count = 0

    init(sets: Int, length: Int, seed: UInt64) {
        self.sets = max(0, sets)
        self.length = max(0, length)
        stride = (self.length + 7) / 8 * 8
        group = [Float](repeating: 0, count: Self.groupSize * stride)
        table = [Float](repeating: 0, count: (1 << Self.groupSize) * stride)
        sums = [Float](repeating: 0, count: (self.sets + 1) * stride)
        random = SplitMix64(seed: seed, stream: 2)
    }

    /// Adds one accepted epoch's search window, `(sample × scale) − baseline`, µV.
    mutating func add(_ search: UnsafeBufferPointer<Float>, scale: Float, baseline: Float) {
        guard search.count == length, length > 0 else { return }
        let offset = inGroup * stride
        group.withUnsafeMutableBufferPointer { g in
            for k in 0..<length { g[offset + k] = search[k] * scale - baseline }
        }
        inGroup += 1
        count += 1
        if inGroup == Self.groupSize { flush() }
    }

    /// Folds the group being filled into every set's sum.
    private mutating func flush() {
        guard inGroup > 0 else { return }
        let blocks = stride / 8, sets = self.sets
        // One random bit per set and epoch: eight sets' patterns per 64-bit draw.
        var patterns = [UInt8](repeating: 0, count: sets)
        var word: UInt64 = 0
        for s in 0..<sets {
            if s % 8 == 0 { word = random.next() }
            patterns[s] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(s % 8)))
        }
        group.withUnsafeMutableBufferPointer { g in
            table.withUnsafeMutableBufferPointer { t in
                sums.withUnsafeMutableBufferPointer { sums in
                    guard let rows = g.baseAddress, let table = t.baseAddress, let sum = sums.baseAddress else { return }
                    let stride = self.stride
                    func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
                    func store(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self) }
                    // Row 0: every epoch negative.
                    for b in 0..<blocks {
                        var v = SIMD8<Float>()
                        for k in 0..<Self.groupSize { v -= load(rows + k * stride + 8 * b) }
                        store(v, table + 8 * b)
                    }
                    // Doubling: patterns with bit k set are those without it plus twice epoch k.
                    for k in 0..<Self.groupSize {
                        let row = rows + k * stride
                        for p in 0..<(1 << k) {
                            let from = table + p * stride, to = table + (p | (1 << k)) * stride
                            for b in 0..<blocks {
                                let e = load(row + 8 * b)
                                store(load(from + 8 * b) + (e + e), to + 8 * b)
                            }
                        }
                    }
                    for s in 0...sets {
                        let pattern = s == sets ? 255 : Int(patterns[s])
                        let from = table + pattern * stride, to = sum + s * stride
                        for b in 0..<blocks { store(load(to + 8 * b) + load(from + 8 * b), to + 8 * b) }
                    }
                    rows.update(repeating: 0, count: Self.groupSize * stride)
                }
            }
        }
        inGroup = 0
    }

    /// The observed statistic (largest |average| in the search window, µV) and the sign-flip
    /// p-value; `nil` before any epoch or without sets.
    mutating func test() -> (observed: Double, pValue: Double)? {
        flush()
        guard count > 0, sets > 0 else { return nil }
        let n = Double(count)
        func peak(_ s: Int) -> Double {
            var best: Float = 0
            for k in 0..<length { best = max(best, abs(sums[s * stride + k])) }
            return Double(best) / n
        }
        let observed = peak(sets)
        let atLeast = (0..<sets).filter { peak($0) >= observed }.count
        return (observed, Double(1 + atLeast) / Double(1 + sets))
    }
}
