import Foundation

/// Three equally long accelerometer axes, in g.
public struct TriaxialSamples: Sendable, Equatable {
    public var x: [Float]
    public var y: [Float]
    public var z: [Float]

    /// - Throws: `DSPError.lengthMismatch` unless the three axes have the same length.
    public init(x: [Float], y: [Float], z: [Float]) throws(DSPError) {
        guard x.count == y.count, y.count == z.count else { throw .lengthMismatch([x.count, y.count, z.count]) }
        self.x = x
        self.y = y
        self.z = z
    }

    /// For callers that produced equal lengths by construction.
    init(unchecked x: [Float], _ y: [Float], _ z: [Float]) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// Number of samples per axis.
    public var count: Int { x.count }
}

/// Vector magnitude and ENMO of triaxial acceleration.
///
/// The vector magnitude √(x²+y²+z²) is orientation-free, so a jerk shows the same whatever way
/// the sensor is worn. ENMO = max(VM − 1 g, 0) (Euclidean Norm Minus One, van Hees et al. 2013,
/// PLoS One 8:e61691) removes gravity without filtering, exact whenever the sensor is calibrated
/// and acceleration is small against gravity. Both are stateless, so chunking cannot change
/// them. Computed in Double per sample. O(n).
public enum VectorMagnitude {
    /// √(x²+y²+z²) per sample.
    public static func compute(_ samples: TriaxialSamples) -> [Float] {
        var output = [Float](repeating: 0, count: samples.count)
        samples.x.withUnsafeBufferPointer { x in
            samples.y.withUnsafeBufferPointer { y in
                samples.z.withUnsafeBufferPointer { z in
                    output.withUnsafeMutableBufferPointer { out in
                        for n in 0..<out.count {
                            let (a, b, c) = (Double(x[n]), Double(y[n]), Double(z[n]))
                            out[n] = Float((a * a + b * b + c * c).squareRoot())
                        }
                    }
                }
            }
        }
        return output
    }

    /// ENMO = max(VM − `gravity`, 0) per sample; `gravity` is 1 for axes in g.
    public static func enmo(_ samples: TriaxialSamples, gravity: Float = 1) -> [Float] {
        compute(samples).map { max($0 - gravity, 0) }
    }
}

/// Removes the slowly varying gravity component from each accelerometer axis, streaming.
///
/// Gravity is estimated per axis with a causal Butterworth low-pass and subtracted, which keeps
/// the signed dynamic acceleration (ENMO discards the sign and everything below 1 g). The
/// default cut-off of 0.2 Hz is the one van Hees et al. 2013 (PLoS One 8:e61691) use to split
/// the movement and gravity parts for their HFEN and HFEN+ metrics; the 4th order is this
/// library's choice, steep enough that posture changes over seconds go to gravity while jerks
/// (≥ 1 Hz content) stay. Each filter starts in the steady state of its first sample, so there is
/// no start-up transient. Chunked processing equals whole-signal processing.
/// Complexity: O(n) per axis, O(1) memory.
public struct GravityRemoval: Sendable {
    /// The default gravity low-pass cut-off in Hz (van Hees et al. 2013).
    public static let defaultCutoff = 0.2
    /// The default Butterworth order.
    public static let defaultOrder = 4

    private var filters: [SOSFilter]

    /// - Throws: `DSPError` if the cut-off is not in (0, `sampleRate`/2) or the order is invalid.
    public init(sampleRate: Double, cutoff: Double = GravityRemoval.defaultCutoff, order: Int = GravityRemoval.defaultOrder) throws(DSPError) {
        let sections = try Butterworth.design(order: order, band: .lowPass(cutoff), sampleRate: sampleRate)
        filters = Array(repeating: SOSFilter(sections: sections, initialCondition: .steadyStateAtFirstSample), count: 3)
    }

    /// Returns the dynamic (gravity-free) acceleration of one chunk, same length per axis.
    public mutating func process(_ chunk: TriaxialSamples) -> TriaxialSamples {
        let gx = filters[0].process(chunk.x), gy = filters[1].process(chunk.y), gz = filters[2].process(chunk.z)
        func subtract(_ raw: [Float], _ gravity: [Float]) -> [Float] { zip(raw, gravity).map { $0 - $1 } }
        // Lengths are equal: the input axes are, and SOSFilter.process keeps lengths.
        return TriaxialSamples(unchecked: subtract(chunk.x, gx), subtract(chunk.y, gy), subtract(chunk.z, gz))
    }
}
