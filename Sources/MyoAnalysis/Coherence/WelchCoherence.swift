import Foundation
import MyoDetect
import MyoSignal

/// Welch estimates of the auto- and cross-spectra of several EEG channels (at one rate) with
/// one EMG channel's rectified envelope, fed chunk by chunk.
///
/// The EMG is high-passed, full-wave rectified and resampled to the EEG rate (the resampler's
/// anti-aliasing low-pass makes the envelope). Then the EEG and the envelope go through the same
/// ``HalfBandDecimator`` down to the analysis rate (about 250 Hz, at least 2.5 times the highest
/// frequency reported), so the spectra need a quarter of the samples at 1 kHz; the shared filter
/// cancels from the coherence. Both are cut into disjoint segments of a power of two samples,
/// each with its mean removed and a Hann window, and transformed. Memory: one chunk and one
/// segment per channel plus the spectra; the segment loop allocates nothing.
/// Complexity: O(samples · log segment).
final class WelchCoherence {
    /// The analysis rate: the EEG rate after decimation, Hz.
    let rate: Double
    let segment: Int
    private let bins: Int
    private let transform: FourierTransform
    private let window: [Float]
    /// The EMG high-pass, eight samples at a time from the stream's first sample; `nil` when off.
    private var highPass: EMGBandPass? = nil
    /// EMG samples short of a whole block of the high-pass, waiting for the next chunk.
    private var highPassCarry: [Float] = []
    /// `nil` when the EMG is already at the EEG rate (resampling by 1/1 is the identity).
    private var resampler: Resampler?
    private var emgDecimator: HalfBandDecimator
    private var eegDecimators: [HalfBandDecimator]
    /// Samples waiting for a segment; the first `emgRead` (`eegRead[i]`) are already used.
    /// Used samples are dropped only once they are half the queue, so a whole signal given at
    /// once costs O(n), not O(n²/segment).
    private var emgQueue: [Float] = []
    private var emgRead = 0
    private var eegQueues: [[Float]]
    private var eegRead: [Int]
    /// Per EEG channel i, bins i·bins..<(i+1)·bins: Σ|X|², Σ Re(X·conj(Y)), Σ Im(X·conj(Y));
    /// one Σ|Y|² for the EMG. Flat, so the segment loop runs over contiguous memory.
    private var sxx: [Double]
    private var sxyRe: [Double]
    private var sxyIm: [Double]
    private var syy: [Double]
    /// Scratch of the segment loop, made once: the windowed segment, the transform's work
    /// space, the EMG spectrum and every EEG channel's spectrum of the current segment.
    private var segmentScratch: [Float]
    private var work: [Float]
    private var emgRe: [Double]
    private var emgIm: [Double]
    private var eegRe: [Double]
    private var eegIm: [Double]
    private(set) var segments = 0
    private var emgDone = false

    init(eegChannels: Int, eegRate: Double, emgRate: Double, parameters p: CoherenceAnalyzer.Parameters) throws(BackAveragingError) {
        let stages = HalfBandDecimator.stages(from: eegRate, minimumRate: p.minimumAnalysisRate)
        rate = eegRate / Double(1 << stages)
        let segment = p.segmentSamples(rate: rate)
        self.segment = segment
        guard let t = FourierTransform(count: segment) else {
            throw .invalidParameter(name: "coherence.segmentSeconds", value: "\(p.segmentSeconds)", reason: "gives no usable segment at \(rate) Hz")
        }
        transform = t
        window = (0..<segment).map { Float(0.5 - 0.5 * cos(2 * .pi * Double($0) / Double(segment))) }
        if p.emgHighPassHz > 0 {
            guard p.emgHighPassHz < 0.45 * emgRate else {
                throw .invalidParameter(name: "coherence.emgHighPassHz", value: "\(p.emgHighPassHz)", reason: "must be below 0.45 × the EMG rate (\(emgRate) Hz)")
            }
            do {
                highPass = EMGBandPass(sections: try Butterworth.design(order: 4, band: .highPass(p.emgHighPassHz), sampleRate: emgRate))
            } catch {
                throw .invalidParameter(name: "coherence.emgHighPassHz", value: "\(p.emgHighPassHz)", reason: "no high-pass filter fits: \(error)")
            }
        }
        do {
            resampler = emgRate == eegRate ? nil : try Resampler(from: emgRate, to: eegRate)
        } catch {
            throw .invalidSignal(channel: "EMG", reason: "cannot resample from \(emgRate) Hz to the EEG rate \(eegRate) Hz: \(error)")
        }
        emgDecimator = HalfBandDecimator(stages: stages)
        eegDecimators = [HalfBandDecimator](repeating: HalfBandDecimator(stages: stages), count: eegChannels)
        let bins = segment / 2 + 1
        self.bins = bins
        eegQueues = [[Float]](repeating: [], count: eegChannels)
        eegRead = [Int](repeating: 0, count: eegChannels)
        sxx = [Double](repeating: 0, count: eegChannels * bins)
        sxyRe = sxx
        sxyIm = sxx
        eegRe = sxx
        eegIm = sxx
        syy = [Double](repeating: 0, count: bins)
        emgRe = syy
        emgIm = syy
        segmentScratch = [Float](repeating: 0, count: segment)
        work = [Float](repeating: 0, count: t.workCount)
    }

