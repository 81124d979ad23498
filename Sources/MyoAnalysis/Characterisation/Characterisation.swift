/// Everything `MyoAnalysis` says about a recording beyond the events themselves: the parts of the
/// `analyze` summary a neurophysiologist reads (special forms today; origin, rhythm,
/// back-averaging, coherence and sleep as they are computed).
///
/// Each part is optional: it is present only when the recording has the channels it needs, so a
/// reader of the JSON can tell "not measured" (key absent) from "measured, nothing found".
public struct Characterisation: Sendable, Codable, Equatable {
    /// Where the jerks probably come from, with the findings for and against (EMG jerks needed).
    public var origin: OriginResult?
    /// How regular the jerks are: interval variation, dominant frequency, runs and clusters.
    public var rhythm: RhythmResult?
    /// Jerk-locked back-averaging of every EEG channel (EEG and EMG jerks needed).
    public var backAveraging: BackAveragingResult?
    /// EEG-EMG coherence of every EEG channel with the EMG channel that saw the most jerks.
    public var coherence: CoherenceResult?
    /// Limb movements, PLM series and indices, hypnic jerks and fragmentary myoclonus (leg EMG and a
    /// hypnogram, or `CharacterisationOptions.scoreSleep`).
    public var sleep: SleepResult?
    /// The sleep scoring's parameters with their sources, for the report.
    public var sleepParameters: [SleepParameterDescription]?
    /// Clicks in each audio channel (middle-ear and palatal myoclonus).
    public var clicks: [ClickAnalysis]?
    /// Hiccups in each respiration or chest-motion channel.
    public var hiccups: [HiccupAnalysis]?
    /// Why a part could not be computed (a channel too short, a rate too low), one line each.
    public var warnings: [String]
    /// The version of the characterisation rules.
    public var version: String

    /// An empty characterisation (nothing measured yet).
    public init() {
        warnings = []
        version = MyoAnalysisModule.version
    }
}
