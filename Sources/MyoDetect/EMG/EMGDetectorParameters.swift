/// The settings of ``EMGDetector``, with defaults chosen from the clinical literature (cited
/// beside each default, from docs/sources.md) or for a stated engineering
/// reason.
///
/// Thresholds are ratios of the envelope (the RMS of the band-passed EMG over
/// `envelopeWindow`) to the channel's adaptive baseline (a low quantile of the envelope over
/// `baselineWindow`), so the same defaults work on µV and mV channels, on rest and on tonic
/// activity.
public struct EMGDetectorParameters: Sendable, Equatable {
    /// High-pass corner, Hz. Default 20 Hz: removes baseline wander and movement artefact while
    /// keeping the EMG power band (De Luca et al. 2010, J Biomech 43:1573, recommend a 20 Hz
    /// corner for surface EMG).
    public var highPass: Double = 20
    /// Low-pass corner, Hz; nil means min(450 Hz, 0.45 × rate): 450 Hz is the upper edge of the
    /// surface-EMG band (De Luca et al. 2010), and 0.45 × rate keeps the corner clear of Nyquist
    /// on low-rate channels (250 Hz devices).
    public var lowPass: Double? = nil
    /// Envelope (moving RMS) window, s. Default 10 ms: a 5 ms window fluctuates so much on
    /// band-limited EMG that thresholds fire constantly, while 10 ms still resolves 10 ms bursts
    /// (docs/sources.md, pitfalls).
    public var envelopeWindow: Double = 0.010
    /// Span of the adaptive baseline, s. Default 1.5 s (docs/sources.md, pitfalls: a robust baseline over
    /// about 1-2 s): long enough that a cluster of bursts cannot lift a low quantile, short
    /// enough to follow the onset of tonic activity within about a second.
    public var baselineWindow: Double = 1.0
    /// Quantile of the 10 ms envelope blocks taken as baseline. Default 0.25: bursts would have to
    /// fill three quarters of `baselineWindow` to raise it, while it still sits close to the
    /// typical level (a minimum would follow the deepest random dips). Computed to within 0.2 %
    /// (logarithmic bins, see `SlidingQuantile`).
    public var baselineQuantile: Double = 0.25
    /// A burst starts when the envelope exceeds this multiple of the baseline. Default 2.0
    /// (engineering: on the 25 % quantile this is about 1.5 × the mean level of tonic activity,
    /// low enough to catch a 40 µV burst on 40 µV of tonic activity).
    public var onsetRatio: Double = 2.0
    /// A burst ends when the envelope stays below this multiple of its baseline for `mergeGap`.
    /// Default 1.8 (hysteresis below `onsetRatio`, so a burst is not cut by its own fluctuations,
    /// yet close enough that tonic activity after a burst does not prolong it).
    public var offsetRatio: Double = 1.8
    /// A burst also ends when the envelope stays below this fraction of the burst's peak for
    /// `mergeGap`. Default 0.1 (−20 dB; engineering: the band-pass rings for tens of ms after a
    /// large burst at a level far above a quiet baseline, which would otherwise lengthen large
    /// bursts past `maximumBurstDuration`).
    public var offsetFractionOfPeak: Double = 0.1
    /// A candidate counts as a burst only if its mean power is at least this multiple of the
    /// baseline power. Default 5 (engineering: random fluctuations of tonic EMG, which reach the
    /// onset ratio for a few ms, rarely hold this power over a whole candidate).
    public var minimumPowerRatio: Double = 5
    /// A candidate counts as a burst only if its evidence reaches this: the number of envelope
    /// windows it lasts times (r − 1 − ln r), where r is its mean power over the baseline power
    /// (the Gaussian log-likelihood ratio of a variance rise, per independent window). Default 12
    /// (engineering: a random 10-20 ms fluctuation of tonic EMG scores 5-10, a 40 µV burst of
    /// 50 ms on 25 µV of tonic activity about 16).
    public var minimumEvidence: Double = 12
    /// Shortest burst, s. Default 10 ms: cortical bursts last 10 to 50 ms (Hallett 1977;
    /// Eberhardt & Topka 2017, PMC5575623, docs/sources.md).
    public var minimumBurstDuration: Double = 0.010
    /// Longest burst, s; longer activity is reported as ``LongActivity`` (voluntary movement, tonic
    /// contraction). Default 300 ms: covers brainstem bursts over 100 ms and hypnic jerks of 75 to
    /// 250 ms (docs/sources.md, clinical facts; the hypnic range is secondary).
    public var maximumBurstDuration: Double = 0.300
    /// Two supra-threshold stretches closer than this are one burst, s. Default 30 ms
    /// (engineering: bursts of a cluster are 150-400 ms apart and stay separate, while the
    /// envelope of one irregular burst dips for less than this).
    public var mergeGap: Double = 0.030
    /// Whether to look for silent periods (negative myoclonus).
    public var detectSilentPeriods: Bool = true
    /// Shortest silent period, s. Default 50 ms: the lower edge of silent periods in progressive
    /// myoclonus epilepsy and of Rissanen's first bin (Rissanen 2023, PMID 37952446, docs/sources.md).
    public var minimumSilentPeriod: Double = 0.050
    /// Longest silent period, s. Default 500 ms: negative myoclonus is an interruption of tonic
    /// activity shorter than 500 ms (ILAE; Rissanen 2023 bins 101-500 ms, docs/sources.md).
    public var maximumSilentPeriod: Double = 0.500
    /// A silent period starts when the envelope falls below this fraction of the tonic baseline.
    /// Default 0.4 (engineering: the envelope of steady tonic EMG stays above about half its
    /// low quantile; a true silent period drops to the noise floor).
    public var silentRatio: Double = 0.4
    /// The tonic activity that stops must be at least this multiple of the channel's noise floor
    /// (RMS). Default 3 (engineering: below that the "interruption" is indistinguishable from
    /// rest).
    public var minimumTonicToFloor: Double = 3
    /// No silent period is counted if a burst ended less than this before it, s: negative
    /// myoclonus has no preceding positive jerk (ILAE, docs/sources.md), and a burst's own post-excitatory
    /// silence is not negative myoclonus. Default 200 ms (engineering).
    public var quietBeforeSilentPeriod: Double = 0.200
    /// Context checked for activity before and after a silent period, s. Default 100 ms
    /// (Rissanen 2023 required activity before and after; the span is an engineering choice).
    public var silentPeriodContext: Double = 0.100
    /// Bursts whose RMS frequency of the excess power is below this are rejected as ECG (QRS
    /// complexes concentrate their power below about 40 Hz, surface EMG has its mean frequency
    /// at 60-120 Hz). Default 50 Hz; 0 disables the test.
    public var minimumBurstFrequency: Double = 50
    /// Mains frequency to remove, Hz (50 or 60); nil detects it on the first seconds.
    public var mainsFrequency: Double? = nil

