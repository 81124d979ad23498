import Foundation

/// How one planned event shapes the signals; drawn once when planning so that synthesis is a
/// pure function of the plan and the sample index.
struct EventShape: Sendable {
    /// Burst or contraction: raised-cosine rise and fall (s); plateau irregularity (Hz, phase).
    var rise = 0.0, fall = 0.0, wobbleHz = 0.0, wobblePhase = 0.0
    /// Accelerometer transient: unit direction, frequency (Hz).
    var direction: (Double, Double, Double) = (0, 0, 1)
    var accHz = 0.0
    /// Electrode pop: decay time constant (s) and sign.
    var tau = 0.0, sign = 1.0
    /// Tonic segment: modulation phase; walking bout: cadence (steps/s) and phase.
    var phase = 0.0, cadence = 0.0
}

/// One event of the plan: the truth a user sees and the shape synthesis needs.
struct PlannedEvent: Sendable {
    var truth: SimulatedEvent
    var shape: EventShape
    /// The last instant (s) at which the event still changes any channel.
    var extentEnd: Double
}

/// The whole sequence of events of a simulation, planned before any sample is made.
///
/// Planning first and synthesising chunk by chunk keeps memory at O(events) and lets a chunk be
/// made from just the events that overlap it (found by binary search). Each category draws from
/// its own random stream, so raising one rate never moves the events of another. Events are
/// placed in time order with a guard interval; a candidate that would collide with an earlier
/// placed event is skipped, so realised rates are slightly below the requested ones.
/// No event starts in the first or last 2 s, where a real amplifier is still settling.
struct SimulationPlan: Sendable {
    /// Short events (positive, negative, voluntary, electrode_pop), sorted by onset.
    var events: [PlannedEvent] = []
    /// The longest `extentEnd - onset` of `events`, for overlap searches.
    var maximumSpan = 0.0
    /// Tonic segments and walking bouts: each list sorted and non-overlapping.
    var tonic: [PlannedEvent] = []
    var walking: [PlannedEvent] = []
    /// Seconds from an event's onset to its start in each EMG channel.
    var latencies: [Double] = []

    static let edgeSeconds = 2.0

