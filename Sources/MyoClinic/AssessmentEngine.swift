/// Weighs an intake, and optionally the findings of `analyze`, against the knowledge base.
///
/// Deterministic: the same answers and knowledge always give the same assessment. Every number
/// the engine uses comes from the knowledge files (rule strengths, level thresholds); the code
/// only adds up the weights of the rules that hold. O(rules) per assessment, plus
/// O(questions × probe answers × rules) for the next question.
public struct AssessmentEngine: Sendable {
    public let knowledge: KnowledgeBase
    private let catalogueMatcher: NameMatcher
    private let conditionMatcher: NameMatcher
    private let symptomMatcher: NameMatcher

    public init(knowledge: KnowledgeBase) {
        self.knowledge = knowledge
        catalogueMatcher = NameMatcher(knowledge.catalogue.flatMap { entry in
            entry.members.map { (id: entry.id, canonical: $0.generic, names: $0.aliases ?? []) }
        })
        conditionMatcher = NameMatcher(knowledge.vocabulary.conditions.map { (id: $0.id, canonical: $0.id, names: [$0.label] + ($0.synonyms ?? [])) })
        symptomMatcher = NameMatcher(knowledge.vocabulary.otherSymptoms.map { (id: $0.id, canonical: $0.id, names: [$0.label] + ($0.synonyms ?? [])) })
    }

    /// The facts, catalogue matches and unrecognised names for an intake and optional findings.
    public func facts(for intake: Intake, findings: AnalysisFindings?) -> (facts: Facts, matches: [CatalogueMatch], unknown: [UnknownAnswer]) {
        var f = Facts()
        if let v = intake.ageYears { f["ageYears"] = .number(v) }
        if let v = intake.hiccupHours { f["hiccupHours"] = .number(v) }
        if let v = intake.onset { f["onset"] = .text(v.rawValue) }
        if let v = intake.course { f["course"] = .text(v.rawValue) }
        if let v = intake.polarity { f["polarity"] = .text(v.rawValue) }
        if let v = intake.context { f["context"] = .list(v.map(\.rawValue)) }
        if let v = intake.bodyParts { f["bodyParts"] = .list(v.map(\.rawValue)) }
        if let v = intake.sounds { f["sounds"] = .list(v.map(\.rawValue)) }
        if let v = intake.impact { f["impact"] = .list(v.map(\.rawValue)) }
        if let v = intake.rhythmic { f["rhythmic"] = .bool(v) }
        if let v = intake.eyeMovements { f["eyeMovements"] = .bool(v) }
        if let v = intake.seizuresOrLapses { f["seizuresOrLapses"] = .bool(v) }
        if let v = intake.familyHistory { f["familyHistory"] = .bool(v) }

        var unknown: [UnknownAnswer] = []
        /// "no epilepsy" must not match epilepsy: negated names are reported back instead.
        func negated(_ field: IntakeField, _ name: String) -> Bool {
            let first = name.lowercased().split { !$0.isLetter }.first.map(String.init) ?? ""
            guard ["no", "not", "none", "without", "never"].contains(first) else { return false }
            unknown.append(UnknownAnswer(field: field.rawValue, value: name,
                                         note: "reads as a negation; list only what is present (leave the field out if unknown); it was not weighed"))
            return true
        }
        func vocabularyList(_ field: IntakeField, _ names: [String]?, _ matcher: NameMatcher) {
            guard let names else { return }
            var ids: [String] = []
            for n in names where !negated(field, n) {
                if let hit = matcher.match(n) { if !ids.contains(hit.id) { ids.append(hit.id) } }
                else { unknown.append(UnknownAnswer(field: field.rawValue, value: n, note: "not a name the knowledge base knows; it was not weighed")) }
            }
            f[field.rawValue] = .list(ids)
        }
        vocabularyList(.conditions, intake.conditions, conditionMatcher)
        vocabularyList(.otherSymptoms, intake.otherSymptoms, symptomMatcher)

        var matches: [CatalogueMatch] = []
        var byKind: [String: [String]] = ["drugClass": [], "toxin": [], "substance": []]
        let lists: [(IntakeField, [String]?)] = [(.medications, intake.medications), (.substances, intake.substances), (.exposures, intake.exposures)]
        for (field, names) in lists {
            guard let names else { continue }
            f[field.rawValue] = .list(names)
            for n in names where !negated(field, n) {
                guard let hit = catalogueMatcher.match(n), let entry = knowledge.catalogue.first(where: { $0.id == hit.id }) else {
                    let what = field == .medications ? "medicines" : field == .substances ? "substances" : "toxins"
                    unknown.append(UnknownAnswer(field: field.rawValue, value: n,
                                                 note: "not in the knowledge base's list of \(what) reported to cause myoclonus; it was not weighed"))
                    continue
                }
                matches.append(CatalogueMatch(field: field.rawValue, written: n, generic: hit.canonical, classId: entry.id,
                                              className: entry.name, note: entry.note, sources: entry.sources))
                if !(byKind[entry.kind]?.contains(entry.id) ?? true) { byKind[entry.kind, default: []].append(entry.id) }
            }
        }
        if intake.medications != nil || intake.substances != nil || intake.exposures != nil {
            f["drugClasses"] = .list(byKind["drugClass"] ?? [])
            f["toxins"] = .list(byKind["toxin"] ?? [])
            f["substanceClasses"] = .list(byKind["substance"] ?? [])
        }
        for (name, value) in findings?.facts ?? [:] { f[name] = value }
        return (f, matches, unknown)
    }

