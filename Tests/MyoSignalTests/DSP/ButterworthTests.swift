import Foundation
@testable import MyoSignal
import Testing

@Suite("Butterworth and SOSFilter against scipy")
struct ButterworthTests {
    let reference: DSPReference

    init() throws { reference = try DSPReference.load() }

    @Test func causalOutputMatchesSosfilt() throws {
        #expect(reference.butter.count >= 12)
        for testCase in reference.butter {
            let sections = try Butterworth.design(order: testCase.order, band: testCase.band.filterBand, sampleRate: testCase.fs)
            var filter = SOSFilter(sections: sections)
            let output = filter.process(reference.inputFloats)
            let error = relativeError(output, testCase.output)
            #expect(error < 2e-5, "order \(testCase.order) \(testCase.band.type) \(testCase.band.edges) at \(testCase.fs) Hz: error \(error)")
        }
    }

    @Test func steadyStateStartMatchesSosfiltZi() throws {
        for testCase in reference.butter {
            let sections = try Butterworth.design(order: testCase.order, band: testCase.band.filterBand, sampleRate: testCase.fs)
            var filter = SOSFilter(sections: sections, initialCondition: .steadyStateAtFirstSample)
            let output = filter.process(reference.inputFloats)
            let error = relativeError(output, testCase.outputSteadyState)
            #expect(error < 2e-5, "order \(testCase.order) \(testCase.band.type) at \(testCase.fs) Hz: error \(error)")
        }
    }

    @Test func frequencyResponseMatchesSosfreqz() throws {
        for testCase in reference.butter {
            let sections = try Butterworth.design(order: testCase.order, band: testCase.band.filterBand, sampleRate: testCase.fs)
            let response = SOSFilter.frequencyResponse(sections, frequencies: testCase.freqs, sampleRate: testCase.fs)
            #expect(relativeError(response.map(\.real), testCase.real) < 1e-8)
            #expect(relativeError(response.map(\.imaginary), testCase.imag) < 1e-8)
            let expectedOrder = testCase.band.edges.count == 2 ? 2 * testCase.order : testCase.order
            #expect(sections.reduce(0) { $0 + ($1.isFirstOrder ? 1 : 2) } == expectedOrder)
        }
    }

    @Test func chunkedFilteringEqualsWholeSignal() throws {
        let sections = try Butterworth.design(order: 4, band: .bandPass(20, 450), sampleRate: 2048)
        let input = reference.inputFloats
        var whole = SOSFilter(sections: sections, initialCondition: .steadyStateAtFirstSample)
        let expected = whole.process(input)
        for seed in UInt64(1)...5 {
            var chunked = SOSFilter(sections: sections, initialCondition: .steadyStateAtFirstSample)
            var output: [Float] = []
            var start = 0
            for size in randomChunkSizes(total: input.count, seed: seed) {
                output += chunked.process(Array(input[start..<(start + size)]))
                start += size
            }
            #expect(output == expected)
        }
    }

    @Test func filtfiltMatchesSosfiltfilt() throws {
        for testCase in reference.filtfilt {
            let sections = try Butterworth.design(order: testCase.order, band: testCase.band.filterBand, sampleRate: testCase.fs)
            let output = try SOSFilter.filtfilt(sections, reference.inputFloats)
            let error = relativeError(output, testCase.output)
            #expect(error < 2e-5, "order \(testCase.order) \(testCase.band.type) at \(testCase.fs) Hz: error \(error)")
        }
    }

    @Test func filtfiltRejectsSignalsNotLongerThanThePadding() throws {
        let sections = try Butterworth.design(order: 2, band: .lowPass(10), sampleRate: 250)
        let pad = SOSFilter.defaultPadLength(for: sections)
        #expect(pad == 9)  // one biquad: 3·(2·1 + 1)
        let oddPad = SOSFilter.defaultPadLength(for: try Butterworth.design(order: 3, band: .lowPass(10), sampleRate: 250))
        #expect(oddPad == 12)  // a first-order section counts one tap less: 3·(2·2 + 1 - 1)
        #expect(throws: DSPError.signalTooShort(length: pad, required: pad + 1)) {
            try SOSFilter.filtfilt(sections, [Float](repeating: 1, count: pad))
        }
        #expect(try SOSFilter.filtfilt(sections, [Float](repeating: 1, count: pad + 1)).count == pad + 1)
    }

    @Test func invalidDesignsThrowClearErrors() {
        #expect(throws: DSPError.invalidOrder(0)) { try Butterworth.design(order: 0, band: .lowPass(10), sampleRate: 250) }
        #expect(throws: DSPError.cutoffOutOfRange(frequency: 125, nyquist: 125)) {
            try Butterworth.design(order: 2, band: .lowPass(125), sampleRate: 250)
        }
        #expect(throws: DSPError.cutoffOutOfRange(frequency: 0, nyquist: 125)) {
            try Butterworth.design(order: 2, band: .highPass(0), sampleRate: 250)
        }
        #expect(throws: DSPError.cutoffOutOfRange(frequency: -5, nyquist: 500)) {
            try Butterworth.design(order: 2, band: .bandPass(-5, 100), sampleRate: 1000)
        }
        #expect(throws: DSPError.bandEdgesNotIncreasing(low: 100, high: 100)) {
            try Butterworth.design(order: 2, band: .bandStop(100, 100), sampleRate: 1000)
        }
        #expect(throws: DSPError.self) { try Butterworth.design(order: 2, band: .lowPass(10), sampleRate: .nan) }
        #expect(throws: DSPError.invalidSampleRate(-250)) { try Butterworth.design(order: 2, band: .lowPass(10), sampleRate: -250) }
        do {
            _ = try Butterworth.design(order: 2, band: .bandPass(300, 200), sampleRate: 1000)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("low edge must be below"))
        }
    }
}
