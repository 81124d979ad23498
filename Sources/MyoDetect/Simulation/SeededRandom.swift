import Foundation

/// A deterministic pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014), so that a
/// simulation seed gives bit-identical recordings on every platform and Swift version.
///
/// `SystemRandomNumberGenerator` is never used: its output cannot be replayed. SplitMix64 passes
/// BigCrush, needs one 64-bit word of state and costs a few nanoseconds per draw. Draws that
/// must be reachable out of order (noise knots looked up by time) use ``SplitMix64/hash(_:)``
/// as a counter-based generator instead of a stream.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    /// A generator for one named purpose of one simulation, so adding draws to one purpose
    /// never shifts the numbers another purpose sees.
    public init(seed: UInt64, stream: UInt64) {
        state = SplitMix64.hash(seed ^ SplitMix64.hash(stream &+ 0x5EED))
    }

    /// The next 64 random bits. O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.hash(state)
    }

    /// The SplitMix64 finaliser: a bijective mix of 64 bits, used as a counter-based generator.
    @inline(__always)
    public static func hash(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits (portable: no platform `random(in:)`).
    @inline(__always)
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform double in `range`.
    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// A double whose logarithm is uniform in log(range): equal odds per octave, the way muscle
    /// burst amplitudes spread over two orders of magnitude. `range` must be positive.
    public mutating func logUniform(_ range: ClosedRange<Double>) -> Double {
        exp(uniform(log(range.lowerBound)...log(range.upperBound)))
    }

    /// A uniform integer in `range`, without modulo bias worth mentioning (2^-53).
    public mutating func integer(_ range: ClosedRange<Int>) -> Int {
        let span = Double(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + min(Int(unit() * span), range.upperBound - range.lowerBound)
    }

    /// A standard normal draw (Box-Muller; one of the pair is discarded to keep the state simple).
    public mutating func normal() -> Double {
        let u = max(unit(), 0x1p-60)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * unit())
    }

    /// An exponential draw with mean `mean`: the waiting time of a Poisson process.
    public mutating func exponential(mean: Double) -> Double {
        -mean * log(max(1 - unit(), 0x1p-60))
    }

    /// A standard normal value fixed by (`seed`, `stream`, `index`), reachable in any order.
    /// Used for the knots of slow noise, so a chunk can start anywhere. O(1).
    public static func gaussian(seed: UInt64, stream: UInt64, index: Int) -> Double {
        var g = SplitMix64(seed: seed ^ hash(stream &* 0x2545_F491_4F6C_DD1D ^ UInt64(bitPattern: Int64(index))))
        return g.normal()
    }
}
