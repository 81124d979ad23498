import Foundation

/// The structured answers about one person. Every field is optional: nil means unknown (not
/// asked, or skipped), which the engine treats as neither for nor against anything.
///
/// The documented schema ships as `Knowledge/intake.schema.json`; `Intake.parse` enforces the
/// same rules with messages that name the field.
public struct Intake: Sendable, Equatable, Codable {
    /// Age in years; fractions for infants (0.25 is three months).
    public var ageYears: Double?
    public var onset: Onset?
    public var course: Course?
    public var context: [JerkContext]?
    public var bodyParts: [BodyPart]?
    public var polarity: JerkPolarity?
    /// The jerks come at a regular beat.
    public var rhythmic: Bool?
    public var sounds: [ClickSound]?
    /// Fast, chaotic eye movements together with the jerks.
    public var eyeMovements: Bool?
    /// How long the current bout of hiccups has lasted, in hours.
    public var hiccupHours: Double?
    /// Medicines taken now or recently, by generic or brand name, as the person wrote them.
    public var medications: [String]?
    /// Alcohol and recreational substances, as written.
    public var substances: [String]?
    /// Chemicals or poisons the person was exposed to, as written.
    public var exposures: [String]?
    /// Known conditions (`kidneyDisease`, `epilepsy`, ...; see `Knowledge/vocabulary.json`).
    public var conditions: [String]?
    /// Seizures, or moments of lost awareness.
    public var seizuresOrLapses: Bool?
    /// Similar jerks or seizures in the family.
    public var familyHistory: Bool?
    public var impact: [DailyImpact]?
    /// Other symptoms (`ataxia`, `confusion`, `fever`, `weakness`, ...).
    public var otherSymptoms: [String]?

    public init() {}

    /// Hours in a year of 365.25 days, to compare hiccup hours with a person's age.
    static let hoursPerYear = 8766.0

    /// Reads an intake from JSON text. Unknown fields, values of the wrong type or outside the
    /// allowed set, negative numbers and contradictory answers are errors naming the field;
    /// free-text names (medicines, conditions) are kept as written for the engine to match.
    /// `$schema` is allowed and ignored so a file can point editors at the schema.
    public static func parse(_ text: String, file: String) throws -> Intake {
        let json = try JSONParser.parse(text, file: file)
        guard let pairs = json.objectValue else {
            throw ClinicError.invalidValue(file: file, field: "(top level)", value: json.snippet,
                                           reason: "is not an object: an intake is { \"field\": value, ... }")
        }
        var intake = Intake()
        for (key, value) in pairs where key != "$schema" {
            guard let field = IntakeField(rawValue: key) else {
                throw ClinicError.unknownField(file: file, field: key, known: IntakeField.allCases.map(\.rawValue))
            }
            try intake.set(field, from: value, file: file)
        }
        try intake.validate(file: file)
        return intake
    }

