import Foundation
@testable import MyoSignal
import Testing

@Suite("Mains hum removal at the edges of the Float range")
struct MainsHumRangeTests {
    /// 4 s of 50 Hz hum at `amplitude` over noise a hundredth of it, at 1 kHz; at 2e38 the sums of
    /// a few dozen products overflow `Float`, which the removal must notice and avoid.
    static func humOverNoise(amplitude: Double) -> [Float] {
        var generator = SplitMix64(seed: 77)
        return (0..<4000).map { n in
            let hum = amplitude * sin(2 * Double.pi * 50 * Double(n) / 1000 + 0.4)
            return Float(hum + 0.01 * amplitude * generator.normal())
        }
    }

    @Test(arguments: [1e-20, 1.0, 2e38])
    func hugeAndTinyAmplitudesAreRemovedWithoutOverflow(amplitude: Double) throws {
        let signal = Self.humOverNoise(amplitude: amplitude)
        let cleaned = try MainsHum.remove(signal, sampleRate: 1000, mainsFrequency: 50)
        try #require(cleaned.count == signal.count)
        #expect(cleaned.allSatisfy { $0.isFinite })
        // What is left is the noise (1 % of the hum): the hum is gone, whatever the scale.
        let residual = (cleaned.map { Double($0) * Double($0) }.reduce(0, +) / Double(cleaned.count)).squareRoot()
        #expect(residual < 0.03 * amplitude, "residual RMS \(residual) for amplitude \(amplitude)")
    }
}
