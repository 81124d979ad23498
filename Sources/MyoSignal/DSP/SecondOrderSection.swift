import Foundation

/// One biquad of a cascade: H(z) = (b0 + b1·z⁻¹ + b2·z⁻²) / (1 + a1·z⁻¹ + a2·z⁻²).
///
/// IIR filters are kept as cascades of second-order sections (like scipy's `output='sos'`)
/// because a single high-order transfer function loses its poles to rounding at low cutoffs
/// (e.g. an 8th-order 1 Hz band at 4 kHz). `a0` is always normalised to 1.
/// A first-order section has `b2 == 0` and `a2 == 0`.
public struct SecondOrderSection: Sendable, Equatable {
    public var b0: Double
    public var b1: Double
    public var b2: Double
    public var a1: Double
    public var a2: Double

    public init(b0: Double, b1: Double, b2: Double, a1: Double, a2: Double) {
        self.b0 = b0
        self.b1 = b1
        self.b2 = b2
        self.a1 = a1
        self.a2 = a2
    }

    /// True when the section is first order (its z⁻² terms vanish).
    public var isFirstOrder: Bool { b2 == 0 && a2 == 0 }

    /// The section's complex gain at z = e^(iω), with ω in radians per sample. O(1).
    func response(atRadiansPerSample omega: Double) -> ComplexDouble {
        let z1 = ComplexDouble.unit(phase: -omega), z2 = ComplexDouble.unit(phase: -2 * omega)
        let numerator = ComplexDouble(b0) + z1 * b1 + z2 * b2
        let denominator = ComplexDouble(1) + z1 * a1 + z2 * a2
        return numerator / denominator
    }
}

/// The complex gain of a filter at one frequency, as returned by `SOSFilter.frequencyResponse`.
public struct FrequencyResponsePoint: Sendable, Equatable {
    /// Frequency in Hz.
    public var frequency: Double
    /// Real part of the complex gain.
    public var real: Double
    /// Imaginary part of the complex gain.
    public var imaginary: Double

    /// |H|, the amplitude gain.
    public var magnitude: Double { hypot(real, imaginary) }
    /// arg H in radians, in (-π, π].
    public var phase: Double { atan2(imaginary, real) }
}