    /// Sets one field from a JSON value (null clears it), checking type, set and range.
    public mutating func set(_ field: IntakeField, from value: JSONValue, file: String) throws {
        if value == .null { clear(field); return }
        func bad(_ reason: String) -> ClinicError {
            .invalidValue(file: file, field: field.rawValue, value: value.snippet, reason: reason)
        }
        func choice<T: RawRepresentable>(_ v: JSONValue, _: T.Type) throws -> T where T.RawValue == String {
            guard let s = v.stringValue else { throw bad("is not one of \(field.allowedValues.joined(separator: ", "))") }
            guard let t = T(rawValue: s) else {
                throw ClinicError.invalidValue(file: file, field: field.rawValue, value: v.snippet,
                                               reason: "is not one of \(field.allowedValues.joined(separator: ", "))")
            }
            return t
        }
        func choices<T: RawRepresentable & Equatable>(_: T.Type) throws -> [T] where T.RawValue == String {
            guard let items = value.arrayValue else { throw bad("is not a list (write [\"...\", ...])") }
            var out: [T] = []
            for item in items { let t = try choice(item, T.self); if !out.contains(t) { out.append(t) } }
            return out
        }
        func number() throws -> Double {
            guard let n = value.numberValue else { throw bad("is not a number") }
            guard n >= 0 else { throw bad("is not possible: it cannot be negative") }
            return n
        }
        func yesNo() throws -> Bool {
            guard let b = value.boolValue else { throw bad("is not true or false") }
            return b
        }
        func names() throws -> [String] {
            guard let items = value.arrayValue else { throw bad("is not a list of names (write [\"...\", ...])") }
            var out: [String] = []
            for item in items {
                guard let s = item.stringValue else {
                    throw ClinicError.invalidValue(file: file, field: field.rawValue, value: item.snippet, reason: "is not a name in quotes")
                }
                let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty && !out.contains(trimmed) { out.append(trimmed) }
            }
            return out
        }
        switch field {
        case .ageYears:
            let age = try number()
            // Not a clinical threshold: a plausibility bound that catches months or days typed as years.
            guard age <= 130 else { throw bad("is not a plausible age in years (write months as a fraction: 0.25 is three months)") }
            ageYears = age
        case .hiccupHours: hiccupHours = try number()
        case .onset: onset = try choice(value, Onset.self)
        case .course: course = try choice(value, Course.self)
        case .polarity: polarity = try choice(value, JerkPolarity.self)
        case .context: context = try choices(JerkContext.self)
        case .bodyParts: bodyParts = try choices(BodyPart.self)
        case .sounds: sounds = try choices(ClickSound.self)
        case .impact: impact = try choices(DailyImpact.self)
        case .rhythmic: rhythmic = try yesNo()
        case .eyeMovements: eyeMovements = try yesNo()
        case .seizuresOrLapses: seizuresOrLapses = try yesNo()
        case .familyHistory: familyHistory = try yesNo()
        case .medications: medications = try names()
        case .substances: substances = try names()
        case .exposures: exposures = try names()
        case .conditions: conditions = try names()
        case .otherSymptoms: otherSymptoms = try names()
        }
    }

    /// Forgets one answer (it becomes unknown).
    public mutating func clear(_ field: IntakeField) {
        switch field {
        case .ageYears: ageYears = nil
        case .onset: onset = nil
        case .course: course = nil
        case .context: context = nil
        case .bodyParts: bodyParts = nil
        case .polarity: polarity = nil
        case .rhythmic: rhythmic = nil
        case .sounds: sounds = nil
        case .eyeMovements: eyeMovements = nil
        case .hiccupHours: hiccupHours = nil
        case .medications: medications = nil
        case .substances: substances = nil
        case .exposures: exposures = nil
        case .conditions: conditions = nil
        case .seizuresOrLapses: seizuresOrLapses = nil
        case .familyHistory: familyHistory = nil
        case .impact: impact = nil
        case .otherSymptoms: otherSymptoms = nil
        }
    }

    /// Whether the field has an answer.
    public func isAnswered(_ field: IntakeField) -> Bool {
        switch field {
        case .ageYears: return ageYears != nil
        case .onset: return onset != nil
        case .course: return course != nil
        case .context: return context != nil
        case .bodyParts: return bodyParts != nil
        case .polarity: return polarity != nil
        case .rhythmic: return rhythmic != nil
        case .sounds: return sounds != nil
        case .eyeMovements: return eyeMovements != nil
        case .hiccupHours: return hiccupHours != nil
        case .medications: return medications != nil
        case .substances: return substances != nil
        case .exposures: return exposures != nil
        case .conditions: return conditions != nil
        case .seizuresOrLapses: return seizuresOrLapses != nil
        case .familyHistory: return familyHistory != nil
        case .impact: return impact != nil
        case .otherSymptoms: return otherSymptoms != nil
        }
    }

    /// Checks answers against each other: jerks for years in someone under a year old, or
    /// hiccups lasting longer than the person has lived, are typing mistakes, not facts.
    public func validate(file: String) throws {
        if let age = ageYears, let onset, age < 1, onset == .years {
            throw ClinicError.contradiction(file: file, fields: ["ageYears", "onset"],
                                            reason: "jerks for years in someone \(age) years old; check the age (fractions for infants) or the onset")
        }
        if let age = ageYears, let hours = hiccupHours, hours > age * Self.hoursPerYear {
            throw ClinicError.contradiction(file: file, fields: ["ageYears", "hiccupHours"],
                                            reason: "hiccups for \(hours) hours is longer than the person's age")
        }
    }
}
