import Foundation

/// Measures of one candidate event on the band-passed EMG held in the detector's look-back
/// history: refined onset and offset, power, electrode-pop shape and spectral position.
///
/// These run once per candidate, over at most a few hundred milliseconds of samples, so their
/// cost does not matter next to the per-sample work.
struct EMGEventMeasures {
    let history: SampleHistory
    let sampleRate: Double
    let window: Int

    /// How far back before a threshold crossing the onset refinement looks, in samples: three
    /// envelope windows, enough for the slow rise of a small burst to have crossed the centred
    /// envelope's threshold late.
    static func refinementLookBack(sampleRate: Double) -> Int {
        3 * max(2, Int((0.010 * sampleRate).rounded())) + 2
    }

    /// What the acceptance of a burst needs.
    struct BurstMeasures {
        /// Mean of the squared samples over the burst.
        var meanPower: Double
        /// Whether two adjacent sample steps carry most of the burst's step energy, or three
        /// adjacent samples more than a third of its energy: the signature of an electrode pop (a
        /// spike, or a step and the band-pass's decay after it), never of a muscle burst, whose
        /// energy is spread over many motor-unit potentials.
        var isPop: Bool
        /// RMS frequency of the burst's power in excess of the 100 ms before it, Hz.
        var excessFrequency: Double
    }

    /// Onset of a rise in variance near a threshold crossing, by the maximum-likelihood change
    /// point of a two-variance Gaussian model over the window from three envelope windows before
    /// the crossing to two after (the approximated generalised likelihood ratio of Staude et al.
    /// 2001, EURASIP J Appl Signal Process 2:67, for EMG onsets). Never before `earliest` (the
    /// end of the previous event) nor the oldest sample held. O(window).
    func refinedOnset(crossing: Int, end: Int, earliest: Int) -> Int {
        let lookBack = Self.refinementLookBack(sampleRate: sampleRate)
        let lower = max(crossing - lookBack, earliest, history.start)
        let upper = min(crossing + 2 * window, max(end, crossing + 1), history.end)
        return changePoint(lower..<upper) ?? crossing
    }

    /// Onset and offset of a silent period refined by the same change-point rule, each within two
    /// envelope windows of the threshold crossings.
    func refinedSilence(start: Int, end: Int, window: Int) -> (Int, Int) {
        let mid = (start + end) / 2
        let onset = changePoint(max(start - 2 * window, history.start)..<min(start + 2 * window, mid)) ?? start
        let offset = changePoint(max(end - 2 * window, mid)..<min(end + 2 * window, history.end)) ?? end
        return (onset, max(offset, onset))
    }

    /// The split k of `range` that maximises the likelihood of variance s0² before and s1² from k:
    /// minimises k·ln s0² + (n−k)·ln s1². Nil when the range is too short. O(range length).
    func changePoint(_ range: Range<Int>) -> Int? {
        let n = range.count
        guard n >= 8 else { return nil }
        var prefix = [Double](repeating: 0, count: n + 1)
        for (j, i) in range.enumerated() {
            let v = Double(history[i])
            prefix[j + 1] = prefix[j] + v * v
        }
        let total = prefix[n]
        // A tiny floor keeps a digitally flat stretch from giving ln 0.
        let floor = max(total / Double(n) * 1e-9, 1e-30)
        var best = Double.infinity, bestK = 3
        for k in 3...(n - 3) {
            let s0 = max(prefix[k] / Double(k), floor)
            let s1 = max((total - prefix[k]) / Double(n - k), floor)
            let cost = Double(k) * log(s0) + Double(n - k) * log(s1)
            if cost < best {
                best = cost
                bestK = k
            }
        }
        return range.lowerBound + bestK
    }

    /// The first centre in `from..<to` where the centred envelope power reaches `power`, else `from`.
    /// O(to − from + window).
    func firstEnvelopeCrossing(from: Int, to: Int, power: Double) -> Int {
        let half = (window - 1) / 2
        var sum = history.energy((from - half)..<(from - half + window))
        let target = power * Double(window)
        var c = from
        while c < to {
            if sum >= target { return c }
            let leaving = Double(history[c - half]), entering = Double(history[c - half + window])
            sum += entering * entering - leaving * leaving
            c += 1
        }
        return from
    }

