import MyoDetect
import MyoSignal

/// Gives an origin hint for the jerks of one recording (cortical, cortical-subcortical,
/// subcortical/brainstem, spinal/propriospinal, functional or undetermined), with the findings
/// for and against each and a certainty, from burst durations, agonist-antagonist synchrony,
/// recruitment and spread across muscles, stimulus-locked responses, the rhythm and, when
/// another analysis has it, back-averaging.
///
/// A hint, not a diagnosis: it sorts the physiology the way a neurophysiology lab report would,
/// with its evidence shown, for a clinician to weigh.
///
/// ```swift
/// let origin = try OriginAnalyzer().analyze(events: result.events, annotations: recording.annotations)
/// print(origin.hint, origin.certainty, origin.findings.map(\.text))
/// ```
/// Complexity: O(events × channels²) (pair synchrony), O(events log events) otherwise.
public struct OriginAnalyzer: Sendable {
    /// Every setting, with its source.
    public struct Parameters: Sendable, Codable, Equatable {
        /// Fewest bursts for any hint. Default 10 (van der Veen 2024, secondary: the 45 ms cut-off
        /// needs at least 10 bursts).
        public var minimumBursts = 10
        /// Median burst duration at or under which bursts count as cortical, ms. Default 45
        /// (van der Veen 2024, secondary; cortical bursts 10-50 ms, Eberhardt & Topka 2017).
        public var corticalCutoffMs = 45.0
        /// Bursts longer than this are rarely cortical and typical of brainstem jerks, ms.
        /// Default 100 (Eberhardt & Topka 2017, PMC5575623; Hallett 1977; docs/sources.md).
        public var longBurstMs = 100.0
        /// Functional jerks usually last longer than this, ms. Default 70 (Terada 1995; Pal 2011).
        public var functionalBurstMs = 70.0
        /// Functional jerks follow stimuli with a variable latency over this, ms. Default 100
        /// (Terada 1995; Pal 2011).
        public var functionalLatencyMs = 100.0
        /// A latency counts as variable when its IQR is at least this share of its median.
        /// Default 0.25 (convention).
        public var variableLatencyShare = 0.25
        /// Two muscles are synchronous when their onsets are within this, ms. Default 15
        /// (issue 4; agonist and antagonist together, Hallett 1977).
        public var synchronyMs = 15.0
        /// Share of co-fired jerks that must be synchronous. Default 0.8 (convention: most).
        public var synchronousShare = 0.8
        /// Muscles the built-in table does not know are taken as agonist and antagonist when this
        /// close on the montage and on one side, cm. Default 3 (convention, the precision of the
        /// built-in montage); known muscles pair by `MuscleMontage.antagonistSites`.
        public var sameSegmentCm = 3.0
        /// Propriospinal spread velocity, m/s. Default 3-11 (Brown 1994).
        public var propriospinalVelocity: ClosedRange<Double> = 3...11
        /// Propriospinal rhythm, Hz. Default 1-7 (Brown 1994).
        public var propriospinalRateHz: ClosedRange<Double> = 1...7
        /// Startle: the sternocleidomastoid responds first within this, ms. Default 120 (docs/sources.md).
        public var startleLatencyMs = 120.0
        /// Annotation texts (any case, contained) that mark a stimulus.
        public var stimulusKeywords = ["stimulus", "stim", "tap", "sound", "noise", "flash", "click", "startle"]
        /// A jerk this soon after a stimulus is its response, s. Default 0.5 (convention: holds
        /// startle within 120 ms and the variable latencies over 100 ms of functional jerks).
        public var responseWindowS = 0.5
        /// Responses habituate when the Spearman rho of amplitude against stimulus number is at
        /// or below this. Default -0.5 (convention).
        public var habituationRho = -0.5
        /// Fewest events of a muscle (or a pair) for its latency to count. Default 5 (convention).
        public var minimumEventsPerMuscle = 5

        public init() {}

        /// Checks every setting.
        public func validate() throws(OriginError) {
            func check(_ name: String, _ v: Double, _ ok: Bool, _ reason: String) throws(OriginError) {
                guard v.isFinite, ok else { throw .parameterOutOfRange(name: name, value: v, reason: reason) }
            }
            try check("minimumBursts", Double(minimumBursts), minimumBursts >= 1, "must be at least 1")
            try check("corticalCutoffMs", corticalCutoffMs, corticalCutoffMs > 0 && corticalCutoffMs < longBurstMs, "must be above 0 and below longBurstMs")
            try check("longBurstMs", longBurstMs, longBurstMs > 0 && longBurstMs <= 1000, "must be 0 to 1000 ms")
            try check("functionalBurstMs", functionalBurstMs, functionalBurstMs > 0 && functionalBurstMs <= 1000, "must be 0 to 1000 ms")
            try check("functionalLatencyMs", functionalLatencyMs, functionalLatencyMs > 0 && functionalLatencyMs <= 5000, "must be 0 to 5000 ms")
            try check("variableLatencyShare", variableLatencyShare, variableLatencyShare > 0 && variableLatencyShare <= 10, "must be above 0")
            try check("synchronyMs", synchronyMs, synchronyMs > 0 && synchronyMs <= 200, "must be 0 to 200 ms")
            try check("synchronousShare", synchronousShare, synchronousShare > 0 && synchronousShare <= 1, "must be 0 to 1")
            try check("sameSegmentCm", sameSegmentCm, sameSegmentCm >= 0 && sameSegmentCm <= 50, "must be 0 to 50 cm")
            try check("propriospinalVelocity", propriospinalVelocity.lowerBound, propriospinalVelocity.lowerBound > 0 && propriospinalVelocity.upperBound.isFinite, "must be positive")
            try check("propriospinalRateHz", propriospinalRateHz.lowerBound, propriospinalRateHz.lowerBound > 0 && propriospinalRateHz.upperBound.isFinite, "must be positive")
            try check("startleLatencyMs", startleLatencyMs, startleLatencyMs > 0 && startleLatencyMs <= 1000, "must be 0 to 1000 ms")
            try check("responseWindowS", responseWindowS, responseWindowS > 0 && responseWindowS <= 10, "must be 0 to 10 s")
            try check("habituationRho", habituationRho, habituationRho >= -1 && habituationRho <= 1, "must be -1 to 1")
            try check("minimumEventsPerMuscle", Double(minimumEventsPerMuscle), minimumEventsPerMuscle >= 1, "must be at least 1")
        }

