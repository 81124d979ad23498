import Foundation

/// A quantile of the last `capacity` values, updated one value at a time.
///
/// Keeps the window both in arrival order (a ring) and sorted; each update finds the ranks of the
/// oldest and the new value by two branch-free binary searches and moves the values between them
/// by one. The EMG baseline feeds it one value per 10 ms envelope block, so with 100-150 values an
/// update costs a few dozen cycles, well under a nanosecond per signal sample.
/// Values must not be NaN (the detector feeds powers of finite samples). Memory O(capacity).
struct SlidingQuantile: Sendable {
    private var ring: [Double]
    /// The values held, ascending, in `sorted[0..<count]`; +∞ after them.
    private var sorted: [Double]
    private(set) var count = 0
    /// Index in `sorted` of the quantile (nearest rank) for the current count, kept up to date by
    /// `add` so that reading the value costs no rounding call.
    private var rankIndex = 0
    private var next = 0
    private let quantile: Double

    init(capacity: Int, quantile: Double) {
        ring = [Double](repeating: 0, count: max(1, capacity))
        sorted = [Double](repeating: .infinity, count: max(1, capacity) + 1)
        self.quantile = quantile
    }

    /// Adds a value, dropping the oldest once the window is full. O(capacity) in the worst case,
    /// but only the values between the old and the new value's ranks move (one memmove).
    mutating func add(_ value: Double) {
        let full = count == ring.count
        let old = ring[next]
        ring[next] = value
        next = next + 1 == ring.count ? 0 : next + 1
        let (insertAt, removeAt) = Self.ranks(sorted, count: count, value, old)
        let stride = MemoryLayout<Double>.stride
        let count = count
        sorted.withUnsafeMutableBufferPointer { a in
            guard let base = a.baseAddress, insertAt <= count else { return }
            guard full else {
                memmove(base + insertAt + 1, base + insertAt, (count - insertAt) * stride)
                base[insertAt] = value
                return
            }
            guard removeAt < count else { return }
            if insertAt <= removeAt {
                // The new value ranks before the old one: shift the values between them up by one.
                memmove(base + insertAt + 1, base + insertAt, (removeAt - insertAt) * stride)
                base[insertAt] = value
            } else {
                // Once the old value is gone the new one belongs one place earlier.
                memmove(base + removeAt, base + removeAt + 1, (insertAt - 1 - removeAt) * stride)
                base[insertAt - 1] = value
            }
        }
        if !full {
            self.count += 1
            rankIndex = min(max(Int((quantile * Double(self.count - 1)).rounded()), 0), self.count - 1)
        }
    }

    /// The quantile of the values held (nearest rank), or 0 when empty. O(1).
    var value: Double {
        count > 0 ? sorted[rankIndex] : 0
    }

    /// The number of held values below `x` and below `y`: two binary searches without a branch
    /// on the data (each halving step picks the next base with a conditional move), so the
    /// random block powers cause no mispredicted branch and each search is log2(count) steps of
    /// a few instructions. O(log count).
    private static func ranks(_ array: [Double], count n: Int, _ x: Double, _ y: Double) -> (Int, Int) {
        guard n > 0 else { return (0, 0) }
        return array.withUnsafeBufferPointer { a in
            var baseX = 0, baseY = 0, length = n
            while length > 1 {
                let half = length >> 1
                baseX = a[baseX &+ half] < x ? baseX &+ half : baseX
                baseY = a[baseY &+ half] < y ? baseY &+ half : baseY
                length &-= half
            }
            return (baseX &+ (a[baseX] < x ? 1 : 0), baseY &+ (a[baseY] < y ? 1 : 0))
        }
    }
}
