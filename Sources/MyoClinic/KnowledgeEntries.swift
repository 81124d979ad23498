/// A publication or reference page that knowledge entries cite by `id`.
public struct Source: Sendable, Codable, Equatable {
    public var id: String
    public var citation: String
    public var url: String?
    /// `primary` (original study or case), `review`, `guideline`, `secondary` (a number quoted
    /// from elsewhere, or a general reference) or `patientInformation`.
    public var kind: String
    public var note: String?
}

/// How strongly a finding weighs; the numbers behind the names live in `engine.json`.
public enum Strength: String, Sendable, Codable, CaseIterable {
    case weak, moderate, strong, defining
}

/// Whether a rule speaks for or against its candidate.
public enum Effect: String, Sendable, Codable {
    case `for`, against
}

/// One reason that a candidate fits or does not fit.
public struct Rule: Sendable, Decodable, Equatable {
    public var id: String
    public var when: Condition
    public var effect: Effect
    public var strength: Strength
    /// The reason in plain words, as a patient would read it.
    public var reason: String
    public var sources: [String]
    /// True when a number in the rule comes from a secondary source (see docs/sources.md).
    public var secondaryNumber: Bool?
}

/// A possible explanation of the jerks, with the rules that weigh it.
public struct Candidate: Sendable, Decodable, Equatable {
    public var id: String
    /// `physiological`, `epileptic`, `secondary`, `essential` or `form`.
    public var category: String
    public var name: String
    /// What it means, in plain words.
    public var summary: String
    public var sources: [String]
    public var rules: [Rule]
}

/// How soon a red flag should bring a person to a provider.
public enum Urgency: String, Sendable, Codable, CaseIterable, Comparable {
    case emergency, soon, routine

    /// Emergency first.
    public static func < (a: Urgency, b: Urgency) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .emergency: return 0
        case .soon: return 1
        case .routine: return 2
        }
    }

    /// What the urgency asks of the person, in plain words.
    public var advice: String {
        switch self {
        case .emergency: return "seek medical care today (urgent care or an emergency department)"
        case .soon: return "see a provider soon, within days"
        case .routine: return "worth discussing with a provider at the next visit"
        }
    }
}

/// A finding that should bring a person to a provider.
public struct RedFlag: Sendable, Decodable, Equatable {
    public var id: String
    public var urgency: Urgency
    /// Why it matters, in plain words.
    public var reason: String
    public var when: Condition
    public var sources: [String]
    public var secondaryNumber: Bool?
}

/// One drug, toxin or substance in a class, with the other names it goes by.
public struct CatalogueMember: Sendable, Codable, Equatable {
    /// The generic (international non-proprietary) name.
    public var generic: String
    /// Brand names and other spellings that mean the same thing.
    public var aliases: [String]?
}

/// A class of medicines, a toxin group or a substance reported to cause myoclonus.
public struct CatalogueEntry: Sendable, Codable, Equatable {
    public var id: String
    /// `drugClass`, `toxin` or `substance`.
    public var kind: String
    public var name: String
    public var members: [CatalogueMember]
    /// A note in plain words (for instance, the setting it was reported in).
    public var note: String?
    public var sources: [String]
}

/// Prevention advice or a treatment option, as information, tied to the candidates it concerns.
public struct Advice: Sendable, Codable, Equatable {
    public var id: String
    /// `prevention` or `treatment`.
    public var kind: String
    public var text: String
    public var candidates: [String]
    public var sources: [String]
}

/// A descriptive fact about myoclonus itself (what it is, its features), with its source.
public struct Feature: Sendable, Codable, Equatable {
    public var id: String
    public var text: String
    public var sources: [String]
}

/// A known name for a condition or a symptom in the intake, with the words people use for it.
public struct VocabularyEntry: Sendable, Codable, Equatable {
    public var id: String
    public var label: String
    public var synonyms: [String]?
}

/// The names the intake recognises in `conditions` and `otherSymptoms`.
public struct Vocabulary: Sendable, Codable, Equatable {
    public var conditions: [VocabularyEntry]
    public var otherSymptoms: [VocabularyEntry]
}

/// One interactive question, asked in the order of `questions.json`.
public struct Question: Sendable, Codable, Equatable {
    /// The intake field the answer fills.
    public var field: String
    public var prompt: String
    /// For choice fields: the plain label of each allowed value, in the order offered.
    public var options: [Option]?

    /// One value a choice question offers.
    public struct Option: Sendable, Codable, Equatable {
        public var value: String
        public var label: String
    }
}

/// The engine's tunable numbers: what the strengths weigh and where the levels start.
///
/// These are not clinical numbers: they rank how much a reason counts (see docs/knowledge-base.md).
public struct EngineSettings: Sendable, Codable, Equatable {
    public var weights: [String: Double]
    /// A candidate is `likely` at or above this score, `possible` at or above `possibleFrom`.
    public var likelyFrom: Double
    public var possibleFrom: Double
    /// How many top candidates count as leading (for information and the next question).
    public var leadingCount: Int

    /// The weight of a strength (0 if the settings omit it; the knowledge check reports that).
    public func weight(_ s: Strength, _ e: Effect) -> Double {
        let w = weights[s.rawValue] ?? 0
        return e == .for ? w : -w
    }
}
