/// Settings of ``MotionDetector``: the bands it splits motion into, how far a transient must stand
/// out, and how long a jerk or a lapse may last.
///
/// Every default says where it comes from: clinical durations cite docs/sources.md ("Clinical facts with
/// sources"); band edges and thresholds are engineering choices, explained beside each one.
public struct MotionDetectorParameters: Sendable, Equatable {
    /// Cut-off of the low-pass that estimates gravity (the sensor's orientation), in Hz.
    ///
    /// 0.2 Hz is the split between the gravity and movement parts van Hees et al. 2013
    /// (PLoS One 8:e61691) use; posture changes over seconds go to gravity, jerks stay out of it.
    public var gravityCutoff: Double = 0.2
    /// Lower edge of the transient band, in Hz.
    ///
    /// Engineering: above deliberate movement and the step rate of walking (both mostly below
    /// 2.5 Hz), below the 3-6 Hz fall-and-catch of a postural lapse, so that a jerk or a lapse
    /// shows here and a reach or a posture change barely does.
    public var transientLow: Double = 3
    /// Upper edge of the transient band, in Hz (lowered to 40 % of the rate on slow sensors).
    ///
    /// Engineering: the ringing of a limb after a jerk lies at roughly 5-15 Hz; above 20 Hz a
    /// wrist or ankle sensor mostly records noise and impacts.
    public var transientHigh: Double = 20
    /// Band of deliberate movement, walking and posture, in Hz, used to reject transients that
    /// are part of a larger movement.
    ///
    /// Engineering: walking cadence is 1.5-2.5 steps/s and a reach lasts 0.5-3 s, so both put
    /// most of their energy between 0.3 and 2.5 Hz.
    public var movementLow: Double = 0.3
    /// Upper edge of the movement band, in Hz (see ``movementLow``).
    public var movementHigh: Double = 2.5
    /// Length of the envelope's smoothing window, in seconds.
    ///
    /// Engineering: about one period of a 15-25 Hz oscillation, so the envelope of a ringing limb
    /// is smooth but its rise is not blurred by more than ~20 ms.
    public var envelopeWindow: Double = 0.04
    /// Time constant with which the baseline follows a rising envelope, in seconds.
    ///
    /// Engineering: slow enough that a jerk (< 0.5 s) barely lifts the baseline, quick enough to
    /// follow a change of activity within a few seconds. Falling envelopes are followed 10 times
    /// faster, so the baseline sits near the quiet floor (a minimum-tracking estimate).
    public var baselineTimeConstant: Double = 5
    /// A transient starts when the envelope exceeds this multiple of the baseline.
    ///
    /// Engineering: a jerk rings at several times the resting sensor noise; 3 keeps random
    /// fluctuations of the envelope (a Rayleigh-like variable) below threshold almost always.
    public var onsetFactor: Double = 3
    /// A transient that is not a lapse counts as a jerk only when its envelope peak reaches this
    /// multiple of the baseline.
    ///
    /// Engineering: lapses are judged by their shape (a downward swing along gravity) and may be
    /// small; a jerk has no such shape test, so it must stand further out of the noise.
    public var jerkFactor: Double = 4.5
    /// A transient ends when the envelope falls below this multiple of the baseline; also the
    /// level down to which the onset is traced back (hysteresis).
    public var offsetFactor: Double = 1.5
    /// Smallest envelope peak that can be a jerk for an accelerometer, in g.
    ///
    /// Engineering: below 0.02 g consumer accelerometers are dominated by their noise and
    /// quantisation, so a smaller "jerk" cannot be told from noise.
    public var minimumPeakG: Double = 0.02
    /// Smallest envelope peak that can be a jerk for a gyroscope, in deg/s.
    ///
    /// Engineering: MEMS gyroscope noise is around 0.1-1 deg/s; 5 deg/s is a clear rotation.
    public var minimumPeakDegreesPerSecond: Double = 5
    /// Shortest motion transient counted, in seconds.
    ///
    /// The shortest myoclonic bursts last 10 ms (docs/sources.md: Eberhardt & Topka 2017); the limb's
    /// response lasts at least a couple of envelope windows, so shorter crossings are noise.
    public var minimumDuration: Double = 0.03
    /// Longest motion transient counted as a jerk or lapse, in seconds; longer activity is
    /// reported as ``LongActivity``.
    ///
    /// Lapses last under 500 ms (docs/sources.md: ILAE, negative myoclonus); bursts rarely exceed 300 ms
    /// (docs/sources.md: Eberhardt & Topka 2017) and the limb rings for a few hundred ms after.
    public var maximumDuration: Double = 0.8
    /// A transient is a jerk only when its envelope peak reaches this multiple of the largest
    /// movement-band level around it (see ``movementLookAround``).
    ///
    /// Engineering: the start and stop of a reach or a step have some transient-band content, but
    /// much less than their own slow movement; a jerk is the other way round.
    public var movementRatio: Double = 0.6
    /// How far before and after a transient's onset the movement level is examined, in seconds.
    ///
    /// Engineering: covers one step of walking and the first second of a reach, so a transient
    /// at the start of a gesture is judged with the gesture. Results are delayed by this much.
    public var movementLookAround: Double = 1.0
    /// Movement-band level (in g, or deg/s × 0.01 for gyroscopes) above which sustained motion
    /// is reported as ``LongActivity``.
    ///
    /// Engineering: 0.05 g is well above postural sway and sensor noise and below the
    /// 0.1-0.5 g of a walking wrist or a deliberate reach.
    public var sustainedMovementLevel: Double = 0.05
    /// Shortest sustained movement reported as ``LongActivity``, in seconds.
    ///
    /// Engineering: the shortest deliberate gestures last about half a second.
    public var sustainedMovementDuration: Double = 0.5
    /// A postural lapse swings (falls and is caught) slower than this, in Hz: the lapse template
    /// that fits best must be slower.
    ///
    /// Engineering: a lapse is a passive fall of the limb caught by a postural correction, a slow
    /// swing (3-6 Hz); an active jerk drives the limb faster (its ringing is mostly above 6 Hz).
    public var lapseMaximumFrequency: Double = 6.5
    /// Share of a lapse's transient-band energy that must lie along gravity (0...1).
    ///
    /// Engineering: a fall of a held posture moves the limb along gravity; a jerk pulls along
    /// the muscle's line of action, in any direction. Half keeps falls that mix with sway in
    /// the other axes.
    public var lapseGravityShare: Double = 0.5