    /// The defaults.
    public init() {}

    /// The lowest channel rate the detector accepts, Hz: below 200 Hz the EMG power band (up to
    /// about 100 Hz and beyond) is lost and 10 ms bursts span too few samples.
    public static let minimumSampleRate = 200.0

    /// The low-pass corner used at `sampleRate`, Hz.
    public func effectiveLowPass(sampleRate: Double) -> Double {
        min(lowPass ?? 450, 0.45 * sampleRate)
    }

    /// Checks every value against its sensible range and the pairs that must be ordered.
    /// - Throws: `DetectorError.parameterOutOfRange` or `.inconsistentParameters`.
    public func validate() throws(DetectorError) {
        func check(_ name: String, _ value: Double, _ range: ClosedRange<Double>, _ reason: String) throws(DetectorError) {
            guard value.isFinite, range.contains(value) else {
                throw .parameterOutOfRange(name: name, value: value, allowed: range, reason: reason)
            }
        }
        try check("highPass", highPass, 1...200, "the EMG band starts between 10 and 100 Hz")
        if let lowPass { try check("lowPass", lowPass, 50...2000, "the EMG band ends between 150 and 500 Hz") }
        try check("envelopeWindow", envelopeWindow, 0.002...0.1, "an envelope of 2-100 ms resolves 10-300 ms bursts")
        try check("baselineWindow", baselineWindow, 0.2...30, "the baseline must span several bursts")
        try check("baselineQuantile", baselineQuantile, 0.01...0.9, "a low quantile ignores bursts")
        try check("onsetRatio", onsetRatio, 1.05...100, "the onset must stand above the baseline")
        try check("offsetRatio", offsetRatio, 1.0...100, "the offset is a multiple of the baseline")
        try check("minimumPowerRatio", minimumPowerRatio, 1.0...10000, "a power ratio of at least 1")
        try check("offsetFractionOfPeak", offsetFractionOfPeak, 0...0.9, "a fraction of the peak")
        try check("minimumEvidence", minimumEvidence, 0...10000, "a log-likelihood ratio")
        try check("minimumBurstDuration", minimumBurstDuration, 0.001...1, "bursts last milliseconds")
        try check("maximumBurstDuration", maximumBurstDuration, 0.005...5, "jerks last under a second")
        try check("mergeGap", mergeGap, 0...0.5, "gaps inside one burst are short")
        try check("minimumSilentPeriod", minimumSilentPeriod, 0.01...2, "silent periods last tens of ms")
        try check("maximumSilentPeriod", maximumSilentPeriod, 0.02...5, "silent periods last under a second")
        try check("silentRatio", silentRatio, 0.01...0.95, "a silent period is a drop below the tonic level")
        try check("minimumTonicToFloor", minimumTonicToFloor, 1...1000, "tonic activity stands above the floor")
        try check("quietBeforeSilentPeriod", quietBeforeSilentPeriod, 0...5, "a span of seconds")
        try check("silentPeriodContext", silentPeriodContext, 0.01...1, "a span of tens of ms")
        try check("minimumBurstFrequency", minimumBurstFrequency, 0...500, "a frequency in Hz")
        if let mainsFrequency { try check("mainsFrequency", mainsFrequency, 40...70, "mains is 50 or 60 Hz") }
        if let lowPass, lowPass <= highPass {
            throw .inconsistentParameters("lowPass \(lowPass) Hz must be above highPass \(highPass) Hz")
        }
        if offsetRatio > onsetRatio {
            throw .inconsistentParameters("offsetRatio \(offsetRatio) must not exceed onsetRatio \(onsetRatio)")
        }
        if minimumBurstDuration >= maximumBurstDuration {
            throw .inconsistentParameters("minimumBurstDuration must be below maximumBurstDuration")
        }
        if minimumSilentPeriod >= maximumSilentPeriod {
            throw .inconsistentParameters("minimumSilentPeriod must be below maximumSilentPeriod")
        }
        if envelopeWindow * 4 > baselineWindow {
            throw .inconsistentParameters("baselineWindow must be at least 4 envelope windows")
        }
    }

