import Foundation

/// Averages the power spectra of overlapping Hann-windowed segments (Welch's method), so a
/// periodogram's single-frequency noise, which would otherwise throw up chance peaks several
/// times their neighbourhood, averages out.
///
/// Segments are handed in one at a time, so a week-long envelope or event train never has to be
/// held whole: memory is O(segment length). Each segment's mean is removed first (the event
/// rate or the envelope level would otherwise leak into the lowest frequencies). Only the bins
/// inside the band given at creation are kept, which is what lets a sparse segment (an event
/// train: a few ones among thousands of zeros) be transformed directly at those bins instead of
/// by a whole FFT.
/// Complexity: O(L log L) per dense segment of L samples; O(impulses × band bins) per sparse one.
struct WelchEstimator {
    let sampleRate: Double
    /// Samples per segment.
    let segmentLength: Int
    private let fft: FourierTransform
    private let window: [Double]
    /// The transform's bins inside the band.
    private let bandBins: ClosedRange<Int>?
    /// Σ over segments of the power at each band bin (index 0 is `bandBins.lowerBound`).
    private var sum: [Double]
    private(set) var segmentCount = 0
    /// The windowed, zero-padded segment, the transform's output and its scratch, made once.
    private var input: [Double]
    private var re: [Double]
    private var im: [Double]
    private var work: [Float]
    /// For sparse segments, made on first use: cos and sin of 2πm/N for every m < N, and the
    /// transform of the window alone at the band bins (what the segment's mean removes).
    private var rootCos: [Double] = []
    private var rootSin: [Double] = []
    private var windowRe: [Double] = []
    private var windowIm: [Double] = []

    /// - Parameters:
    ///   - segmentLength: samples per segment (at least 8).
    ///   - band: the frequencies, Hz, whose power ``spectrum()`` returns.
    ///   - padding: the transform is this many times the segment (rounded up to a power of two),
    ///     which samples the spectrum more finely without changing its resolution.
    init(sampleRate: Double, segmentLength: Int, band: ClosedRange<Double>, padding: Int = 2) {
        self.sampleRate = sampleRate
        let length = max(8, segmentLength)
        self.segmentLength = length
        var n = 4
        while n < length * max(1, padding) && n < (1 << 24) { n <<= 1 }
        // `n` is a power of two from 4 to 2^24, which is all the transform asks for.
        fft = FourierTransform(count: n)!
        window = (0..<length).map { 0.5 - 0.5 * cos(2 * .pi * (Double($0) + 0.5) / Double(length)) }
        // The same test as a scan of every bin with `band.contains(k · binHz)`, so the bins are
        // exactly those a whole-spectrum estimate would pick.
        let binHz = sampleRate / Double(n)
        var low = max(0, Int(min(band.lowerBound / binHz, Double(n))) - 1)
        while low <= n / 2 && Double(low) * binHz < band.lowerBound { low += 1 }
        var high = min(n / 2, Int(min(max(0, band.upperBound / binHz), Double(n))) + 1)
        while high >= 0 && Double(high) * binHz > band.upperBound { high -= 1 }
        bandBins = low <= high && band.contains(Double(low) * binHz) && band.contains(Double(high) * binHz) ? low...high : nil
        sum = [Double](repeating: 0, count: bandBins?.count ?? 0)
        input = [Double](repeating: 0, count: n)
        re = [Double](repeating: 0, count: n / 2 + 1)
        im = [Double](repeating: 0, count: n / 2 + 1)
        work = [Float](repeating: 0, count: fft.workCount)
    }

