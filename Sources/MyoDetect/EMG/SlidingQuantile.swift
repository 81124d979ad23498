import Foundation

/// A quantile of the last `capacity` values, updated one value at a time.
///
/// Keeps the window both in arrival order (a ring) and sorted; each update finds the ranks of the
/// oldest and the new value by a branch-free two-level count and moves the values between them by
/// one. The EMG baseline feeds it one value per 10 ms envelope block, so with 100-150 values an
/// update costs a few dozen cycles, well under a nanosecond per signal sample.
/// Values must not be NaN (the detector feeds powers of finite samples). Memory O(capacity).
struct SlidingQuantile: Sendable {
    private var ring: [Double]
    /// The values held, ascending, in `sorted[0..<count]`; +∞ after them, so that the last group
    /// of the search in `ranks` can always read `group` values.
    private var sorted: [Double]
    private(set) var count = 0
    /// Index in `sorted` of the quantile (nearest rank) for the current count, kept up to date by
    /// `add` so that reading the value costs no rounding call.
    private var rankIndex = 0
    private var next = 0
    private let quantile: Double

    /// Values per group of the two-level search in `ranks`: 16 doubles are two cache lines.
    private static let group = 16

    init(capacity: Int, quantile: Double) {
        ring = [Double](repeating: 0, count: max(1, capacity))
        sorted = [Double](repeating: .infinity, count: max(1, capacity) + Self.group)
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

    /// The number of held values below `x` and below `y`, found together.
    ///
    /// A binary search is a chain of dependent loads, and the block powers are random, so any
    /// branch on a comparison mispredicts about every other time; here each rank is a count, in
    /// two levels (the last value of every group of `group`, then the `group` values of the group
    /// that holds the rank), and each comparison is the sign bit of a difference (for non-NaN
    /// doubles a − x < 0 exactly when a < x), so there is no branch and every comparison of a
    /// level is independent. O(count / group + group).
    private static func ranks(_ array: [Double], count n: Int, _ x: Double, _ y: Double) -> (Int, Int) {
        array.withUnsafeBufferPointer { a in
            @inline(__always) func below(_ value: Double, _ bound: Double) -> Int {
                Int(truncatingIfNeeded: (value - bound).bitPattern >> 63)
            }
            let g = group
            var groupsX = 0, groupsY = 0
            var last = g - 1
            while last < n {
                groupsX &+= below(a[last], x)
                groupsY &+= below(a[last], y)
                last &+= g
            }
            // Values from `n` on are +∞, never below, so reading a whole group is safe and exact.
            let startX = groupsX &* g, startY = groupsY &* g
            var rankX = startX, rankY = startY
            for i in 0..<g {
                rankX &+= below(a[startX &+ i], x)
                rankY &+= below(a[startY &+ i], y)
            }
            return (rankX, rankY)
        }
    }
}
