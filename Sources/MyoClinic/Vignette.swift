import Foundation

/// A clinical vignette written from a named source, with the leading candidate and the red
/// flags the engine should give: the knowledge base's regression suite.
public struct Vignette: Sendable {
    public var id: String
    public var source: String
    public var description: String
    public var intake: Intake
    public var findings: AnalysisFindings?
    public var expectedTop: String
    public var expectedRedFlags: [String]

    /// Reads a vignette file: a JSON list of `{id, source, description, intake, findings?,
    /// expected: {top, redFlags}}`; intakes are checked exactly as `--answers` files are.
    public static func load(_ text: String, file: String) throws -> [Vignette] {
        let json = try JSONParser.parse(text, file: file)
        guard let items = json.arrayValue else {
            throw ClinicError.invalidValue(file: file, field: "(top level)", value: json.snippet, reason: "is not a list of vignettes")
        }
        return try items.enumerated().map { index, item in
            let name = "\(file) vignette \(index + 1)"
            guard let id = item["id"]?.stringValue, let source = item["source"]?.stringValue,
                  let top = item["expected"]?["top"]?.stringValue, let intakeJSON = item["intake"] else {
                throw ClinicError.invalidValue(file: name, field: "id/source/intake/expected.top", value: item.snippet, reason: "is missing a required key")
            }
            var intake = Intake()
            for (key, value) in intakeJSON.objectValue ?? [] {
                guard let field = IntakeField(rawValue: key) else {
                    throw ClinicError.unknownField(file: "\(name) (\(id))", field: key, known: IntakeField.allCases.map(\.rawValue))
                }
                try intake.set(field, from: value, file: "\(name) (\(id))")
            }
            try intake.validate(file: "\(name) (\(id))")
            return Vignette(id: id, source: source, description: item["description"]?.stringValue ?? "",
                            intake: intake, findings: item["findings"].map(AnalysisFindings.init(json:)),
                            expectedTop: top,
                            expectedRedFlags: (item["expected"]?["redFlags"]?.arrayValue ?? []).compactMap(\.stringValue))
        }
    }
}

/// Top-1 and top-3 accuracy of the engine on a set of vignettes.
public struct VignetteEvaluation: Sendable {
    /// One vignette's outcome.
    public struct Outcome: Sendable {
        public var id: String
        public var expected: String
        /// The three leading candidates, best first.
        public var top3: [String]
        public var expectedRedFlags: [String]
        public var redFlags: [String]
        public var top1Correct: Bool { top3.first == expected }
        public var top3Correct: Bool { top3.contains(expected) }
        public var redFlagsCorrect: Bool { Set(expectedRedFlags) == Set(redFlags) }
    }

    public var outcomes: [Outcome]

    /// Runs `engine` on every vignette. O(vignettes × rules).
    public init(vignettes: [Vignette], engine: AssessmentEngine) {
        outcomes = vignettes.map { v in
            let a = engine.assess(v.intake, findings: v.findings)
            return Outcome(id: v.id, expected: v.expectedTop, top3: a.candidates.prefix(3).map(\.id),
                           expectedRedFlags: v.expectedRedFlags, redFlags: a.redFlags.map(\.id))
        }
    }

    public var top1Accuracy: Double { fraction(\.top1Correct) }
    public var top3Accuracy: Double { fraction(\.top3Correct) }
    public var redFlagAccuracy: Double { fraction(\.redFlagsCorrect) }

    private func fraction(_ key: KeyPath<Outcome, Bool>) -> Double {
        outcomes.isEmpty ? 0 : Double(outcomes.filter { $0[keyPath: key] }.count) / Double(outcomes.count)
    }

    /// A table of every vignette and the three accuracies.
    public func report() -> String {
        var lines = outcomes.map { o in
            "\(o.top1Correct ? "ok  " : (o.top3Correct ? "top3" : "MISS"))  \(o.id): expected \(o.expected), got \(o.top3.joined(separator: " > "))"
                + (o.redFlagsCorrect ? "" : "; red flags expected \(o.expectedRedFlags.sorted()), got \(o.redFlags.sorted())")
        }
        lines.append(String(format: "%d vignettes: top-1 accuracy %.3f, top-3 accuracy %.3f, red flags exact %.3f",
                            outcomes.count, top1Accuracy, top3Accuracy, redFlagAccuracy))
        return lines.joined(separator: "\n")
    }
}
