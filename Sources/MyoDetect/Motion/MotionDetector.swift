import Foundation
import MyoSignal

/// Finds myoclonic jerks (sharp transients) and postural lapses (brief falls of a held limb) in
/// one accelerometer or gyroscope, 1 or 3 axes, at 25 Hz or more, streaming.
///
/// How (see ``MotionFrontEnd`` for the signal path):
/// 1. The envelope is the running RMS of the 3-20 Hz vector magnitude; its baseline is a
///    minimum-tracking average (rises slowly, falls quickly), so it follows the quiet floor and
///    not the events.
/// 2. A transient starts where the envelope crosses `onsetFactor` × baseline (and the absolute
///    floor) and ends when it stays below `offsetFactor` × baseline for 50 ms (hysteresis). Its
///    onset is traced back to where the envelope last stood at the offset level, which removes
///    most of the lag a fixed threshold would add for large and small jerks alike.
/// 3. A transient longer than `maximumDuration` is sustained activity, not myoclonus, and is
///    reported as ``LongActivity``. So is any stretch of strong movement-band motion (walking,
///    a gesture, a posture change) of at least `sustainedMovementDuration`.
/// 4. A transient that is small against the movement-band level within ±`movementLookAround`
///    is part of a larger movement (the start of a reach, a heel strike) and is dropped.
///    During walking (movement sustained for ``walkingAfter`` seconds) the transient band is
///    full of heel strikes, so transients there are found instead in the gait-free band (see
///    ``MotionFrontEnd``) and kept when they stand ``stepRatio`` times above its largest value
///    in the 0.2-1 s before and in the 0.35-1 s after (the neighbouring steps, one and two step
///    periods away): a jerk is a brief broadband transient that stands out of the step-locked
///    pattern. A kept transient is a jerk.
/// 5. Postural lapses (accelerometers only) have their own path: where the acceleration along
///    gravity, high-passed at 5 Hz, drops ``lapseTriggerFactor`` times below its quiet level,
///    the next 0.4 s are matched against ``MotionLapseTemplates`` (a fall caught by a rebound,
///    3-9 Hz). A lapse is a close fit (``lapseSimilarity``), slower than
///    ``MotionDetectorParameters/lapseMaximumFrequency``, well above the quiet level
///    (``lapseMinimumScore``), mostly along gravity (``MotionDetectorParameters/lapseGravityShare``)
///    and deeper than ``lapseMinimumFall``.
///    A transient over a lapse is that lapse's fall and rebound, not a jerk. Nothing is a lapse
///    within a second of sustained movement (no posture is held then).
///
/// Results are delayed by `movementLookAround` (a transient is judged with what follows it), and
/// up to ``walkingAfter`` for a transient at the start of sustained movement (it waits to see
/// whether the movement is walking). Chunked processing equals whole-signal processing exactly;
/// memory is bounded by the look-back ring (about 2 × `movementLookAround` + `maximumDuration` +
/// ``walkingAfter`` of samples).
/// Complexity: O(n · axes) time; each lapse trigger adds O(templates × 0.4 s of samples).
public struct MotionDetector: Sendable {
    /// The lowest sampling rate accepted: below 25 Hz the 3-20 Hz transient band does not exist.
    public static let minimumSampleRate = 25.0

    /// Seconds at the start during which the baseline settles and no event starts.
    public static let settleSeconds = 2.0

    /// The name events carry for this sensor (the axes' common label, e.g. "ACC").
    public var sensorLabel: String { sensor }

    private let parameters: MotionDetectorParameters
    private let sampleRate: Double
    private let channelIndex: Int
    private let sensor: String
    private let unit: MotionSensorUnit
    private let axisCount: Int
    private let usesGravity: Bool
    private let peakFloor: Double
    private var frontEnd: MotionFrontEnd

