import Foundation
import MyoDetect
import MyoFormats
import MyoSignal

/// Scores the sleep-related motor events of a night: limb movements and periodic limb movements
/// by the AASM or WASM rules, hypnic jerks at sleep onset and fragmentary myoclonus in NREM.
///
/// ```swift
/// let reader = try RecordingFile.open("psg.edf")
/// let result = try SleepAnalyzer().analyze(reader: reader)   // hypnogram from the annotations
/// print(result.plmIndex, result.plmIndexBasis)
/// ```
/// The reader is streamed once (bounded memory: one chunk plus the detectors' state), so an
/// 8-hour 500 Hz PSG needs a few megabytes.
public struct SleepAnalyzer: Sendable {
    /// The rules and thresholds, each default from a published source.
    public struct Parameters: Sendable, Equatable {
        /// AASM 2016 by default; WASM 2016 (Ferri et al. 2016) as the option.
        public var rules: LimbMovementRules = .aasm2016
        /// Annotation texts (case-insensitive, contained) that mark respiratory events, whose
        /// neighbouring movements the rules exclude.
        public var respiratoryKeywords: [String] = ["apnea", "apnoea", "hypopnea", "hypopnoea", "desaturation"]
        /// Hypnic jerk burst duration, seconds: 75 to 250 ms (docs/sources.md,
        /// secondary source).
        public var hypnicJerkDuration: ClosedRange<Double> = 0.075...0.25
        /// Fragmentary myoclonus: bursts up to 150 ms, at least 5 per minute over 20 minutes of
        /// NREM sleep (the criterion for excessive fragmentary myoclonus, docs/sources.md).
        public var fragmentaryMaximumDuration = 0.15
        public var fragmentaryPerMinute = 5
        public var fragmentaryMinutes = 20
        /// Bursts of different channels starting closer than this are one jerk: the 50 ms EMG
        /// onset tolerance of Myotrace's evaluation rules (docs/sources.md, evaluation), a processing
        /// choice rather than a clinical criterion.
        public var burstCoincidence = 0.05
        /// A brief burst counts only when its envelope peak rises this far over the channel's
        /// baseline, µV: the rise the AASM rules ask of a limb movement, borrowed because the
        /// fragmentary-myoclonus criterion sets no amplitude and the burst detector alone also
        /// answers to noise at a 2 µV resting level. A processing choice.
        public var burstMinimumRiseUV = 8.0
        /// Settings of the brief-burst detector run on every EMG channel.
        public var burstDetector = EMGDetectorParameters()

        public init() {}
    }

    public var parameters: Parameters

    public init(parameters: Parameters = .init()) { self.parameters = parameters }

