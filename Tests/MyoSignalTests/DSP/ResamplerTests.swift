import Foundation
@testable import MyoSignal
import Testing

@Suite("Resampler against scipy resample_poly")
struct ResamplerTests {
    let reference: DSPReference

    init() throws { reference = try DSPReference.load() }

    @Test func wholeSignalMatchesResamplePoly() throws {
        #expect(reference.resample.count >= 4)
        for testCase in reference.resample {
            let output = try Resampler.resample(testCase.input.map { Float($0) }, up: testCase.up, down: testCase.down)
            #expect(output.count == testCase.output.count, "\(testCase.up)/\(testCase.down)")
            let error = relativeError(output, testCase.output)
            #expect(error < 1e-5, "\(testCase.up)/\(testCase.down): error \(error)")
        }
    }

    @Test func chunkedEqualsWholeSignal() throws {
        for testCase in reference.resample {
            let input = testCase.input.map { Float($0) }
            let expected = try Resampler.resample(input, up: testCase.up, down: testCase.down)
            for seed in UInt64(10)...13 {
                var resampler = try Resampler(up: testCase.up, down: testCase.down)
                var output: [Float] = []
                var start = 0
                for size in randomChunkSizes(total: input.count, seed: seed, maximum: 40) {
                    output += resampler.process(Array(input[start..<(start + size)]))
                    start += size
                }
                output += resampler.finish()
                #expect(output == expected, "\(testCase.up)/\(testCase.down) seed \(seed)")
            }
        }
    }

    @Test func factorsForCommonRates() throws {
        #expect(try Resampler.factors(from: 2048, to: 1000) == (125, 256))
        #expect(try Resampler.factors(from: 250, to: 1000) == (4, 1))
        #expect(try Resampler.factors(from: 100, to: 25) == (1, 4))
        #expect(try Resampler.factors(from: 12.8, to: 25) == (125, 64))
        #expect(try Resampler.factors(from: 487.5, to: 500) == (40, 39))
        #expect(throws: DSPError.unsupportedRateRatio(from: 1000, to: Double.pi)) { try Resampler.factors(from: 1000, to: Double.pi) }
        #expect(throws: DSPError.invalidResamplingFactors(up: 0, down: 3)) { try Resampler(up: 0, down: 3) }
        let reduced = try Resampler(up: 500, down: 250)
        #expect(reduced.up == 2 && reduced.down == 1)
    }

    @Test func identityAndEmptyInput() throws {
        let input: [Float] = [1, -2, 3, 4.5]
        #expect(try Resampler.resample(input, up: 3, down: 3) == input)
        #expect(try Resampler.resample([], up: 2, down: 1).isEmpty)
    }
}