    // Samples of axes that arrived ahead of the others (unequal chunk lengths).
    private var carry: [[Float]]
    private var scratch = MotionScratch()
    private var ring: MotionRing
    private var sampleIndex = 0
    private var baseline = 0.0
    private let baselineUp: Double
    private let baselineDown: Double
    private let warmUp: Int

    private var active: Candidate?
    private var belowCount = 0
    private var pending: [Candidate] = []
    private var movementRunStart: Int?
    private var movementRunPeak = 0.0
    /// The finished runs of sustained movement still in the ring (the open one is
    /// `movementRunStart..<sampleIndex`), so a lapse can be checked against them without
    /// reading the movement level of every sample before it.
    private var movementSpans: [Range<Int>] = []

    private let gapSamples: Int
    private let lookBackSamples: Int
    private let lookAroundSamples: Int
    private let maximumSamples: Int
    private let walkingSamples: Int
    private let stepGuardSamples: Int
    private let gaitAfterSamples: Int
    private let gaitRefractorySamples: Int
    private var gaitQuietUntil = 0
    private let lapseTemplates: MotionLapseTemplates?
    /// Samples where the lapse signal dropped, waiting for the samples the templates need.
    private var lapseTriggers: [Int] = []
    private var lapseQuietUntil = 0
    private let lapseBackSamples: Int
    /// Samples per lapse template (0 without templates).
    private let lapseLength: Int
    /// Recent lapses (onset and end sample), so a transient over one is not also a jerk.
    private var recentLapses: [Range<Int>] = []
    /// Scratch for the lapse signal around a trigger (reused, so judging allocates nothing).
    private var lapseWindow: [Float] = []
    /// The ringing spans of recent gait-path candidates, left out when a later or earlier one is
    /// compared with the steps around it (so the jerks of a cluster do not hide each other).
    private var gaitSpans: [Range<Int>] = []
    /// Movement level above which sustained motion is long activity (in the reported unit).
    private let sustainedLevel: Float

    /// A transient being followed or waiting for its decision.
    private struct Candidate: Sendable {
        var onset: Int
        var lastAbove: Int
        var peak: Double
        var baseline: Double
        var threshold: Double
        /// Started during walking in the transient band: judged by the gait path instead.
        var duringWalking = false
        /// Found in the gait-free band during walking.
        var gait = false
    }

    /// How long movement must have lasted before transients in it are looked for in the
    /// gait-free band, in seconds. Engineering: longer than a deliberate gesture (a reach lasts
    /// 0.5-3 s, as the simulated voluntary contractions are), a few steps into a walk.
    public static let walkingAfter = 4.0
    /// During walking, a transient is a jerk when its gait-free band magnitude is this multiple
    /// of the largest in the steps before and after it. Engineering: heel strikes repeat at
    /// 1.5-2.5 Hz with similar size, so one stands about 1 times above its neighbours.
    public static let stepRatio = 2.0
    /// A lapse is looked for where the high-passed acceleration along gravity falls below this
    /// multiple of its quiet level (negative). Engineering: low enough that the smallest falls
    /// trigger (their deepest sample may be only 3-4 times the quiet level); the matched filter
    /// then decides.
    public static let lapseTriggerFactor: Float = 3
    /// Smallest normalised correlation with the best lapse template. Engineering: a noisy
    /// fall-and-catch keeps 0.9 or more; sway and jerks' ringing rarely do.
    public static let lapseSimilarity: Float = 0.9
    /// Smallest correlation with the best template, in multiples of the quiet level.
    /// Engineering: well above what noise alone gives over 0.4 s (its correlation with a
    /// unit-energy template is about 1 quiet level).
    public static let lapseMinimumScore: Float = 9
    /// Smallest fall of a lapse (the depth of the fitted fall-and-catch shape), in g.
    /// Engineering: postural sway of a held limb is about 0.01 g and consumer accelerometers
    /// have 1-5 mg of noise, so a shallower "fall" cannot be told from them; 1.5 times that.
    public static let lapseMinimumFall = 0.015

