import Foundation

/// The per-sample state machine behind ``EMGDetector``: envelope, adaptive baseline, burst and
/// silent-period candidates, and their acceptance.
///
/// Input is the hum-free EMG; the tracker band-passes it (``EMGBandPass``) batch by batch just
/// before the envelope. Per sample it forms a running sum of squares (the 10 ms
/// envelope, centred: the value at sample c covers c-4...c+5 at 1 kHz, so it has no delay), and
/// every envelope window a block power that feeds the baseline (a low quantile of the block
/// powers over the baseline window). Candidates are judged on the centred envelope, half a
/// window behind the newest sample:
/// - a burst candidate starts above `onsetRatio` × baseline and ends once the envelope has stayed
///   below `offsetRatio` × its starting baseline for `mergeGap`; one longer than
///   `maximumBurstDuration` becomes long activity, which ends against the live baseline, so that
///   the onset of sustained tonic activity becomes the new baseline within a baseline window;
/// - a silent-period candidate starts below `silentRatio` × baseline while the baseline stands
///   `minimumTonicToFloor` above the noise floor, and ends when the envelope recovers; it is
///   judged once `silentPeriodContext` after it has passed.
/// Finished events wait in `ready` until no open candidate can still produce an earlier onset,
/// so the output is in onset order whatever the chunking.
/// Complexity: O(1) per sample amortised (plus O(event length) per candidate); memory bounded by
/// the look-back history (about 1.5 s of samples) and the baseline windows.
struct EMGEventTracker: Sendable {
    let sampleRate: Double
    let parameters: EMGDetectorParameters
    let channelIndex: Int
    let label: String
    let unit: String

    private let window: Int
    private let half: Int
    private let onset2: Double, offset2: Double, peakFraction2: Double, onsetFraction2: Double, silent2: Double, recover2: Double, tonic2: Double
    private let gapSamples: Int, maxBurstSamples: Int, minBurstSamples: Int
    private let minSilentSamples: Int, maxSilentSamples: Int, contextSamples: Int, quietBeforeSamples: Int
    private let minimumBaselineBlocks: Int
    private var history: SampleHistory
    private var bandPass: EMGBandPass
    private var baseline: SlidingQuantile
    /// Samples fed but not yet band-passed: fewer than a batch.
    private var bandPassCarry: [Float] = []
    /// Samples of the current envelope block already through the front end.
    private var blockFill = 0
    private var baselinePower = 0.0
    /// Noise floor: the lowest baseline power over the last `floorSeconds` whole seconds.
    private var floorMinima: [Double]
    private var floorNext = 0
    private var secondMinimum = Double.infinity
    private var secondFill = 0
    private var floorPower = Double.infinity
    private var next = 0

    // Burst candidate.
    private var active = false
    private var candidateStart = 0
    private var candidateBaseline = 0.0
    private var lastAbove = 0
    private var peakPower = 0.0
    private var isLong = false
    private var lastBurstEnd = Int.min / 2

    // Silent-period candidate.
    private var silentArmed = false
    private var silentActive = false
    private var silentStart = 0
    private var silentReference = 0.0
    private var silentMinimum = 0.0
    private var silentRecovered: Int?
    private var pendingSilent: (start: Int, end: Int, reference: Double, minimum: Double)?

    // Levels of the idle state, recomputed whenever the baseline or the floor changes, so that a
    // sample far from every threshold costs three comparisons (see `judgeBatch`).
    private var burstStartLevel = Double.infinity
    private var silentArmLevel = Double.infinity
    private var silentStartLevel = -Double.infinity

    private var readyEvents: [ChannelEvent] = []
    private var readyLong: [LongActivity] = []

    /// Seconds over which the noise floor is the lowest baseline: two minutes, longer than most
    /// tonic contractions, so the floor comes from rest.
    static let floorSeconds = 120

