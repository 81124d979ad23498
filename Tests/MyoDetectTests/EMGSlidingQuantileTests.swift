import Testing
@testable import MyoDetect

/// The EMG baseline's sliding quantile against a sorted copy of the same window: the bin of the
/// exact quantile at every step.
@Suite struct EMGSlidingQuantileTests {
    /// Nearest-rank quantile of `values`, as the detector defines it.
    static func reference(_ values: ArraySlice<Double>, quantile: Double) -> Double {
        let sorted = values.sorted()
        return sorted[min(max(Int((quantile * Double(sorted.count - 1)).rounded()), 0), sorted.count - 1)]
    }

    @Test(arguments: [(1, 0.25), (2, 0.5), (7, 0.25), (100, 0.25), (150, 0.9), (33, 0.01)])
    func equalsTheSortedWindowAtEveryStep(capacity: Int, quantile: Double) {
        var rng = SyntheticEMG.Generator(state: UInt64(capacity))
        var tracker = SlidingQuantile(capacity: capacity, quantile: quantile)
        var values: [Double] = []
        #expect(tracker.value == 0)
        for step in 0..<5000 {
            // Many ties (values on a coarse grid, runs of one value) as well as continuous values,
            // and ramps up and down, which drive the quantile's rank out of any neighbourhood.
            let value: Double
            switch (step / 500) % 5 {
            case 0: value = rng.uniform() * 1e3
            case 1: value = Double(rng.next() % 5)
            case 2: value = step % 40 < 20 ? 2.5 : rng.uniform()
            case 3: value = Double(step) + rng.uniform()
            default: value = 1e4 - Double(step) * 2 + rng.uniform()
            }
            tracker.add(value)
            values.append(value)
            let window = values.suffix(capacity)
            #expect(tracker.count == window.count)
            let expected = Self.reference(window, quantile: quantile)
            // The bin of the exact quantile, whose middle is within 0.2 % of it.
            if tracker.value != SlidingQuantile.value(ofBin: SlidingQuantile.bin(expected))
                || abs(tracker.value - expected) > expected * 0.002 {
                Issue.record("step \(step): \(tracker.value) instead of \(expected)")
                return
            }
        }
    }

    /// Powers only: a negative value, −0 and NaN count as 0 (integer keys would otherwise sort
    /// −0 and negative values after every positive one).
    @Test func negativeValuesCountAsZero() {
        var tracker = SlidingQuantile(capacity: 4, quantile: 0)
        tracker.add(3)
        tracker.add(-0.0)
        #expect(tracker.value == 0)
        tracker.add(-5)
        tracker.add(.nan)
        #expect(tracker.value == 0)
        var highest = SlidingQuantile(capacity: 4, quantile: 1)
        for value in [-0.0, -7, 2, .nan] { highest.add(value) }
        #expect(abs(highest.value - 2) <= 2 * 0.002)
    }

    /// Zero is its own bin (a flat channel keeps a zero baseline, which the detector relies on),
    /// the extremes are held to the bins' range, and a walk across thousands of empty bins (a
    /// jump of 30 decades) lands on the right bin both ways.
    @Test func zeroExtremesAndLongWalks() {
        var tracker = SlidingQuantile(capacity: 3, quantile: 0.5)
        for _ in 0..<3 { tracker.add(0) }
        #expect(tracker.value == 0)
        tracker.add(1e-200)
        #expect(tracker.value == 0)
        for _ in 0..<3 { tracker.add(1e15) }
        #expect(abs(tracker.value / 1e15 - 1) <= 0.002)
        for _ in 0..<3 { tracker.add(1e-15) }
        #expect(abs(tracker.value / 1e-15 - 1) <= 0.002)
        for _ in 0..<3 { tracker.add(.infinity) }
        #expect(tracker.value > 1e76 && tracker.value.isFinite)
        for value in [4.0, 1.0, 2.0] { tracker.add(value) }
        #expect(abs(tracker.value - 2) <= 2 * 0.002)
    }
}