    /// Creates a detector for one sensor.
    /// - Parameters:
    ///   - channelIndices: the recording indices of the sensor's axes (1 or 3).
    ///   - labels: the axis labels, same count.
    ///   - unit: the axes' physical unit (g, mg, m/s², deg/s, rad/s).
    ///   - sampleRate: samples per second, at least 25.
    ///   - kind: `.acc` or `.gyro`.
    /// - Throws: `DetectorError` for another axis count, a lower rate, another kind, or bad parameters.
    public init(channelIndices: [Int], labels: [String], unit: String, sampleRate: Double, kind: ChannelKind,
                parameters: MotionDetectorParameters = .init()) throws(DetectorError) {
        let name = MotionSensorUnit.sensorName(labels)
        guard kind == .acc || kind == .gyro else {
            throw .wrongChannelKind(channel: name, kind: kind.rawValue, detector: "the motion detector", expected: "acc or gyro")
        }
        guard channelIndices.count == 1 || channelIndices.count == 3, labels.count == channelIndices.count else {
            throw .inconsistentParameters("the motion detector takes 1 or 3 axes of one sensor with one label each; got \(channelIndices.count) axes and \(labels.count) labels")
        }
        guard sampleRate.isFinite, sampleRate >= Self.minimumSampleRate else {
            throw .sampleRateTooLow(channel: name, sampleRate: sampleRate, minimum: Self.minimumSampleRate, detector: "the motion detector")
        }
        try parameters.validate()
        self.parameters = parameters
        self.sampleRate = sampleRate
        self.channelIndex = channelIndices[0]
        self.sensor = name
        self.unit = MotionSensorUnit(unit: unit, kind: kind)
        self.axisCount = channelIndices.count
        self.usesGravity = kind == .acc
        self.peakFloor = kind == .acc ? parameters.minimumPeakG : parameters.minimumPeakDegreesPerSecond
        frontEnd = try MotionFrontEnd(axisCount: axisCount, sampleRate: sampleRate, usesGravity: kind == .acc,
                                      parameters: parameters)
        carry = Array(repeating: [], count: axisCount)
        baselineUp = 1 - exp(-1 / (parameters.baselineTimeConstant * sampleRate))
        baselineDown = 1 - exp(-10 / (parameters.baselineTimeConstant * sampleRate))
        // The baseline needs a few seconds of signal before a threshold on it means anything;
        // until then it is the running mean of the envelope and no event starts (a jerk in the
        // first seconds of a recording is not reported: filters and baseline are still settling).
        warmUp = max(1, Int((max(parameters.envelopeWindow, Self.settleSeconds) * sampleRate).rounded()))
        sustainedLevel = Float(parameters.sustainedMovementLevel * (kind == .acc ? 1 : 100))
        gapSamples = max(1, Int((0.05 * sampleRate).rounded()))
        walkingSamples = Int((Self.walkingAfter * sampleRate).rounded())
        stepGuardSamples = max(1, Int((0.2 * sampleRate).rounded()))
        gaitAfterSamples = max(1, Int((0.35 * sampleRate).rounded()))
        // Jerks of a cluster follow each other 150 ms or more apart (in Myotrace's simulator and the
        // benchmark generator); one jerk's ringing is not a second jerk.
        gaitRefractorySamples = max(1, Int((0.15 * sampleRate).rounded()))
        lapseBackSamples = max(1, Int((0.15 * sampleRate).rounded()))
        lapseTemplates = kind == .acc
            ? MotionFrontEnd.lapseHighPassSections(sampleRate: sampleRate).map { MotionLapseTemplates(sampleRate: sampleRate, highPass: $0) }
            : nil
        lapseLength = lapseTemplates?.length ?? 0
        lookBackSamples = max(1, Int((0.3 * sampleRate).rounded()))
        lookAroundSamples = Int((parameters.movementLookAround * sampleRate).rounded())
        maximumSamples = max(1, Int((parameters.maximumDuration * sampleRate).rounded()))
        // Enough for a transient's look-around, and for one at the start of movement to wait
        // until the movement counts as walking.
        ring = MotionRing(capacity: 2 * lookAroundSamples + maximumSamples + lookBackSamples + 2 * gapSamples + walkingSamples + 8)
    }

