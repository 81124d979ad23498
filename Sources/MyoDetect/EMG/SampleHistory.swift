/// The most recent samples of a stream, addressed by their global index.
///
/// A power-of-two ring, so that an index maps to a slot with one mask. The EMG detector keeps the
/// band-passed signal here for the look-back its onset refinement and event measures need; the
/// capacity is fixed at creation, so memory stays bounded on recordings of any length.
///
/// Samples can be written ahead of the visible end (`writeAhead`): the detector writes a batch of
/// samples in one tight pass, then judges them one by one with `end` set to each sample in turn.
/// The ring holds `writeAheadLimit` slots beyond the visible capacity, so what is visible, and
/// hence every measure, is the same as if the samples had been appended one at a time.
struct SampleHistory: Sendable {
    private var storage: [Float]
    private let mask: Int
    /// Samples visible behind `end`: the look-back the measures may use.
    private let capacity: Int
    /// The most samples that may be written beyond `end` at once.
    let writeAheadLimit: Int
    /// Global index one past the newest visible sample.
    var end = 0
    /// Global index one past the newest sample written.
    private(set) var written = 0

    /// A history holding at least `minimumCapacity` samples, and room to write `writeAheadLimit`
    /// more before they become visible.
    init(minimumCapacity: Int, writeAheadLimit: Int = 0) {
        var visible = 1
        while visible < max(minimumCapacity, 2) { visible <<= 1 }
        var physical = visible
        while physical < visible + max(0, writeAheadLimit) { physical <<= 1 }
        storage = [Float](repeating: 0, count: physical)
        mask = physical - 1
        capacity = visible
        self.writeAheadLimit = max(0, writeAheadLimit)
    }

    /// The oldest global index still visible.
    var start: Int { max(0, end - capacity) }

    /// Appends one sample and makes it visible.
    mutating func append(_ value: Float) {
        storage[written & mask] = value
        written += 1
        end = written
    }

    /// Reserves the next `count` slots after the last written sample without making them visible,
    /// and calls `body` with the ring, its mask and the global index of the first reserved slot,
    /// so that it can produce the samples and write them (global index i at slot i & mask) in the
    /// same pass as it reads earlier ones. At most `writeAheadLimit` samples beyond `end`.
    mutating func writeAhead<R>(count: Int, _ body: (UnsafeMutableBufferPointer<Float>, Int, Int) -> R) -> R {
        precondition(count >= 0 && written + count - end <= writeAheadLimit, "write-ahead beyond the ring's slack")
        let first = written, mask = mask
        written += count
        return storage.withUnsafeMutableBufferPointer { ring in body(ring, mask, first) }
    }

    /// The sample at global `index`, which must lie in `start..<end` (callers clamp ranges with
    /// `clamp`); 0 outside, so that a wrong index cannot trap.
    subscript(index: Int) -> Float {
        guard index >= start, index < end else { return 0 }
        return storage[index & mask]
    }

    /// `range` cut to the samples visible.
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
