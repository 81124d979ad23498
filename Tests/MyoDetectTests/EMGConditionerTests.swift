import Testing
@testable import MyoDetect

@Suite struct EMGConditionerTests {
    /// The lane-wise check finds one broken sample at any position, in the SIMD body or the tail,
    /// and does not mistake the largest finite values for broken ones.
    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func findsANonFiniteSampleAnywhere(broken: Float) {
        for length in 0...21 {
            var samples = (0..<length).map { $0 % 2 == 0 ? Float.greatestFiniteMagnitude : -Float.greatestFiniteMagnitude }
            #expect(!EMGConditioner.containsNonFinite(samples))
            for position in 0..<length {
                let kept = samples[position]
                samples[position] = broken
                #expect(EMGConditioner.containsNonFinite(samples), "length \(length), position \(position)")
                samples[position] = kept
            }
        }
    }
}