    /// Every parameter with its value, unit and source, for the report.
    public var described: [SleepParameterDescription] {
        let p = parameters, c = p.rules.criteria
        let rulesSource = p.rules == .aasm2016
            ? "AASM Manual for the Scoring of Sleep and Associated Events v2.3 (2016)"
            : "Ferri et al. 2016, WASM standards, Sleep Med 26:86-95"
        func n(_ x: Double) -> String { String(format: "%g", x) }
        var out: [SleepParameterDescription] = [
            .init(name: "rules", value: p.rules.rawValue, unit: "", source: rulesSource),
            .init(name: "LM onset: rise over resting EMG", value: n(c.onsetRiseUV), unit: "µV", source: rulesSource),
            .init(name: "LM end: within resting EMG", value: n(c.endWithinUV), unit: "µV", source: rulesSource),
            .init(name: "LM end: quiet for", value: n(c.endQuietSeconds), unit: "s", source: rulesSource),
            .init(name: "LM duration", value: "\(n(c.minimumDuration))–\(n(c.maximumDuration))", unit: "s", source: rulesSource),
            .init(name: "PLM series: at least", value: "\(c.minimumSeriesCount)", unit: "LMs", source: rulesSource),
            .init(name: "PLM interval (onset to onset)", value: "\(n(c.minimumInterval))–\(n(c.maximumInterval))", unit: "s", source: rulesSource),
        ]
        if let w = c.bilateralOnsetWindow {
            out.append(.init(name: "both legs count once: onsets within", value: n(w), unit: "s", source: rulesSource))
        }
        if let g = c.bilateralGap {
            out.append(.init(name: "bilateral LM: offset to onset under", value: n(g), unit: "s", source: rulesSource))
            out.append(.init(name: "bilateral LM duration up to", value: n(c.maximumBilateralDuration), unit: "s", source: rulesSource))
        }
        if let before = c.respiratoryBefore {
            out.append(.init(name: "respiratory exclusion: within", value: n(before), unit: "s of the event", source: rulesSource))
        } else {
            out.append(.init(name: "respiratory window after the event's end",
                             value: "\(n(c.respiratoryAfterStart ?? 0)) to +\(n(c.respiratoryAfterEnd))", unit: "s", source: rulesSource))
        }
        out += [
            .init(name: "leg EMG band-pass", value: "10–100", unit: "Hz", source: "AASM Manual, recommended leg EMG filters"),
            .init(name: "hypnic jerk burst", value: "\(n(p.hypnicJerkDuration.lowerBound * 1000))–\(n(p.hypnicJerkDuration.upperBound * 1000))",
                  unit: "ms", source: "docs/sources.md (secondary source)"),
            .init(name: "fragmentary myoclonus burst up to", value: n(p.fragmentaryMaximumDuration * 1000), unit: "ms", source: "docs/sources.md (EFM criterion)"),
            .init(name: "excessive fragmentary myoclonus", value: "≥\(p.fragmentaryPerMinute)/min for \(p.fragmentaryMinutes)",
                  unit: "min of NREM", source: "docs/sources.md (EFM criterion)"),
            .init(name: "bursts of several channels merged within", value: n(p.burstCoincidence * 1000), unit: "ms",
                  source: "processing choice (docs/sources.md, evaluation)"),
        ]
        return out
    }

    /// The respiratory events among `annotations` (texts containing a keyword).
    public func respiratoryEvents(in annotations: [Annotation]) -> [PLMScorer.RespiratoryEvent] {
        let keys = parameters.respiratoryKeywords.map { $0.lowercased() }
        return annotations.compactMap { a in
            let t = a.text.lowercased()
            guard a.onset.isFinite, keys.contains(where: { t.contains($0) }) else { return nil }
            let d = a.duration.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? 0
            return PLMScorer.RespiratoryEvent(onset: a.onset, end: a.onset + d)
        }
    }

    /// The leg channels of a recording: EMG channels whose label names the tibialis or a leg
    /// ("tib", "tibialis", "leg", "lat", "rat", "lleg", "rleg"), at most two, in file order.
    public static func legChannels(in header: RecordingHeader) -> [Int] {
        let keys = ["tib", "tibialis", "leg", "legs", "lat", "rat", "lleg", "rleg", "lleg1", "rleg1", "plm"]
        let found = header.channels.indices.filter { i in
            let c = header.channels[i]
            guard c.kind == .emg else { return false }
            let words = c.label.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            return words.contains { w in keys.contains(w) || w.hasPrefix("tib") }
        }
        return Array(found.prefix(2))
    }

