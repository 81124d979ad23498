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
    /// The sample before the current block, then the block's samples so far (empty before the
    /// first sample). The first sample of the signal counts as a member of the first block with a
    /// difference of 0, so the carry starts as two copies of it.
    private var carry: [Float] = []
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
    /// Every block is summed by `blockSum`, eight differences at a time counted from the block's
    /// start: in place when the block and the sample before it lie in the chunk, else from
    /// `carry` once the block is complete. So any chunking gives the same values, bit for bit.
    mutating func process(_ chunk: [Float]) {
        guard let first = chunk.first else { return }
        let length = blockLength
        var i = 0
        if carry.isEmpty {
            carry = [first, first]
            i = 1
        }
        chunk.withUnsafeBufferPointer { samples in
            let count = samples.count
            // The block open at the chunk's start (whose preceding sample is in `carry`) first.
            let take = min(length + 1 - carry.count, count - i)
            carry.append(contentsOf: samples[i..<(i + take)])
            i += take
            guard carry.count == length + 1 else { return }
            pending.append(carry.withUnsafeBufferPointer { Self.blockSum($0, from: 1, count: length) } / Float(length))
            // Then the blocks that lie in the chunk with the sample before them (i ≥ 1 here).
            while i + length <= count {
                pending.append(Self.blockSum(samples, from: i, count: length) / Float(length))
                i += length
            }
            carry = Array(samples[(i - 1)..<count])
        }
        rhythm.add(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Σ |x[i] − x[i−1]| for i in start..<start + count (`start` ≥ 1, all inside the buffer).
    private static func blockSum(_ buffer: UnsafeBufferPointer<Float>, from start: Int, count: Int) -> Float {
        guard let x = buffer.baseAddress, start >= 1, start + count <= buffer.count else { return 0 }
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