    /// - Parameter bandPass: the band-pass applied to every sample fed to `process` before anything
    ///   else.
    init(sampleRate: Double, parameters: EMGDetectorParameters, channelIndex: Int, label: String, unit: String,
         bandPass: EMGBandPass) {
        self.bandPass = bandPass
        self.sampleRate = sampleRate
        self.parameters = parameters
        self.channelIndex = channelIndex
        self.label = label
        self.unit = unit
        func samples(_ seconds: Double) -> Int { max(1, Int((seconds * sampleRate).rounded())) }
        window = max(2, samples(parameters.envelopeWindow))
        half = (window - 1) / 2
        onset2 = parameters.onsetRatio * parameters.onsetRatio
        offset2 = parameters.offsetRatio * parameters.offsetRatio
        peakFraction2 = parameters.offsetFractionOfPeak * parameters.offsetFractionOfPeak
        // 40 % of the rise from baseline to peak (RMS): above QRS complexes and tonic fluctuations
        // that may open a candidate just before a large burst, and within the first ms of the burst.
        onsetFraction2 = 0.4 * 0.4
        silent2 = parameters.silentRatio * parameters.silentRatio
        // Recovery from a silent period: back above half-way (in RMS) between the silent threshold
        // and the baseline, so the offset hysteresis is symmetric to the onset's.
        let recover = (parameters.silentRatio + 1) / 2
        recover2 = recover * recover
        tonic2 = parameters.minimumTonicToFloor * parameters.minimumTonicToFloor
        gapSamples = samples(parameters.mergeGap)
        maxBurstSamples = samples(parameters.maximumBurstDuration)
        minBurstSamples = samples(parameters.minimumBurstDuration)
        minSilentSamples = samples(parameters.minimumSilentPeriod)
        maxSilentSamples = samples(parameters.maximumSilentPeriod)
        contextSamples = samples(parameters.silentPeriodContext)
        quietBeforeSamples = samples(parameters.quietBeforeSilentPeriod)
        let blocks = max(4, Int((parameters.baselineWindow / (Double(window) / sampleRate)).rounded()))
        baseline = SlidingQuantile(capacity: blocks, quantile: parameters.baselineQuantile)
        // Judge nothing before a third of the baseline window is known.
        minimumBaselineBlocks = max(3, blocks / 3)
        let lookBack = parameters.maximumSilentPeriod + 2 * parameters.silentPeriodContext
            + parameters.maximumBurstDuration + parameters.mergeGap + 0.2
        history = SampleHistory(minimumCapacity: samples(lookBack) + 4 * window, writeAheadLimit: Self.batchLength)
        floorMinima = [Double](repeating: .infinity, count: Self.floorSeconds)
    }

    /// Feeds hum-free samples, which are band-passed first. O(count).
    ///
    /// Works in batches of `batchLength` samples counted from the stream's first (the samples short
    /// of a batch wait in `bandPassCarry`, so any chunking gives the same batches, and so the same
    /// band-pass blocks and envelope sums); `frontEnd` writes the batch to the history and
    /// computes each sample's envelope power, the power of each completed block and the largest
    /// and smallest envelope power of each run of constant thresholds; then `judgeBatch` walks the batch run by run,
    /// updating the baseline at block ends, settling idle runs from their two extremes and judging
    /// the others sample by sample.
    mutating func process(_ samples: [Float]) {
        guard !samples.isEmpty else { return }
        if !bandPass.primed { bandPass.prime(firstSample: Double(samples[0])) }
        var start = 0
        if !bandPassCarry.isEmpty {
            // Complete the waiting batch first; only it is copied.
            let needed = Self.batchLength - bandPassCarry.count
            guard samples.count >= needed else {
                bandPassCarry += samples
                return
            }
            bandPassCarry += samples[0..<needed]
            let batch = bandPassCarry
            bandPassCarry = []
            batch.withUnsafeBufferPointer { ingest($0, bandPass: true) }
            start = needed
        }
        let whole = (samples.count - start) / Self.batchLength * Self.batchLength
        samples.withUnsafeBufferPointer { x in
            ingest(UnsafeBufferPointer(rebasing: x[start..<(start + whole)]), bandPass: true)
        }
        bandPassCarry = Array(samples[(start + whole)...])
    }

