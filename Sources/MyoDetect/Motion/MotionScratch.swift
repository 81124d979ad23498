/// A reusable per-chunk buffer for ``MotionFrontEnd``'s measures, grown to the largest chunk
/// seen, so processing a chunk allocates nothing once it is large enough.
/// Complexity: O(largest chunk) memory.
struct MotionScratch: Sendable {
    private var measures: [MotionMeasure] = []

    /// Makes the buffer hold at least `count` samples. O(count) when it grows, else O(1).
    mutating func reserve(_ count: Int) {
        guard measures.count < count else { return }
        measures = [MotionMeasure](repeating: MotionMeasure(), count: count)
    }

    /// Lends the buffer for the duration of `body`.
    mutating func withBuffer<R>(_ body: (UnsafeMutableBufferPointer<MotionMeasure>) -> R) -> R {
        measures.withUnsafeMutableBufferPointer { body($0) }
    }
}

/// Lends the axes' storage as buffer pointers for the duration of `body` (1 or 3 axes; any
/// further axes are ignored). O(1).
func withUnsafeBuffers<R>(_ axes: [[Float]], _ body: ([UnsafeBufferPointer<Float>]) -> R) -> R {
    guard let first = axes.first else { return body([]) }
    return first.withUnsafeBufferPointer { x in
        guard axes.count >= 3 else { return body([x]) }
        return axes[1].withUnsafeBufferPointer { y in
            axes[2].withUnsafeBufferPointer { z in body([x, y, z]) }
        }
    }
}
