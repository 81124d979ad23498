import Foundation

/// The clinical knowledge MyoClinic reasons with, loaded from reviewable JSON files.
///
/// The files live in `Sources/MyoClinic/Knowledge/` and ship in the module's bundle; every
/// entry names its sources (`sources.json`). `check()` lists every inconsistency (a source that
/// does not exist, a rule on an unknown fact, a duplicate id) so tests can hold the data to it.
public struct KnowledgeBase: Sendable {
    /// The version of the knowledge data (from `engine.json`), stored with every assessment.
    public var version: String
    public var sources: [Source]
    public var features: [Feature]
    public var candidates: [Candidate]
    public var redFlags: [RedFlag]
    public var catalogue: [CatalogueEntry]
    public var advice: [Advice]
    public var vocabulary: Vocabulary
    public var questions: [Question]
    public var settings: EngineSettings

    /// The folder of knowledge files in the module's bundle (also holds `intake.schema.json`).
    public static var bundledDirectory: URL? { Bundle.module.url(forResource: "Knowledge", withExtension: nil) }

    /// The knowledge base that ships with Myotrace.
    public static func bundled() throws -> KnowledgeBase {
        guard let url = bundledDirectory else {
            throw ClinicError.knowledge(file: "Knowledge", reason: "the Knowledge folder is missing from the MyoClinic bundle")
        }
        return try load(from: url)
    }

    private struct EngineFile: Decodable {
        var version: String
        var settings: EngineSettings
    }

    private struct FeaturesFile: Decodable { var features: [Feature] }

    /// Loads every knowledge file from `directory`; a missing or malformed file is an error naming it.
    public static func load(from directory: URL) throws -> KnowledgeBase {
        func read<T: Decodable>(_ name: String, _: T.Type) throws -> T {
            let url = directory.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else {
                throw ClinicError.knowledge(file: name, reason: "cannot be read")
            }
            do {
                return try JSONDecoder().decode(T.self, from: data)
            } catch let DecodingError.dataCorrupted(context), let DecodingError.keyNotFound(_, context),
                    let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
                let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                throw ClinicError.knowledge(file: name, reason: "at \(path.isEmpty ? "top level" : path): \(context.debugDescription)")
            } catch {
                throw ClinicError.knowledge(file: name, reason: "\(error)")
            }
        }
        let engine = try read("engine.json", EngineFile.self)
        return KnowledgeBase(
            version: engine.version,
            sources: try read("sources.json", [Source].self),
            features: try read("myoclonus.json", FeaturesFile.self).features,
            candidates: try read("candidates.json", [Candidate].self),
            redFlags: try read("red-flags.json", [RedFlag].self),
            catalogue: try read("catalogue.json", [CatalogueEntry].self),
            advice: try read("advice.json", [Advice].self),
            vocabulary: try read("vocabulary.json", Vocabulary.self),
            questions: try read("questions.json", [Question].self),
            settings: engine.settings)
    }

    /// The source with this id.
    public func source(_ id: String) -> Source? { sources.first { $0.id == id } }

    /// Every problem in the data, as sentences naming the entry; empty when the data is consistent.
    public func check() -> [String] {
        var problems: [String] = []
        let sourceIDs = Set(sources.map(\.id))
        let candidateIDs = Set(candidates.map(\.id))
        func cite(_ owner: String, _ ids: [String]) {
            if ids.isEmpty { problems.append("\(owner) names no source") }
            for id in ids where !sourceIDs.contains(id) { problems.append("\(owner) cites unknown source \"\(id)\"") }
        }
        func duplicates(_ kind: String, _ ids: [String]) {
            var seen = Set<String>()
            for id in ids where !seen.insert(id).inserted { problems.append("\(kind) id \"\(id)\" appears twice") }
        }
        func checkCondition(_ owner: String, _ condition: Condition) {
            for t in condition.tests {
                guard let allowed = Facts.vocabulary[t.fact] else {
                    problems.append("\(owner) tests unknown fact \"\(t.fact)\""); continue
                }
                let vocabulary = t.fact == "conditions" ? vocabulary.conditions.map(\.id)
                    : t.fact == "otherSymptoms" ? vocabulary.otherSymptoms.map(\.id)
                    : ["drugClasses", "toxins", "substanceClasses"].contains(t.fact) ? catalogue.map(\.id) : allowed
                for text in t.op.texts where !vocabulary.isEmpty && !vocabulary.contains(text) {
                    problems.append("\(owner) compares \(t.fact) with unknown value \"\(text)\"")
                }
            }
        }
        duplicates("source", sources.map(\.id))
        duplicates("candidate", candidates.map(\.id))
        duplicates("red flag", redFlags.map(\.id))
        duplicates("catalogue", catalogue.map(\.id))
        duplicates("advice", advice.map(\.id))
        for s in sources where s.citation.isEmpty { problems.append("source \(s.id) has no citation") }
        for f in features { cite("feature \(f.id)", f.sources) }
        for c in candidates {
            cite("candidate \(c.id)", c.sources)
            if c.rules.isEmpty { problems.append("candidate \(c.id) has no rules") }
            duplicates("rule of \(c.id)", c.rules.map(\.id))
            for r in c.rules {
                cite("rule \(c.id)/\(r.id)", r.sources)
                checkCondition("rule \(c.id)/\(r.id)", r.when)
            }
        }
        for f in redFlags {
            cite("red flag \(f.id)", f.sources)
            checkCondition("red flag \(f.id)", f.when)
        }
        for e in catalogue {
            cite("catalogue \(e.id)", e.sources)
            if !["drugClass", "toxin", "substance"].contains(e.kind) { problems.append("catalogue \(e.id) has unknown kind \(e.kind)") }
        }
        for a in advice {
            cite("advice \(a.id)", a.sources)
            for c in a.candidates where !candidateIDs.contains(c) { problems.append("advice \(a.id) names unknown candidate \(c)") }
        }
        for s in Strength.allCases where settings.weights[s.rawValue] == nil {
            problems.append("engine.json gives no weight for strength \(s.rawValue)")
        }
        for q in questions {
            guard let field = IntakeField(rawValue: q.field) else { problems.append("question for unknown field \(q.field)"); continue }
            for o in q.options ?? [] where !field.allowedValues.contains(o.value) {
                problems.append("question \(q.field) offers unknown value \(o.value)")
            }
        }
        for field in IntakeField.allCases where !questions.contains(where: { $0.field == field.rawValue }) {
            problems.append("no question asks for \(field.rawValue)")
        }
        return problems
    }
}