    public init() {}

    /// Checks each parameter against its sensible range and the parameters against each other.
    public func validate() throws(DetectorError) {
        func check(_ name: String, _ value: Double, _ allowed: ClosedRange<Double>, _ reason: String) throws(DetectorError) {
            guard value.isFinite, allowed.contains(value) else {
                throw .parameterOutOfRange(name: name, value: value, allowed: allowed, reason: reason)
            }
        }
        try check("gravityCutoff", gravityCutoff, 0.01...1, "gravity changes over seconds; above 1 Hz it would swallow lapses")
        try check("transientLow", transientLow, 1...15, "the transient band must sit above deliberate movement")
        try check("transientHigh", transientHigh, 4...100, "the transient band must include the 5-15 Hz ringing of a jerk")
        try check("movementLow", movementLow, 0.05...2, "the movement band must include slow reaches")
        try check("movementHigh", movementHigh, 0.5...6, "the movement band must include the step rate of walking")
        try check("envelopeWindow", envelopeWindow, 0.005...0.2, "longer windows blur onsets by more than the 100 ms tolerance")
        try check("baselineTimeConstant", baselineTimeConstant, 0.5...120, "the baseline must follow activity over seconds to minutes")
        try check("onsetFactor", onsetFactor, 1.1...50, "the onset threshold must stand above the baseline")
        try check("jerkFactor", jerkFactor, 1.1...50, "a jerk must stand above the baseline")
        try check("offsetFactor", offsetFactor, 1...50, "the offset threshold cannot sit below the baseline")
        try check("minimumPeakG", minimumPeakG, 0...2, "a jerk peak in g")
        try check("minimumPeakDegreesPerSecond", minimumPeakDegreesPerSecond, 0...500, "a jerk peak in deg/s")
        try check("minimumDuration", minimumDuration, 0...1, "jerks last tens of milliseconds")
        try check("maximumDuration", maximumDuration, 0.05...5, "longer activity is not myoclonus")
        try check("movementRatio", movementRatio, 0...100, "a ratio of transient to movement level")
        try check("movementLookAround", movementLookAround, 0...5, "results are delayed by this much")
        try check("sustainedMovementLevel", sustainedMovementLevel, 0.001...10, "a movement level")
        try check("sustainedMovementDuration", sustainedMovementDuration, 0.1...60, "a gesture lasts at least a fraction of a second")
        try check("lapseMaximumFrequency", lapseMaximumFrequency, 1...30, "a frequency in Hz")
        try check("lapseGravityShare", lapseGravityShare, 0...1, "a share of energy")
        guard transientLow < transientHigh else {
            throw .inconsistentParameters("transientLow \(transientLow) Hz must be below transientHigh \(transientHigh) Hz")
        }
        guard movementLow < movementHigh else {
            throw .inconsistentParameters("movementLow \(movementLow) Hz must be below movementHigh \(movementHigh) Hz")
        }
        guard offsetFactor <= onsetFactor else {
            throw .inconsistentParameters("offsetFactor \(offsetFactor) must not exceed onsetFactor \(onsetFactor)")
        }
        guard onsetFactor <= jerkFactor else {
            throw .inconsistentParameters("onsetFactor \(onsetFactor) must not exceed jerkFactor \(jerkFactor)")
        }
        guard minimumDuration < maximumDuration else {
            throw .inconsistentParameters("minimumDuration \(minimumDuration) s must be below maximumDuration \(maximumDuration) s")
        }
    }