    /// The envelope ``MotionDetector`` thresholds (running RMS of the 3-20 Hz vector magnitude,
    /// in the axes' own unit), for plotting. Empty when the axes or the rate are unusable.
    /// O(n · axes).
    public static func envelope(_ axes: [[Float]], sampleRate: Double, parameters: MotionDetectorParameters) -> [Float] {
        guard axes.count == 1 || axes.count == 3, sampleRate >= minimumSampleRate,
              let count = axes.map(\.count).min(), count > 0,
              var frontEnd = try? MotionFrontEnd(axisCount: axes.count, sampleRate: sampleRate, usesGravity: false,
                                                 parameters: parameters)
        else { return [] }
        var measures = [MotionMeasure](repeating: MotionMeasure(), count: count)
        withUnsafeBuffers(axes) { buffers in
            measures.withUnsafeMutableBufferPointer { frontEnd.process(buffers, count: count, scale: 1, into: $0) }
        }
        return measures.map(\.envelope)
    }

    /// Consumes the next samples, one array per axis. Axes of unequal length are processed up to
    /// the shortest; the rest waits for the next call. Extra or missing axes are ignored/treated
    /// as absent (nothing is processed until every axis has samples).
    /// O(n · axes), no per-sample allocation.
    public mutating func process(_ axes: [[Float]]) -> DetectorOutput {
        guard axes.count >= axisCount else {
            for axis in 0..<axes.count { carry[axis] += axes[axis] }
            return DetectorOutput()
        }
        let direct = carry.allSatisfy(\.isEmpty) && axes.prefix(axisCount).allSatisfy { $0.count == axes[0].count }
        let chunk: [[Float]]
        if direct {
            chunk = Array(axes.prefix(axisCount))
        } else {
            // Unequal lengths: keep what runs ahead for the next call.
            for axis in 0..<axisCount { carry[axis] += axes[axis] }
            let common = carry.map(\.count).min() ?? 0
            chunk = carry.map { Array($0.prefix(common)) }
            for axis in 0..<axisCount { carry[axis].removeFirst(common) }
        }
        let count = chunk[0].count
        guard count > 0 else { return DetectorOutput() }
        // Moved out while the front end and the state machine mutate self, so the buffers stay
        // uniquely owned (no copy) and the front end is updated in place.
        var measures = scratch
        scratch = MotionScratch()
        defer { scratch = measures }
        measures.reserve(count)
        let scale = unit.scale
        withUnsafeBuffers(chunk) { buffers in
            measures.withBuffer { frontEnd.process(buffers, count: count, scale: scale, into: $0) }
        }
        var output = DetectorOutput()
        let onsetFactor = parameters.onsetFactor, peakFloor = peakFloor, sustainedLevel = sustainedLevel
        let baselineUp = baselineUp, baselineDown = baselineDown, warmUp = warmUp
        // Without a gravity direction the lapse signal is zero and never triggers.
        let lapseTrigger = Self.lapseTriggerFactor
        measures.withBuffer { m in
            var k = 0
            while k < count {
                // The common case first, with the baseline in a register: nothing open, no
                // movement, a quiet envelope, and no lapse trigger or waiting transient due yet;
                // only the baseline moves (the same arithmetic as `step`).
                let lapseDue = lapseTriggers.first.map { $0 + lapseLength - 1 } ?? Int.max
                let pendingDue = pending.first.map { max($0.lastAbove, $0.onset + lookAroundSamples) } ?? Int.max
                let due = min(lapseDue, pendingDue)
                if active == nil, movementRunStart == nil, sampleIndex >= warmUp, sampleIndex < due {
                    var level = baseline
                    var n = sampleIndex
                    ring.appending { ring in
                        while k < count, n < due {
                            let measure = m[k]
                            let envelope = Double(measure.envelope)
                            guard measure.movement < sustainedLevel, envelope <= max(onsetFactor * level, peakFloor),
                                  measure.lapse >= -lapseTrigger * measure.lapseLevel else { break }
                            ring.store(measure)
                            level += (envelope - level) * (envelope > level ? baselineUp : baselineDown)
                            n += 1
                            k += 1
                        }
                    }
                    baseline = level
                    sampleIndex = n
                    guard k < count else { break }
                }
                ring.store(sampleIndex, m[k])
                step(m[k], into: &output)
                k += 1
            }
        }
        return output
    }

