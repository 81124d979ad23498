/// The last few seconds of ``MotionDetector``'s per-sample measures, addressed by absolute
/// sample index, so a transient can be traced back, measured and judged after it ends.
///
/// Fixed capacity (allocated once): memory stays bounded whatever the recording length. Reading
/// an index that is not held (too old or not yet seen) gives 0 instead of trapping.
/// Complexity: O(1) per access.
struct MotionRing: Sendable {
    private var envelopes: [Float]
    private var energies: [Float]
    private var movements: [Float]
    private var alongGravities: [Float]
    private let capacity: Int
    private var newest = -1

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        envelopes = Array(repeating: 0, count: self.capacity)
        energies = envelopes
        movements = envelopes
        alongGravities = envelopes
    }

    mutating func store(_ index: Int, envelope: Float, energy: Float, movement: Float, alongGravity: Float) {
        let slot = index % capacity
        envelopes[slot] = envelope
        energies[slot] = energy
        movements[slot] = movement
        alongGravities[slot] = alongGravity
        newest = index
    }

    /// The oldest index still held when `now` is the newest.
    func oldest(now: Int) -> Int { max(0, now - capacity + 1) }

    /// The newest index that may be read.
    func newestAllowed(now: Int) -> Int { min(now, newest) }

    private func slot(_ index: Int) -> Int? {
        guard index >= 0, index <= newest, index > newest - capacity else { return nil }
        return index % capacity
    }

    func envelope(_ index: Int) -> Float { slot(index).map { envelopes[$0] } ?? 0 }
    func energy(_ index: Int) -> Float { slot(index).map { energies[$0] } ?? 0 }
    func movement(_ index: Int) -> Float { slot(index).map { movements[$0] } ?? 0 }
    /// The transient-band acceleration along gravity (see ``MotionFrontEnd``).
    func alongGravity(_ index: Int) -> Float { slot(index).map { alongGravities[$0] } ?? 0 }
}
