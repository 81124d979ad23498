import MyoSignal
import Testing
@testable import MyoDetect

/// The detector's eight-sample block band-pass against the sample-by-sample `SOSFilter` cascade
/// it replaces (in `Double` inside), on noise with a DC offset and bursts, at wearable to
/// laboratory rates.
@Suite struct EMGBandPassTests {
    @Test(arguments: [250.0, 1000.0, 2048.0, 4000.0])
    func matchesTheSampleBySampleCascade(sampleRate: Double) throws {
        let sections = try Butterworth.design(order: 4, band: .highPass(20), sampleRate: sampleRate)
            + Butterworth.design(order: 2, band: .lowPass(min(450, 0.45 * sampleRate)), sampleRate: sampleRate)
        var rng = SyntheticEMG.Generator(state: UInt64(sampleRate))
        // 4.003 s: not a whole number of blocks, so the last samples take the one-sample path.
        let count = Int(4.003 * sampleRate)
        let input = (0..<count).map { n -> Float in
            let burst = (n / Int(sampleRate / 4)) % 3 == 0 ? 40.0 : 1.0
            return Float(3000 + burst * rng.gaussian())
        }
        var reference = SOSFilter(sections: sections, initialCondition: .steadyStateAtFirstSample)
        let expected = reference.process(input)
        var filter = try #require(EMGBandPass(sections: sections))
        filter.prime(firstSample: Double(input[0]))
        var output = [Float](repeating: 0, count: count)
        input.withUnsafeBufferPointer { x in output.withUnsafeMutableBufferPointer { filter.filter(x, into: $0) } }
        var error = 0.0, power = 0.0
        for n in 0..<count {
            error += Double(output[n] - expected[n]) * Double(output[n] - expected[n])
            power += Double(expected[n]) * Double(expected[n])
        }
        // Relative RMS difference: Float rounding of the block matrices and state only.
        #expect((error / power).squareRoot() < 1e-5, "relative RMS difference \((error / power).squareRoot())")
        // The DC offset is gone from the first sample on (steady-state start).
        #expect(abs(output[0]) < 1)
    }

    @Test func fourSectionsAreRefused() {
        let identity = SecondOrderSection(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)
        #expect(EMGBandPass(sections: Array(repeating: identity, count: 4)) == nil)
    }
}
