/// The most recent samples of a stream, addressed by their global index.
///
/// A power-of-two ring, so that an index maps to a slot with one mask. The EMG detector keeps the
/// band-passed signal here for the look-back its onset refinement and event measures need; the
/// capacity is fixed at creation, so memory stays bounded on recordings of any length.
struct SampleHistory: Sendable {
    private var storage: [Float]
    private let mask: Int
    /// Global index one past the newest sample.
    private(set) var end = 0

    /// A history holding at least `minimumCapacity` samples.
    init(minimumCapacity: Int) {
        var capacity = 1
        while capacity < max(minimumCapacity, 2) { capacity <<= 1 }
        storage = [Float](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// The oldest global index still held.
    var start: Int { max(0, end - storage.count) }

    mutating func append(_ value: Float) {
        storage[end & mask] = value
        end += 1
    }

    /// The sample at global `index`, which must lie in `start..<end` (callers clamp ranges with
    /// `clamp`); 0 outside, so that a wrong index cannot trap.
    subscript(index: Int) -> Float {
        guard index >= start, index < end else { return 0 }
        return storage[index & mask]
    }

    /// `range` cut to the samples held.
    func clamp(_ range: Range<Int>) -> Range<Int> {
        let lower = max(range.lowerBound, start), upper = min(range.upperBound, end)
        return lower < upper ? lower..<upper : lower..<lower
    }

    /// Sum of squares over `range` (clamped). O(range length).
    func energy(_ range: Range<Int>) -> Double {
        var sum = 0.0
        for i in clamp(range) {
            let v = Double(storage[i & mask])
            sum += v * v
        }
        return sum
    }
}