    /// Adds the next EMG samples (in order from the start).
    func feedEMG(_ samples: [Float]) {
        var x = highPassed(samples, final: false)
        Rectify.fullWave(inPlace: &x)
        if resampler != nil { x = resampler?.process(x) ?? [] }
        emgQueue += emgDecimator.process(x)
        drain()
    }

    /// Ends the EMG stream (the high-pass's and the resampler's tails).
    func finishEMG() {
        guard !emgDone else { return }
        emgDone = true
        var x = highPassed([], final: true)
        Rectify.fullWave(inPlace: &x)
        if resampler != nil { x = (resampler?.process(x) ?? []) + (resampler?.finish() ?? []) }
        emgQueue += emgDecimator.process(x)
        drain()
    }

    /// The high-passed EMG: whole blocks counted from the stream's first sample (so chunking
    /// cannot change a sample), the rest carried to the next call; `final` filters the rest.
    private func highPassed(_ samples: [Float], final: Bool) -> [Float] {
        guard highPass != nil else { return samples }
        let input = highPassCarry.isEmpty ? samples : highPassCarry + samples
        guard let first = input.first else { return [] }
        if highPass?.primed == false { highPass?.prime(firstSample: Double(first)) }
        let whole = final ? input.count : input.count / EMGBandPass.blockLength * EMGBandPass.blockLength
        highPassCarry = Array(input[whole...])
        return input.withUnsafeBufferPointer { x in
            [Float](unsafeUninitializedCapacity: whole) { out, initialised in
                highPass?.filter(UnsafeBufferPointer(rebasing: x[..<whole]), into: out)
                initialised = whole
            }
        }
    }

    /// Adds the next samples of EEG channel `i` (in order from the start).
    func feedEEG(channel i: Int, _ samples: [Float]) {
        guard eegQueues.indices.contains(i) else { return }
        eegQueues[i] += eegDecimators[i].process(samples)
        drain()
    }

    /// Transforms every segment that all channels now have.
    private func drain() {
        while emgQueue.count - emgRead >= segment, eegQueues.indices.allSatisfy({ eegQueues[$0].count - eegRead[$0] >= segment }) {
            // A segment with a non-finite sample in any channel is left out of every spectrum.
            var finite = transformSegment(emgQueue, from: emgRead, channel: nil)
            emgRead += segment
            for i in eegQueues.indices {
                if finite { finite = transformSegment(eegQueues[i], from: eegRead[i], channel: i) }
                eegRead[i] += segment
            }
            compact()
            if finite { accumulate() }
        }
    }

