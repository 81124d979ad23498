import Foundation
@testable import MyoSignal
import Testing

@Suite("Notch, rectification, moving windows and Teager–Kaiser against numpy/scipy")
struct EnvelopeTests {
    let reference: DSPReference

    init() throws { reference = try DSPReference.load() }

    @Test func notchMatchesIirnotch() throws {
        #expect(reference.notch.count == 3)
        for testCase in reference.notch {
            let section = try Notch.design(frequency: testCase.w0, quality: testCase.q, sampleRate: testCase.fs)
            let mine = [section.b0, section.b1, section.b2, 1, section.a1, section.a2]
            #expect(relativeError(mine, testCase.b + testCase.a) < 1e-9)  // the fixture keeps 10 digits
            var filter = SOSFilter(sections: [section])
            #expect(relativeError(filter.process(reference.inputFloats), testCase.output) < 2e-5)
            let gainAtNotch = SOSFilter.frequencyResponse([section], frequencies: [testCase.w0], sampleRate: testCase.fs)[0].magnitude
            #expect(gainAtNotch < 1e-9)
        }
        #expect(throws: DSPError.invalidQualityFactor(0)) { try Notch.design(frequency: 50, quality: 0, sampleRate: 1000) }
        #expect(throws: DSPError.cutoffOutOfRange(frequency: 60, nyquist: 50)) { try Notch.design(frequency: 60, sampleRate: 100) }
    }

    @Test func rectifyIsAbsoluteValue() {
        let input: [Float] = [-3, 0, 2.5, -0.0, -1e-30]
        #expect(Rectify.fullWave(input) == [3, 0, 2.5, 0, 1e-30])
        var inPlace = input
        Rectify.fullWave(inPlace: &inPlace)
        #expect(inPlace == Rectify.fullWave(input))
    }

    @Test func movingWindowsMatchNumpyConvolution() throws {
        let input = reference.inputFloats
        for testCase in reference.moving {
            let w = testCase.window
            #expect(relativeError(try MovingAverage.apply(input, windowLength: w), testCase.trailingMean) < 1e-6, "mean W=\(w)")
            #expect(relativeError(try MovingAverage.apply(input, windowLength: w, alignment: .centred), testCase.centredMean) < 1e-6, "centred mean W=\(w)")
            #expect(relativeError(try MovingRMS.apply(input, windowLength: w), testCase.trailingRMS) < 1e-6, "RMS W=\(w)")
            #expect(relativeError(try MovingRMS.apply(input, windowLength: w, alignment: .centred), testCase.centredRMS) < 1e-6, "centred RMS W=\(w)")
        }
        #expect(throws: DSPError.invalidWindowLength(0)) { try MovingRMS(windowLength: 0) }
    }

    @Test func movingWindowsChunkedEqualWholeSignal() throws {
        let input = reference.inputFloats
        for alignment in [WindowAlignment.trailing, .centred] {
            for window in [1, 4, 33, 700] {
                let expectedMean = try MovingAverage.apply(input, windowLength: window, alignment: alignment)
                let expectedRMS = try MovingRMS.apply(input, windowLength: window, alignment: alignment)
                #expect(expectedMean.count == input.count && expectedRMS.count == input.count)
                for seed in UInt64(20)...22 {
                    var average = try MovingAverage(windowLength: window, alignment: alignment)
                    var rms = try MovingRMS(windowLength: window, alignment: alignment)
                    var means: [Float] = [], rmsValues: [Float] = []
                    var start = 0
                    for size in randomChunkSizes(total: input.count, seed: seed) {
                        let chunk = Array(input[start..<(start + size)])
                        means += average.process(chunk)
                        rmsValues += rms.process(chunk)
                        start += size
                    }
                    means += average.finish()
                    rmsValues += rms.finish()
                    #expect(means == expectedMean, "\(alignment) W=\(window) seed \(seed)")
                    #expect(rmsValues == expectedRMS, "\(alignment) W=\(window) seed \(seed)")
                }
            }
        }
    }

    @Test func movingRMSDoesNotDriftOverMillionsOfSamples() throws {
        // A huge burst followed by tiny values: a plain running sum would keep ~1e-10 of the
        // burst's energy as error, larger than the tiny signal's own power.
        var rms = try MovingRMS(windowLength: 50)
        var generator = SplitMix64(seed: 3)
        var last: [Float] = []
        for block in 0..<40 {
            var chunk = (0..<100_000).map { _ in Float(generator.normal()) * (block == 0 ? 1e6 : 1e-3) }
            if block == 39 { chunk.replaceSubrange(chunk.count - 50..<chunk.count, with: repeatElement(1e-3, count: 50)) }
            last = rms.process(chunk)
        }
        #expect(abs(Double(last.last ?? 0) - 1e-3) < 1e-9)
    }

    @Test func teagerKaiserMatchesNumpyAndStreams() {
        let input = reference.inputFloats
        let whole = TeagerKaiser.apply(input)
        #expect(relativeError(whole, reference.teager) < 1e-6)
        var chunked = TeagerKaiser()
        var output: [Float] = []
        var start = 0
        for size in randomChunkSizes(total: input.count, seed: 31, maximum: 5) {
            output += chunked.process(Array(input[start..<(start + size)]))
            start += size
        }
        output += chunked.finish()
        #expect(output == whole)
        #expect(TeagerKaiser.apply([2]) == [0])
        #expect(TeagerKaiser.apply([]).isEmpty)
    }
}