    /// Streams `reader` once: leg channels (`legChannels`, or found by label) for limb movements,
    /// every EMG channel for brief bursts unless `bursts` already holds them; the hypnogram from
    /// `hypnogram` or else the reader's annotations. Leg channels must be in µV, uV or mV (mV is
    /// converted).
    /// - Parameter bursts: the EMG channels' burst detections of an analysis already run over
    ///   this recording (`RecordingAnalyzer`, whose EMG detector this one would repeat with the
    ///   same default parameters), so the brief bursts need no second detection pass.
    /// - Throws: ``SleepError`` without a usable leg channel; the reader's errors.
    public func analyze(reader: any RecordingReader, legChannels: [Int]? = nil, hypnogram: Hypnogram? = nil,
                        bursts detected: [ChannelEvent]? = nil) throws -> SleepResult {
        let header = reader.header
        let legs = legChannels ?? Self.legChannels(in: header)
        guard !legs.isEmpty else {
            throw SleepError.invalidChannel(channel: "leg EMG", reason: "no tibialis/leg EMG channel found; name one (e.g. \"EMG Tib-L\")")
        }
        var legScale: [Float] = []
        var legDetectors: [LimbMovementDetector] = []
        for (n, i) in legs.enumerated() {
            guard header.channels.indices.contains(i) else {
                throw SleepError.invalidChannel(channel: "#\(i + 1)", reason: "the recording has \(header.channels.count) channels")
            }
            let c = header.channels[i]
            legScale.append(try Self.microvoltScale(unit: c.unit, label: c.label))
            legDetectors.append(try LimbMovementDetector(leg: n, label: c.label, sampleRate: c.sampleRate, criteria: parameters.rules.criteria))
        }
        let emgIndices = detected != nil ? [] : header.channels.indices.filter {
            header.channels[$0].kind == .emg && header.channels[$0].sampleRate >= EMGDetectorParameters.minimumSampleRate
        }
        var burstDetectors: [EMGDetector] = []
        var burstScale: [Double] = []
        for i in emgIndices {
            let c = header.channels[i]
            burstScale.append(Double((try? Self.microvoltScale(unit: c.unit, label: c.label)) ?? 1))
            burstDetectors.append(try EMGDetector(channelIndex: i, label: c.label, unit: c.unit, sampleRate: c.sampleRate,
                                                  parameters: parameters.burstDetector))
        }
        try reader.rewind()
        var legMovements: [LegMovement] = []
        var bursts: [ChannelEvent] = []
        if let detected {
            let scales = header.channels.map { Double((try? Self.microvoltScale(unit: $0.unit, label: $0.label)) ?? 1) }
            for event in detected where event.source == .emgBurst && scales.indices.contains(event.channelIndex) {
                bursts += strong([event], scale: scales[event.channelIndex])
            }
        }
        while let chunk = try reader.nextChunk() {
            for (n, i) in legs.enumerated() where chunk.samples.indices.contains(i) {
                let s = legScale[n]
                legMovements += legDetectors[n].process(s == 1 ? chunk.samples[i] : chunk.samples[i].map { $0 * s })
            }
            for d in burstDetectors.indices where chunk.samples.indices.contains(burstDetectors[d].channelIndex) {
                bursts += strong(burstDetectors[d].process(chunk.samples[burstDetectors[d].channelIndex]).events, scale: burstScale[d])
            }
        }
        for n in legDetectors.indices { legMovements += legDetectors[n].finish() }
        for d in burstDetectors.indices { bursts += strong(burstDetectors[d].finish().events, scale: burstScale[d]) }
        let annotations = try reader.annotations()
        return score(legMovements: legMovements, bursts: bursts, hypnogram: hypnogram ?? Hypnogram(annotations: annotations),
                     annotations: annotations, recordingSeconds: header.duration,
                     legLabels: legs.map { header.channels[$0].label })
    }

    /// Scores plain signals: `legs` (µV, at `sampleRate`) and optionally other EMG channels for
    /// brief bursts, with the recording's annotations (hypnogram and respiratory events).
    public func analyze(legs: [[Float]], otherEMG: [[Float]] = [], sampleRate: Double, annotations: [Annotation]) throws -> SleepResult {
        var legMovements: [LegMovement] = []
        var bursts: [ChannelEvent] = []
        for (n, x) in legs.enumerated() {
            var d = try LimbMovementDetector(leg: n, label: "leg \(n + 1)", sampleRate: sampleRate, criteria: parameters.rules.criteria)
            legMovements += d.process(x) + d.finish()
        }
        for (n, x) in (legs + otherEMG).enumerated() {
            var d = try EMGDetector(channelIndex: n, label: "EMG \(n + 1)", unit: "uV", sampleRate: sampleRate, parameters: parameters.burstDetector)
            bursts += strong(d.process(x).events + d.finish().events, scale: 1)
        }
        let seconds = Double((legs + otherEMG).map(\.count).max() ?? 0) / sampleRate
        return score(legMovements: legMovements, bursts: bursts, hypnogram: Hypnogram(annotations: annotations),
                     annotations: annotations, recordingSeconds: seconds, legLabels: legs.indices.map { "leg \($0 + 1)" })
    }