    /// Runs the front end and the judging over `samples`, band-passing them first (whole blocks
    /// only) when `bandPass` is true.
    private mutating func ingest(_ samples: UnsafeBufferPointer<Float>, bandPass applyBandPass: Bool) {
        guard !samples.isEmpty, let input = samples.baseAddress else { return }
        let batch = min(samples.count, Self.batchLength)
        var filtered = [Float](repeating: 0, count: batch)
        var prefix = [Double](repeating: 0, count: batch + window)
        var envelope = [Double](repeating: 0, count: batch)
        var blockPowers = [Double](repeating: 0, count: batch / window + 1)
        // A run starts at the batch start or at a block end, so a batch holds at most one more
        // run than blocks; two values (largest, smallest) per run.
        var runExtremes = [Double](repeating: 0, count: 2 * (batch / window + 2))
        filtered.withUnsafeMutableBufferPointer { y in
            prefix.withUnsafeMutableBufferPointer { q in
                envelope.withUnsafeMutableBufferPointer { e in
                    blockPowers.withUnsafeMutableBufferPointer { p in
                        runExtremes.withUnsafeMutableBufferPointer { r in
                            var offset = 0
                            while offset < samples.count {
                                let count = min(batch, samples.count - offset)
                                let source: UnsafeBufferPointer<Float>
                                if applyBandPass, let output = y.baseAddress {
                                    bandPass.filterBlocks(input + offset, into: output, count: count)
                                    source = UnsafeBufferPointer(rebasing: y[0..<count])
                                } else {
                                    source = UnsafeBufferPointer(rebasing: samples[offset..<(offset + count)])
                                }
                                let fillBefore = blockFill
                                frontEnd(source, prefix: q, envelope: e, blockPowers: p, runExtremes: r)
                                judgeBatch(count: count, fillBefore: fillBefore, envelope: e, blockPowers: p, runExtremes: r)
                                offset += count
                            }
                        }
                    }
                }
            }
        }
    }

    /// Samples processed by the front end before they are judged: long enough to amortise the
    /// judging pass, short enough for the scratch arrays to stay in L1 (and the ring's slack); a
    /// multiple of the band-pass block.
    static let batchLength = 256

    /// The front end over band-passed samples `x`: writes them to the history, fills
    /// `envelope[j]` with the envelope power at sample `next + j` (the mean square over the
    /// window ending there: a difference of running sums of squares that restart every batch, so
    /// that rounding cannot accumulate over hours), `blockPowers` with the mean power of each block
    /// completed (the envelope power at the block's last sample, whose window is the block), and
    /// `runExtremes` with the largest and smallest envelope power of each run (the samples from
    /// the batch start or a block end up to the next block end, over which the thresholds stay
    /// the same). O(x.count + window).
    private mutating func frontEnd(_ x: UnsafeBufferPointer<Float>, prefix q: UnsafeMutableBufferPointer<Double>,
                                   envelope e: UnsafeMutableBufferPointer<Double>,
                                   blockPowers p: UnsafeMutableBufferPointer<Double>,
                                   runExtremes r: UnsafeMutableBufferPointer<Double>) {
        let window = window, count = x.count
        let scale = Double(window)
        guard let prefix = q.baseAddress else { return }
        history.writeAhead(count: count) { ring, mask, first in
            // Running sums of squares in Double, from the window − 1 samples before the batch
            // (slots never written before the stream's start hold 0) through the batch.
            var sum = 0.0
            prefix[0] = 0
            for m in 0..<(window - 1) {
                let v = Double(ring[(first &- (window - 1) &+ m) & mask])
                sum += v * v
                prefix[m + 1] = sum
            }
            for j in 0..<count {
                let v = Double(x[j])
                sum += v * v
                prefix[window + j] = sum
            }
            // The batch into the ring, in at most two contiguous pieces.
            guard let ringBase = ring.baseAddress, let input = x.baseAddress else { return }
            let start = first & mask
            let firstPiece = min(count, ring.count - start)
            (ringBase + start).update(from: input, count: firstPiece)
            if firstPiece < count { ringBase.update(from: input + firstPiece, count: count - firstPiece) }
        }
        // Sample j's window is the squares prefix[j] ..< prefix[j + window] sum over. The sums
        // restart every batch, so they stay within a few hundred samples' power and their
        // difference keeps full precision.
        if let out = e.baseAddress {
            let raw = UnsafeRawPointer(prefix), stride = MemoryLayout<Double>.stride
            let outRaw = UnsafeMutableRawPointer(out), divisor = SIMD4(repeating: scale)
            var j = 0
            while j + 4 <= count {
                let later = raw.loadUnaligned(fromByteOffset: (j + window) * stride, as: SIMD4<Double>.self)
                let earlier = raw.loadUnaligned(fromByteOffset: j * stride, as: SIMD4<Double>.self)
                outRaw.storeBytes(of: (later - earlier) / divisor, toByteOffset: j * stride, as: SIMD4<Double>.self)
                j += 4
            }
            while j < count {
                e[j] = (prefix[j + window] - prefix[j]) / scale
                j += 1
            }
        }
        // Block powers and run extremes, run by run (the runs `judgeBatch` walks).
        var fill = blockFill, block = 0, run = 0
        var j = 0
        while j < count {
            let (runEnd, completesBlock) = Self.run(from: j, count: count, window: window, fill: &fill)
            if completesBlock {
                p[block] = e[j]
                block += 1
            }
            var highest = e[j], lowest = e[j]
            for k in (j + 1)..<max(j + 1, runEnd) {
                let v = e[k]
                highest = v > highest ? v : highest
                lowest = v < lowest ? v : lowest
            }
            r[2 * run] = highest
            r[2 * run + 1] = lowest
            run += 1
            j = runEnd
        }
        blockFill = fill
    }

