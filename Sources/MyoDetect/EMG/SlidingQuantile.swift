/// A quantile of the last `capacity` values, updated one value at a time.
///
/// Keeps the window both in arrival order (a ring) and sorted; each update removes the oldest
/// value and inserts the new one by binary search and a block move. The EMG baseline feeds it
/// one value per 10 ms envelope block, so with 150 values the O(capacity) move costs well under
/// a nanosecond per signal sample. Memory O(capacity).
struct SlidingQuantile: Sendable {
    private var ring: [Double]
    private var sorted: [Double] = []
    private var next = 0
    private let quantile: Double

    init(capacity: Int, quantile: Double) {
        ring = [Double](repeating: 0, count: max(1, capacity))
        sorted.reserveCapacity(max(1, capacity))
        self.quantile = quantile
    }

    /// Number of values held (at most the capacity).
    var count: Int { sorted.count }

    /// Adds a value, dropping the oldest once the window is full. O(capacity) in the worst case,
    /// but only the values between the old and the new value's ranks move, in place.
    mutating func add(_ value: Double) {
        let full = sorted.count == ring.count
        let old = ring[next]
        ring[next] = value
        next = next + 1 == ring.count ? 0 : next + 1
        let insertAt = Self.lowerBound(sorted, value)
        guard full else {
            sorted.insert(value, at: insertAt)
            return
        }
        let removeAt = Self.lowerBound(sorted, old)
        sorted.withUnsafeMutableBufferPointer { a in
            guard removeAt < a.count else { return }
            if insertAt <= removeAt {
                // The new value ranks before the old one: shift the values between them up by one.
                var i = removeAt
                while i > insertAt { a[i] = a[i - 1]; i -= 1 }
                a[insertAt] = value
            } else {
                // Once the old value is gone the new one belongs one place earlier.
                var i = removeAt
                while i < insertAt - 1 { a[i] = a[i + 1]; i += 1 }
                a[insertAt - 1] = value
            }
        }
    }

    /// The quantile of the values held (nearest rank), or 0 when empty. O(1).
    var value: Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((quantile * Double(sorted.count - 1)).rounded())
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// The first index whose value is not below `x` (a.count if none). Branch-free halving: the
    /// block powers are random, so a branching search mispredicts about every other step, which
    /// cost more than the rest of the update. O(log count).
    private static func lowerBound(_ array: [Double], _ x: Double) -> Int {
        array.withUnsafeBufferPointer { a in
            guard !a.isEmpty else { return 0 }
            var base = 0, length = a.count
            while length > 1 {
                let half = length >> 1
                base = a[base + half - 1] < x ? base + half : base
                length -= half
            }
            return a[base] < x ? base + 1 : base
        }
    }
}
