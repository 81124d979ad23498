import Foundation

/// One entry of a person's diary: what they noticed and logged from memory.
public struct DiaryEntry: Sendable, Codable, Equatable {
    public var id: Int64
    /// Wall-clock time of the jerks (see ``WallClock``).
    public var time: Date
    /// Where: "right arm", "face", "whole body".
    public var bodyPart: String
    /// How strong it felt, 0 (nothing) to 10 (the worst imaginable), the usual numeric rating scale.
    public var intensity: Int
    /// What set it off, if anything: "startle", "reaching for a cup", "falling asleep".
    public var trigger: String
    public var note: String

    public init(id: Int64 = 0, time: Date, bodyPart: String, intensity: Int, trigger: String = "", note: String = "") {
        self.id = id
        self.time = time
        self.bodyPart = bodyPart
        self.intensity = intensity
        self.trigger = trigger
        self.note = note
    }

    /// Checks the entry before it is stored: intensity 0-10, a body part, a time not after `now`
    /// (a wall-clock time; a minute's grace for clocks). Throws ``StoreError/invalidValue(field:value:reason:)``.
    public func validate(now: Date) throws {
        guard (0...10).contains(intensity) else {
            throw StoreError.invalidValue(field: "intensity", value: "\(intensity)", reason: "must be a whole number from 0 to 10")
        }
        guard !bodyPart.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidValue(field: "body part", value: bodyPart, reason: "say where the jerks were (e.g. \"right arm\")")
        }
        guard time.timeIntervalSince1970.isFinite, time <= now.addingTimeInterval(60) else {
            throw StoreError.invalidValue(field: "time", value: WallClock.isoString(time),
                                          reason: "is in the future (now is \(WallClock.isoString(now))); a diary records what happened")
        }
    }
}