    /// Walks the `count` samples just through the front end, one run of constant thresholds at a
    /// time: a block end adds the block to the baseline before its own sample is judged, so each
    /// run is a block-end sample and the samples up to the next block end (the same runs as
    /// `frontEnd`'s). An idle run whose largest and smallest envelope values both stay between
    /// the idle levels changes nothing but the silent arming, so it is settled from those two
    /// values alone; only the other runs are judged sample by sample (centred half a window
    /// behind, with the history's visible end at the sample). O(runs) plus the work of the runs
    /// that are not idle and of candidates.
    private mutating func judgeBatch(count: Int, fillBefore: Int, envelope e: UnsafeMutableBufferPointer<Double>,
                                     blockPowers p: UnsafeMutableBufferPointer<Double>,
                                     runExtremes r: UnsafeMutableBufferPointer<Double>) {
        var fill = fillBefore, block = 0, run = 0
        var j = 0
        while j < count {
            let (runEnd, completesBlock) = Self.run(from: j, count: count, window: window, fill: &fill)
            if completesBlock {
                // Sample j completes a block: the baseline moves before j is judged.
                addBaselineBlock(p[block])
                block += 1
            }
            judgeRun(from: j, to: runEnd, largest: r[2 * run], smallest: r[2 * run + 1], envelope: e)
            run += 1
            j = runEnd
        }
        history.end = next
    }

    /// The run of constant thresholds that starts at sample `j` of a batch of `count`, given `fill`,
    /// the samples of the current envelope block already seen (updated past the run): a run starts
    /// at the batch start or at a block's last sample (`completesBlock`), and ends before the next
    /// block's last sample. `frontEnd` and `judgeBatch` walk the same runs through it. O(1).
    @inline(__always)
    private static func run(from j: Int, count: Int, window: Int, fill: inout Int) -> (end: Int, completesBlock: Bool) {
        if fill == window - 1 {
            let end = min(count, j + window)
            fill = end - j - 1
            return (end, true)
        }
        let end = min(count, j + (window - 1 - fill))
        fill += end - j
        return (end, false)
    }

    /// Judges the samples `from..<to` of the batch, whose thresholds are all the same and whose
    /// envelope powers lie within `smallest...largest`. O(1) for an idle run, else O(to − from)
    /// plus the work of candidates.
    @inline(__always)
    private mutating func judgeRun(from: Int, to: Int, largest: Double, smallest: Double,
                                   envelope e: UnsafeMutableBufferPointer<Double>) {
        let lag = window - 1 - half
        if !active, !silentActive, pendingSilent == nil, next - lag >= 0, baseline.count >= minimumBaselineBlocks,
           !(largest > burstStartLevel), !(smallest < silentStartLevel) {
            // No sample opens a burst, and none falls below the silent level (whether armed or
            // not, so the order of arming and falling cannot matter): only the arming may change.
            if largest >= silentArmLevel { silentArmed = true }
            next += to - from
            return
        }
        var start = from
        if active, !silentActive, pendingSilent == nil, next - lag >= 0, baseline.count >= minimumBaselineBlocks,
           !(smallest < silentStartLevel) {
            // Only the burst candidate can change: no silent period can open in this run, so the
            // arming (all a silent check could do) is settled from the run's largest value, and
            // the candidate is followed in a loop of its own until it closes.
            if largest >= silentArmLevel { silentArmed = true }
            start = followCandidate(from: from, to: to, envelope: e)
        }
        for sample in start..<to {
            let i = next
            next += 1
            let centre = i - lag
            guard centre >= 0, baseline.count >= minimumBaselineBlocks else { continue }
            let e2 = e[sample]
            if !active, !silentActive, pendingSilent == nil, !(e2 > burstStartLevel), !(silentArmed && e2 < silentStartLevel) {
                if e2 >= silentArmLevel { silentArmed = true }
                continue
            }
            history.end = i + 1
            judge(centre: centre, envelopePower: e2)
        }
    }