    /// Ends the recording: closes an open transient and decides every pending one with the
    /// samples there are. Axis samples left over by unequal lengths are dropped.
    public mutating func finish() -> DetectorOutput {
        var output = DetectorOutput()
        if let open = active {
            close(open, into: &output)
            active = nil
        }
        for trigger in lapseTriggers { judgeLapse(triggeredAt: trigger, into: &output) }
        lapseTriggers = []
        for candidate in pending { decide(candidate, into: &output) }
        pending = []
        if let start = movementRunStart {
            emitMovementRun(start: start, end: sampleIndex - 1, into: &output)
            movementRunStart = nil
        }
        output.events.sort { $0.onset < $1.onset }
        return output
    }

    // MARK: - Per-sample state machine

    /// One sample through the state machine; its measure is already in the ring.
    private mutating func step(_ measure: MotionMeasure, into output: inout DetectorOutput) {
        let n = sampleIndex
        let envelope = Double(measure.envelope), movement = Double(measure.movement)
        sampleIndex += 1

        trackMovement(n, movement, into: &output)
        let walking = movementRunStart.map { n - $0 >= walkingSamples } ?? false
        if walking, n >= warmUp { findGaitTransient(n, measure) }
        if lapseLength > 0 {
            if n >= warmUp, n >= lapseQuietUntil, measure.lapse < -Self.lapseTriggerFactor * measure.lapseLevel {
                lapseTriggers.append(n)
                lapseQuietUntil = n + lapseBackSamples
            }
            while let first = lapseTriggers.first, n >= first + lapseLength - 1 {
                lapseTriggers.removeFirst()
                judgeLapse(triggeredAt: first, into: &output)
            }
        }

        if n < warmUp {
            baseline += (envelope - baseline) / Double(n + 1)
            return
        }
        let onLevel = max(parameters.onsetFactor * baseline, peakFloor)
        let offLevel = max(parameters.offsetFactor * baseline, peakFloor * parameters.offsetFactor / parameters.onsetFactor)
        if var open = active {
            if envelope >= offLevel {
                open.lastAbove = n
                open.peak = max(open.peak, envelope)
                belowCount = 0
            } else {
                belowCount += 1
            }
            active = open
            if belowCount >= gapSamples {
                close(open, into: &output)
                active = nil
            }
        } else if envelope > onLevel {
            // Trace the onset back to where the envelope last stood at the offset level.
            var onset = n
            let earliest = max(0, n - lookBackSamples, pending.last.map { $0.lastAbove + 1 } ?? 0)
            while onset > earliest, Double(ring.envelope(onset - 1)) > offLevel { onset -= 1 }
            active = Candidate(onset: onset, lastAbove: n, peak: envelope, baseline: baseline, threshold: onLevel,
                               duringWalking: walking)
            belowCount = 0
        } else {
            let rate = envelope > baseline ? baselineUp : baselineDown
            baseline += (envelope - baseline) * rate
        }

        while let first = pending.first, n >= max(first.lastAbove, first.onset + lookAroundSamples) {
            // A transient at the start of sustained movement waits until the movement either
            // stops (then it is judged as usual) or turns out to be walking (then it was the
            // walk's first steps, not a jerk).
            if !first.gait, let start = movementRunStart, first.onset + gapSamples >= start {
                if n - start < walkingSamples { break }
                pending.removeFirst()
                continue
            }
            decide(first, into: &output)
            pending.removeFirst()
        }
    }

