import Foundation

/// Second-order IIR notch design, matching scipy.signal.iirnotch(w0, Q, fs).
///
/// A notch is the classic remedy for mains hum, but it has a cost that matters for myoclonus:
/// a narrow notch (Q = 30 at 50 Hz is 1.7 Hz wide) has poles very close to the unit circle, so it
/// rings for about Q/(π·f0) ≈ 0.2 s after any transient. Run forward and backward (zero phase)
/// it rings on both sides and smears the onset of a 10–300 ms EMG burst by tens of ms. Prefer
/// `MainsHum`, which subtracts fitted sinusoids and leaves transients intact; use the notch
/// where a standard, explainable linear filter is required.
public enum Notch {
    /// The biquad that removes `frequency` Hz with quality factor `quality` (centre / −3 dB width).
    ///
    /// Use it with `SOSFilter(sections: [section])`. The default Q of 30 is scipy's documentation
    /// example and the usual EEG/EMG choice. O(1).
    /// - Throws: `DSPError` for a rate that is not finite and positive, a frequency outside
    ///   (0, Nyquist), or a quality factor that is not finite and positive.
    public static func design(frequency: Double, quality: Double = 30, sampleRate: Double) throws(DSPError) -> SecondOrderSection {
        guard sampleRate.isFinite, sampleRate > 0 else { throw .invalidSampleRate(sampleRate) }
        guard frequency.isFinite, frequency > 0, frequency < sampleRate / 2 else {
            throw .cutoffOutOfRange(frequency: frequency, nyquist: sampleRate / 2)
        }
        guard quality.isFinite, quality > 0 else { throw .invalidQualityFactor(quality) }
        let w0 = Double.pi * 2 * frequency / sampleRate
        let bandwidth = w0 / quality
        // With the −3 dB convention (gain 1/√2 at the band edges) scipy's β reduces to tan(bw/2).
        let beta = tan(bandwidth / 2)
        let gain = 1 / (1 + beta)
        return SecondOrderSection(b0: gain, b1: -2 * gain * cos(w0), b2: gain,
                                  a1: -2 * gain * cos(w0), a2: 2 * gain - 1)
    }
}