    /// Follows the open burst candidate over samples `from..<to` of the batch, as `judge` would
    /// with silent periods out of the question; returns where it stopped (after the sample that
    /// closed the candidate, or `to`). O(to − from) plus closing the candidate.
    @inline(__always)
    private mutating func followCandidate(from: Int, to: Int, envelope e: UnsafeMutableBufferPointer<Double>) -> Int {
        let lag = window - 1 - half
        var sample = from
        while sample < to, active {
            let c = next - lag
            let e2 = e[sample]
            next += 1
            sample += 1
            history.end = next
            followCandidate(centre: c, envelopePower: e2)
        }
        return sample
    }

    /// One sample of the open burst candidate: its peak and last sample above the offset level,
    /// closing it after `mergeGap` below, or marking it long. Shared by `judge` and the loop above.
    @inline(__always)
    private mutating func followCandidate(centre c: Int, envelopePower e2: Double) {
        let b2 = baselinePower
        let threshold = max(isLong ? offset2 * b2 : offset2 * candidateBaseline, peakFraction2 * peakPower)
        if e2 > threshold {
            lastAbove = c
            if e2 > peakPower { peakPower = e2 }
        } else if c - lastAbove > gapSamples {
            closeCandidate(end: lastAbove + 1)
            active = false
        }
        if active, !isLong, c - candidateStart >= maxBurstSamples { isLong = true }
    }

    /// Ends the stream: pads half an envelope window of zeros so the last centred values exist,
    /// then closes open candidates.
    mutating func finish() {
        // The last samples short of a batch (whole band-pass blocks, then one at a time).
        // (`process` primed the band-pass with the first sample it was given.)
        var tail = [Float](repeating: 0, count: bandPassCarry.count)
        bandPassCarry.withUnsafeBufferPointer { x in tail.withUnsafeMutableBufferPointer { bandPass.filter(x, into: $0) } }
        bandPassCarry = []
        tail += [Float](repeating: 0, count: window - half)
        tail.withUnsafeBufferPointer { ingest($0, bandPass: false) }
        let end = next - window + half + 1
        if active { closeCandidate(end: min(lastAbove + 1, end)) }
        active = false
        if let pending = pendingSilent { judgeSilent(pending) }
        pendingSilent = nil
        silentActive = false
    }

    /// Takes the events that can no longer be preceded by another, in onset order.
    mutating func takeReady(final: Bool) -> DetectorOutput {
        var horizon = Double.infinity
        if !final {
            var earliest = next - half
            if active { earliest = min(earliest, candidateStart - window) }
            if silentActive { earliest = min(earliest, silentStart - window) }
            if let pending = pendingSilent { earliest = min(earliest, pending.start - window) }
            // Onset refinement can move an onset back by up to this much.
            earliest -= EMGEventMeasures.refinementLookBack(sampleRate: sampleRate)
            horizon = Double(earliest) / sampleRate
        }
        readyEvents.sort { ($0.onset, $0.source.rawValue) < ($1.onset, $1.source.rawValue) }
        readyLong.sort { $0.onset < $1.onset }
        let cut = readyEvents.firstIndex { $0.onset >= horizon } ?? readyEvents.count
        let cutLong = readyLong.firstIndex { $0.onset >= horizon } ?? readyLong.count
        let output = DetectorOutput(events: Array(readyEvents[..<cut]), longActivity: Array(readyLong[..<cutLong]))
        readyEvents.removeFirst(cut)
        readyLong.removeFirst(cutLong)
        return output
    }

    private mutating func addBaselineBlock(_ power: Double) {
        baseline.add(power)
        baselinePower = baseline.value
        defer { updateIdleLevels() }
        guard baseline.count >= minimumBaselineBlocks else { return }
        secondMinimum = min(secondMinimum, baselinePower)
        secondFill += window
        if Double(secondFill) >= sampleRate {
            floorMinima[floorNext] = secondMinimum
            floorNext = (floorNext + 1) % floorMinima.count
            floorPower = floorMinima.min() ?? .infinity
            secondFill = 0
            secondMinimum = .infinity
        }
    }