    /// The largest mean squared sample over `onset..<end` for any onset in `onsets` (clamped to
    /// the history, as `burst` clamps it), 0 when there is none. One backward pass:
    /// O(end − onsets.lowerBound).
    func largestMeanPower(onsets: ClosedRange<Int>, end: Int) -> Double {
        let stop = min(end, history.end)
        // Onsets at or after `stop` give an empty burst, of mean power 0.
        let first = max(onsets.lowerBound, history.start), last = min(onsets.upperBound, stop - 1)
        guard first <= last else { return 0 }
        var sum = 0.0, largest = 0.0
        var i = stop - 1
        while i >= first {
            let v = Double(history[i])
            sum += v * v
            if i <= last { largest = max(largest, sum / Double(stop - i)) }
            i -= 1
        }
        return largest
    }

    /// Mean squared sample over `range` (clamped to the history), 0 when empty.
    func meanPower(_ range: Range<Int>) -> Double {
        let held = history.clamp(range)
        return held.isEmpty ? 0 : history.energy(held) / Double(held.count)
    }

    /// Power, pop shape and excess frequency of the burst `onset..<end`.
    func burst(onset: Int, end: Int) -> BurstMeasures {
        let range = history.clamp(onset..<end)
        var power = 0.0, stepEnergy = 0.0, largestPair = 0.0, previousStep = 0.0
        var largestTriple = 0.0, p1 = 0.0, p2 = 0.0
        // Step energy of the last `stepWindow` samples, for the baseline-step test.
        let stepWindow = max(2, Int((0.005 * sampleRate).rounded()))
        var recentSteps = [Double](repeating: 0, count: stepWindow)
        var recentSum = 0.0, largestWindow = 0.0
        var previous = Double(history[range.lowerBound - 1])
        for i in range {
            let v = Double(history[i])
            power += v * v
            largestTriple = max(largestTriple, v * v + p1 + p2)
            p2 = p1
            p1 = v * v
            let step = (v - previous) * (v - previous)
            stepEnergy += step
            largestPair = max(largestPair, step + previousStep)
            previousStep = step
            previous = v
            let slot = (i - range.lowerBound) % stepWindow
            recentSum += step - recentSteps[slot]
            recentSteps[slot] = step
            largestWindow = max(largestWindow, recentSum)
        }
        let count = Double(max(range.count, 1))
        // The 100 ms before the burst (less its last 2 ms, where the onset may still be rising).
        let context = max(2, Int((0.1 * sampleRate).rounded()))
        let pre = history.clamp((onset - context)..<(onset - 2))
        var prePower = 0.0, preStep = 0.0
        if pre.count > 1 {
            var last = Double(history[pre.lowerBound])
            for i in pre.dropFirst() {
                let v = Double(history[i])
                prePower += v * v
                preStep += (v - last) * (v - last)
                last = v
            }
            prePower /= Double(pre.count - 1)
            preStep /= Double(pre.count - 1)
        }
        let excessPower = power - count * prePower
        let excessStep = stepEnergy - count * preStep
        var frequency = 0.0
        if excessPower > 0, excessStep > 0 {
            let ratio = min(1, (excessStep / excessPower).squareRoot() / 2)
            frequency = sampleRate / Double.pi * asin(ratio)
        }
        // A baseline step leaves one jump, which the band-pass's low-pass edge spreads over a few
        // samples, and then only the slow decay of its high-pass edge: nearly all the step energy
        // sits in 5 ms. A muscle burst's energy is spread over its whole length (10 ms or more).
        let isStep = range.count > 2 * stepWindow && stepEnergy > 0 && largestWindow >= 0.9 * stepEnergy
        return BurstMeasures(meanPower: power / count,
                             isPop: (stepEnergy > 0 && largestPair >= 0.6 * stepEnergy) || (power > 0 && largestTriple >= 0.6 * power) || isStep,
                             excessFrequency: frequency)
    }
}
