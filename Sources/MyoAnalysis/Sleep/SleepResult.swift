/// What the sleep analysis found, in the JSON shape of `myotrace analyze --json` under `sleep`.
///
/// Keys: `rules`, `lmCount`, `plmCount`, `plmIndex`, `sleepHours`, `plmSeries`, `hypnicJerks`,
/// `fragmentaryMyoclonus`, and the details behind them.
public struct SleepResult: Sendable, Equatable, Codable {
    /// "AASM 2016" or "WASM 2016".
    public var rules: String
    /// Scored limb movements (candidates not excluded for respiration), the whole recording.
    public var lmCount: Int
    /// Of those, the ones that started in sleep.
    public var lmCountInSleep: Int
    /// Periodic limb movements in sleep (all PLMs without a hypnogram).
    public var plmCount: Int
    /// PLMs per hour of sleep, or per hour of recording without a hypnogram (see `plmIndexBasis`).
    public var plmIndex: Double
    /// "sleep" or "recording": what `plmIndex` is per hour of.
    public var plmIndexBasis: String
    /// Hours scored as sleep, or `nil` without a hypnogram.
    public var sleepHours: Double?
    public var recordingHours: Double
    /// AASM sleep onset, seconds, or `nil`.
    public var sleepOnset: Double?
    /// Epochs per stage ("W", "N1", "N2", "N3", "R", "?", "MT").
    public var epochCounts: [String: Int]
    public var plmSeries: [PLMSeries]
    public var limbMovements: [LimbMovement]
    /// `nil` without a hypnogram (no sleep onset to look at).
    public var hypnicJerks: HypnicJerkSummary?
    /// `nil` without a hypnogram (NREM cannot be told).
    public var fragmentaryMyoclonus: FragmentaryMyoclonusSummary?
    public var hypnogram: Hypnogram
    /// Labels of the leg channels, in leg-index order.
    public var legChannels: [String]
    /// What limited the analysis (no hypnogram, no respiratory annotations...).
    public var notes: [String]
}

/// One parameter of an analysis as the report lists it: name, value, unit and source.
public struct SleepParameterDescription: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public var unit: String
    public var source: String
}