    /// The envelope powers at which an idle tracker (no candidate open, none pending) must look
    /// closer: a burst opens above `onset2 · b2` (never while the baseline is 0); a silent period
    /// is armed at `recover2 · b2` and opens below `silent2 · b2` only while the baseline stands
    /// `minimumTonicToFloor` above the floor. The same products `judge` and `trackSilent` form.
    private mutating func updateIdleLevels() {
        let b2 = baselinePower
        burstStartLevel = b2 > 0 ? onset2 * b2 : .infinity
        guard parameters.detectSilentPeriods else {
            silentArmLevel = .infinity
            silentStartLevel = -.infinity
            return
        }
        silentArmLevel = recover2 * b2
        silentStartLevel = b2 > 0 && b2 >= tonic2 * floorPower ? silent2 * b2 : -.infinity
    }

    @inline(__always)
    private mutating func judge(centre c: Int, envelopePower e2: Double) {
        let b2 = baselinePower
        if active {
            followCandidate(centre: c, envelopePower: e2)
        } else if b2 > 0, e2 > onset2 * b2 {
            active = true
            isLong = false
            candidateStart = c
            candidateBaseline = b2
            lastAbove = c
            peakPower = e2
        }
        if parameters.detectSilentPeriods { trackSilent(centre: c, envelopePower: e2, baselinePower: b2) }
    }

    @inline(__always)
    private mutating func trackSilent(centre c: Int, envelopePower e2: Double, baselinePower b2: Double) {
        if let pending = pendingSilent, c >= pending.end + contextSamples {
            judgeSilent(pending)
            pendingSilent = nil
        }
        if silentActive {
            if e2 < silentMinimum { silentMinimum = e2 }
            if e2 <= recover2 * silentReference {
                silentRecovered = nil
            } else if silentRecovered == nil {
                silentRecovered = c
            }
            // Recovery must hold for two envelope windows (about a QRS complex): a single QRS complex or motor-unit potential inside
            // a silent period does not end it.
            if let recovered = silentRecovered, c - recovered >= 2 * window {
                let length = recovered - silentStart
                silentActive = false
                silentRecovered = nil
                // Judged later, with the context after it; a newer candidate replaces none.
                if length <= maxSilentSamples, pendingSilent == nil {
                    pendingSilent = (silentStart, recovered, silentReference, silentMinimum)
                }
            } else if c - silentStart > maxSilentSamples + gapSamples {
                silentActive = false
                silentRecovered = nil
            }
            return
        }
        if e2 >= recover2 * b2 { silentArmed = true }
        if silentArmed, b2 > 0, e2 < silent2 * b2, b2 >= tonic2 * floorPower {
            silentActive = true
            silentArmed = false
            silentStart = c
            silentReference = b2
            silentMinimum = e2
        }
    }

    /// Closes the burst candidate at `end` (exclusive): a burst, long activity, or nothing.
    private mutating func closeCandidate(end: Int) {
        let measures = EMGEventMeasures(history: history, sampleRate: sampleRate, window: window)
        if cannotBeAccepted(end: end, measures: measures) { return }
        // A burst may have been preceded, within the merge gap, by a weak fluctuation or a QRS
        // complex that opened the candidate: refine around the first envelope value that reaches
        // 40 % of its rise instead.
        let strong = measures.firstEnvelopeCrossing(from: candidateStart, to: end,
                                                    power: max(onset2 * candidateBaseline,
                                                               candidateBaseline + onsetFraction2 * (peakPower - candidateBaseline)))
        let onset = measures.refinedOnset(crossing: strong, end: end, earliest: lastBurstEnd)
        guard end - onset >= minBurstSamples else { return }
        if end - onset > maxBurstSamples {
            readyLong.append(LongActivity(channelIndex: channelIndex, channel: label, onset: Double(onset) / sampleRate,
                                          offset: Double(end) / sampleRate, peak: peakPower.squareRoot(), unit: unit))
            lastBurstEnd = end
            return
        }
        let burst = measures.burst(onset: onset, end: end)
        let ratio = burst.meanPower / max(candidateBaseline, .leastNormalMagnitude)
        let evidence = Double(end - onset) / Double(window) * (ratio - 1 - log(ratio))
        guard ratio >= parameters.minimumPowerRatio, evidence >= parameters.minimumEvidence, !burst.isPop else { return }
        if parameters.minimumBurstFrequency > 0, burst.excessFrequency < parameters.minimumBurstFrequency { return }
        let baselineLevel = candidateBaseline.squareRoot()
        let peak = peakPower.squareRoot()
        let duration = Double(end - onset) / sampleRate
        // 0.5 at the acceptance threshold, approaching 1 as the evidence grows.
        let confidence = min(1, max(0, 1 - 0.5 * (parameters.minimumEvidence / max(evidence, 1e-9)).squareRoot()))
        readyEvents.append(ChannelEvent(
            channelIndex: channelIndex, channel: label, source: .emgBurst,
            onset: Double(onset) / sampleRate, offset: Double(end) / sampleRate, peak: peak,
            area: burst.meanPower.squareRoot() * duration, baseline: baselineLevel,
            intensity: baselineLevel > 0 ? peak / baselineLevel : 0, unit: unit, confidence: confidence))
        lastBurstEnd = end
    }

