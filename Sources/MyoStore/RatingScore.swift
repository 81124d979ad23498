import Foundation

/// A score on a clinical rating scale, as a clinician gave it.
///
/// Only scales whose items are confirmed are accepted. Today that is Conn's asterixis grade,
/// 0 (none) to 4 (almost continuous flapping) (docs/sources.md: "Asterixis grade 0 to 4 (Conn)").
/// The myoclonus rating scales wait until their items are taken from the primary paper.
public struct RatingScore: Sendable, Codable, Equatable {
    /// The scales the store accepts, with their ranges.
    public enum Scale: String, Sendable, Codable, CaseIterable {
        /// Conn's asterixis grade, whole numbers 0-4.
        case connAsterixis = "conn_asterixis"

        /// The scores the scale allows.
        public var range: ClosedRange<Double> {
            switch self {
            case .connAsterixis: return 0...4
            }
        }

        /// Whether only whole numbers are allowed.
        public var isWholeNumber: Bool { true }
    }

    public var id: Int64
    /// Wall-clock time of the examination.
    public var time: Date
    public var scale: Scale
    public var score: Double
    public var note: String

    public init(id: Int64 = 0, time: Date, scale: Scale, score: Double, note: String = "") {
        self.id = id
        self.time = time
        self.scale = scale
        self.score = score
        self.note = note
    }

    /// Checks the score against its scale and the time against `now`.
    public func validate(now: Date) throws {
        guard score.isFinite, scale.range.contains(score), !scale.isWholeNumber || score == score.rounded() else {
            throw StoreError.invalidValue(field: scale.rawValue, value: "\(score)",
                                          reason: "must be a whole number from \(Int(scale.range.lowerBound)) to \(Int(scale.range.upperBound))")
        }
        guard time <= now.addingTimeInterval(60) else {
            throw StoreError.invalidValue(field: "time", value: WallClock.isoString(time), reason: "is in the future")
        }
    }
}

/// An assessment as `myotrace assess` made it, stored as its JSON text so the store does not
/// depend on the clinic module's types.
public struct StoredAssessment: Sendable, Codable, Equatable {
    public var id: Int64
    /// Wall-clock time of the assessment.
    public var time: Date
    /// The assessment, JSON (validated when stored).
    public var json: String

    public init(id: Int64 = 0, time: Date, json: String) {
        self.id = id
        self.time = time
        self.json = json
    }
}
