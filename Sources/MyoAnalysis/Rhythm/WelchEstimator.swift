import Foundation

/// Averages the power spectra of overlapping Hann-windowed segments (Welch's method), so a
/// periodogram's single-frequency noise, which would otherwise throw up chance peaks several
/// times their neighbourhood, averages out.
///
/// Segments are handed in one at a time, so a week-long envelope or event train never has to be
/// held whole: memory is O(segment length). Each segment's mean is removed first (the event
/// rate or the envelope level would otherwise leak into the lowest frequencies).
/// Complexity: O(L log L) per segment of L samples.
struct WelchEstimator {
    let sampleRate: Double
    /// Samples per segment.
    let segmentLength: Int
    private let fft: FourierTransform
    private let window: [Double]
    private var sum: [Double]
    private(set) var segmentCount = 0
    /// The windowed, zero-padded segment, the transform's output and its scratch, made once.
    private var input: [Double]
    private var re: [Double]
    private var im: [Double]
    private var work: [Double]

    /// - Parameters:
    ///   - segmentLength: samples per segment (at least 8).
    ///   - padding: the transform is this many times the segment (rounded up to a power of two),
    ///     which samples the spectrum more finely without changing its resolution.
    init(sampleRate: Double, segmentLength: Int, padding: Int = 2) {
        self.sampleRate = sampleRate
        let length = max(8, segmentLength)
        self.segmentLength = length
        var n = 4
        while n < length * max(1, padding) && n < (1 << 24) { n <<= 1 }
        // `n` is a power of two from 4 to 2^24, which is all the transform asks for.
        fft = FourierTransform(count: n)!
        window = (0..<length).map { 0.5 - 0.5 * cos(2 * .pi * (Double($0) + 0.5) / Double(length)) }
        sum = [Double](repeating: 0, count: n / 2 + 1)
        input = [Double](repeating: 0, count: n)
        re = [Double](repeating: 0, count: n / 2 + 1)
        im = [Double](repeating: 0, count: n / 2 + 1)
        work = [Double](repeating: 0, count: n)
    }

    /// Adds one segment (cut or zero-filled to `segmentLength`).
    mutating func add(_ segment: [Double]) {
        let n = segmentLength
        let used = min(n, segment.count)
        var mean = 0.0
        for i in 0..<used { mean += segment[i] }
        mean /= Double(n)
        // Only the first `n` values are ever written: the padding beyond them stays zero.
        input.withUnsafeMutableBufferPointer { out in
            segment.withUnsafeBufferPointer { s in
                for i in 0..<n { out[i] = ((i < used ? s[i] : 0) - mean) * window[i] }
            }
        }
        let transform = fft
        input.withUnsafeBufferPointer { x in
            re.withUnsafeMutableBufferPointer { r in
                im.withUnsafeMutableBufferPointer { m in
                    work.withUnsafeMutableBufferPointer { w in transform.realSpectrum(x, re: r, im: m, work: w) }
                }
            }
        }
        for k in sum.indices { sum[k] += re[k] * re[k] + im[k] * im[k] }
        segmentCount += 1
    }

    /// The average power at the frequencies of the transform's bins inside `range`.
    func spectrum(in range: ClosedRange<Double>) -> (frequencies: [Double], power: [Double]) {
        guard segmentCount > 0 else { return ([], []) }
        let binHz = sampleRate / Double(fft.count)
        var f: [Double] = [], p: [Double] = []
        for k in sum.indices {
            let hz = Double(k) * binHz
            if range.contains(hz) {
                f.append(hz)
                p.append(sum[k] / Double(segmentCount))
            }
        }
        return (f, p)
    }
}
