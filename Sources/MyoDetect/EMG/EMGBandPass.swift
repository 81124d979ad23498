import MyoSignal

/// The EMG band-pass (a cascade of at most three biquads: a 4th-order high-pass and a 2nd-order
/// low-pass), eight samples at a time; any cascade of up to three biquads runs the same way
/// (coherence uses it for the EMG's high-pass before rectification).
///
/// Why blocks: a biquad cascade run one sample at a time is a chain of dependent multiplies and
/// adds (each output waits for the previous one), and it cost a fifth of the detector's
/// instructions. Written in state-space form (six states: two per section in transposed direct
/// form II), eight outputs and the state eight samples later are linear in the state and the
/// eight inputs: `y = Cₛ·s + Cₓ·x` and `s' = Aₛ·s + Aₓ·x`, with matrices computed once from the
/// sections (in `Double`, by running the sections on unit states and unit impulses). Each block
/// is then 28 eight-lane multiply-adds in `Float` (one lane per output sample, or per state), with
/// no chain between the outputs of a block. The outputs equal the sample-by-sample cascade's up to
/// `Float` rounding (a test holds them within 1e-5 of `SOSFilter`'s in RMS at 250 Hz to 4 kHz).
///
/// Blocks start at multiples of eight samples from the first sample filtered, and `step` filters
/// single samples (for a stream's last few), so a caller that keeps that alignment gets the same
/// samples whatever its chunking (``EMGEventTracker`` feeds whole batches counted from the stream's
/// start and filters only the stream's last samples with `filter`). The state starts as the
/// steady state of the first sample (like
/// `SOSFilter.InitialCondition.steadyStateAtFirstSample`), so a DC offset gives no start-up
/// transient; the first sample is taken off every input, so the state never holds an electrode
/// offset (see `prime`). Complexity: O(1) per sample and memory.
public struct EMGBandPass: Sendable {
    /// Samples per block.
    public static let blockLength = 8
    /// Number of states: two per section, three sections (fewer are padded with identities).
    private static let stateCount = 6

    /// The block matrices by column, eight lanes each: `Cₛ` (one column per state; lane k = output
    /// k), `Cₓ` (one per input; lane k = output k), `Aₛ` and `Aₓ` (lane j = state j, lanes 6 and 7
    /// unused), in that order: 6 + 8 + 6 + 8 columns.
    private let blockColumns: [SIMD8<Float>]
    /// The one-sample matrices, row-major, in `Double`: A (6×6), B (6), C (6), D.
    private let stepA: [Double], stepB: [Double], stepC: [Double], stepD: Double
    /// The sections (b0, b1, b2, a1, a2), for the steady state.
    private let sections: [SecondOrderSection]
    /// The six states, of the input less `offset`.
    private var state = [Float](repeating: 0, count: 6)
    /// The first sample, subtracted from every input, and the cascade's response to it, added to
    /// every output.
    private var offset: Float = 0, levelOut: Float = 0
    /// Whether the state has been set from the first sample.
    public private(set) var primed = false