    init(config c: SimulationConfig) {
        let distances = c.emg.muscles.map(\.distanceCm)
        let nearest = distances.min() ?? 0
        latencies = distances.map { ($0 - nearest) / 100 / c.emg.spreadVelocity }
        let latest = latencies.max() ?? 0
        let end = c.durationSeconds - Self.edgeSeconds
        var occupied = Occupancy()

        if c.tonic.enabled {
            var g = SplitMix64(seed: c.seed, stream: 1)
            var t = g.uniform(5...30)
            while t < end {
                let d = min(g.uniform(c.tonic.segmentDurationS), end - t)
                let level = g.uniform(c.tonic.levelUV)
                let phase = g.uniform(0...(2 * .pi))
                if d >= 2 {
                    tonic.append(PlannedEvent(truth: SimulatedEvent(onset: t, duration: d, kind: "tonic", amplitude: level),
                                              shape: EventShape(phase: phase), extentEnd: t + d + latest))
                }
                t += d + g.uniform(c.tonic.gapS)
            }
        }
        if c.walking.enabled {
            var g = SplitMix64(seed: c.seed, stream: 2)
            var t = g.uniform(Self.edgeSeconds...30)
            while t < end {
                let d = min(g.uniform(c.walking.boutDurationS), end - t)
                let peak = g.uniform(c.walking.peakG)
                let cadence = g.uniform(c.walking.cadenceStepsPerMinute) / 60
                let phase = g.uniform(0...(2 * .pi))
                if d >= 2 {
                    walking.append(PlannedEvent(truth: SimulatedEvent(onset: t, duration: d, kind: "walking", amplitude: peak),
                                                shape: EventShape(phase: phase, cadence: cadence), extentEnd: t + d))
                }
                t += d + g.uniform(c.walking.gapS)
            }
        }

        var planned: [PlannedEvent] = []
        func direction(_ g: inout SplitMix64) -> (Double, Double, Double) {
            let x = g.normal(), y = g.normal(), z = g.normal()
            let n = max((x * x + y * y + z * z).squareRoot(), 1e-9)
            return (x / n, y / n, z / n)
        }

        // Voluntary contractions, anywhere, 0.5 s apart from anything else.
        if c.voluntary.ratePerMinute > 0 {
            var g = SplitMix64(seed: c.seed, stream: 3)
            var t = Self.edgeSeconds
            while true {
                t += g.exponential(mean: 60 / c.voluntary.ratePerMinute)
                let d = g.uniform(c.voluntary.durationS)
                let amp = g.logUniform(c.voluntary.amplitudeUV)
                let shape = EventShape(rise: g.uniform(c.voluntary.rampMs) / 1000, fall: g.uniform(c.voluntary.rampMs) / 1000,
                                       direction: direction(&g))
                let delay = g.uniform(0.03...0.08), peak = g.uniform(c.voluntary.accPeakG)
                guard t + d + latest < end else { break }
                if occupied.claim(t - 0.5, t + d + latest + 0.5) {
                    planned.append(PlannedEvent(truth: SimulatedEvent(onset: t, duration: d, kind: "voluntary", amplitude: amp,
                                                                      accOnset: t + delay, accPeak: peak, latencies: latencies),
                                                shape: shape, extentEnd: t + d + max(latest, delay)))
                }
                t += d
            }
        }

        // Silent periods, only inside tonic segments with 0.3 s of activity on either side.
        if c.negative.ratePerMinuteOfTonic > 0 {
            var g = SplitMix64(seed: c.seed, stream: 4)
            for segment in tonic {
                let first = segment.truth.onset + 0.8, last = segment.truth.onset + segment.truth.duration - 0.8
                var t = first
                while true {
                    t += g.exponential(mean: 60 / c.negative.ratePerMinuteOfTonic)
                    let d = g.uniform(c.negative.durationMs) / 1000
                    let hz = g.uniform(3...6), delay = g.uniform(0.05...0.1), dip = g.uniform(c.negative.accDipG)
                    guard t + d + latest <= last else { break }
                    if occupied.claim(t - 0.3, t + d + latest + 0.3) {
                        planned.append(PlannedEvent(truth: SimulatedEvent(onset: t, duration: d, kind: "negative", amplitude: segment.truth.amplitude,
                                                                          accOnset: t + delay, accPeak: dip, latencies: latencies),
                                                    shape: EventShape(accHz: hz), extentEnd: t + delay + 6 / hz))
                    }
                    t += d
                }
            }
        }

        func burst(_ g: inout SplitMix64, at t: Double, duration d: Double, amplitude amp: Double) -> PlannedEvent {
            let scale = min(1, 0.6 * d / ((c.positive.riseMs.upperBound + c.positive.fallMs.upperBound) / 1000))
            let shape = EventShape(rise: g.uniform(c.positive.riseMs) / 1000 * scale, fall: g.uniform(c.positive.fallMs) / 1000 * scale,
                                   wobbleHz: g.uniform(15...40), wobblePhase: g.uniform(0...(2 * .pi)),
                                   direction: direction(&g), accHz: g.uniform(6...15))
            let delay = g.uniform(c.positive.accDelayMs) / 1000
            let peak = c.positive.accPeakGPer100uV * pow(amp / 100, 0.7)
            return PlannedEvent(truth: SimulatedEvent(onset: t, duration: d, kind: "positive", amplitude: amp,
                                                      accOnset: t + delay, accPeak: peak, latencies: latencies),
                                shape: shape, extentEnd: max(t + d + latest, t + delay + 6 / shape.accHz))
        }

        // Rhythmic runs: a whole train must fit, 0.3 s apart from anything else.
        if c.rhythmic.runsPerHour > 0 {
            var g = SplitMix64(seed: c.seed, stream: 5)
            var t = Self.edgeSeconds
            while true {
                t += g.exponential(mean: 3600 / c.rhythmic.runsPerHour)
                let count = g.integer(c.rhythmic.burstsPerRun)
                var run: [PlannedEvent] = []
                var onset = t
                for _ in 0..<count {
                    run.append(burst(&g, at: onset, duration: g.uniform(c.rhythmic.durationMs) / 1000,
                                     amplitude: g.logUniform(c.rhythmic.amplitudeUV)))
                    onset += g.uniform(0.95...1.05) / c.rhythmic.rateHz
                }
                guard let last = run.last, last.extentEnd < end else { break }
                if occupied.claim(t - 0.3, last.truth.onset + last.truth.duration + latest + 0.3) { planned += run }
                t = last.truth.onset + last.truth.duration
            }
        }

        // Positive bursts, alone or in clusters, 0.3 s apart from anything else.
        if c.positive.ratePerMinute > 0 {
            var g = SplitMix64(seed: c.seed, stream: 6)
            var t = Self.edgeSeconds
            while true {
                t += g.exponential(mean: 60 / c.positive.ratePerMinute)
                let count = g.unit() < c.positive.clusterProbability ? g.integer(c.positive.clusterSize) : 1
                var cluster: [PlannedEvent] = []
                var onset = t
                for _ in 0..<count {
                    let b = burst(&g, at: onset, duration: g.uniform(c.positive.durationMs) / 1000,
                                  amplitude: g.logUniform(c.positive.amplitudeUV))
                    cluster.append(b)
                    onset = b.truth.onset + b.truth.duration + g.uniform(c.positive.clusterGapMs) / 1000
                }
                guard let last = cluster.last, last.extentEnd < end else { break }
                if occupied.claim(t - 0.3, last.truth.onset + last.truth.duration + latest + 0.3) { planned += cluster }
                t = last.truth.onset + last.truth.duration
            }
        }

        // Electrode pops on one channel each, kept 0.5 s clear of events so the truth stays clean.
        if c.artefacts.electrodePopsPerHour > 0 {
            var g = SplitMix64(seed: c.seed, stream: 7)
            var t = Self.edgeSeconds
            while true {
                t += g.exponential(mean: 3600 / c.artefacts.electrodePopsPerHour)
                let channel = g.integer(0...(c.emg.muscles.count - 1))
                let amp = g.uniform(c.artefacts.popUV)
                let shape = EventShape(tau: g.uniform(0.1...0.4), sign: g.unit() < 0.5 ? -1 : 1)
                guard t + 6 * shape.tau < end else { break }
                if occupied.claim(t - 0.5, t + 2 * shape.tau) {
                    planned.append(PlannedEvent(truth: SimulatedEvent(onset: t, duration: shape.tau, kind: "electrode_pop",
                                                                      amplitude: amp, channel: channel),
                                                shape: shape, extentEnd: t + 8 * shape.tau))
                }
            }
        }

        planned.sort { $0.truth.onset < $1.truth.onset }
        events = planned
        maximumSpan = planned.reduce(0) { max($0, $1.extentEnd - $1.truth.onset) }
    }

