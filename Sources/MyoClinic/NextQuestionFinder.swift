extension AssessmentEngine {
    /// The unanswered question whose possible answers would most change the order of the leading
    /// candidates.
    ///
    /// For each unanswered field, the engine tries plausible answers (every offered choice, yes
    /// and no, values either side of every threshold the rules use, a name from each catalogue
    /// class) and re-ranks. A question scores by how many different leaders its answers produce,
    /// then by how far they move the gap between the first two. Ties go to the question asked
    /// earlier in `questions.json`, so the choice is deterministic.
    func nextQuestion(intake: Intake, findings: AnalysisFindings?, ranked: [CandidateResult]) -> NextQuestion? {
        // The candidates with some support; with fewer than two, the first few in order.
        let count = max(2, knowledge.settings.leadingCount)
        let supported = ranked.prefix(count).filter { $0.score > 0 }
        let leading = (supported.count >= 2 ? Array(supported) : Array(ranked.prefix(count))).map(\.id)
        var best: (question: Question, leaders: Int, movement: Double, names: [String])?
        for q in knowledge.questions {
            guard let field = IntakeField(rawValue: q.field), !intake.isAnswered(field) else { continue }
            var leaders = Set<String>(), movement = 0.0
            for probe in probes(for: field, question: q) {
                var trial = intake
                guard (try? trial.set(field, from: probe, file: "")) != nil, (try? trial.validate(file: "")) != nil else { continue }
                let (facts, _, _) = facts(for: trial, findings: findings)
                let reranked = rank(facts).filter { leading.contains($0.id) }
                guard let first = reranked.first else { continue }
                leaders.insert(first.id)
                let gap = first.score - (reranked.dropFirst().first?.score ?? 0)
                let before = (ranked.first?.score ?? 0) - (ranked.dropFirst().first?.score ?? 0)
                movement += abs(gap - before)
            }
            guard !leaders.isEmpty else { continue }
            let better = best.map { leaders.count > $0.leaders || (leaders.count == $0.leaders && movement > $0.movement + 1e-9) } ?? true
            if better { best = (q, leaders.count, movement, leaders.sorted()) }
        }
        guard let best, best.movement > 0 || best.leaders > 1 else { return nil }
        let names = leading.compactMap { id in knowledge.candidates.first { $0.id == id }?.name }
        return NextQuestion(field: best.question.field, prompt: best.question.prompt,
                            why: "its answer would help tell apart \(names.joined(separator: ", "))")
    }

    /// Plausible answers to try for a field.
    private func probes(for field: IntakeField, question: Question) -> [JSONValue] {
        switch field.kind {
        case .yesNo: return [.bool(true), .bool(false)]
        case .choice: return field.allowedValues.map { .string($0) }
        case .choices: return field.allowedValues.map { .array([.string($0)]) }
        case .number:
            var thresholds = Set<Double>()
            for c in knowledge.candidates { for r in c.rules { collect(r.when, field.rawValue, &thresholds) } }
            for f in knowledge.redFlags { collect(f.when, field.rawValue, &thresholds) }
            return thresholds.sorted().flatMap { t in [t * 0.9, t * 1.1 + 0.01] }.filter { $0 >= 0 }.map { .number($0) }
        case .names:
            switch field {
            case .conditions: return knowledge.vocabulary.conditions.map { .array([.string($0.id)]) } + [.array([])]
            case .otherSymptoms: return knowledge.vocabulary.otherSymptoms.map { .array([.string($0.id)]) } + [.array([])]
            default:
                let kind = field == .medications ? "drugClass" : field == .substances ? "substance" : "toxin"
                return knowledge.catalogue.filter { $0.kind == kind }.compactMap { $0.members.first.map { .array([.string($0.generic)]) } } + [.array([])]
            }
        }
    }

    private func collect(_ c: Condition, _ fact: String, _ out: inout Set<Double>) {
        for t in c.tests where t.fact == fact {
            switch t.op {
            case .lessThan(let x), .atMost(let x), .greaterThan(let x), .atLeast(let x): out.insert(x)
            default: break
            }
        }
    }
}
