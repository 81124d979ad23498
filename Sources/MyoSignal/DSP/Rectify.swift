import Foundation

/// Full-wave rectification, |x|, the first step of a classic EMG linear envelope.
///
/// Stateless, so chunked and whole-signal results agree trivially. O(n).
public enum Rectify {
    /// Returns |x| for every sample (NaN stays NaN).
    public static func fullWave(_ signal: [Float]) -> [Float] {
        signal.map { abs($0) }
    }

    /// Replaces every sample by its absolute value, without allocating.
    public static func fullWave(inPlace signal: inout [Float]) {
        signal.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices { buffer[index] = abs(buffer[index]) }
        }
    }
}
