import Foundation

/// A radix-2 fast Fourier transform of one fixed power-of-two length, with its twiddle factors
/// and bit-reversal table made once, for the Welch spectra of coherence.
///
/// Complexity: O(n log n) per transform, O(n) memory; no allocation per call beyond the output.
struct FourierTransform: Sendable {
    let count: Int
    private let cosines: [Double]
    private let sines: [Double]
    private let reversed: [Int]

    /// A transform of `count` points; `nil` unless `count` is a power of two from 2 to 2^24.
    init?(count: Int) {
        guard count >= 2, count <= 1 << 24, count & (count - 1) == 0 else { return nil }
        self.count = count
        cosines = (0..<count / 2).map { cos(-2 * .pi * Double($0) / Double(count)) }
        sines = (0..<count / 2).map { sin(-2 * .pi * Double($0) / Double(count)) }
        let bits = count.trailingZeroBitCount
        reversed = (0..<count).map { i in
            var r = 0, v = i
            for _ in 0..<bits { r = (r << 1) | (v & 1); v >>= 1 }
            return r
        }
    }

    /// The transform of the real sequence `x` (exactly `count` values): bins 0...count/2 as
    /// (real, imaginary) arrays. X[k] = Σ x[n] e^{-2πikn/N}.
    func realSpectrum(_ x: [Double]) -> (re: [Double], im: [Double]) {
        var re = [Double](repeating: 0, count: count), im = re
        for i in 0..<min(count, x.count) { re[reversed[i]] = x[i] }
        re.withUnsafeMutableBufferPointer { r in
            im.withUnsafeMutableBufferPointer { m in
                var size = 2
                while size <= count {
                    let half = size / 2, step = count / size
                    var start = 0
                    while start < count {
                        for j in 0..<half {
                            let wr = cosines[j * step], wi = sines[j * step]
                            let a = start + j, b = a + half
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
        return (Array(re[0...(count / 2)]), Array(im[0...(count / 2)]))
    }
}
