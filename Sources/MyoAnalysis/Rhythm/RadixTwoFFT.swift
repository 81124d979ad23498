import Foundation

/// A radix-2 fast Fourier transform of one fixed power-of-two length, with its twiddle factors
/// computed once, for the Welch spectra of the rhythm analysis.
///
/// Why not a library: MyoSignal and MyoAnalysis have no third-party dependency, and the rhythm
/// spectra need only power spectra of real segments of a few thousand points.
/// Complexity: O(n log n) per transform, O(n) memory.
struct RadixTwoFFT: Sendable {
    let count: Int
    private let cosines: [Double]
    private let sines: [Double]

    /// A transform of `count` points; `count` is rounded up to a power of two (at least 2).
    init(count requested: Int) {
        var n = 2
        while n < requested && n < (1 << 24) { n <<= 1 }
        count = n
        cosines = (0..<(n / 2)).map { cos(-2 * .pi * Double($0) / Double(n)) }
        sines = (0..<(n / 2)).map { sin(-2 * .pi * Double($0) / Double(n)) }
    }

    /// The power |X[k]|² for k = 0...count/2 of the real input `real` (zero-padded or cut to
    /// `count`).
    func powerSpectrum(of real: [Double]) -> [Double] {
        let n = count
        var re = [Double](repeating: 0, count: n)
        var im = [Double](repeating: 0, count: n)
        let used = min(real.count, n)
        re.withUnsafeMutableBufferPointer { r in
            real.withUnsafeBufferPointer { x in
                // Bit-reversed placement, so the butterflies below run in place.
                let bits = n.trailingZeroBitCount
                for i in 0..<used {
                    let j = Int(UInt(i).bitReversed(bits: bits))
                    r[j] = x[i]
                }
            }
        }
        re.withUnsafeMutableBufferPointer { r in
            im.withUnsafeMutableBufferPointer { m in
                cosines.withUnsafeBufferPointer { c in
                    sines.withUnsafeBufferPointer { s in
                        var size = 2
                        while size <= n {
                            let half = size / 2, step = n / size
                            var start = 0
                            while start < n {
                                for k in 0..<half {
                                    let wr = c[k * step], wi = s[k * step]
                                    let a = start + k, b = a + half
                                    let tr = r[b] * wr - m[b] * wi
                                    let ti = r[b] * wi + m[b] * wr
                                    r[b] = r[a] - tr
                                    m[b] = m[a] - ti
                                    r[a] += tr
                                    m[a] += ti
                                }
                                start += size
                            }
                            size <<= 1
                        }
                    }
                }
            }
        }
        return (0...(n / 2)).map { re[$0] * re[$0] + im[$0] * im[$0] }
    }
}

extension UInt {
    /// The lowest `bits` bits of the value in reverse order.
    fileprivate func bitReversed(bits: Int) -> UInt {
        var v = self, r: UInt = 0
        for _ in 0..<bits {
            r = (r << 1) | (v & 1)
            v >>= 1
        }
        return r
    }
}
