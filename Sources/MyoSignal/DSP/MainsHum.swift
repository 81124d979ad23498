import Foundation

/// What `MainsHum.detect` found.
public struct MainsHumDetection: Sendable, Equatable {
    /// 50 or 60 when that hum stands out by at least the threshold, else nil.
    public var frequency: Double?
    /// Power at 50 Hz and its harmonics over the power of neighbouring frequencies.
    public var ratio50: Double
    /// Power at 60 Hz and its harmonics over the power of neighbouring frequencies.
    public var ratio60: Double
}

/// Detects and removes 50/60 Hz mains hum without ringing, streaming.
///
/// Why not a notch: a narrow notch rings for ~0.2 s after every transient and, run forward and
/// backward, smears the onset of 10–300 ms EMG bursts (see `Notch`). Here the hum is modelled as
/// sinusoids at the mains frequency and its harmonics whose amplitudes and phases drift slowly:
/// over blocks of `blockSeconds` (default 1 s, 50 cycles at 50 Hz, short enough for the slow
/// amplitude/phase drift of real mains) overlapping by half, a least-squares fit of sine and
/// cosine at each harmonic gives the hum, the block estimates are cross-faded with a Hann
/// window (the halves sum to exactly 1), and the hum is subtracted. A burst only leaks its own
/// tiny projection onto the hum frequencies into the fit, spread over the whole block, so its
/// onset and shape stay where they were. Mains frequency is assumed exact (50.0 or 60.0 Hz;
/// real grids stay within ±0.1 Hz, a phase drift of < 0.1 cycle per block).
///
/// Streaming: `process` returns the samples whose two overlapping blocks are complete (latency
/// one block) and `finish` the rest; the concatenation equals the whole-signal result for any
/// chunking. Complexity: O(n·K) for K = 2·harmonics basis functions: the Gram matrix of a full
/// block is the same for every block, so its Cholesky factor is computed once at creation and
/// each block only projects its samples on the basis (partial blocks at the ends of the signal
/// are factored on their own); O(block length · K) memory.
public struct MainsHum: Sendable {
    /// The mains frequency removed, Hz.
    public let mainsFrequency: Double
    /// Number of harmonics removed (including the fundamental), those below Nyquist only.
    public let harmonics: Int
    private let blockLength: Int
    private let hop: Int
    /// basis[n·K + j]: cosine (even j) or sine (odd j) of harmonic j/2+1 at block-local sample n.
    private let basis: [Double]
    private let window: [Double]
    /// Cholesky factor of the ridged Gram matrix of a full block (nil if it is singular), shared
    /// by every full block; it is exactly what factoring each block's own Gram matrix would give.
    private let fullBlockFactor: [Double]?
    private var pending: [Double] = []
    private var hum: [Double] = []
    /// Global index of pending[0]; samples before `nextBlockStart` are already emitted.
    private var pendingStart = 0
    /// Global index where the next block starts (−hop for the first).
    private var nextBlockStart: Int
    private var received = 0

    /// - Parameters:
    ///   - mainsFrequency: 50 or 60 Hz in practice (any frequency below Nyquist is accepted).
    ///   - harmonics: how many multiples to remove (default 5: 50–250 Hz, where EMG amplifiers pick up
    ///     most of the rectifier and transformer harmonics); those at or above Nyquist are dropped.
    ///   - blockSeconds: fit block length, 0.1–10 s.
    /// - Throws: `DSPError` for an invalid rate, a mains frequency outside (0, Nyquist),
    ///   harmonics < 1, or a block length out of range.
    public init(sampleRate: Double, mainsFrequency: Double, harmonics: Int = 5, blockSeconds: Double = 1) throws(DSPError) {
        guard sampleRate.isFinite, sampleRate > 0 else { throw .invalidSampleRate(sampleRate) }
        guard mainsFrequency.isFinite, mainsFrequency > 0, mainsFrequency < sampleRate / 2 else {
            throw .cutoffOutOfRange(frequency: mainsFrequency, nyquist: sampleRate / 2)
        }
        guard harmonics >= 1, harmonics <= 100 else { throw .invalidParameter(name: "harmonics", value: Double(harmonics)) }
        guard blockSeconds.isFinite, blockSeconds >= 0.1, blockSeconds <= 10 else {
            throw .invalidParameter(name: "blockSeconds", value: blockSeconds)
        }
        let usable = min(harmonics, Int(((sampleRate / 2) / mainsFrequency).rounded(.up)) - 1)
        self.mainsFrequency = mainsFrequency
        self.harmonics = max(1, usable)
        let half = max(2 * 2 * self.harmonics, Int((blockSeconds * sampleRate / 2).rounded()))
        hop = half
        blockLength = 2 * half
        nextBlockStart = -half
        let k = 2 * self.harmonics
        var table = [Double](repeating: 0, count: blockLength * k)
        for n in 0..<blockLength {
            for h in 0..<self.harmonics {
                let phase = 2 * Double.pi * mainsFrequency * Double(h + 1) * Double(n) / sampleRate
                table[n * k + 2 * h] = cos(phase)
                table[n * k + 2 * h + 1] = sin(phase)
            }
        }
        basis = table
        let length = blockLength
        window = (0..<length).map { n in
            let s = sin(Double.pi * Double(n) / Double(length))
            return s * s
        }
        var gram = Self.gram(basis: table, rows: 0..<length, size: k)
        fullBlockFactor = Self.factor(&gram, size: k) ? gram : nil
    }

