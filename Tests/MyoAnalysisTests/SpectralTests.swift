import Foundation
import Testing
@testable import MyoAnalysis

/// The spectral building blocks of the rhythm and coherence analyses against plain definitions.
struct SpectralTests {
    /// A direct DFT of `x` at bins 0...N/2, for reference.
    private func directDFT(_ x: [Double]) -> (re: [Double], im: [Double]) {
        let n = x.count
        var re = [Double](repeating: 0, count: n / 2 + 1), im = re
        for k in 0...(n / 2) {
            for (i, v) in x.enumerated() {
                let angle = -2 * Double.pi * Double((k * i) % n) / Double(n)
                re[k] += v * cos(angle)
                im[k] += v * sin(angle)
            }
        }
        return (re, im)
    }

    private func noise(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
    }

    @Test(arguments: [4, 8, 16, 64, 512, 4096])
    func fourierTransformMatchesDirectDFT(count: Int) throws {
        let transform = try #require(FourierTransform(count: count))
        let x = noise(count, seed: UInt64(count))
        var re = [Double](repeating: 0, count: count / 2 + 1), im = re
        var work = [Float](repeating: 0, count: transform.workCount)
        x.withUnsafeBufferPointer { input in
            re.withUnsafeMutableBufferPointer { r in
                im.withUnsafeMutableBufferPointer { m in
                    work.withUnsafeMutableBufferPointer { w in transform.realSpectrum(input, re: r, im: m, work: w) }
                }
            }
        }
        let reference = directDFT(x)
        let scale = (x.map { $0 * $0 }.reduce(0, +) * Double(count)).squareRoot()
        var worst = 0.0
        for k in 0...(count / 2) {
            worst = max(worst, abs(re[k] - reference.re[k]), abs(im[k] - reference.im[k]))
        }
        // Single-precision butterflies: errors of a few 1e-7 of the signal's energy scale.
        #expect(worst / scale < 2e-6)
    }

    @Test func fourierTransformRejectsLengthsThatAreNotPowersOfTwo() {
        #expect(FourierTransform(count: 0) == nil)
        #expect(FourierTransform(count: 2) == nil)
        #expect(FourierTransform(count: 1000) == nil)
        #expect(FourierTransform(count: 1 << 25) == nil)
    }

    @Test func sparseSegmentsGiveTheSpectrumOfTheDenseOnes() {
        let length = 2000
        var dense = WelchEstimator(sampleRate: 50, segmentLength: length, band: 0.3...15)
        var sparse = WelchEstimator(sampleRate: 50, segmentLength: length, band: 0.3...15)
        let positions = noise(24, seed: 7).map { Int(($0 + 0.5) * Double(length)) }
        for segment in 0..<3 {
            let impulses = positions.dropFirst(segment * 8).prefix(8).map { (index: $0, value: 1.0) }
                + [(index: 5, value: 2.0), (index: 5, value: 1.0)]
            var values = [Double](repeating: 0, count: length)
            for impulse in impulses { values[impulse.index] += impulse.value }
            dense.add(values)
            sparse.add(impulses: impulses + [(index: -1, value: 9), (index: length, value: 9)])
        }
        let a = dense.spectrum(), b = sparse.spectrum()
        #expect(a.frequencies == b.frequencies)
        #expect(a.frequencies.first.map { $0 >= 0.3 } == true && a.frequencies.last.map { $0 <= 15 } == true)
        let peak = a.power.max() ?? 0
        #expect(peak > 0)
        // The dense path's FFT is single precision; the sparse sum is double.
        #expect(zip(a.power, b.power).allSatisfy { abs($0 - $1) <= 1e-5 * peak })
    }

    @Test func envelopeLevelBinsFollowTheDecibelFormula() {
        let edges = EnvelopeRhythmAccumulator.levelEdges
        for x in noise(2000, seed: 3).map({ pow(10, $0 * 20) }) + [1e-12, 1.234e-3, 0.987, 7.5, 1e12, .greatestFiniteMagnitude] {
            let db = min(max(20 * log10(x), -180), 180)
            let expected = Int(((db + 180) / 0.05).rounded(.down))
            #expect(edges.withUnsafeBufferPointer { EnvelopeRhythmAccumulator.bin(of: x, edges: $0) } == expected, "level \(x)")
        }
    }

    @Test func envelopeDecimatorIsIndependentOfChunking() throws {
        let signal = noise(10_007, seed: 11).map { Float($0 * 100) }
        var whole = try EnvelopeDecimator(sampleRate: 1000, parameters: .init())
        whole.process(signal)
        var pieces = try EnvelopeDecimator(sampleRate: 1000, parameters: .init())
        var start = 0
        for size in [1, 3, 24, 25, 26, 999, 4000] + [Int](repeating: 1000, count: 10) where start < signal.count {
            let end = min(signal.count, start + size)
            pieces.process(Array(signal[start..<end]))
            start = end
        }
        var a = whole.rhythm, b = pieces.rhythm
        let finishedA = a.finish(), finishedB = b.finish()
        let ra = try #require(finishedA), rb = try #require(finishedB)
        // Bit for bit: every block is summed the same way whatever the chunking.
        #expect(ra.dutyCycle == rb.dutyCycle)
        #expect(ra.spectrum.power == rb.spectrum.power)
    }
}
