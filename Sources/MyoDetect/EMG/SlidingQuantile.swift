/// A quantile of the last `capacity` values, updated one value at a time.
///
/// Why not a sorted window: keeping the window sorted moves a third of it on every update. Here
/// only the quantile itself is tracked, with how many held values lie below it and at or below
/// it. Adding a value and dropping the oldest moves the quantile's rank among the held values by
/// at most one place, and only when the two lie on opposite sides of it (about 3 updates in 8 for
/// the 25 % quantile of random values); then one branch-free pass over the window finds the
/// neighbouring value and a second counts its copies. The result is exactly the nearest-rank
/// quantile a sorted window gives. The EMG baseline feeds it one value per 10 ms envelope block,
/// so with 100-150 values an update costs a few dozen cycles on average.
/// Values must not be NaN (the detector feeds powers of finite samples). Memory O(capacity).
struct SlidingQuantile: Sendable {
    /// The window in arrival order; `ring[0..<count]` holds values (it fills from 0).
    private var ring: [Double]
    private(set) var count = 0
    private var next = 0
    private let quantile: Double
    /// Rank (0-based, nearest rank) of the quantile among the `count` values held.
    private var rankIndex = 0
    /// The value of rank `rankIndex`, and how many held values are below it and at or below it:
    /// `below <= rankIndex < atOrBelow` whenever `count > 0`.
    private var current = 0.0
    private var below = 0
    private var atOrBelow = 0

    init(capacity: Int, quantile: Double) {
        ring = [Double](repeating: 0, count: max(1, capacity))
        self.quantile = quantile
    }

    /// Adds a value, dropping the oldest once the window is full. O(1) when the value and the
    /// dropped one lie on the same side of the quantile, else O(capacity) without branches.
    mutating func add(_ value: Double) {
        if count == ring.count {
            let old = ring[next]
            if old < current { below -= 1 }
            if old <= current { atOrBelow -= 1 }
        } else {
            count += 1
            rankIndex = min(max(Int((quantile * Double(count - 1)).rounded()), 0), count - 1)
        }
        ring[next] = value
        next = next + 1 == ring.count ? 0 : next + 1
        if count == 1 {
            current = value
            below = 0
            atOrBelow = 1
            return
        }
        if value < current { below += 1 }
        if value <= current { atOrBelow += 1 }
        // The rank moves by one place at most per update; the loops are a guard, not a search.
        while rankIndex >= atOrBelow, stepUp() {}
        while rankIndex < below, stepDown() {}
    }

    /// The quantile of the values held (nearest rank), or 0 when empty. O(1).
    var value: Double {
        count > 0 ? current : 0
    }

    /// Moves `current` to the smallest held value above it; false if there is none.
    private mutating func stepUp() -> Bool {
        let (next, copies) = ring.withUnsafeBufferPointer {
            Self.nearest(in: UnsafeBufferPointer(rebasing: $0[0..<count]), beyond: current, above: true)
        }
        guard copies > 0 else { return false }
        current = next
        below = atOrBelow
        atOrBelow += copies
        return true
    }

    /// Moves `current` to the largest held value below it; false if there is none.
    private mutating func stepDown() -> Bool {
        let (next, copies) = ring.withUnsafeBufferPointer {
            Self.nearest(in: UnsafeBufferPointer(rebasing: $0[0..<count]), beyond: current, above: false)
        }
        guard copies > 0 else { return false }
        current = next
        atOrBelow = below
        below -= copies
        return true
    }

    /// The held value nearest to `x` above it (or below it), and how many copies of it are held;
    /// (±∞, 0) when there is none. Four lanes at a time with selects, not branches, since the
    /// values are random: O(values.count).
    private static func nearest(in values: UnsafeBufferPointer<Double>, beyond x: Double, above: Bool) -> (Double, Int) {
        guard let base = values.baseAddress else { return (above ? .infinity : -.infinity, 0) }
        let raw = UnsafeRawPointer(base), n = values.count, stride = MemoryLayout<Double>.stride
        // Searching below is searching above among the negated values.
        let sign: Double = above ? 1 : -1
        // Nothing lies beyond +∞ (and the count below would find the infinities themselves).
        guard sign * x < .infinity else { return (sign * x, 0) }
        let bound = SIMD4<Double>(repeating: sign * x), none = SIMD4<Double>(repeating: .infinity)
        var best = none
        var i = 0
        while i + 4 <= n {
            let v = sign * raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
            let candidate = none.replacing(with: v, where: v .> bound)
            best = best.replacing(with: candidate, where: candidate .< best)
            i += 4
        }
        var nearest = best.min()
        while i < n {
            let v = sign * base[i]
            if v > sign * x, v < nearest { nearest = v }
            i += 1
        }
        let target = SIMD4<Double>(repeating: nearest)
        var lanes = SIMD4<Int64>()
        i = 0
        while i + 4 <= n {
            let v = sign * raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD4<Double>.self)
            lanes &+= SIMD4<Int64>().replacing(with: 1, where: v .== target)
            i += 4
        }
        var copies = Int(lanes.wrappedSum())
        while i < n {
            if sign * base[i] == nearest { copies += 1 }
            i += 1
        }
        return (sign * nearest, copies)
    }
}