    /// The lower triangle of the Gram matrix of the basis over block-local `rows`. O(rows · K²).
    private static func gram(basis: [Double], rows: Range<Int>, size k: Int) -> [Double] {
        var gram = [Double](repeating: 0, count: k * k)
        basis.withUnsafeBufferPointer { b in
            gram.withUnsafeMutableBufferPointer { g in
                for n in rows {
                    let row = n * k
                    for i in 0..<k {
                        let bi = b[row + i]
                        for j in 0...i { g[i * k + j] += bi * b[row + j] }
                    }
                }
            }
        }
        return gram
    }

    /// Feeds a chunk; returns the hum-free samples that are final (one block behind the input).
    public mutating func process(_ chunk: [Float]) -> [Float] {
        pending.append(contentsOf: chunk.lazy.map { Double($0) })
        hum.append(contentsOf: repeatElement(0, count: chunk.count))
        received += chunk.count
        var output: [Float] = []
        while nextBlockStart + blockLength <= received { output += fitNextBlock() }
        return output
    }

    /// Ends the signal: fits the last, partial blocks, returns the remaining samples and resets.
    public mutating func finish() -> [Float] {
        var output: [Float] = []
        while nextBlockStart < received { output += fitNextBlock() }
        pending = []
        hum = []
        pendingStart = 0
        nextBlockStart = -hop
        received = 0
        return output
    }

    /// Removes hum from a whole signal (same length).
    public static func remove(_ signal: [Float], sampleRate: Double, mainsFrequency: Double, harmonics: Int = 5) throws(DSPError) -> [Float] {
        var remover = try MainsHum(sampleRate: sampleRate, mainsFrequency: mainsFrequency, harmonics: harmonics)
        return remover.process(signal) + remover.finish()
    }

    /// Fits the block at `nextBlockStart` over the samples available, adds its windowed hum, and
    /// emits the first half of the block (now covered by both of its blocks).
    private mutating func fitNextBlock() -> [Float] {
        let start = nextBlockStart
        let first = max(start, 0), end = min(start + blockLength, received)
        let k = 2 * harmonics
        if end - first >= 2 * k {
            var rhs = [Double](repeating: 0, count: k)
            basis.withUnsafeBufferPointer { b in
                pending.withUnsafeBufferPointer { x in
                    rhs.withUnsafeMutableBufferPointer { r in
                        if k == 6 {
                            Self.project6(basis: b, block: start, samples: x, sampleOffset: pendingStart, range: first..<end, into: r)
                            return
                        }
                        for global in first..<end {
                            let value = x[global - pendingStart], row = (global - start) * k
                            for i in 0..<k { r[i] += b[row + i] * value }
                        }
                    }
                }
            }
            var coefficients: [Double]?
            if first == start, end == start + blockLength {
                coefficients = fullBlockFactor.map { Self.solveFactored($0, rhs, size: k) }
            } else {
                var gram = Self.gram(basis: basis, rows: (first - start)..<(end - start), size: k)
                if Self.factor(&gram, size: k) { coefficients = Self.solveFactored(gram, rhs, size: k) }
            }
            if let coefficients {
                basis.withUnsafeBufferPointer { b in
                    window.withUnsafeBufferPointer { w in
                        coefficients.withUnsafeBufferPointer { c in
                            hum.withUnsafeMutableBufferPointer { h in
                                if k == 6 {
                                    Self.synthesise6(basis: b, window: w, coefficients: c, block: start, range: first..<end,
                                                     into: h, humOffset: pendingStart)
                                    return
                                }
                                for global in first..<end {
                                    let n = global - start
                                    var estimate = 0.0
                                    for i in 0..<k { estimate += c[i] * b[n * k + i] }
                                    h[global - pendingStart] += w[n] * estimate
                                }
                            }
                        }
                    }
                }
            }
        }
        let emitEnd = min(start + hop, received)
        var output: [Float] = []
        if emitEnd > first {
            output = [Float](repeating: 0, count: emitEnd - first)
            pending.withUnsafeBufferPointer { x in
                hum.withUnsafeBufferPointer { h in
                    output.withUnsafeMutableBufferPointer { o in
                        for global in first..<emitEnd {
                            o[global - first] = Float(x[global - pendingStart] - h[global - pendingStart])
                        }
                    }
                }
            }
        }
        nextBlockStart = start + hop
        // Drop emitted samples only when they are the larger part, so a huge chunk costs O(n), not O(n²).
        let emitted = max(0, min(nextBlockStart, received) - pendingStart)
        if emitted > 0, emitted >= pending.count / 2 {
            pending.removeFirst(emitted)
            hum.removeFirst(emitted)
            pendingStart += emitted
        }
        return output
    }

