import Foundation

/// A quantile of the last `capacity` non-negative values, updated one value at a time.
///
/// Keeps the window both in arrival order (a ring) and sorted; each update finds the ranks of the
/// oldest and the new value by two binary searches and moves the values between them by one.
///
/// Why integer keys: the EMG baseline feeds it one block power per 10 ms, values in random order,
/// so every halving step of a search goes either way at random. Written with comparisons, the
/// compiler turns the steps into branches that mispredict half the time, and the update cost a
/// quarter of the whole analysis's time. A non-negative `Double`'s bit pattern, read as an
/// integer, orders the same way as the value, so each step here is a subtraction whose sign bit
/// becomes a mask: arithmetic the compiler keeps without a branch.
/// Values are powers: a negative value or NaN counts as 0 (−0.0 too, whose bit pattern would
/// otherwise sort after every positive value). Memory O(capacity).
struct SlidingQuantile: Sendable {
    /// Bit patterns of the values, in arrival order.
    private var ring: [UInt64]
    /// Bit patterns of the values held, ascending, in `sorted[0..<count]`; +∞'s after them.
    private var sorted: [UInt64]
    private(set) var count = 0
    /// Index in `sorted` of the quantile (nearest rank) for the current count, kept up to date by
    /// `add` so that reading the value costs no rounding call.
    private var rankIndex = 0
    private var next = 0
    private let quantile: Double

    init(capacity: Int, quantile: Double) {
        ring = [UInt64](repeating: 0, count: max(1, capacity))
        sorted = [UInt64](repeating: Double.infinity.bitPattern, count: max(1, capacity) + 1)
        self.quantile = quantile
    }

    /// Adds a value, dropping the oldest once the window is full. O(capacity) in the worst case,
    /// but only the values between the old and the new value's ranks move (one memmove), and
    /// the searches are O(log capacity).
    mutating func add(_ value: Double) {
        let key = value > 0 ? value.bitPattern : 0
        let full = count == ring.count
        let old = ring[next]
        ring[next] = key
        next = next + 1 == ring.count ? 0 : next + 1
        let (insertAt, removeAt) = Self.ranks(sorted, count: count, key, old)
        let stride = MemoryLayout<UInt64>.stride
        let count = count
        sorted.withUnsafeMutableBufferPointer { a in
            guard let base = a.baseAddress, insertAt <= count else { return }
            guard full else {
                memmove(base + insertAt + 1, base + insertAt, (count - insertAt) * stride)
                base[insertAt] = key
                return
            }
            guard removeAt < count else { return }
            if insertAt <= removeAt {
                // The new value ranks before the old one: shift the values between them up by one.
                memmove(base + insertAt + 1, base + insertAt, (removeAt - insertAt) * stride)
                base[insertAt] = key
            } else {
                // Once the old value is gone the new one belongs one place earlier.
                memmove(base + removeAt, base + removeAt + 1, (insertAt - 1 - removeAt) * stride)
                base[insertAt - 1] = key
            }
        }
        if !full {
            self.count += 1
            rankIndex = min(max(Int((quantile * Double(self.count - 1)).rounded()), 0), self.count - 1)
        }
    }

    /// The quantile of the values held (nearest rank), or 0 when empty. O(1).
    var value: Double {
        count > 0 ? Double(bitPattern: sorted[rankIndex]) : 0
    }

    /// The number of held keys below `x` and below `y` (both searches side by side, so their
    /// loads overlap). Keys are below 2⁶³, so `a − x` wraps to a negative `Int64` exactly when
    /// a < x, and its arithmetic shift right by 63 is the mask −1 or 0.
    ///
    /// While four or more candidates remain, a step probes three quarter points at once (the
    /// count of those below the key is how many quarters to skip, as the array is sorted), so
    /// the chain of dependent loads is about half a binary search's: 150 values take 3 such
    /// steps and 2 halvings instead of 8 halvings. O(log count).
    private static func ranks(_ array: [UInt64], count n: Int, _ x: UInt64, _ y: UInt64) -> (Int, Int) {
        guard n > 0 else { return (0, 0) }
        @inline(__always) func below(_ a: UInt64, _ b: UInt64) -> Int {
            Int(truncatingIfNeeded: Int64(bitPattern: a &- b) >> 63)
        }
        return array.withUnsafeBufferPointer { a in
            var baseX = 0, baseY = 0, length = n
            while length >= 4 {
                let q = length >> 2
                let skipX = below(a[baseX &+ q], x) &+ below(a[baseX &+ 2 &* q], x) &+ below(a[baseX &+ 3 &* q], x)
                let skipY = below(a[baseY &+ q], y) &+ below(a[baseY &+ 2 &* q], y) &+ below(a[baseY &+ 3 &* q], y)
                baseX &-= q &* skipX
                baseY &-= q &* skipY
                length &-= 3 &* q
            }
            while length > 1 {
                let half = length >> 1
                baseX &+= half & below(a[baseX &+ half], x)
                baseY &+= half & below(a[baseY &+ half], y)
                length &-= half
            }
            return (baseX &- below(a[baseX], x), baseY &- below(a[baseY], y))
        }
    }
}
