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
/// one call on the whole signal. Complexity: O(n) time (5 multiplications per output sample
/// per stage), O(chunk) memory.
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
        for s in 0..<stages { x = Self.halve(x, pending: &pending[s]) }
        return x
    }

    /// One stage: appends `input` to the stage's pending samples, filters every second position
    /// whose 19 inputs have all arrived, and keeps the rest for the next call.
    private static func halve(_ input: [Float], pending: inout [Float]) -> [Float] {
        pending.append(contentsOf: input)
        let available = pending.count - (tapCount - 1)
        guard available > 0 else { return [] }
        let outputs = (available + 1) / 2
        let (c, s) = (design.centre, design.sides)
        let (s1, s3, s5, s7, s9) = (s[0], s[1], s[2], s[3], s[4])
        let output = pending.withUnsafeBufferPointer { p in
            [Float](unsafeUninitializedCapacity: outputs) { out, initialised in
                for j in 0..<outputs {
                    let m = 2 * j + 9
                    let pairs = s1 * (p[m - 1] + p[m + 1]) + s3 * (p[m - 3] + p[m + 3]) + s5 * (p[m - 5] + p[m + 5])
                        + s7 * (p[m - 7] + p[m + 7]) + s9 * (p[m - 9] + p[m + 9])
                    out[j] = c * p[m] + pairs
                }
                initialised = outputs
            }
        }
        pending.removeFirst(2 * outputs)
        return output
    }
}