    // Three harmonics (K = 6, what the EMG detector removes) with the six accumulators in
    // registers: the general loops over K keep them in memory and pay their loop overhead per
    // basis function. Same operations in the same order, so the results are bit-identical.

    /// rhs[i] += Σ basis[n·6 + i] · x[n] over `range` (global indices; block-local n = global − block).
    private static func project6(basis b: UnsafeBufferPointer<Double>, block start: Int, samples x: UnsafeBufferPointer<Double>,
                                 sampleOffset: Int, range: Range<Int>, into r: UnsafeMutableBufferPointer<Double>) {
        var r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3], r4 = r[4], r5 = r[5]
        for global in range {
            let value = x[global - sampleOffset], row = (global - start) * 6
            r0 += b[row] * value
            r1 += b[row + 1] * value
            r2 += b[row + 2] * value
            r3 += b[row + 3] * value
            r4 += b[row + 4] * value
            r5 += b[row + 5] * value
        }
        r[0] = r0; r[1] = r1; r[2] = r2; r[3] = r3; r[4] = r4; r[5] = r5
    }

    /// hum[n] += window[n] · Σ c[i] · basis[n·6 + i] over `range` (global indices).
    private static func synthesise6(basis b: UnsafeBufferPointer<Double>, window w: UnsafeBufferPointer<Double>,
                                    coefficients c: UnsafeBufferPointer<Double>, block start: Int, range: Range<Int>,
                                    into h: UnsafeMutableBufferPointer<Double>, humOffset: Int) {
        let c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5]
        for global in range {
            let n = global - start, row = n * 6
            var estimate = 0.0
            estimate += c0 * b[row]
            estimate += c1 * b[row + 1]
            estimate += c2 * b[row + 2]
            estimate += c3 * b[row + 3]
            estimate += c4 * b[row + 4]
            estimate += c5 * b[row + 5]
            h[global - humOffset] += w[n] * estimate
        }
    }

    /// Solves G·c = r for symmetric positive (semi)definite G (lower triangle filled) by Cholesky,
    /// with a tiny ridge so that nearly collinear bases in short partial blocks stay solvable.
    static func solveSymmetric(_ g: inout [Double], _ r: [Double], size k: Int) -> [Double]? {
        guard factor(&g, size: k) else { return nil }
        return solveFactored(g, r, size: k)
    }

    /// Adds the ridge to G's diagonal and overwrites its lower triangle with the Cholesky factor L
    /// (G = L·Lᵀ); false when G is not positive definite. O(K³).
    static func factor(_ g: inout [Double], size k: Int) -> Bool {
        var trace = 0.0
        for i in 0..<k { trace += g[i * k + i] }
        let ridge = 1e-10 * trace / Double(k)
        for i in 0..<k { g[i * k + i] += ridge }
        for i in 0..<k {
            for j in 0...i {
                var sum = g[i * k + j]
                for m in 0..<j { sum -= g[i * k + m] * g[j * k + m] }
                if i == j {
                    guard sum > 0 else { return false }
                    g[i * k + i] = sum.squareRoot()
                } else {
                    g[i * k + j] = sum / g[j * k + j]
                }
            }
        }
        return true
    }

    /// Solves L·Lᵀ·c = r by forward and back substitution with the factor from `factor`. O(K²).
    static func solveFactored(_ g: [Double], _ r: [Double], size k: Int) -> [Double] {
        var y = r
        for i in 0..<k {
            for m in 0..<i { y[i] -= g[i * k + m] * y[m] }
            y[i] /= g[i * k + i]
        }
        for i in stride(from: k - 1, through: 0, by: -1) {
            for m in (i + 1)..<k { y[i] -= g[m * k + i] * y[m] }
            y[i] /= g[i * k + i]
        }
        return y
    }

    /// Tells whether 50 or 60 Hz hum is present.
    ///
    /// Splits the signal into 1 s segments (up to 120 of them, spread evenly, so that hours cost
    /// no more than two minutes), Hann-windows each and measures power with the Goertzel
    /// algorithm at the mains frequency and its harmonics and at ±3, 4, 6 and 7 Hz beside each
    /// (outside the 1 s Hann main lobe, clear of the other mains frequency's lines). The ratio is
    /// line power over mean neighbour power, summed over harmonics below Nyquist; a ratio at or
    /// above `threshold` (default 10, i.e. 10 dB, well above the ~1 of broadband EMG/EEG) counts as
    /// hum, and the stronger of 50 and 60 wins. O(segments · segment length · harmonics).
    /// - Throws: `DSPError.invalidSampleRate`; `DSPError.signalTooShort` if shorter than 0.25 s.
    public static func detect(_ signal: [Float], sampleRate: Double, harmonics: Int = 3, threshold: Double = 10) throws(DSPError) -> MainsHumDetection {
        guard sampleRate.isFinite, sampleRate > 0 else { throw .invalidSampleRate(sampleRate) }
        let minimum = Int((0.25 * sampleRate).rounded(.up))
        guard signal.count >= max(minimum, 8) else { throw .signalTooShort(length: signal.count, required: max(minimum, 8)) }
        let segmentLength = min(signal.count, max(8, Int(sampleRate.rounded())))
        let segmentCount = signal.count / segmentLength
        let used = min(segmentCount, 120)
        let window = (0..<segmentLength).map { n -> Double in
            let s = sin(Double.pi * Double(n) / Double(segmentLength))
            return s * s
        }
        func ratio(for mains: Double) -> Double {
            var line = 0.0, neighbours = 0.0
            for h in 1...max(1, harmonics) {
                let centre = mains * Double(h)
                guard centre + 7 < sampleRate / 2 else { break }
                var linePower = 0.0, neighbourPower = 0.0
                for s in 0..<used {
                    let offset = (s * segmentCount / used) * segmentLength
                    linePower += goertzel(signal, offset, segmentLength, window, centre / sampleRate)
                    for d in [-7.0, -6, -4, -3, 3, 4, 6, 7] {
                        neighbourPower += goertzel(signal, offset, segmentLength, window, (centre + d) / sampleRate) / 8
                    }
                }
                line += linePower
                neighbours += neighbourPower
            }
            return neighbours > 0 ? line / neighbours : (line > 0 ? .infinity : 0)
        }
        let r50 = ratio(for: 50), r60 = ratio(for: 60)
        var frequency: Double?
        if max(r50, r60) >= threshold { frequency = r50 >= r60 ? 50 : 60 }
        return MainsHumDetection(frequency: frequency, ratio50: r50, ratio60: r60)
    }

    /// Power of one windowed segment at `cyclesPerSample` by the Goertzel recurrence. O(length).
    private static func goertzel(_ signal: [Float], _ offset: Int, _ length: Int, _ window: [Double], _ cyclesPerSample: Double) -> Double {
        let coefficient = 2 * cos(2 * Double.pi * cyclesPerSample)
        var s1 = 0.0, s2 = 0.0
        signal.withUnsafeBufferPointer { x in
            for n in 0..<length {
                let s0 = Double(x[offset + n]) * window[n] + coefficient * s1 - s2
                s2 = s1
                s1 = s0
            }
        }
        return max(0, s1 * s1 + s2 * s2 - coefficient * s1 * s2)
    }
}
