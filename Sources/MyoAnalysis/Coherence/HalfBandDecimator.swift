import Foundation

/// Streaming decimation by a power of two: a cascade of half-band low-pass FIR filters, each
/// keeping every second sample, so coherence is estimated at about 250 Hz however fast the
/// recording was sampled.
///
/// Why it may be used before coherence: coherence is a ratio of spectra, so any linear filter
/// applied alike to the EEG and the EMG envelope cancels from it (gain and phase); only aliased
/// power would change it. Each stage is a 19-tap Blackman-windowed half-band filter (half its
/// taps are zero): it keeps what lies below 0.2 × its input rate and removes at least 84 dB
/// of what would fold onto frequencies below 0.06 × its input rate (30 Hz at 500 Hz), about
/// 16 dB of what would fold onto 0.2 × that rate (100 Hz at 500 Hz, the top of the kept spectrum).
///
/// The filter is causal (a delay of 9 input samples per stage, the same on every channel) and
/// starts from zeros. Feeding a signal in chunks of any sizes gives exactly the same output as
/// one call on the whole signal. Complexity: O(n) time (6 multiplications per output sample
/// per stage, eight outputs at a time), O(chunk) memory.
struct HalfBandDecimator: Sendable {
    /// Non-zero taps right of the centre, at odd offsets 1, 3, 5, 7, 9; `centre` at offset 0.
    private static let design: (centre: Float, sides: [Float]) = {
        let count = 19, half = 9
        func blackman(_ n: Int) -> Double {
            let x = 2 * Double.pi * Double(n) / Double(count - 1)
            return 0.42 - 0.5 * cos(x) + 0.08 * cos(2 * x)
        }
        var taps = (0..<count).map { n -> Double in
            let m = Double(n - half)
            let sinc = m == 0 ? 1 : sin(Double.pi * m / 2) / (Double.pi * m / 2)
            return 0.5 * sinc * blackman(n)
        }
        let total = taps.reduce(0, +)
        taps = taps.map { $0 / total }  // unit gain at 0 Hz
        return (Float(taps[half]), stride(from: 1, through: half, by: 2).map { Float(taps[half + $0]) })
    }()
    static let tapCount = 19

    /// The number of halvings.
    let stages: Int
    /// Per stage: input samples not yet consumed (the last 18 of the previous chunk at least).
    private var pending: [[Float]]
    /// Scratch of a stage: its pending samples split into even and odd positions.
    private var even: [Float] = []
    private var odd: [Float] = []

    /// A decimator by 2^`stages` (0 stages passes samples through unchanged).
    init(stages: Int) {
        self.stages = max(0, stages)
        pending = [[Float]](repeating: [Float](repeating: 0, count: Self.tapCount - 1), count: self.stages)
    }

    /// The number of halvings that brings `rate` closest to, but not below, `minimumRate`.
    static func stages(from rate: Double, minimumRate: Double) -> Int {
        var stages = 0, r = rate
        while r / 2 >= minimumRate, stages < 16 {
            r /= 2
            stages += 1
        }
        return stages
    }

    /// Feeds the next input samples and returns the output samples now complete.
    mutating func process(_ input: [Float]) -> [Float] {
        var x = input
        for s in 0..<stages { x = Self.halve(x, pending: &pending[s], even: &even, odd: &odd) }
        return x
    }

    /// One stage: appends `input` to the stage's pending samples, filters every second position
    /// whose 19 inputs have all arrived, and keeps the rest for the next call.
    ///
    /// Output j is centred on pending sample m = 2j + 9, which is odd, and the non-zero side
    /// taps sit at odd distances, on even samples: with E and O the even and odd samples,
    /// y[j] = c·O[j+4] + s1(E[j+4] + E[j+5]) + s3(E[j+3] + E[j+6]) + … + s9(E[j] + E[j+9]).
    /// So the pending samples are split once (sixteen at a time) and eight outputs are computed
    /// together from contiguous loads; every output, the last few too, takes the same lane
    /// arithmetic, so chunking cannot change a sample.
    private static func halve(_ input: [Float], pending: inout [Float], even: inout [Float], odd: inout [Float]) -> [Float] {
        pending.append(contentsOf: input)
        let available = pending.count - (tapCount - 1)
        guard available > 0 else { return [] }
        let outputs = (available + 1) / 2
        let blocks = (outputs + 7) / 8
        // Lanes past the last output read zeros here and are dropped.
        let split = blocks * 8 + 16
        if even.count < split {
            even = [Float](repeating: 0, count: split)
            odd = even
        }
        // The last even sample has no odd partner when the count is odd; `split` exceeds both.
        let evens = (pending.count + 1) / 2, odds = pending.count / 2
        pending.withUnsafeBufferPointer { p in
            even.withUnsafeMutableBufferPointer { e in
                odd.withUnsafeMutableBufferPointer { o in
                    guard let source = p.baseAddress, let ep = e.baseAddress, let op = o.baseAddress else { return }
                    var i = 0
                    while i + 8 <= odds {
                        let v = UnsafeRawPointer(source + 2 * i).loadUnaligned(as: SIMD16<Float>.self)
                        UnsafeMutableRawPointer(ep + i).storeBytes(of: v.evenHalf, as: SIMD8<Float>.self)
                        UnsafeMutableRawPointer(op + i).storeBytes(of: v.oddHalf, as: SIMD8<Float>.self)
                        i += 8
                    }
                    for k in i..<evens { ep[k] = source[2 * k] }
                    for k in i..<odds { op[k] = source[2 * k + 1] }
                    (ep + evens).update(repeating: 0, count: split - evens)
                    (op + odds).update(repeating: 0, count: split - odds)
                }
            }
        }
        let (c, s) = (design.centre, design.sides)
        let c8 = SIMD8<Float>(repeating: c)
        let (s1, s3, s5, s7, s9) = (SIMD8<Float>(repeating: s[0]), SIMD8<Float>(repeating: s[1]), SIMD8<Float>(repeating: s[2]),
                                    SIMD8<Float>(repeating: s[3]), SIMD8<Float>(repeating: s[4]))
        let output = even.withUnsafeBufferPointer { e in
            odd.withUnsafeBufferPointer { o in
                [Float](unsafeUninitializedCapacity: outputs) { out, initialised in
                    initialised = 0
                    guard let ep = e.baseAddress, let op = o.baseAddress, let target = out.baseAddress else { return }
                    func at(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
                    var j = 0
                    while j < outputs {
                        let x = ep + j
                        let sides = s1 * (at(x + 4) + at(x + 5)) + s3 * (at(x + 3) + at(x + 6)) + s5 * (at(x + 2) + at(x + 7))
                            + s7 * (at(x + 1) + at(x + 8)) + s9 * (at(x) + at(x + 9))
                        let y = c8 * at(op + j + 4) + sides
                        if j + 8 <= outputs {
                            UnsafeMutableRawPointer(target + j).storeBytes(of: y, as: SIMD8<Float>.self)
                        } else {
                            for lane in 0..<(outputs - j) { target[j + lane] = y[lane] }
                        }
                        j += 8
                    }
                    initialised = outputs
                }
            }
        }
        pending.removeFirst(2 * outputs)
        return output
    }
}