    /// The cascade over `sections`; nil when there are more than three.
    public init?(sections: [SecondOrderSection]) {
        guard sections.count <= 3, sections.allSatisfy({ [$0.b0, $0.b1, $0.b2, $0.a1, $0.a2].allSatisfy(\.isFinite) }) else {
            return nil
        }
        let identity = SecondOrderSection(b0: 1, b1: 0, b2: 0, a1: 0, a2: 0)
        let padded = sections + Array(repeating: identity, count: 3 - sections.count)
        self.sections = padded
        let n = Self.stateCount
        // One step of the cascade in Double: (output, next state).
        func advance(_ s: [Double], _ x: Double) -> (Double, [Double]) {
            var next = s, u = x
            for (k, section) in padded.enumerated() {
                let y = section.b0 * u + s[2 * k]
                next[2 * k] = section.b1 * u - section.a1 * y + s[2 * k + 1]
                next[2 * k + 1] = section.b2 * u - section.a2 * y
                u = y
            }
            return (u, next)
        }
        func unit(_ j: Int) -> [Double] {
            var state = [Double](repeating: 0, count: n)
            state[j] = 1
            return state
        }
        var a = [Double](repeating: 0, count: n * n), c = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let (y, next) = advance(unit(j), 0)
            c[j] = y
            for i in 0..<n { a[i * n + j] = next[i] }
        }
        let (d, b) = advance([Double](repeating: 0, count: n), 1)
        stepA = a; stepB = b; stepC = c; stepD = d
        // Block columns: run eight steps from each unit state (no input), then from rest with a
        // unit impulse at each input position.
        let length = Self.blockLength
        func run(from start: [Double], impulseAt position: Int?) -> (outputs: SIMD8<Float>, state: SIMD8<Float>) {
            var s = start, outputs = SIMD8<Float>()
            for k in 0..<length {
                let (y, next) = advance(s, k == position ? 1 : 0)
                outputs[k] = Float(y)
                s = next
            }
            var final = SIMD8<Float>()
            for i in 0..<n { final[i] = Float(s[i]) }
            return (outputs, final)
        }
        let fromState = (0..<n).map { run(from: unit($0), impulseAt: nil) }
        let fromInput = (0..<length).map { run(from: [Double](repeating: 0, count: n), impulseAt: $0) }
        blockColumns = fromState.map(\.outputs) + fromInput.map(\.outputs) + fromState.map(\.state) + fromInput.map(\.state)
    }

    /// Starts the filter in the steady state of a constant input `level` (like scipy
    /// `sosfilt_zi(sos) * level`): the level is subtracted from every input and the state starts at
    /// rest. For the high-pass cascade (zero gain at DC) that is the same filter, and the `Float`
    /// state then never carries an electrode offset many times the EMG (which would cost it
    /// precision). A cascade with gain at DC gets that gain times the level added back. O(1).
    public mutating func prime(firstSample level: Double) {
        offset = Float(level)
        var gain = 1.0
        for section in sections {
            let denominator = 1 + section.a1 + section.a2
            // A pole at z = 1 has no steady state; leave that section at rest rather than divide by zero.
            gain *= denominator != 0 ? (section.b0 + section.b1 + section.b2) / denominator : 0
        }
        levelOut = Float(gain * level)
        for i in state.indices { state[i] = 0 }
        primed = true
    }

    /// Filters one sample, carrying the state (for the samples short of a block). O(1).
    public mutating func step(_ sample: Float) -> Float {
        let n = Self.stateCount, x = Double(sample - offset)
        let s = state.map(Double.init)
        var y = stepD * x
        for j in 0..<n { y += stepC[j] * s[j] }
        for i in 0..<n {
            var next = stepB[i] * x
            for j in 0..<n { next += stepA[i * n + j] * s[j] }
            state[i] = Float(next)
        }
        return Float(y) + levelOut
    }

    /// Filters `x` into `out` (at least as long), carrying the state: whole blocks first, then the
    /// remaining samples one at a time. The state must be primed. O(x.count).
    public mutating func filter(_ x: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>) {
        let count = min(x.count, out.count)
        let blocks = count / Self.blockLength * Self.blockLength
        if blocks > 0, let input = x.baseAddress, let output = out.baseAddress {
            filterBlocks(input, into: output, count: blocks)
        }
        for n in blocks..<count { out[n] = step(x[n]) }
    }

    /// Filters `count` samples (a multiple of `blockLength`) block by block. O(count).
    public mutating func filterBlocks(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
        precondition(count % Self.blockLength == 0, "whole blocks only")
        let rawInput = UnsafeRawPointer(x), rawOutput = UnsafeMutableRawPointer(out)
        let floatStride = MemoryLayout<Float>.stride
        let level = SIMD8(repeating: self.offset), levelOut = SIMD8(repeating: self.levelOut)
        var s = SIMD8<Float>()
        for i in 0..<Self.stateCount { s[i] = state[i] }
        blockColumns.withUnsafeBufferPointer { m in
            var offset = 0
            while offset < count {
                let v = rawInput.loadUnaligned(fromByteOffset: offset * floatStride, as: SIMD8<Float>.self) - level
                // The state stays one vector from block to block (each state broadcast from its
                // lane), so that the compiler keeps the state update in vector registers rather
                // than splitting it into scalar products.
                let s0 = SIMD8(repeating: s[0]), s1 = SIMD8(repeating: s[1]), s2 = SIMD8(repeating: s[2])
                let s3 = SIMD8(repeating: s[3]), s4 = SIMD8(repeating: s[4]), s5 = SIMD8(repeating: s[5])
                // Outputs: the state's part and the inputs' part summed separately, for parallelism.
                // The outputs' and the next state's products are written out twice on purpose: one
                // local function for both compiled to a loop about 30 % slower.
                var fromState = m[0] * s0 + m[1] * s1
                fromState += m[2] * s2 + m[3] * s3
                fromState += m[4] * s4 + m[5] * s5
                var fromInput = m[6] * v[0] + m[7] * v[1]
                fromInput += m[8] * v[2] + m[9] * v[3]
                fromInput += m[10] * v[4] + m[11] * v[5]
                fromInput += m[12] * v[6] + m[13] * v[7]
                rawOutput.storeBytes(of: fromState + fromInput + levelOut, toByteOffset: offset * floatStride, as: SIMD8<Float>.self)
                var nextState = m[14] * s0 + m[15] * s1
                nextState += m[16] * s2 + m[17] * s3
                nextState += m[18] * s4 + m[19] * s5
                var nextInput = m[20] * v[0] + m[21] * v[1]
                nextInput += m[22] * v[2] + m[23] * v[3]
                nextInput += m[24] * v[4] + m[25] * v[5]
                nextInput += m[26] * v[6] + m[27] * v[7]
                s = nextState + nextInput
                offset += Self.blockLength
            }
        }
        for i in 0..<Self.stateCount { state[i] = s[i] }
    }
}
