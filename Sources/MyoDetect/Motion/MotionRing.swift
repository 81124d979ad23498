/// The last few seconds of ``MotionDetector``'s per-sample measures, addressed by absolute
/// sample index, so a transient can be traced back, measured and judged after it ends.
///
/// One ``MotionMeasure`` per sample in one array (one store per sample). Fixed capacity
/// (allocated once): memory stays bounded whatever the recording length. Reading an index that
/// is not held (too old or not yet seen) gives 0 instead of trapping.
/// Complexity: O(1) per access.
struct MotionRing: Sendable {
    private var measures: [MotionMeasure]
    private let capacity: Int
    private var newest = -1
    /// Where `newest` is stored; kept alongside so that neither storing nor reading divides.
    private var newestSlot = -1

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        measures = Array(repeating: MotionMeasure(), count: self.capacity)
    }

    /// Stores the measure of sample `index`, which must be `newest + 1` (samples arrive in order).
    @inline(__always)
    mutating func store(_ index: Int, _ measure: MotionMeasure) {
        newestSlot = newestSlot + 1 == capacity ? 0 : newestSlot + 1
        measures[newestSlot] = measure
        newest = index
    }

    /// Runs `body` with an appender that stores consecutive samples (from `newest + 1` on)
    /// without checking on every store whether the storage is shared: that check is made once,
    /// here. O(1) besides `body`.
    mutating func appending<R>(_ body: (inout MotionRingAppender) -> R) -> R {
        let capacity = capacity
        var appender = MotionRingAppender(newest: newest, newestSlot: newestSlot, capacity: capacity, slots: nil)
        let result = measures.withUnsafeMutableBufferPointer { slots in
            appender.slots = slots.baseAddress
            defer { appender.slots = nil }
            return body(&appender)
        }
        newest = appender.newest
        newestSlot = appender.newestSlot
        return result
    }

    /// Calls `body` with the measure of every sample in `range`, oldest first (samples not held
    /// give an empty measure, as ``envelope(_:)`` and the others do). O(range.count).
    @inline(__always)
    func forEach(in range: Range<Int>, _ body: (MotionMeasure) -> Void) {
        let held = max(0, newest - capacity + 1)..<max(0, newest + 1)
        let inside = range.clamped(to: held)
        guard !inside.isEmpty else {
            for _ in range { body(MotionMeasure()) }
            return
        }
        for _ in range.lowerBound..<inside.lowerBound { body(MotionMeasure()) }
        measures.withUnsafeBufferPointer { stored in
            // Walk the slots from the first held index on, wrapping once at the end of the array.
            var slot = newestSlot - (newest - inside.lowerBound)
            if slot < 0 { slot += capacity }
            for _ in inside {
                body(stored[slot])
                slot = slot + 1 == capacity ? 0 : slot + 1
            }
        }
        for _ in inside.upperBound..<range.upperBound { body(MotionMeasure()) }
    }

    /// The oldest index still held when `now` is the newest.
    func oldest(now: Int) -> Int { max(0, now - capacity + 1) }

    /// The newest index that may be read.
    func newestAllowed(now: Int) -> Int { min(now, newest) }

    private func measure(_ index: Int) -> MotionMeasure {
        guard index >= 0, index <= newest, index > newest - capacity else { return MotionMeasure() }
        let slot = newestSlot - (newest - index)
        return measures[slot >= 0 ? slot : slot + capacity]
    }

    func envelope(_ index: Int) -> Float { measure(index).envelope }
    /// The quiet level of the lapse signal (see ``MotionMeasure``); the other measures are read
    /// in bulk with ``forEach(in:_:)`` and ``copyLapse(from:into:)``.
    func lapseLevel(_ index: Int) -> Float { measure(index).lapseLevel }
    /// Copies the lapse signal of samples `from...` into `out` (as many as it holds; samples not
    /// held give 0). O(out.count).
    func copyLapse(from: Int, into out: UnsafeMutableBufferPointer<Float>) {
        var k = 0
        forEach(in: from..<(from + out.count)) { measure in
            out[k] = measure.lapse
            k += 1
        }
    }

    /// The squared gait-free band magnitude (see ``MotionMeasure``).
    func gaitEnergy(_ index: Int) -> Float { measure(index).gaitEnergy }

    /// The largest gait-free band energy over `from...to` (clipped to what is held and to `now`),
    /// leaving out the samples in `excluded` (other jerks' ringing); nil when nothing of it is
    /// held. O(to - from + excluded.count).
    func largestGaitEnergy(_ from: Int, _ to: Int, now: Int, excluding excluded: [Range<Int>] = []) -> Float? {
        let lo = max(from, oldest(now: now)), hi = min(to, now, newest)
        guard lo <= hi else { return nil }
        var largest: Float = 0
        var k = lo
        while k <= hi {
            if let skip = excluded.first(where: { $0.contains(k) }) {
                k = skip.upperBound
                continue
            }
            largest = max(largest, measure(k).gaitEnergy)
            k += 1
        }
        return largest
    }
}

/// Stores consecutive samples into a ``MotionRing`` during ``MotionRing/appending(_:)``.
struct MotionRingAppender {
    fileprivate var newest: Int
    fileprivate var newestSlot: Int
    fileprivate let capacity: Int
    fileprivate var slots: UnsafeMutablePointer<MotionMeasure>?

    /// Stores the measure of the sample after the newest. O(1).
    @inline(__always)
    mutating func store(_ measure: MotionMeasure) {
        guard let slots else { return }
        newestSlot = newestSlot + 1 == capacity ? 0 : newestSlot + 1
        slots[newestSlot] = measure
        newest += 1
    }
}