    /// Adds one segment (cut or zero-filled to `segmentLength`) through the FFT.
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
        if let bins = bandBins {
            for k in bins { sum[k - bins.lowerBound] += re[k] * re[k] + im[k] * im[k] }
        }
        segmentCount += 1
    }

    /// Adds one segment that is zero except at `impulses` (sample index in the segment, value;
    /// an index may repeat and its values add up; indices outside the segment are ignored).
    ///
    /// The same estimate as ``add(_:)`` on the dense segment, to rounding: the windowed,
    /// mean-removed segment's transform is Σ value·w[n]·e^{-2πikn/N} over the impulses minus the
    /// mean times the window's own transform, evaluated at the band bins only. When there are
    /// so many impulses that this would cost more than an FFT, the dense path is taken.
    /// Complexity: O(min(impulses × band bins, N log N)).
    mutating func add(impulses: [(index: Int, value: Double)]) {
        guard let bins = bandBins else { segmentCount += 1; return }
        let inside = impulses.filter { $0.index >= 0 && $0.index < segmentLength }
        let n = fft.count
        if inside.count * bins.count > 4 * n * max(1, n.trailingZeroBitCount) {
            var dense = [Double](repeating: 0, count: segmentLength)
            for impulse in inside { dense[impulse.index] += impulse.value }
            add(dense)
            return
        }
        prepareSparse()
        var total = 0.0
        for impulse in inside { total += impulse.value }
        let mean = total / Double(segmentLength)
        let first = bins.lowerBound, count = bins.count, mask = n - 1
        // re/im hold Σ value·w·e^{-2πikn/N} for the band's k; the phase steps by n each bin, so
        // the table index moves by addition modulo N (a power of two): no sin or cos per term.
        for k in 0..<count { re[k] = 0; im[k] = 0 }
        re.withUnsafeMutableBufferPointer { r in
            im.withUnsafeMutableBufferPointer { m in
                rootCos.withUnsafeBufferPointer { c in
                    rootSin.withUnsafeBufferPointer { s in
                        // Two impulses a pass over the bins (each bin still adds them one after
                        // the other, so the sums are those of one pass per impulse).
                        var i = 0
                        while i < inside.count {
                            let a0 = inside[i].value * window[inside[i].index]
                            let step0 = inside[i].index & mask
                            var phase0 = (first * inside[i].index) & mask
                            if i + 1 < inside.count {
                                let a1 = inside[i + 1].value * window[inside[i + 1].index]
                                let step1 = inside[i + 1].index & mask
                                var phase1 = (first * inside[i + 1].index) & mask
                                for k in 0..<count {
                                    r[k] = (r[k] + a0 * c[phase0]) + a1 * c[phase1]
                                    m[k] = (m[k] - a0 * s[phase0]) - a1 * s[phase1]
                                    phase0 = (phase0 + step0) & mask
                                    phase1 = (phase1 + step1) & mask
                                }
                                i += 2
                            } else {
                                for k in 0..<count {
                                    r[k] += a0 * c[phase0]
                                    m[k] -= a0 * s[phase0]
                                    phase0 = (phase0 + step0) & mask
                                }
                                i += 1
                            }
                        }
                    }
                }
            }
        }
        for k in 0..<count {
            let x = re[k] - mean * windowRe[k], y = im[k] - mean * windowIm[k]
            sum[k] += x * x + y * y
        }
        segmentCount += 1
    }

    /// The unit roots and the window's transform for ``add(impulses:)``, made once.
    ///
    /// The window's transform comes in closed form (a Hann window is three complex
    /// exponentials, each summing to a Dirichlet kernel), in double precision, so that the
    /// sparse path does not inherit the FFT's single-precision rounding.
    private mutating func prepareSparse() {
        guard rootCos.isEmpty, let bins = bandBins else { return }
        let n = fft.count
        rootCos = (0..<n).map { cos(2 * .pi * Double($0) / Double(n)) }
        rootSin = (0..<n).map { sin(2 * .pi * Double($0) / Double(n)) }
        let length = Double(segmentLength)
        // Σ_{j<L} e^{-iφj} = e^{-iφ(L-1)/2} · sin(φL/2) / sin(φ/2), or L where sin(φ/2) = 0.
        func dirichlet(_ phi: Double) -> (re: Double, im: Double) {
            let denominator = sin(phi / 2)
            let magnitude = abs(denominator) < 1e-12 ? length : sin(phi * length / 2) / denominator
            let phase = -phi * (length - 1) / 2
            return (magnitude * cos(phase), magnitude * sin(phase))
        }
        // w[j] = 0.5 − 0.25·e^{iα(j+½)} − 0.25·e^{−iα(j+½)} with α = 2π/L.
        let alpha = 2 * Double.pi / length
        let shiftRe = cos(alpha / 2), shiftIm = sin(alpha / 2)
        windowRe = []
        windowIm = []
        for k in bins {
            let theta = 2 * Double.pi * Double(k) / Double(n)
            let d0 = dirichlet(theta), up = dirichlet(theta - alpha), down = dirichlet(theta + alpha)
            // e^{iα/2}·up + e^{−iα/2}·down
            let sideRe = shiftRe * up.re - shiftIm * up.im + shiftRe * down.re + shiftIm * down.im
            let sideIm = shiftRe * up.im + shiftIm * up.re + shiftRe * down.im - shiftIm * down.re
            windowRe.append(0.5 * d0.re - 0.25 * sideRe)
            windowIm.append(0.5 * d0.im - 0.25 * sideIm)
        }
    }

    /// The average power at the frequencies of the transform's bins inside the band.
    func spectrum() -> (frequencies: [Double], power: [Double]) {
        guard segmentCount > 0, let bins = bandBins else { return ([], []) }
        let binHz = sampleRate / Double(fft.count)
        return (bins.map { Double($0) * binHz }, sum.map { $0 / Double(segmentCount) })
    }
}
