import Foundation

/// A cascade of second-order sections run causally, chunk by chunk, with its state carried over.
///
/// Each section is in transposed direct form II, like scipy.signal.sosfilt, with its two state
/// values and all arithmetic in `Double` so that low cutoffs at high rates (0.1 Hz at 4 kHz, poles
/// within 1e-4 of the unit circle) stay accurate over hours. Feeding a signal in chunks of any
/// sizes gives exactly the same samples as one call on the whole signal.
/// Complexity: O(n·S) time for n samples and S sections, O(S) memory.
public struct SOSFilter: Sendable {
    /// The sections, applied in order.
    public let sections: [SecondOrderSection]
    /// Two state values per section, flattened (section s uses 2s and 2s+1).
    private var state: [Double]
    /// Whether the next sample is the first; used by `.steadyStateAtFirstSample`.
    private var awaitingFirstSample: Bool
    private let initialCondition: InitialCondition

    /// How the filter state starts.
    public enum InitialCondition: Sendable, Equatable {
        /// All state zero (scipy sosfilt without `zi`): a signal with an offset starts with a step transient.
        case zero
        /// The steady state for a constant input equal to the first sample (scipy
        /// `sosfilt_zi(sos) * x[0]`): no start-up transient on signals with a DC offset.
        case steadyStateAtFirstSample
    }

    /// Creates a filter over `sections`, with its state set by `initialCondition`.
    public init(sections: [SecondOrderSection], initialCondition: InitialCondition = .zero) {
        self.sections = sections
        self.state = Array(repeating: 0, count: 2 * sections.count)
        self.initialCondition = initialCondition
        self.awaitingFirstSample = initialCondition == .steadyStateAtFirstSample
    }

    /// Forgets all history, as if newly created.
    public mutating func reset() {
        for index in state.indices { state[index] = 0 }
        awaitingFirstSample = initialCondition == .steadyStateAtFirstSample
    }

    /// Sets the state to the steady state of a constant input `level` (scipy `sosfilt_zi(sos) * level`).
    ///
    /// For each section the steady-state output is y = level·H_s(1); the transposed direct
    /// form II state that reproduces it is (y - b0·level, b2·level - a2·y). O(S).
    public mutating func setSteadyState(forConstantInput level: Double) {
        var input = level
        for (index, section) in sections.enumerated() {
            let denominator = 1 + section.a1 + section.a2
            // A pole at z = 1 has no steady state; leave that section at rest rather than divide by zero.
            let output = denominator != 0 ? input * (section.b0 + section.b1 + section.b2) / denominator : 0
            state[2 * index] = output - section.b0 * input
            state[2 * index + 1] = section.b2 * input - section.a2 * output
            input = output
        }
        awaitingFirstSample = false
    }

