/// One known fact about a person or a recording that rules test: an intake answer, a match
/// against the catalogue, or a measured finding.
public enum FactValue: Sendable, Equatable {
    case bool(Bool)
    case number(Double)
    case text(String)
    case list([String])
}

/// The facts the engine reasons over, by name (`ageYears`, `drugClasses`, `finding.origin`, ...).
///
/// A missing name is an unknown fact: every test on it is false, so an unanswered question
/// neither supports nor counts against a candidate.
public struct Facts: Sendable, Equatable {
    public private(set) var values: [String: FactValue] = [:]

    public init() {}

    public subscript(name: String) -> FactValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// Every fact name a rule may use, with the values a text or list fact can take (empty when
    /// free). The knowledge-base check rejects a rule that names anything else, so a typo in the
    /// data cannot silently disable a rule.
    public static let vocabulary: [String: [String]] = {
        var v: [String: [String]] = [:]
        for field in IntakeField.allCases { v[field.rawValue] = field.allowedValues }
        for name in ["drugClasses", "toxins", "substanceClasses"] { v[name] = [] }
        for name in AnalysisFindings.factNames { v[name] = AnalysisFindings.factValues[name] ?? [] }
        return v
    }()
}
