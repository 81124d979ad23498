import Foundation
import MyoSignal

/// Welch estimates of the auto- and cross-spectra of several EEG channels (at one rate) with
/// one EMG channel's rectified envelope, fed chunk by chunk.
///
/// The EMG is high-passed, full-wave rectified and resampled to the EEG rate (the resampler's
/// anti-aliasing low-pass makes the envelope); both are cut into disjoint segments of a power of
/// two samples, each with its mean removed and a Hann window, and transformed. Memory: one
/// segment per channel plus the spectra. Complexity: O(samples · log segment).
final class WelchCoherence {
    let rate: Double
    let segment: Int
    private let transform: FourierTransform
    private let window: [Double]
    private var highPass: SOSFilter? = nil
    /// `nil` when the EMG is already at the EEG rate (resampling by 1/1 is the identity).
    private var resampler: Resampler?
    /// Samples waiting for a segment; the first `emgRead` (`eegRead[i]`) are already used.
    /// Used samples are dropped only once they are half the queue, so a whole signal given at
    /// once costs O(n), not O(n²/segment).
    private var emgQueue: [Float] = []
    private var emgRead = 0
    private var eegQueues: [[Float]]
    private var eegRead: [Int]
    /// Per EEG channel: Σ|X|², Σ Re(X·conj(Y)), Σ Im(X·conj(Y)); one Σ|Y|² for the EMG.
    private var sxx: [[Double]]
    private var sxyRe: [[Double]]
    private var sxyIm: [[Double]]
    private var syy: [Double]
    private(set) var segments = 0
    private var emgDone = false

    init(eegChannels: Int, eegRate: Double, emgRate: Double, parameters p: CoherenceAnalyzer.Parameters) throws(BackAveragingError) {
        rate = eegRate
        let segment = p.segmentSamples(rate: eegRate)
        self.segment = segment
        guard let t = FourierTransform(count: segment) else {
            throw .invalidParameter(name: "coherence.segmentSeconds", value: "\(p.segmentSeconds)", reason: "gives no usable segment at \(eegRate) Hz")
        }
        transform = t
        window = (0..<segment).map { 0.5 - 0.5 * cos(2 * .pi * Double($0) / Double(segment)) }
        if p.emgHighPassHz > 0 {
            guard p.emgHighPassHz < 0.45 * emgRate else {
                throw .invalidParameter(name: "coherence.emgHighPassHz", value: "\(p.emgHighPassHz)", reason: "must be below 0.45 × the EMG rate (\(emgRate) Hz)")
            }
            do {
                highPass = SOSFilter(sections: try Butterworth.design(order: 4, band: .highPass(p.emgHighPassHz), sampleRate: emgRate))
            } catch {
                throw .invalidParameter(name: "coherence.emgHighPassHz", value: "\(p.emgHighPassHz)", reason: "no high-pass filter fits: \(error)")
            }
        }
        do {
            resampler = emgRate == eegRate ? nil : try Resampler(from: emgRate, to: eegRate)
        } catch {
            throw .invalidSignal(channel: "EMG", reason: "cannot resample from \(emgRate) Hz to the EEG rate \(eegRate) Hz: \(error)")
        }
        let bins = segment / 2 + 1
        eegQueues = [[Float]](repeating: [], count: eegChannels)
        eegRead = [Int](repeating: 0, count: eegChannels)
        sxx = [[Double]](repeating: [Double](repeating: 0, count: bins), count: eegChannels)
        sxyRe = sxx
        sxyIm = sxx
        syy = [Double](repeating: 0, count: bins)
    }

    /// Adds the next EMG samples (in order from the start).
    func feedEMG(_ samples: [Float]) {
        var x = highPass?.process(samples) ?? samples
        Rectify.fullWave(inPlace: &x)
        if resampler == nil { emgQueue += x } else { emgQueue += resampler?.process(x) ?? [] }
        drain()
    }

    /// Ends the EMG stream (its resampler's tail).
    func finishEMG() {
        guard !emgDone else { return }
        emgDone = true
        emgQueue += resampler?.finish() ?? []
        drain()
    }

    /// Adds the next samples of EEG channel `i` (in order from the start).
    func feedEEG(channel i: Int, _ samples: [Float]) {
        guard eegQueues.indices.contains(i) else { return }
        eegQueues[i] += samples
        drain()
    }

    /// Transforms every segment that all channels now have.
    private func drain() {
        while emgQueue.count - emgRead >= segment, eegQueues.indices.allSatisfy({ eegQueues[$0].count - eegRead[$0] >= segment }) {
            let y = spectrum(emgQueue, from: emgRead)
            emgRead += segment
            var spectra: [(re: [Double], im: [Double])] = []
            if y != nil {
                for i in eegQueues.indices {
                    guard let x = spectrum(eegQueues[i], from: eegRead[i]) else { break }
                    spectra.append(x)
                }
            }
            for i in eegQueues.indices { eegRead[i] += segment }
            compact()
            guard let y else { continue }
            // A segment with a non-finite sample in any channel is left out of every spectrum.
            guard spectra.count == eegQueues.count else { continue }
            for k in 0..<syy.count { syy[k] += y.re[k] * y.re[k] + y.im[k] * y.im[k] }
            for (i, x) in spectra.enumerated() {
                for k in 0..<syy.count {
                    sxx[i][k] += x.re[k] * x.re[k] + x.im[k] * x.im[k]
                    sxyRe[i][k] += x.re[k] * y.re[k] + x.im[k] * y.im[k]
                    sxyIm[i][k] += x.im[k] * y.re[k] - x.re[k] * y.im[k]
                }
            }
            segments += 1
        }
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

    /// The windowed, mean-removed transform of `segment` samples from `start`, or `nil` when
    /// one is not finite.
    private func spectrum(_ samples: [Float], from start: Int) -> (re: [Double], im: [Double])? {
        var x = [Double](repeating: 0, count: segment)
        var mean = 0.0
        for k in 0..<segment {
            let v = Double(samples[start + k])
            guard v.isFinite else { return nil }
            x[k] = v
            mean += v
        }
        mean /= Double(segment)
        for k in 0..<segment { x[k] = (x[k] - mean) * window[k] }
        return transform.realSpectrum(x)
    }

    /// Magnitude-squared coherence of EEG channel `i` per frequency bin (0 where a spectrum is 0).
    func coherence(channel i: Int) -> [Double] {
        (0..<syy.count).map { k in
            let denominator = sxx[i][k] * syy[k]
            guard denominator > 0 else { return 0 }
            return min(1, (sxyRe[i][k] * sxyRe[i][k] + sxyIm[i][k] * sxyIm[i][k]) / denominator)
        }
    }
}
