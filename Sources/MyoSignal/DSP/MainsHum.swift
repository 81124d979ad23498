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
/// chunking. Every block is two half blocks (hops), and the basis over a block's second half is
/// the basis over its first half rotated by each harmonic's phase advance over one hop; so each
/// half is projected once on a half-length basis (shared by the two blocks that cover it), and
/// its hum is synthesised once from the two blocks' coefficients rotated into that basis. The
/// Gram matrix of a full block is the same for every block, so its Cholesky factor is computed
/// once (partial blocks at the ends of the signal are factored on their own).
///
/// Complexity: O(n) with a few instructions per sample when the harmonics repeat over a short
/// tile of samples (1 kHz with 50 or 60 Hz: 40 and 56 samples; see `MainsHumKernels`): the
/// projection folds each half onto one tile and the synthesis builds the hum over one tile, so the
/// K = 2·harmonics basis functions cost O(K·tile) per half, not per sample. Without such a period
/// the tile is the half and the cost is O(n·K). Loops run in `Float` SIMD over the samples (the
/// input is `Float`; the K×K solves stay in `Double`); samples or fits near the `Float` range
/// fall back to `Double`. O(block length · K) memory.
public struct MainsHum: Sendable {
    /// The mains frequency removed, Hz.
    public let mainsFrequency: Double
    /// Number of harmonics removed (including the fundamental), those below Nyquist only.
    public let harmonics: Int
    private let sampleRate: Double
    /// Samples per half block, the hop between blocks.
    private let hop: Int
    /// Samples per tile, a multiple of 8: the basis at half-local sample n is the basis at
    /// n mod tile (see `MainsHumKernels`).
    private let tile: Int
    /// tileBasis[i·tile + j]: cosine (even i) or sine (odd i) of harmonic i/2+1 at half-local sample j.
    private let tileBasis: [Float]
    /// Hann weight, at half-local sample n, of the block that starts with the half; the block
    /// that ends with it weighs 1 − rampWeight[n] (a Hann window's halves sum to exactly 1).
    private let rampWeight: [Float]
    /// Cosine and sine of each harmonic's phase advance over one hop.
    private let advanceCos: [Double]
    private let advanceSin: [Double]
    /// Cholesky factor of the ridged Gram matrix of a full block (nil if it is singular), shared
    /// by every full block.
    private let fullBlockFactor: [Double]?
    /// The samples not emitted yet: global indices from `nextHalf · hop` to `received`.
    private var pending: [Float] = []
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
        let tile = Self.tileLength(mainsFrequency, sampleRate: sampleRate, harmonics: self.harmonics, hop: half)
        self.tile = tile
        var table = [Float](repeating: 0, count: tile * k)
        for h in 0..<self.harmonics {
            for n in 0..<tile {
                let phase = Self.phase(mainsFrequency, harmonic: h, sample: n, sampleRate: sampleRate)
                table[(2 * h) * tile + n] = Float(cos(phase))
                table[(2 * h + 1) * tile + n] = Float(sin(phase))
            }
        }
        tileBasis = table
        advanceCos = (0..<self.harmonics).map { cos(Self.phase(mainsFrequency, harmonic: $0, sample: half, sampleRate: sampleRate)) }
        advanceSin = (0..<self.harmonics).map { sin(Self.phase(mainsFrequency, harmonic: $0, sample: half, sampleRate: sampleRate)) }
        rampWeight = (0..<half).map { n in
            let s = sin(Double.pi * Double(n) / Double(2 * half))
            return Float(s * s)
        }
        var gram = Self.gram(mainsFrequency, sampleRate: sampleRate, harmonics: self.harmonics, rows: 0..<(2 * half))
        fullBlockFactor = Self.factor(&gram, size: k) ? gram : nil
    }

    /// The tile: the shortest multiple of 8 samples over which the mains completes whole cycles
    /// (exactly enough that the phase drifts by under 1e-7 cycle over a hop at the top harmonic),
    /// or the hop rounded up to 8 when that is not shorter than the hop. O(hop).
    private static func tileLength(_ mains: Double, sampleRate: Double, harmonics: Int, hop: Int) -> Int {
        let wholeHop = (hop + 7) / 8 * 8
        for period in 1...hop {
            let cycles = mains * Double(period) / sampleRate
            let drift = abs(cycles - cycles.rounded()) * Double(harmonics) * Double(hop / period + 1)
            guard cycles >= 1, drift <= 1e-7 else { continue }
            var a = period, b = 8
            while b != 0 { (a, b) = (b, a % b) }
            let multiple = period / a * 8
            return multiple <= hop ? multiple : wholeHop
        }
        return wholeHop
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
        let chunkStart = received
        received += chunk.count
        // Halves h whose two blocks are complete: (h + 2)·hop ≤ received.
        let halves = max(0, received / hop - 1 - nextHalf)
        guard halves > 0 else {
            pending.append(contentsOf: chunk)
            return []
        }
        let earlier = pending
        pending = []
        let first = nextHalf * hop
        let output = emit(halves: halves, earlier: earlier, chunk: chunk, chunkStart: chunkStart)
        // Keep what is not emitted (under two hops): read by the next call without copying the chunk.
        let keepFrom = nextHalf * hop
        var rest: [Float] = []
        rest.reserveCapacity(received - keepFrom)
        if keepFrom < chunkStart { rest.append(contentsOf: earlier[(keepFrom - first)...]) }
        rest.append(contentsOf: chunk[max(0, keepFrom - chunkStart)...])
        pending = rest
        return output
    }

    /// Ends the signal: fits the last, partial blocks, returns the remaining samples and resets.
    public mutating func finish() -> [Float] {
        let earlier = pending
        pending = []
        let halves = (received - nextHalf * hop + hop - 1) / hop
        let output = emit(halves: halves, earlier: earlier, chunk: [], chunkStart: received)
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

    /// Emits `halves` halves from `nextHalf` on, reading the samples from `earlier` (global
    /// indices from `nextHalf · hop` to `chunkStart`) followed by `chunk`. O(samples emitted).
    private mutating func emit(halves: Int, earlier: [Float], chunk: [Float], chunkStart: Int) -> [Float] {
        let first = nextHalf * hop
        let count = min(halves * hop, received - first)
        guard count > 0 else { return [] }
        let k = 2 * harmonics
        var scratch = [Float](repeating: 0, count: hop + 3 * tile + 2 * k)
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            earlier.withUnsafeBufferPointer { old in
                chunk.withUnsafeBufferPointer { new in
                    scratch.withUnsafeMutableBufferPointer { space in
                        guard let outBase = out.baseAddress, let spaceBase = space.baseAddress else { return }
                        let work = Workspace(old: old, oldStart: first, new: new, newStart: chunkStart,
                                             straddle: spaceBase, fold: spaceBase + hop, level: spaceBase + hop + tile,
                                             ramp: spaceBase + hop + 2 * tile, coefficients: spaceBase + hop + 3 * tile)
                        while nextHalf * hop < first + count {
                            emitNextHalf(work, into: outBase + (nextHalf * hop - first))
                        }
                    }
                }
            }
            initialized = count
        }
    }

    /// Where `emitNextHalf` reads samples and keeps its per-half intermediates: the samples not
    /// emitted before this call (`old`, from global index `oldStart`), then the current chunk
    /// (`new`, from `newStart`), and scratch space (hop + 3·tile + 2·K floats).
    private struct Workspace {
        let old: UnsafeBufferPointer<Float>
        let oldStart: Int
        let new: UnsafeBufferPointer<Float>
        let newStart: Int
        let straddle: UnsafeMutablePointer<Float>
        let fold: UnsafeMutablePointer<Float>
        let level: UnsafeMutablePointer<Float>
        let ramp: UnsafeMutablePointer<Float>
        let coefficients: UnsafeMutablePointer<Float>

        /// The `count` samples from global `start` (at most a hop): in place when they lie in one
        /// buffer, else copied into `straddle` (valid until the next call). O(1) or O(count).
        func samples(from start: Int, count: Int) -> UnsafePointer<Float> {
            if start >= newStart, let base = new.baseAddress { return base + (start - newStart) }
            if start + count <= newStart, let base = old.baseAddress { return base + (start - oldStart) }
            var n = 0
            for index in start..<(start + count) {
                let local = index - oldStart
                straddle[n] = local < old.count ? old[local] : new[index - newStart]
                n += 1
            }
            return UnsafePointer(straddle)
        }
    }

    /// Fits the block made of halves `nextHalf` and `nextHalf + 1` over the samples received,
    /// writes half `nextHalf` less the Hann-weighted hum of its two blocks to `out`, and moves on.
    private mutating func emitNextHalf(_ work: Workspace, into out: UnsafeMutablePointer<Float>) {
        let k = 2 * harmonics
        let start = nextHalf * hop
        let count = min(hop, received - start)
        let nextCount = max(0, min(hop, received - start - hop))
        let projection: [Double]
        if let cached = cachedProjection, cached.samples == count {
            projection = cached.values
        } else {
            projection = project(work.samples(from: start, count: count), count: count, work)
        }
        if nextHalf == 0 {
            // The block before the signal covers only half 0, as its second half.
            carried = fit(projectionOnSecondHalf(projection), rows: hop..<(hop + count)).map(rotatedForward)
        }
        let nextProjection = nextCount > 0
            ? project(work.samples(from: start + hop, count: nextCount), count: nextCount, work)
            : [Double](repeating: 0, count: k)
        let second = projectionOnSecondHalf(nextProjection)
        var rhs = projection
        for i in 0..<k { rhs[i] += second[i] }
        let coefficients = fit(rhs, rows: 0..<(count + nextCount))
        synthesiseAndSubtract(work.samples(from: start, count: count), count: count, previous: carried,
                              current: coefficients, work, into: out)
        carried = coefficients.map(rotatedForward)
        cachedProjection = (nextCount, nextProjection)
        nextHalf += 1
    }

    /// Coefficients (cosine/sine pairs per harmonic) over a block's basis turned into the same
    /// sinusoids over the basis of the block's second half: with φ the phase advance over one hop,
    /// a·cos(ω(n+hop)) + b·sin(ω(n+hop)) = (a·cos φ + b·sin φ)·cos ωn + (b·cos φ − a·sin φ)·sin ωn. O(K).
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

    /// The projection of a half on its own basis turned into its projection on the basis of the
    /// block in which it is the second half: Σ x·cos(ω(n+hop)) = cos φ·Σ x·cos ωn − sin φ·Σ x·sin ωn
    /// and Σ x·sin(ω(n+hop)) = cos φ·Σ x·sin ωn + sin φ·Σ x·cos ωn (the transpose of the rotation of
    /// coefficients; the two agree only when a hop holds whole mains cycles). O(K).
    private func projectionOnSecondHalf(_ values: [Double]) -> [Double] {
        var out = values
        for h in 0..<harmonics {
            let c = advanceCos[h], s = advanceSin[h]
            let x = values[2 * h], y = values[2 * h + 1]
            out[2 * h] = c * x - s * y
            out[2 * h + 1] = c * y + s * x
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

    /// Projection of the `count` samples `x` (a half from its start) on the half basis: folded
    /// onto one tile in `Float`, then multiplied by the tile basis. Samples so large that the
    /// `Float` sums overflow are projected again in `Double`. O(count + K·tile).
    private func project(_ x: UnsafePointer<Float>, count: Int, _ work: Workspace) -> [Double] {
        let k = 2 * harmonics, tile = tile
        var result = [Double](repeating: 0, count: k)
        MainsHumKernels.fold(x, count: count, tile: tile, into: work.fold)
        tileBasis.withUnsafeBufferPointer { b in
            result.withUnsafeMutableBufferPointer { r in
                guard let basis = b.baseAddress, let values = r.baseAddress else { return }
                MainsHumKernels.project(fold: work.fold, basis: basis, functions: k, tile: tile, into: values)
                guard r.contains(where: { !$0.isFinite }) else { return }
                for i in 0..<k {
                    var sum = 0.0, j = 0
                    for n in 0..<count {
                        sum += Double(x[n]) * Double(basis[i * tile + j])
                        j = j + 1 == tile ? 0 : j + 1
                    }
                    values[i] = sum
                }
            }
        }
        return result
    }

    /// Writes the `count` samples `x` less their hum to `out`: the block ending with this half
    /// (`previous`, rotated into this half's basis) weighted by 1 − `rampWeight` plus the block
    /// starting with it (`current`) weighted by `rampWeight`, i.e. previous + ramp·(current −
    /// previous), each synthesised over one tile. O(count + K·tile).
    private func synthesiseAndSubtract(_ x: UnsafePointer<Float>, count: Int, previous: [Double]?, current: [Double]?,
                                       _ work: Workspace, into out: UnsafeMutablePointer<Float>) {
        let k = 2 * harmonics, tile = tile
        // Float synthesis is exact enough for any hum up to 1e30 (sums of a dozen such products
        // stay far inside the Float range); larger fits (samples near the Float range) use Double.
        var largest = 0.0
        for i in 0..<k { largest = max(largest, abs(previous?[i] ?? 0), abs(current?[i] ?? 0)) }
        guard largest <= 1e30 else {
            synthesiseAndSubtractInDouble(x, count: count, previous: previous, current: current, into: out)
            return
        }
        let level = work.coefficients, ramp = work.coefficients + k
        for i in 0..<k {
            let p = previous?[i] ?? 0, c = current?[i] ?? 0
            level[i] = Float(p)
            ramp[i] = Float(c - p)
        }
        tileBasis.withUnsafeBufferPointer { b in
            rampWeight.withUnsafeBufferPointer { w in
                guard let basis = b.baseAddress, let weight = w.baseAddress else { return }
                MainsHumKernels.synthesise(level, ramp, basis: basis, functions: k, tile: tile, level: work.level, ramp: work.ramp)
                MainsHumKernels.subtract(x, count: count, level: work.level, ramp: work.ramp, weight: weight, tile: tile, into: out)
            }
        }
    }

    /// `synthesiseAndSubtract` in `Double`, for fits too large for `Float` products (or not
    /// finite). O(count · K).
    private func synthesiseAndSubtractInDouble(_ x: UnsafePointer<Float>, count: Int, previous: [Double]?, current: [Double]?,
                                               into out: UnsafeMutablePointer<Float>) {
        let k = 2 * harmonics
        var j = 0
        for n in 0..<count {
            var hum = 0.0
            let ramp = Double(rampWeight[n])
            for i in 0..<k {
                let weight = (previous?[i] ?? 0) * (1 - ramp) + (current?[i] ?? 0) * ramp
                hum += weight * Double(tileBasis[i * tile + j])
            }
            out[n] = Float(Double(x[n]) - hum)
            j = j + 1 == tile ? 0 : j + 1
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