    /// Scores movements and bursts already found. O(m log m + b log b).
    public func score(legMovements: [LegMovement], bursts: [ChannelEvent], hypnogram: Hypnogram, annotations: [Annotation],
                      recordingSeconds: Double, legLabels: [String]) -> SleepResult {
        let p = parameters
        let respiratory = respiratoryEvents(in: annotations)
        let s = PLMScorer.score(legMovements, rules: p.rules, hypnogram: hypnogram, respiratory: respiratory)
        var notes: [String] = []
        let hasHypnogram = !hypnogram.isEmpty
        let sleepHours = hasHypnogram ? hypnogram.sleepSeconds / 3600 : nil
        let basisHours = sleepHours ?? recordingSeconds / 3600
        if !hasHypnogram {
            notes.append("no hypnogram: the PLM index is per hour of recording, every movement counts as in sleep, and hypnic jerks and fragmentary myoclonus are not assessed")
        }
        if respiratory.isEmpty { notes.append("no respiratory events annotated: no movement was excluded as respiratory-related") }
        let merged = BriefBurstScorer.mergedBursts(bursts, coincidence: p.burstCoincidence, movements: s.movements)
        let hypnic = hasHypnogram ? BriefBurstScorer.hypnicJerks(merged, hypnogram: hypnogram, duration: p.hypnicJerkDuration) : nil
        let efm = hasHypnogram ? BriefBurstScorer.fragmentaryMyoclonus(
            merged, hypnogram: hypnogram, maximumDuration: p.fragmentaryMaximumDuration,
            perMinute: p.fragmentaryPerMinute, minutes: p.fragmentaryMinutes) : nil
        var counts: [String: Int] = [:]
        for (k, v) in hypnogram.epochCounts { counts[k.rawValue] = v }
        return SleepResult(rules: p.rules.rawValue, lmCount: s.lmCount, lmCountInSleep: s.lmCountInSleep, plmCount: s.plmCount,
                           plmIndex: basisHours > 0 ? Double(s.plmCount) / basisHours : 0,
                           plmIndexBasis: hasHypnogram ? "sleep" : "recording", sleepHours: sleepHours,
                           recordingHours: recordingSeconds / 3600, sleepOnset: hypnogram.sleepOnset, epochCounts: counts,
                           plmSeries: s.series, limbMovements: s.movements, hypnicJerks: hypnic, fragmentaryMyoclonus: efm,
                           hypnogram: hypnogram, legChannels: legLabels, notes: notes)
    }

    /// The bursts whose peak rises at least ``Parameters/burstMinimumRiseUV`` over their baseline.
    private func strong(_ events: [ChannelEvent], scale: Double) -> [ChannelEvent] {
        events.filter { $0.polarity == .positive && ($0.peak - $0.baseline) * scale >= parameters.burstMinimumRiseUV }
    }

    /// The factor from a channel's unit to µV.
    static func microvoltScale(unit: String, label: String) throws(SleepError) -> Float {
        switch unit.trimmingCharacters(in: .whitespaces).lowercased() {
        case "uv", "µv", "μv", "microvolt", "microvolts": return 1
        case "mv": return 1000
        case "v": return 1_000_000
        default:
            throw .invalidChannel(channel: label, reason: "unit \"\(unit)\" is not a voltage; the limb-movement rules are in µV")
        }
    }
}
