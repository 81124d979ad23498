import Foundation

/// A radix-2 fast Fourier transform of real sequences of one fixed power-of-two length, with
/// its twiddle factors and bit-reversal table made once, for the Welch spectra of coherence and
/// of the rhythm analysis.
///
/// A real sequence of N points is transformed as one complex sequence of N/2 points (even
/// samples as real parts, odd ones as imaginary parts) and then split into the spectrum of the
/// real sequence, which halves the work of a plain complex transform. The butterflies run in
/// single precision, four at a time in SIMD registers (each stage's twiddle factors are stored
/// contiguously for that), and the split in double precision: a Welch spectrum averages
/// many such transforms of signals that were single precision to begin with, so its relative
/// error stays near 10⁻⁶ of the strongest bin, far below the variance of the estimate itself.
/// Complexity: O(N log N) per transform, O(N) memory.
struct FourierTransform: Sendable {
    let count: Int
    private let half: Int
    /// Per stage of butterfly span s (2, 4, … half/2), e^{-2πij/(2s)} for j < s, stored from
    /// offset s - 2 (the spans before it add up to s - 2). The span-1 stage needs none.
    private let stageCosines: [Float]
    private let stageSines: [Float]
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
        var c: [Float] = [], s: [Float] = []
        c.reserveCapacity(half)
        s.reserveCapacity(half)
        var span = 2
        while span < half {
            for j in 0..<span {
                let angle = -Double.pi * Double(j) / Double(span)
                c.append(Float(cos(angle)))
                s.append(Float(sin(angle)))
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

    /// Scratch values ``realSpectrum(_:re:im:work:)`` needs.
    var workCount: Int { count }

    /// The transform of the real sequence `x` (exactly `count` values) into `re` and `im` (bins
    /// 0...count/2 each, so count/2 + 1 values), X[k] = Σ x[n] e^{-2πikn/N}, using `work`
    /// (`count` values) as scratch: no allocation, so a Welch loop can run it per segment.
    func realSpectrum(_ x: UnsafeBufferPointer<Double>, re: UnsafeMutableBufferPointer<Double>,
                      im: UnsafeMutableBufferPointer<Double>, work: UnsafeMutableBufferPointer<Float>) {
        guard x.count >= count, re.count > half, im.count > half, work.count >= count,
              let base = work.baseAddress else { return }
        loadReversed(into: base) { Float(x[$0]) }
        transformLoaded(base, base + half, re: re, im: im)
    }

    /// The same transform of a single-precision sequence (the butterflies run in `Float` anyway).
    func realSpectrum(_ x: UnsafeBufferPointer<Float>, re: UnsafeMutableBufferPointer<Double>,
                      im: UnsafeMutableBufferPointer<Double>, work: UnsafeMutableBufferPointer<Float>) {
        guard x.count >= count, re.count > half, im.count > half, work.count >= count,
              let base = work.baseAddress else { return }
        loadReversed(into: base) { x[$0] }
        transformLoaded(base, base + half, re: re, im: im)
    }

    /// Puts sample `value(2n)` at the bit-reversed position of n among the even samples (the
    /// first half of `base`) and `value(2n + 1)` among the odd ones (the second half).
    @inline(__always)
    private func loadReversed(into base: UnsafeMutablePointer<Float>, _ value: (Int) -> Float) {
        let r = base, m = base + half
        reversed.withUnsafeBufferPointer { order in
            for n in 0..<half {
                let j = order[n]
                r[j] = value(2 * n)
                m[j] = value(2 * n + 1)
            }
        }
    }

    /// The butterflies and the split, on the even (`r`) and odd (`m`) samples already in
    /// bit-reversed order.
    private func transformLoaded(_ r: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>,
                                 re: UnsafeMutableBufferPointer<Double>, im: UnsafeMutableBufferPointer<Double>) {
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
                // Span 2: too short for a vector; its second twiddle is -i.
                if half >= 4 {
                    var start = 0
                    while start < half {
                        for j in 0..<2 {
                            let wr = wc[j], wi = ws[j]
                            let ia = start + j, ib = ia + 2
                            let tr = wr * r[ib] - wi * m[ib], ti = wr * m[ib] + wi * r[ib]
                            r[ib] = r[ia] - tr
                            m[ib] = m[ia] - ti
                            r[ia] += tr
                            m[ia] += ti
                        }
                        start += 4
                    }
                }
                let rp = UnsafeMutableRawPointer(r), mp = UnsafeMutableRawPointer(m)
                let stride = MemoryLayout<Float>.stride
                var span = 4
                while span * 2 <= half {
                    let c = UnsafeRawPointer(wc + (span - 2)), s = UnsafeRawPointer(ws + (span - 2))
                    var start = 0
                    while start < half {
                        var j = 0
                        while j < span {
                            let wr = c.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Float>.self)
                            let wi = s.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Float>.self)
                            let oa = (start + j) * stride, ob = oa + span * stride
                            let ar = rp.loadUnaligned(fromByteOffset: oa, as: SIMD4<Float>.self)
                            let am = mp.loadUnaligned(fromByteOffset: oa, as: SIMD4<Float>.self)
                            let br = rp.loadUnaligned(fromByteOffset: ob, as: SIMD4<Float>.self)
                            let bm = mp.loadUnaligned(fromByteOffset: ob, as: SIMD4<Float>.self)
                            let tr = wr * br - wi * bm, ti = wr * bm + wi * br
                            rp.storeBytes(of: ar - tr, toByteOffset: ob, as: SIMD4<Float>.self)
                            mp.storeBytes(of: am - ti, toByteOffset: ob, as: SIMD4<Float>.self)
                            rp.storeBytes(of: ar + tr, toByteOffset: oa, as: SIMD4<Float>.self)
                            mp.storeBytes(of: am + ti, toByteOffset: oa, as: SIMD4<Float>.self)
                            j += 4
                        }
                        start += 2 * span
                    }
                    span *= 2
                }
            }
        }
        // Split: E = (Z[k] + conj Z[M−k]) / 2, O = (Z[k] − conj Z[M−k]) / 2i, X[k] = E + W^k O.
        splitCosines.withUnsafeBufferPointer { sc in
            splitSines.withUnsafeBufferPointer { ss in
                // Bins 0 and N/2 both pair Z[0] with itself.
                let r0 = Double(r[0]), m0 = Double(m[0])
                re[0] = r0 + m0
                im[0] = 0
                re[half] = r0 - m0
                im[half] = 0
                var k = 1
                while k < half {
                    let b = half - k
                    let ra = Double(r[k]), rb = Double(r[b]), ma = Double(m[k]), mb = Double(m[b])
                    let er = 0.5 * (ra + rb), ei = 0.5 * (ma - mb)
                    let or = 0.5 * (ma + mb), oi = -0.5 * (ra - rb)
                    let wr = sc[k], wi = ss[k]
                    re[k] = er + wr * or - wi * oi
                    im[k] = ei + wr * oi + wi * or
                    k += 1
                }
            }
        }
    }
}
