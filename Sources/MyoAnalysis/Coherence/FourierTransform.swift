import Foundation

/// A radix-2 fast Fourier transform of real sequences of one fixed power-of-two length, with
/// its twiddle factors and bit-reversal table made once, for the Welch spectra of coherence.
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

    /// The transform of the real sequence `x` (its first `count` values; missing ones are 0):
    /// bins 0...count/2 as (real, imaginary) arrays, X[k] = Σ x[n] e^{-2πikn/N}.
    func realSpectrum(_ x: [Double]) -> (re: [Double], im: [Double]) {
        var zr = [Double](repeating: 0, count: half), zi = zr
        for n in 0..<half {
            let j = reversed[n]
            zr[j] = 2 * n < x.count ? x[2 * n] : 0
            zi[j] = 2 * n + 1 < x.count ? x[2 * n + 1] : 0
        }
        zr.withUnsafeMutableBufferPointer { r in
            zi.withUnsafeMutableBufferPointer { m in
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
            }
        }
        // Split: E = (Z[k] + conj Z[M−k]) / 2, O = (Z[k] − conj Z[M−k]) / 2i, X[k] = E + W^k O.
        var re = [Double](repeating: 0, count: half + 1), im = re
        for k in 0...half {
            let a = k % half, b = (half - k) % half
            let er = 0.5 * (zr[a] + zr[b]), ei = 0.5 * (zi[a] - zi[b])
            let or = 0.5 * (zi[a] + zi[b]), oi = -0.5 * (zr[a] - zr[b])
            let wr = splitCosines[k], wi = splitSines[k]
            re[k] = er + wr * or - wi * oi
            im[k] = ei + wr * oi + wi * or
        }
        return (re, im)
    }
}
