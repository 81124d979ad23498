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
    private let fft: RadixTwoFFT
    private let window: [Double]
    private var sum: [Double]
    private(set) var segmentCount = 0

    /// - Parameters:
    ///   - segmentLength: samples per segment (at least 8).
    ///   - padding: the transform is this many times the segment (rounded up to a power of two),
    ///     which samples the spectrum more finely without changing its resolution.
    init(sampleRate: Double, segmentLength: Int, padding: Int = 2) {
        self.sampleRate = sampleRate
        let length = max(8, segmentLength)
        self.segmentLength = length
        fft = RadixTwoFFT(count: length * max(1, padding))
        window = (0..<length).map { 0.5 - 0.5 * cos(2 * .pi * (Double($0) + 0.5) / Double(length)) }
        sum = [Double](repeating: 0, count: fft.count / 2 + 1)
    }

    /// Adds one segment (cut or zero-filled to `segmentLength`).
    mutating func add(_ segment: [Double]) {
        let n = segmentLength
        var x = [Double](repeating: 0, count: n)
        let used = min(n, segment.count)
        var mean = 0.0
        for i in 0..<used { mean += segment[i] }
        mean /= Double(n)
        x.withUnsafeMutableBufferPointer { out in
            segment.withUnsafeBufferPointer { s in
                for i in 0..<n { out[i] = ((i < used ? s[i] : 0) - mean) * window[i] }
            }
        }
        let p = fft.powerSpectrum(of: x)
        for k in sum.indices { sum[k] += p[k] }
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