    /// During walking: starts a gait-path candidate where the gait-free band jumps to
    /// ``stepRatio`` times its largest value over the steps before (and the absolute floor).
    private mutating func findGaitTransient(_ n: Int, _ measure: MotionMeasure) {
        let floor = Float(peakFloor * peakFloor)
        guard n >= gaitQuietUntil, measure.gaitEnergy >= floor else { return }
        let ratio = Float(Self.stepRatio * Self.stepRatio)
        gaitSpans.removeAll { $0.upperBound + 2 * lookAroundSamples < n }
        guard let before = ring.largestGaitEnergy(n - lookAroundSamples, n - stepGuardSamples, now: n, excluding: gaitSpans),
              measure.gaitEnergy >= ratio * before else { return }
        // A jerk's ringing decays: only a rise above everything in the last 150 ms is a new
        // transient (a first crossing always is: nothing before it reached the threshold).
        if let recent = ring.largestGaitEnergy(n - gaitRefractorySamples, n - 1, now: n), measure.gaitEnergy <= recent {
            return
        }
        // Onset: back to the earliest sample above the level of the steps before, bridging the
        // zero crossings of the ringing (the energy of a swing along one direction touches zero
        // twice a period) with gaps of up to 40 ms.
        let level = max(before, floor / 16)
        let bridge = max(1, Int((0.04 * sampleRate).rounded()))
        let earliest = max(0, n - lookBackSamples, gaitQuietUntil - gaitRefractorySamples + 1)
        var onset = n, k = n - 1
        while k >= earliest, onset - k <= bridge {
            if ring.gaitEnergy(k) > level { onset = k }
            k -= 1
        }
        gaitSpans.append(onset..<(onset + gaitAfterSamples))
        pending.append(Candidate(onset: onset, lastAbove: onset, peak: Double(measure.envelope), baseline: baseline,
                                 threshold: Double(peakFloor), gait: true))
        gaitQuietUntil = n + gaitRefractorySamples
    }

    private mutating func close(_ candidate: Candidate, into output: inout DetectorOutput) {
        let duration = Double(candidate.lastAbove + 1 - candidate.onset) / sampleRate
        if duration > parameters.maximumDuration {
            output.longActivity.append(LongActivity(channelIndex: channelIndex, channel: sensor, onset: time(candidate.onset),
                                                    offset: time(candidate.lastAbove + 1), peak: candidate.peak, unit: unit.reported))
        } else if duration >= parameters.minimumDuration {
            pending.append(candidate)
        }
    }

    /// Judges a closed transient against the movement around it and classifies it.
    private mutating func decide(_ c: Candidate, into output: inout DetectorOutput) {
        if c.gait { return decideGait(c, into: &output) }
        // Heel strikes fill the transient band during walking; the gait path judges there.
        if c.duringWalking { return }
        let last = sampleIndex - 1
        let from = max(ring.oldest(now: last), c.onset - lookAroundSamples)
        let to = min(last, c.onset + lookAroundSamples)
        var movementPeak = 0.0
        if from <= to { ring.forEach(in: from..<(to + 1)) { movementPeak = max(movementPeak, Double($0.movement)) } }
        guard c.peak >= parameters.movementRatio * movementPeak else { return }

        recentLapses.removeAll { $0.upperBound + lookAroundSamples < c.onset }
        // A transient over a lapse is that lapse's fall and rebound, already reported.
        if recentLapses.contains(where: { $0.overlaps((c.onset - gapSamples)..<(c.lastAbove + 1)) }) { return }
        guard c.peak >= parameters.jerkFactor * c.baseline else { return }
        let end = min(c.lastAbove, last)
        var area = 0.0
        for k in c.onset...max(c.onset, end) { area += Double(ring.envelope(k)) }
        area /= sampleRate
        let confidence = min(1, max(0.5, 0.5 + 0.5 * (1 - c.threshold / c.peak)))
        output.events.append(ChannelEvent(channelIndex: channelIndex, channel: sensor, source: .motionJerk,
                                          onset: time(c.onset), offset: time(c.lastAbove + 1), peak: c.peak, area: area,
                                          baseline: c.baseline, intensity: c.baseline > 0 ? c.peak / c.baseline : 0,
                                          unit: unit.reported, confidence: confidence))
    }

