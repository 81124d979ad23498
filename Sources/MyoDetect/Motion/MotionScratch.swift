/// Reusable per-chunk buffers for ``MotionFrontEnd``'s measures, grown to the largest chunk seen,
/// so processing a chunk allocates nothing once the buffers are large enough.
/// Complexity: O(largest chunk) memory.
struct MotionScratch: Sendable {
    private var envelope: [Float] = []
    private var energy: [Float] = []
    private var movement: [Float] = []
    private var alongGravity: [Float] = []

    /// Makes every buffer hold at least `count` samples. O(count) when it grows, else O(1).
    mutating func reserve(_ count: Int) {
        guard envelope.count < count else { return }
        envelope = [Float](repeating: 0, count: count)
        energy = envelope
        movement = envelope
        alongGravity = envelope
    }

    /// Lends the buffers as a front-end output for the duration of `body`.
    mutating func withOutput<R>(_ body: (MotionFrontEnd.Output) -> R) -> R {
        envelope.withUnsafeMutableBufferPointer { e in
            energy.withUnsafeMutableBufferPointer { g in
                movement.withUnsafeMutableBufferPointer { m in
                    alongGravity.withUnsafeMutableBufferPointer { a in
                        body(MotionFrontEnd.Output(envelope: e, energy: g, movement: m, alongGravity: a))
                    }
                }
            }
        }
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