    /// Adds the current segment's spectra (in the scratch arrays) to the sums.
    private func accumulate() {
        let bins = self.bins, channels = eegQueues.count
        emgRe.withUnsafeBufferPointer { yr in
            emgIm.withUnsafeBufferPointer { yi in
                syy.withUnsafeMutableBufferPointer { s in
                    for k in 0..<bins { s[k] += yr[k] * yr[k] + yi[k] * yi[k] }
                }
                eegRe.withUnsafeBufferPointer { xr in
                    eegIm.withUnsafeBufferPointer { xi in
                        sxx.withUnsafeMutableBufferPointer { xx in
                            sxyRe.withUnsafeMutableBufferPointer { cr in
                                sxyIm.withUnsafeMutableBufferPointer { ci in
                                    for i in 0..<channels {
                                        let o = i * bins
                                        for k in 0..<bins {
                                            let a = xr[o + k], b = xi[o + k], c = yr[k], d = yi[k]
                                            xx[o + k] += a * a + b * b
                                            cr[o + k] += a * c + b * d
                                            ci[o + k] += b * c - a * d
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        segments += 1
    }

    /// Drops used samples once they are at least half of a queue.
    private func compact() {
        if emgRead > 0, emgRead * 2 >= emgQueue.count {
            emgQueue.removeFirst(emgRead)
            emgRead = 0
        }
        for i in eegQueues.indices where eegRead[i] > 0 && eegRead[i] * 2 >= eegQueues[i].count {
            eegQueues[i].removeFirst(eegRead[i])
            eegRead[i] = 0
        }
    }

    /// Puts the windowed, mean-removed transform of `segment` samples from `start` into the
    /// scratch spectrum of EEG channel `channel` (the EMG's for `nil`); `false` when a sample is
    /// not finite.
    private func transformSegment(_ samples: [Float], from start: Int, channel: Int?) -> Bool {
        let n = segment, bins = self.bins
        // Single precision, eight samples at a time: the transform runs in `Float` anyway, and a
        // segment's mean of a few hundred EEG samples keeps about six significant digits.
        let finite = samples.withUnsafeBufferPointer { source in
            segmentScratch.withUnsafeMutableBufferPointer { x in
                window.withUnsafeBufferPointer { w in
                    guard let from = source.baseAddress.map({ $0 + start }), let to = x.baseAddress, let wp = w.baseAddress else { return false }
                    func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
                    let blocks = n / 8 * 8
                    var sum8 = SIMD8<Float>()
                    var k = 0
                    while k < blocks { sum8 += load(from + k); k += 8 }
                    var sum = sum8.sum()
                    while k < n { sum += from[k]; k += 1 }
                    guard sum.isFinite else { return false }
                    let mean = sum / Float(n)
                    let mean8 = SIMD8<Float>(repeating: mean)
                    k = 0
                    while k < blocks {
                        UnsafeMutableRawPointer(to + k).storeBytes(of: (load(from + k) - mean8) * load(wp + k), as: SIMD8<Float>.self)
                        k += 8
                    }
                    while k < n { to[k] = (from[k] - mean) * wp[k]; k += 1 }
                    return true
                }
            }
        }
        guard finite else { return false }
        let offset = (channel ?? 0) * bins
        segmentScratch.withUnsafeBufferPointer { x in
            work.withUnsafeMutableBufferPointer { w in
                if channel == nil {
                    emgRe.withUnsafeMutableBufferPointer { re in
                        emgIm.withUnsafeMutableBufferPointer { im in transform.realSpectrum(x, re: re, im: im, work: w) }
                    }
                } else {
                    eegRe.withUnsafeMutableBufferPointer { re in
                        eegIm.withUnsafeMutableBufferPointer { im in
                            transform.realSpectrum(x, re: UnsafeMutableBufferPointer(rebasing: re[offset..<(offset + bins)]),
                                                   im: UnsafeMutableBufferPointer(rebasing: im[offset..<(offset + bins)]), work: w)
                        }
                    }
                }
            }
        }
        return true
    }

    /// Magnitude-squared coherence of EEG channel `i` per frequency bin (0 where a spectrum is 0).
    func coherence(channel i: Int) -> [Double] {
        guard (0..<eegQueues.count).contains(i) else { return [] }
        let o = i * bins
        return (0..<bins).map { k in
            let denominator = sxx[o + k] * syy[k]
            guard denominator > 0 else { return 0 }
            return min(1, (sxyRe[o + k] * sxyRe[o + k] + sxyIm[o + k] * sxyIm[o + k]) / denominator)
        }
    }
}