    /// Filters one chunk and returns the same number of samples. O(chunk.count · S).
    public mutating func process(_ chunk: [Float]) -> [Float] {
        var output = [Float](repeating: 0, count: chunk.count)
        guard !chunk.isEmpty else { return output }
        if awaitingFirstSample { setSteadyState(forConstantInput: Double(chunk[0])) }
        if sections.count == 3 {
            chunk.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { out in processThreeSections(input, out) }
            }
            return output
        }
        chunk.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                state.withUnsafeMutableBufferPointer { z in
                    sections.withUnsafeBufferPointer { sos in
                        for n in 0..<input.count {
                            var value = Double(input[n])
                            for s in 0..<sos.count {
                                let c = sos[s]
                                let y = c.b0 * value + z[2 * s]
                                z[2 * s] = c.b1 * value - c.a1 * y + z[2 * s + 1]
                                z[2 * s + 1] = c.b2 * value - c.a2 * y
                                value = y
                            }
                            out[n] = Float(value)
                        }
                    }
                }
            }
        }
        return output
    }

    /// The cascade of exactly three sections (a 4th-order band edge and a 2nd-order one, the EMG
    /// band-pass) with coefficients and state in locals for the whole chunk: the general loop
    /// reloads them from memory for every sample, which costs several times the arithmetic. The
    /// operations and their order are those of the general loop, so the output is bit-identical.
    /// O(chunk.count).
    private mutating func processThreeSections(_ input: UnsafeBufferPointer<Float>, _ out: UnsafeMutableBufferPointer<Float>) {
        let c0 = sections[0], c1 = sections[1], c2 = sections[2]
        var z00 = state[0], z01 = state[1], z10 = state[2], z11 = state[3], z20 = state[4], z21 = state[5]
        for n in 0..<input.count {
            let x = Double(input[n])
            let y0 = c0.b0 * x + z00
            z00 = c0.b1 * x - c0.a1 * y0 + z01
            z01 = c0.b2 * x - c0.a2 * y0
            let y1 = c1.b0 * y0 + z10
            z10 = c1.b1 * y0 - c1.a1 * y1 + z11
            z11 = c1.b2 * y0 - c1.a2 * y1
            let y2 = c2.b0 * y1 + z20
            z20 = c2.b1 * y1 - c2.a1 * y2 + z21
            z21 = c2.b2 * y1 - c2.a2 * y2
            out[n] = Float(y2)
        }
        state[0] = z00; state[1] = z01; state[2] = z10; state[3] = z11; state[4] = z20; state[5] = z21
    }

    /// Filters one chunk in Double precision, for internal multi-pass use. O(chunk.count · S).
    mutating func processDouble(_ values: inout [Double]) {
        guard !values.isEmpty else { return }
        if awaitingFirstSample { setSteadyState(forConstantInput: values[0]) }
        values.withUnsafeMutableBufferPointer { v in
            state.withUnsafeMutableBufferPointer { z in
                sections.withUnsafeBufferPointer { sos in
                    for n in 0..<v.count {
                        var value = v[n]
                        for s in 0..<sos.count {
                            let c = sos[s]
                            let y = c.b0 * value + z[2 * s]
                            z[2 * s] = c.b1 * value - c.a1 * y + z[2 * s + 1]
                            z[2 * s + 1] = c.b2 * value - c.a2 * y
                            value = y
                        }
                        v[n] = value
                    }
                }
            }
        }
    }

    /// The pad length scipy.signal.sosfiltfilt uses by default: 3·(2S + 1 - min(#b2==0, #a2==0)).
    public static func defaultPadLength(for sections: [SecondOrderSection]) -> Int {
        let zeroB2 = sections.filter { $0.b2 == 0 }.count
        let zeroA2 = sections.filter { $0.a2 == 0 }.count
        return 3 * (2 * sections.count + 1 - min(zeroB2, zeroA2))
    }

    /// Zero-phase filtering, forward then backward, matching scipy.signal.sosfiltfilt(sos, x).
    ///
    /// Like scipy, the signal is extended at both ends by `padLength` samples of odd reflection
    /// (2·x[0] - x[k]), each pass starts from the steady state of its first sample, and the
    /// padding is cut off again. The magnitude response is squared and the phase is zero, so
    /// onsets are not delayed — but a narrow filter rings on both sides of a transient.
    /// This is a whole-signal operation (the backward pass needs the end); O(n·S) time, O(n) memory.
    /// - Throws: `DSPError.signalTooShort` unless `signal.count > padLength` (scipy's rule).
    public static func filtfilt(_ sections: [SecondOrderSection], _ signal: [Float], padLength: Int? = nil) throws(DSPError) -> [Float] {
        let pad = padLength ?? defaultPadLength(for: sections)
        guard pad >= 0 else { throw .invalidParameter(name: "padLength", value: Double(pad)) }
        guard signal.count > pad else { throw .signalTooShort(length: signal.count, required: pad + 1) }
        let n = signal.count
        var extended = [Double](repeating: 0, count: n + 2 * pad)
        signal.withUnsafeBufferPointer { x in
            extended.withUnsafeMutableBufferPointer { e in
                let first = Double(x[0]), last = Double(x[n - 1])
                for k in 0..<pad {
                    e[k] = 2 * first - Double(x[pad - k])
                    e[pad + n + k] = 2 * last - Double(x[n - 2 - k])
                }
                for k in 0..<n { e[pad + k] = Double(x[k]) }
            }
        }
        var forward = SOSFilter(sections: sections, initialCondition: .steadyStateAtFirstSample)
        forward.processDouble(&extended)
        extended.reverse()
        var backward = SOSFilter(sections: sections, initialCondition: .steadyStateAtFirstSample)
        backward.processDouble(&extended)
        extended.reverse()
        return extended[pad..<(pad + n)].map { Float($0) }
    }

    /// The complex gain of the cascade at each frequency in Hz (like scipy.signal.sosfreqz with
    /// `worN` frequencies and `fs`). O(F·S).
    public static func frequencyResponse(_ sections: [SecondOrderSection], frequencies: [Double], sampleRate: Double) -> [FrequencyResponsePoint] {
        frequencies.map { frequency in
            let omega = 2 * Double.pi * frequency / sampleRate
            var h = ComplexDouble(1)
            for section in sections { h = h * section.response(atRadiansPerSample: omega) }
            return FrequencyResponsePoint(frequency: frequency, real: h.re, imaginary: h.im)
        }
    }
}
