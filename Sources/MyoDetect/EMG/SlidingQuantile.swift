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

    private static func lowerBound(_ a: [Double], _ x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if a[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