    /// The parameters as a report lists them, with the source of each default.
    public var described: [Parameter] {
        let defaults = MotionDetectorParameters()
        func row(_ name: String, _ value: Double, _ reference: Double, _ source: String) -> Parameter {
            Parameter(name: "motion.\(name)", value: "\(value)", source: source, isDefault: value == reference)
        }
        return [
            row("gravityCutoff", gravityCutoff, defaults.gravityCutoff, "van Hees et al. 2013, PLoS One 8:e61691"),
            row("transientLow", transientLow, defaults.transientLow, "engineering: above movement and step rate"),
            row("transientHigh", transientHigh, defaults.transientHigh, "engineering: ringing of a limb 5-15 Hz"),
            row("movementLow", movementLow, defaults.movementLow, "engineering: slow reaches"),
            row("movementHigh", movementHigh, defaults.movementHigh, "engineering: walking cadence 1.5-2.5 Hz"),
            row("envelopeWindow", envelopeWindow, defaults.envelopeWindow, "engineering: one period of 25 Hz"),
            row("baselineTimeConstant", baselineTimeConstant, defaults.baselineTimeConstant, "engineering: minimum-tracking baseline"),
            row("onsetFactor", onsetFactor, defaults.onsetFactor, "engineering: above envelope fluctuation"),
            row("jerkFactor", jerkFactor, defaults.jerkFactor, "engineering: jerks have no shape test"),
            row("offsetFactor", offsetFactor, defaults.offsetFactor, "engineering: hysteresis"),
            row("minimumPeakG", minimumPeakG, defaults.minimumPeakG, "engineering: accelerometer noise floor"),
            row("minimumPeakDegreesPerSecond", minimumPeakDegreesPerSecond, defaults.minimumPeakDegreesPerSecond, "engineering: gyroscope noise floor"),
            row("minimumDuration", minimumDuration, defaults.minimumDuration, "docs/sources.md: bursts from 10 ms (Eberhardt & Topka 2017)"),
            row("maximumDuration", maximumDuration, defaults.maximumDuration, "docs/sources.md: lapses < 500 ms (ILAE), bursts rarely > 300 ms"),
            row("movementRatio", movementRatio, defaults.movementRatio, "engineering: transient against its own movement"),
            row("movementLookAround", movementLookAround, defaults.movementLookAround, "engineering: one step, the start of a reach"),
            row("sustainedMovementLevel", sustainedMovementLevel, defaults.sustainedMovementLevel, "engineering: above sway"),
            row("sustainedMovementDuration", sustainedMovementDuration, defaults.sustainedMovementDuration, "engineering: shortest gesture"),
            row("lapseMaximumFrequency", lapseMaximumFrequency, defaults.lapseMaximumFrequency, "engineering: fall-and-catch 3-6 Hz"),
            row("lapseGravityShare", lapseGravityShare, defaults.lapseGravityShare, "engineering: a fall moves along gravity"),
        ]
    }
}
