import Foundation

/// The Teager–Kaiser energy operator ψ[n] = x[n]² − x[n−1]·x[n+1], streaming.
///
/// ψ tracks instantaneous amplitude × frequency, so it lifts sharp, high-frequency EMG bursts
/// above slow background activity and improves onset detection (Li, Zhou & Aruin 2007).
/// End convention: the signal is extended by repeating its end samples (x[−1] = x[0],
/// x[N] = x[N−1]), so ψ[0] = x[0]² − x[0]·x[1], ψ[N−1] = x[N−1]² − x[N−2]·x[N−1], and the output
/// has the input's length (a single sample gives 0). Because ψ[n] needs x[n+1], streaming output
/// lags input by one sample: `finish` returns the last value.
/// Computed in Double, returned as Float. O(1) per sample, O(1) memory.
public struct TeagerKaiser: Sendable {
    private var previous = 0.0
    private var current = 0.0
    private var received = 0

    public init() {}

    /// Feeds a chunk and returns ψ for every sample whose right neighbour has arrived.
    public mutating func process(_ chunk: [Float]) -> [Float] {
        var output: [Float] = []
        output.reserveCapacity(chunk.count)
        for value in chunk {
            let next = Double(value)
            if received == 0 {
                previous = next
                current = next
            } else {
                output.append(Float(current * current - previous * next))
                previous = current
                current = next
            }
            received += 1
        }
        return output
    }

    /// Ends the signal: returns ψ of the last sample (or nothing for an empty signal) and resets.
    public mutating func finish() -> [Float] {
        defer { self = TeagerKaiser() }
        guard received > 0 else { return [] }
        return [Float(current * current - previous * current)]
    }

    /// ψ of a whole signal (same length as `signal`).
    public static func apply(_ signal: [Float]) -> [Float] {
        var operatorState = TeagerKaiser()
        return operatorState.process(signal) + operatorState.finish()
    }
}