    /// Matches the lapse signal from just before `trigger` against the templates and reports a
    /// lapse when a fall-and-catch fits. O(back samples × templates × template length).
    private mutating func judgeLapse(triggeredAt trigger: Int, into output: inout DetectorOutput) {
        guard let templates = lapseTemplates else { return }
        let last = sampleIndex - 1
        let first = max(trigger - lapseBackSamples, ring.oldest(now: last), recentLapses.last?.upperBound ?? 0)
        let end = min(trigger + templates.length - 1, last)
        guard first <= trigger, end - first + 1 >= templates.length else { return }
        let count = end - first + 1
        // Three samples of slack past the window, so that the onset search can try four starts at once.
        if lapseWindow.count < count + 3 { lapseWindow = [Float](repeating: 0, count: count + 3) }
        lapseWindow.withUnsafeMutableBufferPointer { ring.copyLapse(from: first, into: UnsafeMutableBufferPointer(rebasing: $0[0..<count])) }
        let level = max(ring.lapseLevel(trigger), 1e-9)
        let minimumNorm = Self.lapseMinimumScore * level
        let maximumFrequency = parameters.lapseMaximumFrequency
        var best: (onset: Int, match: MotionLapseTemplates.Match)?
        lapseWindow.withUnsafeBufferPointer { w in
            // Where the onset lies, by the bank's mean shape at every offset; then the whole bank
            // at that offset and its two neighbours (the shapes differ in the onset they prefer
            // by a sample or so).
            let latest = min(trigger - first, count - templates.length)
            guard latest >= 0 else { return }
            let anchor = templates.anchor(w, starts: latest + 1)
            let candidates = max(0, anchor - 1)...min(latest, anchor + 1)
            // A lapse's best template is slower than the limit and fits closely and strongly (the
            // tests below); where no slow template does at any candidate onset, there is no lapse.
            let slowFit = candidates.contains { start in
                templates.slowTemplateFits(UnsafeBufferPointer(rebasing: w[start..<count]), below: maximumFrequency,
                                           similarity: Self.lapseSimilarity, minimumCorrelation: minimumNorm,
                                           minimumNorm: minimumNorm)
            }
            guard slowFit else { return }
            for start in candidates {
                guard let match = templates.bestMatch(UnsafeBufferPointer(rebasing: w[start..<count]), minimumNorm: minimumNorm)
                else { continue }
                if match.correlation > best?.match.correlation ?? -.infinity { best = (first + start, match) }
            }
        }
        guard let (onset, match) = best else { return }
        // A lapse is the failure of a held posture: during walking or a gesture nothing is held.
        let from = max(ring.oldest(now: last), onset - lookAroundSamples)
        if from < onset, movedDuring(from..<onset) { return }
        let stop = min(onset + templates.length, last + 1)
        var along = 0.0, total = 0.0, area = 0.0
        ring.forEach(in: onset..<max(onset, stop)) { measure in
            let g = measure.alongGravity
            along += Double(g * g)
            total += Double(measure.energy)
            area += Double(measure.envelope)
        }
        guard match.similarity >= Self.lapseSimilarity, match.frequency < parameters.lapseMaximumFrequency,
              match.correlation >= Self.lapseMinimumScore * level, along >= parameters.lapseGravityShare * total else { return }
        let fall = Double(match.fall)
        guard fall >= Self.lapseMinimumFall else { return }
        recentLapses.append(onset..<stop)
        lapseQuietUntil = max(lapseQuietUntil, stop)
        let score = Double(match.correlation / level)
        let confidence = min(1, max(0.5, 0.5 + 0.5 * (1 - Double(Self.lapseMinimumScore) / score)))
        // Depth: the share of the limb's support against gravity (1 g) lost at the deepest point
        // of the fitted fall.
        output.events.append(ChannelEvent(channelIndex: channelIndex, channel: sensor, source: .motionLapse,
                                          onset: time(onset), offset: time(stop), peak: fall, area: area / sampleRate,
                                          baseline: Double(level), intensity: min(1, max(0, fall)), unit: unit.reported,
                                          confidence: confidence))
    }

