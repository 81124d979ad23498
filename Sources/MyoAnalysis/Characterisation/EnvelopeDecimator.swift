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
    private(set) var rhythm: EnvelopeRhythmAccumulator

    /// Creates a decimator for a signal at `sampleRate` Hz giving about `outputRate` values a second.
    /// - Throws: ``RhythmError`` when the decimated rate is too low for the rhythm band.
    init(sampleRate: Double, outputRate: Double = 40, parameters: RhythmAnalyzer.Parameters) throws(RhythmError) {
        blockLength = max(1, Int((sampleRate / outputRate).rounded()))
        rate = sampleRate / Double(blockLength)
        rhythm = try EnvelopeRhythmAccumulator(rate: rate, parameters: parameters)
    }

    /// Adds the next samples of the channel. O(chunk.count).
    mutating func process(_ chunk: [Float]) {
        chunk.withUnsafeBufferPointer { samples in
            guard var last = previous ?? samples.first else { return }
            var i = 0
            if previous == nil {
                // The first sample has no difference; it only starts the first block.
                i = 1
                fill = 1
            }
            var total = sum, filled = fill
            let length = blockLength
            if filled == length {
                rhythm.add(total / Float(length))
                total = 0
                filled = 0
            }
            // Whole runs up to the next block boundary, so the per-sample loop carries no test
            // but its own bound.
            while i < samples.count {
                let end = min(samples.count, i + (length - filled))
                for j in i..<end {
                    let value = samples[j]
                    total += abs(value - last)
                    last = value
                }
                filled += end - i
                i = end
                if filled == length {
                    rhythm.add(total / Float(length))
                    total = 0
                    filled = 0
                }
            }
            previous = last
            sum = total
            fill = filled
        }
    }
}