    /// The scores and reasons of every candidate, sorted by score (stable on knowledge order).
    public func rank(_ facts: Facts) -> [CandidateResult] {
        let s = knowledge.settings
        let results = knowledge.candidates.map { c -> CandidateResult in
            var supporting: [AssessmentReason] = [], against: [AssessmentReason] = []
            var sources = c.sources
            for r in c.rules where r.when.holds(in: facts) {
                let reason = AssessmentReason(rule: "\(c.id)/\(r.id)", text: r.reason, weight: s.weight(r.strength, r.effect), sources: r.sources)
                if r.effect == .for { supporting.append(reason) } else { against.append(reason) }
                for id in r.sources where !sources.contains(id) { sources.append(id) }
            }
            let score = (supporting + against).reduce(0) { $0 + $1.weight }
            let level: FitLevel = score >= s.likelyFrom ? .likely : score >= s.possibleFrom ? .possible : .unlikely
            return CandidateResult(id: c.id, name: c.name, category: c.category, level: level, score: score,
                                   supporting: supporting, against: against, sources: sources)
        }
        return results.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score > b.element.score : a.offset < b.offset
        }.map(\.element)
    }

    /// Assesses one person. Never throws: unknown names become `unknownAnswers`.
    public func assess(_ intake: Intake, findings: AnalysisFindings? = nil) -> Assessment {
        let (facts, matches, unknown) = facts(for: intake, findings: findings)
        let ranked = rank(facts)
        let flags = knowledge.redFlags.enumerated()
            .filter { $0.element.when.holds(in: facts) }
            .sorted { $0.element.urgency != $1.element.urgency ? $0.element.urgency < $1.element.urgency : $0.offset < $1.offset }
            .map { RedFlagResult(id: $0.element.id, urgency: $0.element.urgency, reason: $0.element.reason,
                                 advice: $0.element.urgency.advice, sources: $0.element.sources) }
        // Information concerns the leading candidates at the best level reached (likely, else possible).
        let top = ranked.prefix(knowledge.settings.leadingCount)
        let bestLevel: FitLevel? = top.contains { $0.level == .likely } ? .likely : top.contains { $0.level == .possible } ? .possible : nil
        let leading = top.filter { $0.level == bestLevel }.map(\.id)
        let info = knowledge.advice.filter { a in a.candidates.contains { leading.contains($0) } }.map {
            InformationItem(id: $0.id, kind: $0.kind, text: $0.text, candidates: $0.candidates.filter { leading.contains($0) }, sources: $0.sources)
        }
        var cited: [String] = []
        func cite(_ ids: [String]) { for id in ids where !cited.contains(id) { cited.append(id) } }
        flags.forEach { cite($0.sources) }
        ranked.filter { $0.level != .unlikely }.forEach { cite($0.sources) }
        matches.forEach { cite($0.sources) }
        info.forEach { cite($0.sources) }
        return Assessment(
            redFlags: flags,
            candidates: ranked,
            matchedMedications: matches.filter { $0.field == IntakeField.medications.rawValue },
            matchedExposures: matches.filter { $0.field != IntakeField.medications.rawValue },
            information: info,
            nextQuestion: nextQuestion(intake: intake, findings: findings, ranked: ranked),
            unknownAnswers: unknown,
            sources: cited.compactMap { id in knowledge.source(id).map { CitedSource(id: $0.id, citation: $0.citation, url: $0.url, kind: $0.kind) } },
            notice: Assessment.standardNotice,
            knowledgeVersion: knowledge.version,
            engineVersion: MyoClinicModule.version)
    }
}
