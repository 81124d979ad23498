import Foundation

/// A treatment course or session: a medicine with its dose, a botulinum toxin session, or
/// stimulation (deep brain, transcranial magnetic) with its settings.
public struct Treatment: Sendable, Codable, Equatable {
    /// What kind of treatment; the raw values are what the store's CHECK constraint allows.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case medicine
        case botulinumToxin = "botulinum_toxin"
        case stimulation
        case other
    }

    public var id: Int64
    public var kind: Kind
    /// "clonazepam", "levetiracetam", "onabotulinumtoxinA", "DBS".
    public var name: String
    /// "0.5 mg twice daily", "50 U right SCM"; free text as prescribed.
    public var dose: String
    /// Stimulation settings or injection sites, free text.
    public var settings: String
    /// Wall-clock start (see ``WallClock``).
    public var start: Date
    /// Wall-clock stop, or `nil` while ongoing.
    public var stop: Date?
    public var note: String

    public init(id: Int64 = 0, kind: Kind, name: String, dose: String = "", settings: String = "",
                start: Date, stop: Date? = nil, note: String = "") {
        self.id = id
        self.kind = kind
        self.name = name
        self.dose = dose
        self.settings = settings
        self.start = start
        self.stop = stop
        self.note = note
    }

    /// Checks the treatment before it is stored: a name, finite times, not starting in the
    /// future, and a stop (if any) not before the start.
    public func validate(now: Date) throws {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw StoreError.invalidValue(field: "treatment name", value: name, reason: "name the medicine or procedure")
        }
        guard start.timeIntervalSince1970.isFinite, start <= now.addingTimeInterval(60) else {
            throw StoreError.invalidValue(field: "start", value: WallClock.isoString(start),
                                          reason: "is in the future (now is \(WallClock.isoString(now)))")
        }
        if let stop {
            guard stop >= start else {
                throw StoreError.stopBeforeStart(treatment: name, start: WallClock.isoString(start), stop: WallClock.isoString(stop))
            }
            guard stop <= now.addingTimeInterval(60) else {
                throw StoreError.invalidValue(field: "stop", value: WallClock.isoString(stop),
                                              reason: "is in the future (now is \(WallClock.isoString(now)))")
            }
        }
    }
}
