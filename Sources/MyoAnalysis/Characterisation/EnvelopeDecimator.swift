/// A coarse EMG envelope for rhythm analysis: the mean absolute first difference over fixed
/// blocks (25 ms by default, 40 values a second), fed straight into an
/// ``EnvelopeRhythmAccumulator`` so that the envelope is never kept.
///
/// The first difference removes baseline wander and offset without a filter's state or delay,
/// and rhythms of interest (0.3-15 Hz; see `RhythmAnalyzer.Parameters`) stay below the
/// decimated rate's Nyquist frequency.
/// Complexity: O(n) time; memory that of the accumulator, independent of the length.
struct EnvelopeDecimator: Sendable {
    let blockLength: Int
    let rate: Double
    private var previous: Float?
    private var sum: Float = 0
    private var fill = 0
    /// The envelope values of one chunk, handed to the accumulator together.
    private var pending: [Float] = []
    private(set) var rhythm: EnvelopeRhythmAccumulator

    /// Creates a decimator for a signal at `sampleRate` Hz giving about `outputRate` values a second.
    /// - Throws: ``RhythmError`` when the decimated rate is too low for the rhythm band.
    init(sampleRate: Double, outputRate: Double = 40, parameters: RhythmAnalyzer.Parameters) throws(RhythmError) {
        blockLength = max(1, Int((sampleRate / outputRate).rounded()))
        rate = sampleRate / Double(blockLength)
        rhythm = try EnvelopeRhythmAccumulator(rate: rate, parameters: parameters)
    }

    /// Adds the next samples of the channel. O(chunk.count).
    ///
    /// A block that lies wholly inside the chunk (with the sample before it) is summed eight
    /// differences at a time; blocks that straddle chunks go sample by sample. The sums are the
    /// same to single-precision rounding whichever way a block is taken.
    mutating func process(_ chunk: [Float]) {
        chunk.withUnsafeBufferPointer { samples in
            guard let base = samples.baseAddress, var last = previous ?? samples.first else { return }
            let length = blockLength, count = samples.count
            var total = sum, filled = fill
            var i = 0
            if previous == nil {
                // The very first sample has no difference; it only starts the first block.
                i = 1
                filled = 1
            }
            while true {
                if filled == length {
                    pending.append(total / Float(length))
                    total = 0
                    filled = 0
                }
                guard i < count else { break }
                if filled == 0, i >= 1, i + length <= count {
                    pending.append(Self.blockSum(base, from: i, count: length) / Float(length))
                    i += length
                    last = samples[i - 1]
                    continue
                }
                let value = samples[i]
                total += abs(value - last)
                last = value
                filled += 1
                i += 1
            }
            previous = last
            sum = total
            fill = filled
        }
        rhythm.add(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Σ |x[i] − x[i−1]| for i in start..<start + count (`start` ≥ 1, all inside the buffer).
    private static func blockSum(_ x: UnsafePointer<Float>, from start: Int, count: Int) -> Float {
        let raw = UnsafeRawPointer(x), stride = MemoryLayout<Float>.stride
        var lanes = SIMD8<Float>()
        var i = start
        let end = start + count
        while i + 8 <= end {
            let d = raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<Float>.self)
                - raw.loadUnaligned(fromByteOffset: (i - 1) * stride, as: SIMD8<Float>.self)
            // |d| by clearing the sign bits (the generic pointwiseMax is not inlined).
            lanes += unsafeBitCast(unsafeBitCast(d, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
            i += 8
        }
        var total = lanes.sum()
        while i < end {
            total += abs(x[i] - x[i - 1])
            i += 1
        }
        return total
    }
}