        /// (name, value, unit, source) of every setting, for the report.
        public var described: [(name: String, value: String, unit: String, source: String)] {
            [("origin.minimumBursts", "\(minimumBursts)", "bursts", "van der Veen 2024 (secondary)"),
             ("origin.corticalCutoff", "\(corticalCutoffMs)", "ms", "van der Veen 2024 (secondary); Eberhardt & Topka 2017"),
             ("origin.longBurst", "\(longBurstMs)", "ms", "Eberhardt & Topka 2017, PMC5575623; Hallett 1977"),
             ("origin.functionalBurst", "\(functionalBurstMs)", "ms", "Terada 1995; Pal 2011"),
             ("origin.functionalLatency", "\(functionalLatencyMs)", "ms", "Terada 1995; Pal 2011"),
             ("origin.synchrony", "\(synchronyMs)", "ms", "issue 4; Hallett 1977"),
             ("origin.synchronousShare", "\(synchronousShare)", "", "convention"),
             ("origin.sameSegment", "\(sameSegmentCm)", "cm", "convention"),
             ("origin.propriospinalVelocity", "\(propriospinalVelocity.lowerBound)-\(propriospinalVelocity.upperBound)", "m/s", "Brown 1994"),
             ("origin.propriospinalRate", "\(propriospinalRateHz.lowerBound)-\(propriospinalRateHz.upperBound)", "Hz", "Brown 1994"),
             ("origin.startleLatency", "\(startleLatencyMs)", "ms", "docs/sources.md: startle"),
             ("origin.stimulusKeywords", stimulusKeywords.joined(separator: ", "), "", "convention"),
             ("origin.responseWindow", "\(responseWindowS)", "s", "convention"),
             ("origin.habituationRho", "\(habituationRho)", "", "convention"),
             ("origin.minimumEventsPerMuscle", "\(minimumEventsPerMuscle)", "events", "convention"),
             ("origin.montage", "built-in table", "cm", "convention: segmental innervation levels (MuscleMontage)")]
        }
    }

    public var parameters: Parameters

    public init(parameters: Parameters = .init()) {
        self.parameters = parameters
    }

    /// The settings as (name, value, unit, source), for the report.
    public var described: [(name: String, value: String, unit: String, source: String)] { parameters.described }

    /// Analyses the positive events (jerks) of one recording.
    /// - Parameters:
    ///   - events: fused events from `MyoDetect`; negative events are left out.
    ///   - annotations: the recording's annotations; those matching `stimulusKeywords` are stimuli.
    ///   - montage: muscle positions; the built-in table fills in the rest.
    ///   - rhythm: the rhythm analysis of the same events, when run.
    ///   - preJerkTransient: whether back-averaging found a cortical transient before the jerks.
    ///   - bereitschaftspotential: whether back-averaging found a Bereitschaftspotential.
    /// - Throws: ``OriginError`` for invalid parameters.
    public func analyze(events: [MyoclonicEvent], annotations: [Annotation] = [], montage: MuscleMontage = .init(),
                        rhythm: RhythmResult? = nil, preJerkTransient: Bool? = nil,
                        bereitschaftspotential: Bool? = nil) throws(OriginError) -> OriginResult {
        let p = parameters
        try p.validate()
        let jerks = events.filter { $0.polarity == .positive && $0.onset.isFinite && $0.offset.isFinite }
        let leads = jerks.compactMap { e in e.channels.first { $0.source == .emgBurst } }
        let durations = BurstDurationStatistics(channel: nil, durationsMs: leads.map { $0.duration * 1000 })
        let recruitment = Recruitment.measure(events: jerks, montage: montage, synchronyMs: p.synchronyMs,
                                              sameSegmentCm: p.sameSegmentCm, minimumEventsPerMuscle: p.minimumEventsPerMuscle)
        let stimulus = StimulusResponse.measure(events: jerks, annotations: annotations, keywords: p.stimulusKeywords,
                                                window: p.responseWindowS, startleLatencyMs: p.startleLatencyMs,
                                                habituationRho: p.habituationRho)
        guard durations.n >= p.minimumBursts else {
            let finding = OriginFinding(text: "only \(durations.n) EMG bursts; at least \(p.minimumBursts) are needed", origin: .undetermined,
                                        supports: true, weight: 0, source: "van der Veen 2024 (secondary): the duration cut-off needs at least 10 bursts")
            return OriginResult(hint: .undetermined, certainty: .low, findings: [finding], durations: durations,
                                recruitment: recruitment, stimulus: stimulus, scores: [:])
        }
        let findings = OriginRules.findings(.init(durations: durations, recruitment: recruitment, stimulus: stimulus, rhythm: rhythm,
                                                  preJerkTransient: preJerkTransient, bereitschaftspotential: bereitschaftspotential), p)
        let (hint, certainty, scores) = OriginRules.decide(findings)
        return OriginResult(hint: hint, certainty: certainty, findings: findings, durations: durations, recruitment: recruitment,
                            stimulus: stimulus, scores: scores)
    }
}
