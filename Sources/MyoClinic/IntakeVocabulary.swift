/// When the jerks began, as the intake asks it.
public enum Onset: String, Sendable, Codable, CaseIterable {
    case new, weeks, months, years, lifelong
}

/// How the jerks have changed since they began.
public enum Course: String, Sendable, Codable, CaseIterable {
    case stable, worsening, improving, fluctuating
}

/// When the jerks happen.
public enum JerkContext: String, Sendable, Codable, CaseIterable {
    case fallingAsleep, asleep, rest, action, posture, stimulus
}

/// Where the jerks are felt or seen.
public enum BodyPart: String, Sendable, Codable, CaseIterable {
    case face, eyes, palate, ear, neck, arms, hands, trunk, diaphragm, legs, wholeBody
}

/// Jerks (positive), brief lapses of posture (negative), or both.
public enum JerkPolarity: String, Sendable, Codable, CaseIterable {
    case positive, negative, both
}

/// A clicking sound heard with the jerks.
public enum ClickSound: String, Sendable, Codable, CaseIterable {
    case earClicking, palateClicking
}

/// An everyday activity the jerks disturb.
public enum DailyImpact: String, Sendable, Codable, CaseIterable {
    case eating, speaking, walking
}

/// One intake field: its JSON name and the values it allows, shared by the parser, the
/// interactive questions and the knowledge-base checks so that they cannot drift apart.
public enum IntakeField: String, Sendable, CaseIterable {
    case ageYears, onset, course, context, bodyParts, polarity, rhythmic, sounds, eyeMovements, hiccupHours
    case medications, substances, exposures, conditions, seizuresOrLapses, familyHistory, impact, otherSymptoms

    /// What kind of answer the field takes.
    public enum Kind: Sendable, Equatable {
        case number, choice, choices, yesNo, names
    }

    public var kind: Kind {
        switch self {
        case .ageYears, .hiccupHours: return .number
        case .onset, .course, .polarity: return .choice
        case .context, .bodyParts, .sounds, .impact: return .choices
        case .rhythmic, .eyeMovements, .seizuresOrLapses, .familyHistory: return .yesNo
        case .medications, .substances, .exposures, .conditions, .otherSymptoms: return .names
        }
    }

    /// The allowed values of a choice field (empty for other kinds).
    public var allowedValues: [String] {
        switch self {
        case .onset: return Onset.allCases.map(\.rawValue)
        case .course: return Course.allCases.map(\.rawValue)
        case .polarity: return JerkPolarity.allCases.map(\.rawValue)
        case .context: return JerkContext.allCases.map(\.rawValue)
        case .bodyParts: return BodyPart.allCases.map(\.rawValue)
        case .sounds: return ClickSound.allCases.map(\.rawValue)
        case .impact: return DailyImpact.allCases.map(\.rawValue)
        default: return []
        }
    }
}
