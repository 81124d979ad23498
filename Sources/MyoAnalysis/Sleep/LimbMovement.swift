/// A movement of one leg as its EMG showed it, before the two legs are combined.
public struct LegMovement: Sendable, Hashable, Codable {
    /// Index of the leg channel among the leg channels given to the analysis (0, 1).
    public var leg: Int
    /// Seconds from the recording start.
    public var onset: Double
    public var offset: Double
    /// Largest rise of the smoothed rectified EMG over the resting level, µV.
    public var peakRiseUV: Double

    public init(leg: Int, onset: Double, offset: Double, peakRiseUV: Double) {
        self.leg = leg
        self.onset = onset
        self.offset = offset
        self.peakRiseUV = peakRiseUV
    }

    public var duration: Double { offset - onset }
}

/// A scored limb movement: one leg's movement, or both legs' counted once.
public struct LimbMovement: Sendable, Hashable, Codable {
    public var onset: Double
    public var offset: Double
    /// The legs involved (indices of the leg channels), sorted.
    public var legs: [Int]
    /// Whether the movement meets the duration rules (a WASM candidate LM); movements that do
    /// not score but end a WASM series are kept with `false`.
    public var isCandidate: Bool
    /// Whether it is near a respiratory event by the rules, and so not counted as a PLM.
    public var isRespiratory: Bool
    /// The sleep stage at onset, or `nil` without a hypnogram.
    public var stage: SleepStage?
    /// Index into the result's PLM series when the movement belongs to one.
    public var series: Int?

    public init(onset: Double, offset: Double, legs: [Int], isCandidate: Bool = true, isRespiratory: Bool = false,
                stage: SleepStage? = nil, series: Int? = nil) {
        self.onset = onset
        self.offset = offset
        self.legs = legs
        self.isCandidate = isCandidate
        self.isRespiratory = isRespiratory
        self.stage = stage
        self.series = series
    }

    public var duration: Double { offset - onset }
}

/// A run of periodic limb movements.
public struct PLMSeries: Sendable, Hashable, Codable {
    /// Onset of the first movement and offset of the last, seconds.
    public var onset: Double
    public var offset: Double
    /// Movements in the series.
    public var count: Int
    /// Of those, how many started during sleep (all of them without a hypnogram).
    public var countInSleep: Int
    /// Mean onset-to-onset interval, seconds.
    public var meanInterval: Double

    public init(onset: Double, offset: Double, count: Int, countInSleep: Int, meanInterval: Double) {
        self.onset = onset
        self.offset = offset
        self.count = count
        self.countInSleep = countInSleep
        self.meanInterval = meanInterval
    }
}
