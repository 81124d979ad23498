import Foundation

/// A radix-2 fast Fourier transform of real sequences of one fixed power-of-two length, with
/// its twiddle factors and bit-reversal table made once, for the Welch spectra of coherence and
/// of the rhythm analysis.
///
/// A real sequence of N points is transformed as one complex sequence of N/2 points (even
/// samples as real parts, odd ones as imaginary parts) and then split into the spectrum of the
/// real sequence, which halves the work of a plain complex transform.
/// Complexity: O(N log N) per transform, O(N) memory.
struct FourierTransform: Sendable {
    let count: Int
    private let half: Int
    /// e^{-2πik/half} for k < half/2: the butterflies of the half-length transform.
    private let cosines: [Double]
    private let sines: [Double]
    /// e^{-2πik/N} for k ≤ half: the split into the real sequence's spectrum.
    private let splitCosines: [Double]
    private let splitSines: [Double]
    private let reversed: [Int]

    /// A transform of `count` real points; `nil` unless `count` is a power of two from 4 to 2^24.
    init?(count: Int) {
        guard count >= 4, count <= 1 << 24, count & (count - 1) == 0 else { return nil }
        self.count = count
        let half = count / 2
        self.half = half
        cosines = (0..<max(1, half / 2)).map { cos(-2 * .pi * Double($0) / Double(half)) }
        sines = (0..<max(1, half / 2)).map { sin(-2 * .pi * Double($0) / Double(half)) }
        splitCosines = (0...half).map { cos(-2 * .pi * Double($0) / Double(count)) }
        splitSines = (0...half).map { sin(-2 * .pi * Double($0) / Double(count)) }
        let bits = half.trailingZeroBitCount
        reversed = (0..<half).map { i in
            var r = 0, v = i
            for _ in 0..<bits { r = (r << 1) | (v & 1); v >>= 1 }
            return r
        }
    }

    /// The transform of the real sequence `x` (exactly `count` values) into `re` and `im` (bins
    /// 0...count/2 each, so count/2 + 1 values), X[k] = Σ x[n] e^{-2πikn/N}, using `work`
    /// (`count` values) as scratch: no allocation, so a Welch loop can run it per segment.
    func realSpectrum(_ x: UnsafeBufferPointer<Double>, re: UnsafeMutableBufferPointer<Double>,
                      im: UnsafeMutableBufferPointer<Double>, work: UnsafeMutableBufferPointer<Double>) {
        guard x.count >= count, re.count > half, im.count > half, work.count >= count else { return }
        let r = UnsafeMutableBufferPointer(rebasing: work[0..<half])
        let m = UnsafeMutableBufferPointer(rebasing: work[half..<count])
        reversed.withUnsafeBufferPointer { order in
            for n in 0..<half {
                let j = order[n]
                r[j] = x[2 * n]
                m[j] = x[2 * n + 1]
            }
        }
        cosines.withUnsafeBufferPointer { wc in
            sines.withUnsafeBufferPointer { ws in
                var size = 2
                while size <= half {
                    let span = size / 2, step = half / size
                    var start = 0
                    while start < half {
                        for j in 0..<span {
                            let wr = wc[j * step], wi = ws[j * step]
                            let a = start + j, b = a + span
                            let tr = wr * r[b] - wi * m[b], ti = wr * m[b] + wi * r[b]
                            r[b] = r[a] - tr
                            m[b] = m[a] - ti
                            r[a] += tr
                            m[a] += ti
                        }
                        start += size
                    }
                    size *= 2
                }
            }
        }
        // Split: E = (Z[k] + conj Z[M−k]) / 2, O = (Z[k] − conj Z[M−k]) / 2i, X[k] = E + W^k O.
        splitCosines.withUnsafeBufferPointer { sc in
            splitSines.withUnsafeBufferPointer { ss in
                for k in 0...half {
                    let a = k == half ? 0 : k, b = k == 0 ? 0 : half - k
                    let er = 0.5 * (r[a] + r[b]), ei = 0.5 * (m[a] - m[b])
                    let or = 0.5 * (m[a] + m[b]), oi = -0.5 * (r[a] - r[b])
                    let wr = sc[k], wi = ss[k]
                    re[k] = er + wr * or - wi * oi
                    im[k] = ei + wr * oi + wi * or
                }
            }
        }
    }
}
