import Foundation

/// A radix-2 fast Fourier transform of real sequences of one fixed power-of-two length, with
/// its twiddle factors and bit-reversal table made once, for the Welch spectra of coherence and
/// of the rhythm analysis.
///
/// A real sequence of N points is transformed as one complex sequence of N/2 points (even
/// samples as real parts, odd ones as imaginary parts) and then split into the spectrum of the
/// real sequence, which halves the work of a plain complex transform. Each stage's twiddle
/// factors are stored contiguously, so the butterflies of a stage run two at a time in SIMD
/// registers with the arithmetic of one butterfly unchanged (the results are those of the plain
/// loop, bit for bit, up to the sign of a zero).
/// Complexity: O(N log N) per transform, O(N) memory.
struct FourierTransform: Sendable {
    let count: Int
    private let half: Int
    /// Per stage of butterfly span s (2, 4, … half/2), e^{-2πij/(2s)} for j < s, stored from
    /// offset s - 2 (spans add up to fewer than `half` values). The span-1 stage needs none.
    private let stageCosines: [Double]
    private let stageSines: [Double]
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
        // The same values as a table e^{-2πik/half} indexed by j·(half/2s): each is computed from
        // that index, so the transform's rounding does not depend on the table's layout.
        var c: [Double] = [], s: [Double] = []
        var span = 2
        while span < half {
            let step = half / (2 * span)
            for j in 0..<span {
                c.append(cos(-2 * .pi * Double(j * step) / Double(half)))
                s.append(sin(-2 * .pi * Double(j * step) / Double(half)))
            }
            span *= 2
        }
        stageCosines = c
        stageSines = s
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
        guard x.count >= count, re.count > half, im.count > half, work.count >= count,
              let base = work.baseAddress else { return }
        let r = base, m = base + half
        reversed.withUnsafeBufferPointer { order in
            for n in 0..<half {
                let j = order[n]
                r[j] = x[2 * n]
                m[j] = x[2 * n + 1]
            }
        }
        // Span 1: the twiddle is 1, so each butterfly is a sum and a difference.
        var a = 0
        while a + 1 < half {
            let tr = r[a + 1], ti = m[a + 1]
            r[a + 1] = r[a] - tr
            m[a + 1] = m[a] - ti
            r[a] += tr
            m[a] += ti
            a += 2
        }
        stageCosines.withUnsafeBufferPointer { wcBuffer in
            stageSines.withUnsafeBufferPointer { wsBuffer in
                guard let wc = wcBuffer.baseAddress, let ws = wsBuffer.baseAddress else { return }
                var span = 2
                while span * 2 <= half {
                    let size = span * 2
                    let c = wc + (span - 2), s = ws + (span - 2)
                    var start = 0
                    while start < half {
                        var j = 0
                        while j < span {
                            let wr = SIMD2<Double>(c[j], c[j + 1]), wi = SIMD2<Double>(s[j], s[j + 1])
                            let ia = start + j, ib = ia + span
                            let ar = SIMD2<Double>(r[ia], r[ia + 1]), am = SIMD2<Double>(m[ia], m[ia + 1])
                            let br = SIMD2<Double>(r[ib], r[ib + 1]), bm = SIMD2<Double>(m[ib], m[ib + 1])
                            let tr = wr * br - wi * bm, ti = wr * bm + wi * br
                            let nbr = ar - tr, nbm = am - ti, nar = ar + tr, nam = am + ti
                            r[ib] = nbr[0]; r[ib + 1] = nbr[1]
                            m[ib] = nbm[0]; m[ib + 1] = nbm[1]
                            r[ia] = nar[0]; r[ia + 1] = nar[1]
                            m[ia] = nam[0]; m[ia + 1] = nam[1]
                            j += 2
                        }
                        start += size
                    }
                    span = size
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
