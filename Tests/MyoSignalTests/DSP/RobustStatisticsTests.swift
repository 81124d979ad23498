import Foundation
@testable import MyoSignal
import Testing

@Suite("Robust statistics against numpy and scipy")
struct RobustStatisticsTests {
    let reference: DSPReference

    init() throws { reference = try DSPReference.load() }

    @Test func percentilesMedianAndMadMatchNumpy() throws {
        let stats = reference.statistics
        let input = stats.input.map { Float($0) }
        let values = try #require(try RobustStatistics.percentiles(input, stats.percentiles))
        #expect(relativeError(values, stats.values) < 1e-9)
        for (p, expected) in zip(stats.percentiles, stats.values) {
            let single = try #require(try RobustStatistics.percentile(input.shuffled(), p))
            #expect(abs(single - expected) <= 1e-9 * max(1, abs(expected)), "p = \(p)")
        }
        #expect(abs((RobustStatistics.median(input) ?? .nan) - stats.median) < 1e-12)
        #expect(abs((RobustStatistics.medianAbsoluteDeviation(input) ?? .nan) - stats.mad) < 1e-9)
        #expect(abs((RobustStatistics.medianAbsoluteDeviation(input, scaledForNormal: true) ?? .nan) - stats.madNormal) < 1e-9)
        #expect(abs((RobustStatistics.median(stats.evenInput.map { Float($0) }) ?? .nan) - stats.evenMedian) < 1e-9)
    }

    @Test func edgeCases() throws {
        #expect(RobustStatistics.median([]) == nil)
        #expect(RobustStatistics.median([.nan, .nan]) == nil)
        #expect(RobustStatistics.median([3, .nan, 1]) == 2)
        #expect(RobustStatistics.median([7]) == 7)
        #expect(try RobustStatistics.percentile([5, 5, 5, 5], 37) == 5)
        #expect(throws: DSPError.invalidQuantile(101)) { try RobustStatistics.percentile([1], 101) }
        // Sorted, reversed and constant inputs must not degrade quickselect into a hang.
        let ramp = (0..<200_001).map { Float($0) }
        #expect(RobustStatistics.median(ramp) == 100_000)
        #expect(RobustStatistics.median(ramp.reversed()) == 100_000)
        #expect(RobustStatistics.median([Float](repeating: 2, count: 100_000)) == 2)
    }

    @Test func p2EstimatesQuantilesOfMillionsOfSamples() throws {
        var generator = SplitMix64(seed: 99)
        let n = 2_000_000
        let normal = (0..<n).map { _ in Float(generator.normal()) }
        let exponential = (0..<n).map { _ in Float(-log(max(Double(generator.next() >> 11) / Double(1 << 53), 1e-300))) }
        let uniform = (0..<n).map { _ in Float(Double(generator.next() >> 11) / Double(1 << 53)) }
        for (name, data, q, tolerance) in [("normal", normal, 0.5, 0.005), ("normal", normal, 0.95, 0.01),
                                           ("exponential", exponential, 0.9, 0.01), ("uniform", uniform, 0.99, 0.002)] {
            var estimator = try P2Quantile(quantile: q)
            var start = 0
            for size in randomChunkSizes(total: n, seed: 5, maximum: 50_000) {
                estimator.add(contentsOf: Array(data[start..<(start + size)]))
                start += size
            }
            let exact = try #require(try RobustStatistics.percentile(data, q * 100))
            let estimate = try #require(estimator.estimate)
            #expect(abs(estimate - exact) < tolerance, "\(name) q=\(q): P² \(estimate), exact \(exact)")
            #expect(estimator.count == n)
        }
    }

    @Test func p2WithFewSamplesIsExact() throws {
        var estimator = try P2Quantile(quantile: 0.5)
        #expect(estimator.estimate == nil)
        estimator.add(contentsOf: [4, 1, 3])
        #expect(estimator.estimate == 3)
        #expect(throws: DSPError.invalidQuantile(-0.1)) { try P2Quantile(quantile: -0.1) }
    }
}