    /// Every parameter with its value, source and whether it is the default, for reports.
    public var described: [Parameter] {
        let d = EMGDetectorParameters()
        func p(_ name: String, _ value: Double, _ def: Double, _ source: String) -> Parameter {
            Parameter(name: name, value: "\(value)", source: source, isDefault: value == def)
        }
        return [
            p("highPass", highPass, d.highPass, "De Luca et al. 2010 (J Biomech 43:1573): 20 Hz corner for surface EMG"),
            Parameter(name: "lowPass", value: lowPass.map { "\($0)" } ?? "min(450, 0.45 x rate)",
                      source: "De Luca et al. 2010: EMG band to 450 Hz; 0.45 x rate below 1 kHz", isDefault: lowPass == nil),
            p("envelopeWindow", envelopeWindow, d.envelopeWindow, "docs/sources.md, signal processing: about 10 ms RMS"),
            p("baselineWindow", baselineWindow, d.baselineWindow, "docs/sources.md, signal processing: robust baseline over about 1-2 s"),
            p("baselineQuantile", baselineQuantile, d.baselineQuantile, "engineering: low quantile ignores bursts"),
            p("onsetRatio", onsetRatio, d.onsetRatio, "engineering: catches 40 uV bursts on tonic activity"),
            p("offsetRatio", offsetRatio, d.offsetRatio, "engineering: hysteresis"),
            p("minimumPowerRatio", minimumPowerRatio, d.minimumPowerRatio, "engineering: rejects random fluctuations"),
            p("offsetFractionOfPeak", offsetFractionOfPeak, d.offsetFractionOfPeak, "engineering: band-pass ringing after large bursts"),
            p("minimumEvidence", minimumEvidence, d.minimumEvidence, "engineering: log-likelihood ratio of a variance rise"),
            p("minimumBurstDuration", minimumBurstDuration, d.minimumBurstDuration,
              "Hallett 1977; Eberhardt & Topka 2017 (PMC5575623): cortical bursts 10-50 ms"),
            p("maximumBurstDuration", maximumBurstDuration, d.maximumBurstDuration,
              "docs/sources.md: brainstem bursts over 100 ms, hypnic jerks 75-250 ms (secondary)"),
            p("mergeGap", mergeGap, d.mergeGap, "engineering: cluster bursts are 150-400 ms apart"),
            Parameter(name: "detectSilentPeriods", value: "\(detectSilentPeriods)", source: "ILAE negative myoclonus",
                      isDefault: detectSilentPeriods == d.detectSilentPeriods),
            p("minimumSilentPeriod", minimumSilentPeriod, d.minimumSilentPeriod, "Rissanen 2023 (PMID 37952446): 50 ms"),
            p("maximumSilentPeriod", maximumSilentPeriod, d.maximumSilentPeriod, "ILAE: shorter than 500 ms"),
            p("silentRatio", silentRatio, d.silentRatio, "engineering: drop below the tonic level"),
            p("minimumTonicToFloor", minimumTonicToFloor, d.minimumTonicToFloor, "engineering: tonic above the noise floor"),
            p("quietBeforeSilentPeriod", quietBeforeSilentPeriod, d.quietBeforeSilentPeriod,
              "ILAE: no preceding positive jerk"),
            p("silentPeriodContext", silentPeriodContext, d.silentPeriodContext,
              "Rissanen 2023: activity before and after"),
            p("minimumBurstFrequency", minimumBurstFrequency, d.minimumBurstFrequency,
              "engineering: QRS power lies below about 40 Hz"),
            Parameter(name: "mainsFrequency", value: mainsFrequency.map { "\($0)" } ?? "detected",
                      source: "MainsHum.detect on the first seconds", isDefault: mainsFrequency == nil),
        ]
    }
}