    /// Judges a gait-path candidate against the steps after it and reports it as a jerk.
    private func decideGait(_ c: Candidate, into output: inout DetectorOutput) {
        let last = sampleIndex - 1
        let ringEnd = c.onset + stepGuardSamples
        guard let peakEnergy = ring.largestGaitEnergy(c.onset, ringEnd, now: last) else { return }
        if let after = ring.largestGaitEnergy(c.onset + gaitAfterSamples, c.onset + lookAroundSamples, now: last,
                                              excluding: gaitSpans),
           peakEnergy < Float(Self.stepRatio * Self.stepRatio) * after { return }
        var peak = 0.0, area = 0.0
        for k in c.onset...min(ringEnd, last) {
            let e = Double(ring.envelope(k))
            peak = max(peak, e)
            area += e
        }
        let gaitPeak = Double(peakEnergy).squareRoot()
        let confidence = min(1, max(0.5, 0.5 + 0.5 * (1 - c.threshold / max(gaitPeak, 1e-12))))
        output.events.append(ChannelEvent(channelIndex: channelIndex, channel: sensor, source: .motionJerk,
                                          onset: time(c.onset), offset: time(min(ringEnd, last) + 1), peak: peak,
                                          area: area / sampleRate, baseline: c.baseline,
                                          intensity: c.baseline > 0 ? peak / c.baseline : 0, unit: unit.reported,
                                          confidence: confidence))
    }

    private mutating func trackMovement(_ n: Int, _ movement: Double, into output: inout DetectorOutput) {
        if movement >= Double(sustainedLevel) {
            if movementRunStart == nil { movementRunStart = n; movementRunPeak = 0 }
            movementRunPeak = max(movementRunPeak, movement)
        } else if let start = movementRunStart {
            emitMovementRun(start: start, end: n - 1, into: &output)
            movementRunStart = nil
            let oldest = ring.oldest(now: n)
            movementSpans.removeAll { $0.upperBound <= oldest }
            movementSpans.append(start..<n)
        }
    }

    /// Whether the movement level reached ``MotionDetectorParameters/sustainedMovementLevel`` at
    /// any sample of `range` (only samples still in the ring are asked about). Every such sample
    /// went through ``trackMovement(_:_:into:)``: the quiet fast path in ``process(_:)`` takes
    /// only samples below the level. O(recent runs).
    private func movedDuring(_ range: Range<Int>) -> Bool {
        if let start = movementRunStart, start < range.upperBound, sampleIndex > range.lowerBound { return true }
        return movementSpans.contains { $0.overlaps(range) }
    }

    private func emitMovementRun(start: Int, end: Int, into output: inout DetectorOutput) {
        guard Double(end + 1 - start) / sampleRate >= parameters.sustainedMovementDuration else { return }
        output.longActivity.append(LongActivity(channelIndex: channelIndex, channel: sensor, onset: time(start),
                                                offset: time(end + 1), peak: movementRunPeak, unit: unit.reported))
    }

    private func time(_ sample: Int) -> Double { Double(sample) / sampleRate }
}
