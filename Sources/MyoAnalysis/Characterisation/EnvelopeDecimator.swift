/// A coarse EMG envelope for rhythm analysis: the mean absolute first difference over fixed
/// blocks (25 ms by default, 40 values a second).
///
/// The first difference removes baseline wander and offset without a filter's state or delay,
/// and rhythms of interest (0.3-15 Hz; see `RhythmAnalyzer.Parameters`) stay below the
/// decimated rate's Nyquist frequency. A day at 40 values a second is 3.5 M floats (14 MB).
/// Complexity: O(n) time, O(n / block) memory for the envelope kept.
struct EnvelopeDecimator: Sendable {
    let blockLength: Int
    let rate: Double
    private var previous: Float?
    private var sum: Float = 0
    private var fill = 0
    private(set) var envelope: [Float] = []

    /// Creates a decimator for a signal at `sampleRate` Hz giving about `outputRate` values a second.
    init(sampleRate: Double, outputRate: Double = 40) {
        blockLength = max(1, Int((sampleRate / outputRate).rounded()))
        rate = sampleRate / Double(blockLength)
    }

    mutating func process(_ chunk: [Float]) {
        chunk.withUnsafeBufferPointer { samples in
            for value in samples {
                if let last = previous { sum += abs(value - last) }
                previous = value
                fill += 1
                if fill == blockLength {
                    envelope.append(sum / Float(blockLength))
                    sum = 0
                    fill = 0
                }
            }
        }
    }
}
