import Foundation

/// Moving root-mean-square over a window of W samples, trailing or centred, streaming.
///
/// The RMS envelope is the standard EMG amplitude measure (SENIAM recommendations); for
/// myoclonus a 5–20 ms window keeps 10–300 ms bursts sharp. Squares are accumulated in
/// `Double`, so 24-bit ADC values squared lose nothing. End handling, latency and chunking
/// behave exactly as in `MovingAverage`.
/// Complexity: O(1) amortised per sample, O(W) memory.
public struct MovingRMS: Sendable {
    private var engine: RunningWindowSum

    /// - Throws: `DSPError.invalidWindowLength` if `windowLength` < 1.
    public init(windowLength: Int, alignment: WindowAlignment = .trailing) throws(DSPError) {
        engine = try RunningWindowSum(window: windowLength, alignment: alignment)
    }

    /// Feeds a chunk and returns the outputs that are ready (all of them when trailing).
    public mutating func process(_ chunk: [Float]) -> [Float] {
        var output: [Float] = []
        output.reserveCapacity(chunk.count)
        for value in chunk {
            let v = Double(value)
            if engine.push(v * v) { output.append(Float(max(0, engine.mean).squareRoot())) }
        }
        return output
    }

    /// Ends the signal: returns the outputs still held back (centred only) and resets.
    public mutating func finish() -> [Float] {
        var output: [Float] = []
        while engine.advanceAtEnd() { output.append(Float(max(0, engine.mean).squareRoot())) }
        engine.reset()
        return output
    }

    /// The moving RMS of a whole signal (same length as `signal`).
    public static func apply(_ signal: [Float], windowLength: Int, alignment: WindowAlignment = .trailing) throws(DSPError) -> [Float] {
        var rms = try MovingRMS(windowLength: windowLength, alignment: alignment)
        return rms.process(signal) + rms.finish()
    }
}
