import Foundation

/// Moving mean over a window of W samples, trailing or centred, streaming.
///
/// Smooths a rectified EMG into a linear envelope or tracks a baseline. Near the ends the mean
/// covers only the samples that exist. With `.centred`, `process` returns outputs as soon as
/// their look-ahead has arrived and `finish` returns the rest, so concatenated outputs over any
/// chunking equal the whole-signal result and have the input's length.
/// Complexity: O(1) amortised per sample (running Double sum, recomputed every W samples so it
/// cannot drift), O(W) memory.
public struct MovingAverage: Sendable {
    private var engine: RunningWindowSum

    /// - Throws: `DSPError.invalidWindowLength` if `windowLength` < 1.
    public init(windowLength: Int, alignment: WindowAlignment = .trailing) throws(DSPError) {
        engine = try RunningWindowSum(window: windowLength, alignment: alignment)
    }

    /// Feeds a chunk and returns the outputs that are ready (all of them when trailing).
    public mutating func process(_ chunk: [Float]) -> [Float] {
        var output: [Float] = []
        output.reserveCapacity(chunk.count)
        for value in chunk where engine.push(Double(value)) {
            output.append(Float(engine.mean))
        }
        return output
    }

    /// Ends the signal: returns the outputs still held back (centred only) and resets.
    public mutating func finish() -> [Float] {
        var output: [Float] = []
        while engine.advanceAtEnd() { output.append(Float(engine.mean)) }
        engine.reset()
        return output
    }

    /// The moving mean of a whole signal (same length as `signal`).
    public static func apply(_ signal: [Float], windowLength: Int, alignment: WindowAlignment = .trailing) throws(DSPError) -> [Float] {
        var average = try MovingAverage(windowLength: windowLength, alignment: alignment)
        return average.process(signal) + average.finish()
    }
}