    /// Whether the burst candidate ending at `end` would be dropped whatever onset the refinement
    /// gives, told without refining it: most candidates are brief fluctuations of the envelope,
    /// and the change-point search costs a logarithm per sample of its window.
    ///
    /// Every onset `closeCandidate` can reach lies at or after the earliest sample the refinement
    /// may look back to; an accepted burst lasts at least `minBurstSamples`. When none of those
    /// onsets can make the candidate long activity, the largest mean power over them bounds the
    /// power ratio, and that ratio with the longest of them bounds the evidence (r − 1 − ln r
    /// grows with r above 1); a candidate below either bound is dropped as `closeCandidate` would
    /// drop it. A relative margin of 1e-9 covers the different summation order. O(candidate
    /// length + look-back).
    private func cannotBeAccepted(end: Int, measures: EMGEventMeasures) -> Bool {
        let earliest = max(candidateStart - EMGEventMeasures.refinementLookBack(sampleRate: sampleRate),
                           lastBurstEnd, history.start)
        let latest = end - minBurstSamples
        if latest < earliest { return true }
        guard end - earliest <= maxBurstSamples else { return false }
        let ratio = measures.largestMeanPower(onsets: earliest...latest, end: end) / max(candidateBaseline, .leastNormalMagnitude)
        let margin = 1 + 1e-9
        if ratio * margin < parameters.minimumPowerRatio { return true }
        guard ratio > 1 else { return false }
        let evidence = Double(end - earliest) / Double(window) * (ratio - 1 - log(ratio))
        return evidence * margin < parameters.minimumEvidence
    }

    /// Accepts or drops a finished silent-period candidate, with the context on both sides.
    private mutating func judgeSilent(_ candidate: (start: Int, end: Int, reference: Double, minimum: Double)) {
        let measures = EMGEventMeasures(history: history, sampleRate: sampleRate, window: window)
        let (start, end) = measures.refinedSilence(start: candidate.start, end: candidate.end, window: window)
        let length = end - start
        guard length >= minSilentSamples, length <= maxSilentSamples else { return }
        guard start - lastBurstEnd >= quietBeforeSamples else { return }
        let reference = candidate.reference
        let before = measures.meanPower(start - contextSamples..<start)
        let after = measures.meanPower(end..<(end + contextSamples))
        // Activity before and after (Rissanen 2023): both sides at least half the baseline power.
        guard before >= 0.5 * reference, after >= 0.5 * reference else { return }
        let inside = measures.meanPower(start..<end)
        // The whole period must be silent on average, not a chain of brief dips of tonic activity.
        guard inside <= 0.35 * reference else { return }
        let level = inside.squareRoot(), referenceLevel = reference.squareRoot()
        let depth = referenceLevel > 0 ? max(0, 1 - level / referenceLevel) : 0
        let confidence = min(1, max(0, 1 - 0.5 * (inside / max(silent2 * reference, .leastNormalMagnitude)).squareRoot()))
        readyEvents.append(ChannelEvent(
            channelIndex: channelIndex, channel: label, source: .emgSilentPeriod,
            onset: Double(start) / sampleRate, offset: Double(end) / sampleRate, peak: candidate.minimum.squareRoot(),
            area: max(0, referenceLevel - level) * Double(length) / sampleRate, baseline: referenceLevel,
            intensity: depth, unit: unit, confidence: confidence))
    }
}