    /// The indices of `events` that may touch [start, end) seconds. O(log n + k).
    func events(overlapping start: Double, _ end: Double) -> Range<Int> {
        let first = Self.firstIndex(events, onsetAtLeast: start - maximumSpan - 1e-9)
        let last = Self.firstIndex(events, onsetAtLeast: end)
        return first..<max(first, last)
    }

    /// The indices of a sorted, non-overlapping list that touch [start, end).
    static func overlapping(_ list: [PlannedEvent], _ start: Double, _ end: Double) -> Range<Int> {
        var first = firstIndex(list, onsetAtLeast: start)
        if first > 0, list[first - 1].extentEnd >= start { first -= 1 }
        let last = firstIndex(list, onsetAtLeast: end)
        return first..<max(first, last)
    }

    private static func firstIndex(_ list: [PlannedEvent], onsetAtLeast t: Double) -> Int {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].truth.onset < t { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Busy intervals, sorted and disjoint, so events can be kept apart. O(log n) to test, O(n) to
/// insert (a memmove: fine for the ~10⁵ events of a day).
struct Occupancy {
    private var starts: [Double] = []
    private var ends: [Double] = []

    /// Marks [a, b] busy and returns true when it touches no busy interval; otherwise false.
    mutating func claim(_ a: Double, _ b: Double) -> Bool {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < b { low = mid + 1 } else { high = mid }
        }
        if low > 0, ends[low - 1] > a { return false }
        starts.insert(a, at: low)
        ends.insert(b, at: low)
        return true
    }
}
