/// How well a candidate fits the answers and findings.
public enum FitLevel: String, Sendable, Codable {
    case likely, possible, unlikely

    /// The level in plain words.
    public var plain: String {
        switch self {
        case .likely: return "fits well"
        case .possible: return "fits in part"
        case .unlikely: return "fits poorly"
        }
    }
}

/// One reason for or against a candidate, with its sources.
public struct AssessmentReason: Sendable, Codable, Equatable {
    /// The rule that gave it (`candidate/rule`).
    public var rule: String
    public var text: String
    public var weight: Double
    public var sources: [String]
}

/// One candidate explanation, weighed.
public struct CandidateResult: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var category: String
    public var level: FitLevel
    public var score: Double
    public var supporting: [AssessmentReason]
    public var against: [AssessmentReason]
    public var sources: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, category, level, score, supporting = "for", against, sources
    }
}

/// A red flag that applies, with what to do.
public struct RedFlagResult: Sendable, Codable, Equatable {
    public var id: String
    public var urgency: Urgency
    public var reason: String
    public var advice: String
    public var sources: [String]
}

/// A written medicine, substance or exposure that matches a known class.
public struct CatalogueMatch: Sendable, Codable, Equatable {
    /// The field it was written in (`medications`, `substances`, `exposures`).
    public var field: String
    /// As the person wrote it.
    public var written: String
    /// The generic name it stands for.
    public var generic: String
    /// The class, toxin group or substance id and name.
    public var classId: String
    public var className: String
    public var note: String?
    public var sources: [String]
}

/// Prevention or treatment information that concerns a leading candidate.
public struct InformationItem: Sendable, Codable, Equatable {
    public var id: String
    public var kind: String
    public var text: String
    public var candidates: [String]
    public var sources: [String]
}

/// The unanswered question that would best separate the leading candidates.
public struct NextQuestion: Sendable, Codable, Equatable {
    public var field: String
    public var prompt: String
    /// Why it would help, naming the candidates it would separate.
    public var why: String
}

/// An answer the engine did not recognise, reported back instead of dropped.
public struct UnknownAnswer: Sendable, Codable, Equatable {
    public var field: String
    public var value: String
    public var note: String
}

/// A cited source, for the reader.
public struct CitedSource: Sendable, Codable, Equatable {
    public var id: String
    public var citation: String
    public var url: String?
    public var kind: String
}

/// The result of weighing one person's answers (and, when given, what `analyze` measured).
///
/// Decision support: it shows what fits and why, and when to see a provider; it never says
/// which condition a person has.
public struct Assessment: Sendable, Codable, Equatable {
    /// Red flags first, most urgent first.
    public var redFlags: [RedFlagResult]
    /// Every candidate, highest score first (ties in knowledge-base order).
    public var candidates: [CandidateResult]
    public var matchedMedications: [CatalogueMatch]
    /// Substances and exposures that match a known substance or toxin.
    public var matchedExposures: [CatalogueMatch]
    public var information: [InformationItem]
    public var nextQuestion: NextQuestion?
    public var unknownAnswers: [UnknownAnswer]
    public var sources: [CitedSource]
    public var notice: String
    public var knowledgeVersion: String
    public var engineVersion: String

    /// The notice every assessment carries.
    public static let standardNotice = "Decision support, not a diagnosis: this shows which explanations fit the answers and why, "
        + "and when to see a provider. Only a clinician who examines the person can say what causes the jerks."
}
