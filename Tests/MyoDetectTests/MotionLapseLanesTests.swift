import Foundation
@testable import MyoDetect
import MyoSignal
import Testing

/// The lapse matcher computes four correlations per vector (four templates, or four candidate
/// onsets); these tests hold it to plain scalar dot products summed in the documented order,
/// bit for bit, and check the ring's bulk reads against its per-sample ones.
@Suite struct MotionLapseLanesTests {
    /// Σ a[k]·b[k] in four interleaved sums (term k to sum k mod 4, the tail to the first),
    /// added as (s0 + s1) + (s2 + s3): the order the matcher promises.
    static func interleavedDot(_ a: [Float], _ b: ArraySlice<Float>, _ count: Int) -> Float {
        var s: [Float] = [0, 0, 0, 0]
        var k = 0
        while k + 4 <= count {
            for j in 0..<4 { s[j] += a[k + j] * b[b.startIndex + k + j] }
            k += 4
        }
        while k < count { s[0] += a[k] * b[b.startIndex + k]; k += 1 }
        return (s[0] + s[1]) + (s[2] + s[3])
    }

    static func noise(_ count: Int, seed: UInt64, scale: Float) -> [Float] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in scale * Float(random.unit() * 2 - 1) }
    }

    /// 100 Hz gives 40-sample templates (whole groups of four); 97.5 Hz gives 39 (a tail).
    @Test(arguments: [100.0, 97.5])
    func bestMatchEqualsScalarCorrelations(sampleRate: Double) throws {
        let highPass = try #require(MotionFrontEnd.lapseHighPassSections(sampleRate: sampleRate))
        let bank = MotionLapseTemplates(sampleRate: sampleRate, highPass: highPass)
        for seed in 1...20 as ClosedRange<UInt64> {
            let window = Self.noise(bank.length, seed: seed, scale: 0.05)
            let match = try #require(window.withUnsafeBufferPointer { bank.bestMatch($0, minimumNorm: 0) })
            var best = -Float.infinity, frequency = 0.0
            for template in bank.templates {
                let c = Self.interleavedDot(template.samples, window[...], bank.length)
                if c > best { best = c; frequency = template.frequency }
            }
            #expect(match.correlation.bitPattern == best.bitPattern && match.frequency == frequency, "seed \(seed)")
        }
    }

    @Test(arguments: [100.0, 97.5])
    func anchorEqualsScalarMeanCorrelations(sampleRate: Double) throws {
        let highPass = try #require(MotionFrontEnd.lapseHighPassSections(sampleRate: sampleRate))
        let bank = MotionLapseTemplates(sampleRate: sampleRate, highPass: highPass)
        var mean = [Float](repeating: 0, count: bank.length)
        for template in bank.templates { for k in 0..<bank.length { mean[k] += template.samples[k] } }
        mean = mean.map { $0 / Float(bank.templates.count) }
        for (seed, starts) in zip(1...12 as ClosedRange<UInt64>, [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 6]) {
            let samples = Self.noise(starts - 1 + bank.length + 3, seed: seed, scale: 0.05)
            var expected = 0, largest = -Float.infinity
            for start in 0..<starts {
                let c = Self.interleavedDot(mean, samples[start...], bank.length)
                if c > largest { largest = c; expected = start }
            }
            // With three samples of slack (four onsets per vector) and without (the last ones one by one).
            let padded = samples.withUnsafeBufferPointer { bank.anchor($0, starts: starts) }
            let exact = Array(samples.dropLast(3)).withUnsafeBufferPointer { bank.anchor($0, starts: starts) }
            #expect(padded == expected && exact == expected, "seed \(seed), \(starts) starts")
        }
        // Too short a window for the starts asked: the first start.
        #expect([Float](repeating: 1, count: 10).withUnsafeBufferPointer { bank.anchor($0, starts: 3) } == 0)
    }

    /// Whenever the best template is slow, close and strong, the cheap slow-template test says so
    /// (it may only skip windows where no lapse can be found).
    @Test func slowTemplateTestNeverMissesALapseFit() throws {
        let rate = 100.0
        let highPass = try #require(MotionFrontEnd.lapseHighPassSections(sampleRate: rate))
        let bank = MotionLapseTemplates(sampleRate: rate, highPass: highPass)
        let limit = MotionDetectorParameters().lapseMaximumFrequency
        var fits = 0
        for seed in 1...200 as ClosedRange<UInt64> {
            // A damped swing at a frequency between 3 and 9 Hz, high-passed, plus noise.
            var random = SplitMix64(seed: seed)
            let frequency = 3 + 6 * random.unit(), tau = 0.05 + 0.2 * random.unit()
            var filter = SOSFilter(sections: highPass, initialCondition: .zero)
            let swing = filter.process((0..<bank.length).map { k in
                let t = Double(k) / rate
                return Float(-0.05 * exp(-t / tau) * sin(2 * .pi * frequency * t))
            })
            let window = zip(swing, Self.noise(bank.length, seed: seed + 1000, scale: 0.004)).map { $0 + $1 }
            let (match, slow) = window.withUnsafeBufferPointer {
                (bank.bestMatch($0, minimumNorm: 0.01),
                 bank.slowTemplateFits($0, below: limit, similarity: 0.9, minimumCorrelation: 0.01, minimumNorm: 0.01))
            }
            let lapseFit = match.map { $0.frequency < limit && $0.similarity >= 0.9 && $0.correlation >= 0.01 } ?? false
            if lapseFit { fits += 1; #expect(slow, "seed \(seed): \(String(describing: match))") }
            if match == nil { #expect(!slow) }
        }
        #expect(fits > 20)
    }

    @Test func ringReadsInBulkAsOneByOne() {
        var ring = MotionRing(capacity: 7)
        func measure(_ i: Int) -> MotionMeasure {
            MotionMeasure(envelope: Float(i), energy: 0, movement: 0, alongGravity: 0, gaitEnergy: 0, lapse: -Float(i), lapseLevel: 0)
        }
        ring.appending { appender in for i in 0..<5 { appender.store(measure(i)) } }
        for i in 5..<12 { ring.store(i, measure(i)) }
        // Held: 5...11 (the slots have wrapped); outside them, empty measures.
        var seen: [Float] = []
        ring.forEach(in: 2..<14) { seen.append($0.envelope) }
        #expect(seen == [0, 0, 0, 5, 6, 7, 8, 9, 10, 11, 0, 0])
        #expect(seen == (2..<14).map { ring.envelope($0) })
        var lapse = [Float](repeating: 9, count: 4)
        lapse.withUnsafeMutableBufferPointer { ring.copyLapse(from: 10, into: $0) }
        #expect(lapse == [-10, -11, 0, 0])
        var none: [Float] = []
        ring.forEach(in: 20..<22) { none.append($0.envelope) }
        #expect(none == [0, 0])
    }
}
