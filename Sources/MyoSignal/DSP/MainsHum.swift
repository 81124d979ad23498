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
/// chunking. Complexity: O(n·K) for K = 2·harmonics basis functions, about 3K flops per sample.
/// Every block is two half blocks (hops), and the basis over a block's second half is the basis
/// over its first half rotated by each harmonic's phase advance over one hop; so each half is
/// projected once on a half-length basis (shared by the two blocks that cover it), and its hum is
/// synthesised once from the two blocks' coefficients rotated into that basis. The Gram matrix of
/// a full block is the same for every block, so its Cholesky factor is computed once (partial
/// blocks at the ends of the signal are factored on their own). Projection and synthesis run in
/// `Float` SIMD over the samples (the input is `Float`; the 6×6 solves stay in `Double`).
/// O(block length · K) memory.
public struct MainsHum: Sendable {
    /// The mains frequency removed, Hz.
    public let mainsFrequency: Double
    /// Number of harmonics removed (including the fundamental), those below Nyquist only.
    public let harmonics: Int
    private let sampleRate: Double
    /// Samples per half block, the hop between blocks.
    private let hop: Int
    /// halfBasis[i·hop + n]: cosine (even i) or sine (odd i) of harmonic i/2+1 at half-local sample n.
    private let halfBasis: [Float]
    /// Hann weight of a block at half-local sample n of its first half, and of its second half.
    private let firstHalfWeight: [Float]
    private let secondHalfWeight: [Float]
    /// Cosine and sine of each harmonic's phase advance over one hop.
    private let advanceCos: [Double]
    private let advanceSin: [Double]
    /// Cholesky factor of the ridged Gram matrix of a full block (nil if it is singular), shared
    /// by every full block.
    private let fullBlockFactor: [Double]?
    /// Raw samples from global index `pendingStart` on.
    private var pending: [Float] = []
    private var pendingStart = 0
    private var received = 0
    /// Index of the next half block to emit (it starts at `nextHalf · hop`).
    private var nextHalf = 0
    /// Coefficients of the block ending with half `nextHalf`, rotated into that half's basis (nil
    /// when it had too few samples to fit, or is not fitted yet for half 0).
    private var carried: [Double]?
    /// Projection of half `nextHalf` when already computed, with the sample count it covered.
    private var cachedProjection: (samples: Int, values: [Double])?

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
        self.sampleRate = sampleRate
        self.harmonics = max(1, usable)
        let half = max(2 * 2 * self.harmonics, Int((blockSeconds * sampleRate / 2).rounded()))
        hop = half
        let k = 2 * self.harmonics
        var table = [Float](repeating: 0, count: half * k)
        for h in 0..<self.harmonics {
            for n in 0..<half {
                let phase = Self.phase(mainsFrequency, harmonic: h, sample: n, sampleRate: sampleRate)
                table[(2 * h) * half + n] = Float(cos(phase))
                table[(2 * h + 1) * half + n] = Float(sin(phase))
            }
        }
        halfBasis = table
        advanceCos = (0..<self.harmonics).map { cos(Self.phase(mainsFrequency, harmonic: $0, sample: half, sampleRate: sampleRate)) }
        advanceSin = (0..<self.harmonics).map { sin(Self.phase(mainsFrequency, harmonic: $0, sample: half, sampleRate: sampleRate)) }
        let length = 2 * half
        func hann(_ n: Int) -> Float {
            let s = sin(Double.pi * Double(n) / Double(length))
            return Float(s * s)
        }
        firstHalfWeight = (0..<half).map { hann($0) }
        secondHalfWeight = (0..<half).map { hann(half + $0) }
        var gram = Self.gram(mainsFrequency, sampleRate: sampleRate, harmonics: self.harmonics, rows: 0..<length)
        fullBlockFactor = Self.factor(&gram, size: k) ? gram : nil
    }

    /// Phase of harmonic `harmonic` + 1 at block-local `sample`, radians.
    private static func phase(_ mains: Double, harmonic h: Int, sample n: Int, sampleRate: Double) -> Double {
        2 * Double.pi * mains * Double(h + 1) * Double(n) / sampleRate
    }

    /// The lower triangle of the Gram matrix of the basis over block-local `rows`. O(rows · K²).
    private static func gram(_ mains: Double, sampleRate: Double, harmonics: Int, rows: Range<Int>) -> [Double] {
        let k = 2 * harmonics
        var gram = [Double](repeating: 0, count: k * k)
        var row = [Double](repeating: 0, count: k)
        for n in rows {
            for h in 0..<harmonics {
                let phase = Self.phase(mains, harmonic: h, sample: n, sampleRate: sampleRate)
                row[2 * h] = cos(phase)
                row[2 * h + 1] = sin(phase)
            }
            for i in 0..<k {
                for j in 0...i { gram[i * k + j] += row[i] * row[j] }
            }
        }
        return gram
    }

    /// Feeds a chunk; returns the hum-free samples that are final (one block behind the input).
    public mutating func process(_ chunk: [Float]) -> [Float] {
        pending.append(contentsOf: chunk)
        received += chunk.count
        var output: [Float] = []
        let ready = (received / hop - 1) * hop - nextHalf * hop
        if ready > 0 { output.reserveCapacity(ready) }
        while (nextHalf + 2) * hop <= received { emitNextHalf(into: &output) }
        // Drop emitted samples only when they are the larger part, so a huge chunk costs O(n), not O(n²).
        let emitted = nextHalf * hop - pendingStart
        if emitted > 0, emitted >= pending.count / 2 {
            pending.removeFirst(emitted)
            pendingStart += emitted
        }
        return output
    }

    /// Ends the signal: fits the last, partial blocks, returns the remaining samples and resets.
    public mutating func finish() -> [Float] {
        var output: [Float] = []
        output.reserveCapacity(max(0, received - nextHalf * hop))
        while nextHalf * hop < received { emitNextHalf(into: &output) }
        pending = []
        pendingStart = 0
        received = 0
        nextHalf = 0
        carried = nil
        cachedProjection = nil
        return output
    }

    /// Removes hum from a whole signal (same length).
    public static func remove(_ signal: [Float], sampleRate: Double, mainsFrequency: Double, harmonics: Int = 5) throws(DSPError) -> [Float] {
        var remover = try MainsHum(sampleRate: sampleRate, mainsFrequency: mainsFrequency, harmonics: harmonics)
        return remover.process(signal) + remover.finish()
    }

    /// Fits the block made of halves `nextHalf` and `nextHalf + 1` over the samples received,
    /// subtracts from half `nextHalf` the Hann-weighted hum of its two blocks, and appends it.
    private mutating func emitNextHalf(into output: inout [Float]) {
        let k = 2 * harmonics
        let start = nextHalf * hop
        let count = min(hop, received - start)
        let nextCount = max(0, min(hop, received - start - hop))
        let projection: [Double]
        if let cached = cachedProjection, cached.samples == count {
            projection = cached.values
        } else {
            projection = project(from: start, count: count)
        }
        if nextHalf == 0 {
            // The block before the signal covers only half 0, as its second half.
            carried = fit(rotatedForward(projection), rows: hop..<(hop + count)).map(rotatedForward)
        }
        let nextProjection = nextCount > 0 ? project(from: start + hop, count: nextCount) : [Double](repeating: 0, count: k)
        let second = rotatedForward(nextProjection)
        var rhs = projection
        for i in 0..<k { rhs[i] += second[i] }
        let coefficients = fit(rhs, rows: 0..<(count + nextCount))
        synthesiseAndSubtract(from: start, count: count, previous: carried, current: coefficients, into: &output)
        carried = coefficients.map(rotatedForward)
        cachedProjection = (nextCount, nextProjection)
        nextHalf += 1
    }

    /// `values` (cosine/sine pairs per harmonic) rotated by each harmonic's phase advance over one
    /// hop. Applied to a projection on the half basis it gives the projection on the basis of the
    /// following half of the same block; applied to coefficients over a block's basis it gives the
    /// same sinusoids over the basis of the block's second half. O(K).
    private func rotatedForward(_ values: [Double]) -> [Double] {
        var out = values
        for h in 0..<harmonics {
            let c = advanceCos[h], s = advanceSin[h]
            let x = values[2 * h], y = values[2 * h + 1]
            out[2 * h] = c * x + s * y
            out[2 * h + 1] = c * y - s * x
        }
        return out
    }

    /// Least-squares coefficients of the block basis over block-local `rows` given the projection
    /// `rhs`; nil when the rows are too few (under 2K) or the Gram matrix is singular. O(K²), or
    /// O(rows · K²) for a partial block.
    private func fit(_ rhs: [Double], rows: Range<Int>) -> [Double]? {
        let k = 2 * harmonics
        guard rows.count >= 2 * k else { return nil }
        if rows == 0..<(2 * hop) { return fullBlockFactor.map { Self.solveFactored($0, rhs, size: k) } }
        var gram = Self.gram(mainsFrequency, sampleRate: sampleRate, harmonics: harmonics, rows: rows)
        return Self.factor(&gram, size: k) ? Self.solveFactored(gram, rhs, size: k) : nil
    }

    /// Projection of the `count` samples from global `start` (a half boundary) on the half basis.
    /// Eight `Float` lanes per basis function, summed in `Double`. O(count · K).
    private func project(from start: Int, count: Int) -> [Double] {
        let k = 2 * harmonics, hop = hop
        var result = [Double](repeating: 0, count: k)
        pending.withUnsafeBufferPointer { x in
            halfBasis.withUnsafeBufferPointer { b in
                guard let xBase = x.baseAddress, let bBase = b.baseAddress else { return }
                let samples = UnsafeRawPointer(xBase + (start - pendingStart))
                for i in 0..<k {
                    let row = UnsafeRawPointer(bBase + i * hop)
                    var lanes = SIMD8<Float>()
                    var n = 0
                    while n + 8 <= count {
                        let offset = n * MemoryLayout<Float>.stride
                        lanes += samples.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                            * row.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
                        n += 8
                    }
                    var sum = 0.0
                    for lane in 0..<8 { sum += Double(lanes[lane]) }
                    while n < count {
                        sum += Double(x[start - pendingStart + n]) * Double(b[i * hop + n])
                        n += 1
                    }
                    if !sum.isFinite {
                        // Samples near the Float range overflowed a lane: redo this row in Double.
                        sum = 0
                        for m in 0..<count { sum += Double(x[start - pendingStart + m]) * Double(b[i * hop + m]) }
                    }
                    result[i] = sum
                }
            }
        }
        return result
    }

    /// Appends the `count` samples from global `start` less their hum: the block ending with this
    /// half (`previous`, rotated into this half's basis) weighted by its second-half Hann weights
    /// plus the block starting with it (`current`) by its first-half weights. Eight `Float` lanes
    /// at a time. O(count · K).
    private func synthesiseAndSubtract(from start: Int, count: Int, previous: [Double]?, current: [Double]?,
                                       into output: inout [Float]) {
        let k = 2 * harmonics, hop = hop, offset = start - pendingStart
        // Float synthesis is exact enough for any hum up to 1e30 (sums of a dozen such products
        // stay far inside the Float range); larger fits (samples near the Float range) use Double.
        let largest = max(previous?.lazy.map(abs).max() ?? 0, current?.lazy.map(abs).max() ?? 0)
        guard largest <= 1e30 else {
            synthesiseAndSubtractInDouble(from: start, count: count, previous: previous, current: current, into: &output)
            return
        }
        var clean = Array(pending[offset..<(offset + count)])
        let stride = MemoryLayout<Float>.stride
        halfBasis.withUnsafeBufferPointer { b in
            firstHalfWeight.withUnsafeBufferPointer { w1 in
                secondHalfWeight.withUnsafeBufferPointer { w2 in
                    clean.withUnsafeMutableBufferPointer { x in
                        guard let bBase = b.baseAddress, let w1Base = w1.baseAddress, let w2Base = w2.baseAddress,
                              let xBase = x.baseAddress else { return }
                        let first = UnsafeRawPointer(w1Base), second = UnsafeRawPointer(w2Base)
                        let out = UnsafeMutableRawPointer(xBase)
                        for i in 0..<k {
                            let p = Float(previous?[i] ?? 0), c = Float(current?[i] ?? 0)
                            let row = UnsafeRawPointer(bBase + i * hop)
                            var n = 0
                            while n + 8 <= count {
                                let at = n * stride
                                let weight = p * second.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                                    + c * first.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                                let value = out.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                                    - weight * row.loadUnaligned(fromByteOffset: at, as: SIMD8<Float>.self)
                                out.storeBytes(of: value, toByteOffset: at, as: SIMD8<Float>.self)
                                n += 8
                            }
                            while n < count {
                                x[n] -= (p * w2[n] + c * w1[n]) * b[i * hop + n]
                                n += 1
                            }
                        }
                    }
                }
            }
        }
        output.append(contentsOf: clean)
    }

    /// `synthesiseAndSubtract` in `Double`, for fits too large for `Float` products (or not
    /// finite). O(count · K).
    private func synthesiseAndSubtractInDouble(from start: Int, count: Int, previous: [Double]?, current: [Double]?,
                                               into output: inout [Float]) {
        let k = 2 * harmonics, offset = start - pendingStart
        for n in 0..<count {
            var hum = 0.0
            for i in 0..<k {
                let weight = (previous?[i] ?? 0) * Double(secondHalfWeight[n]) + (current?[i] ?? 0) * Double(firstHalfWeight[n])
                hum += weight * Double(halfBasis[i * hop + n])
            }
            output.append(Float(Double(pending[offset + n]) - hum))
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
