/// The exact ground truth of a ``SimulatedNight``: the hypnogram and every motor event.
public struct NightTruth: Sendable, Codable, Equatable {
    /// One 30 s epoch of the hypnogram; `stage` is W, N1, N2, N3 or R.
    public struct Epoch: Sendable, Codable, Equatable {
        public var onset: Double
        public var duration: Double
        public var stage: String
    }

    /// One leg's movement. `leg` 0 is the left tibialis, 1 the right; `origin` is `plm` (planned
    /// in a periodic series), `isolated` or `respiratory` (at the end of a respiratory event).
    public struct LegMovement: Sendable, Codable, Equatable {
        public var leg: Int
        public var onset: Double
        public var duration: Double
        /// Plateau RMS, µV.
        public var amplitude: Double
        public var origin: String
        public var offset: Double { onset + duration }
    }

    /// A brief burst: a hypnic jerk (every channel, `channel` nil) or a fragmentary burst (one channel).
    public struct Burst: Sendable, Codable, Equatable {
        public var onset: Double
        public var duration: Double
        public var amplitude: Double
        public var channel: Int?
    }

    /// A respiratory event, annotated as "Hypopnea".
    public struct RespiratoryEvent: Sendable, Codable, Equatable {
        public var onset: Double
        public var duration: Double
    }

    public var hypnogram: [Epoch]
    /// Sorted by onset.
    public var legMovements: [LegMovement]
    public var hypnicJerks: [Burst]
    public var fragmentaryBursts: [Burst]
    public var respiratoryEvents: [RespiratoryEvent]
}
