import Foundation
import Testing
@testable import MyoClinic

@Suite("Knowledge base")
struct KnowledgeBaseTests {
    @Test("The bundled data is consistent: every source cited exists, every rule tests a real fact and value, no duplicate ids")
    func consistent() {
        let problems = Clinic.knowledge.check()
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("Every knowledge entry names at least one source, and every source has a citation")
    func everyEntryHasASource() {
        let k = Clinic.knowledge
        let known = Set(k.sources.map(\.id))
        var entries: [(String, [String])] = k.features.map { ("feature \($0.id)", $0.sources) }
        entries += k.candidates.map { ("candidate \($0.id)", $0.sources) }
        entries += k.candidates.flatMap { c in c.rules.map { ("rule \(c.id)/\($0.id)", $0.sources) } }
        entries += k.redFlags.map { ("red flag \($0.id)", $0.sources) }
        entries += k.catalogue.map { ("catalogue \($0.id)", $0.sources) }
        entries += k.advice.map { ("advice \($0.id)", $0.sources) }
        #expect(entries.count > 150)
        for (name, sources) in entries {
            #expect(!sources.isEmpty, "\(name) has no source")
            #expect(sources.allSatisfy(known.contains), "\(name) cites an unknown source: \(sources)")
        }
        for s in k.sources { #expect(s.citation.count > 20, "source \(s.id) needs a full citation") }
    }

    @Test("A rule whose number comes from a secondary source says so, and its source is marked secondary or patient information")
    func secondaryNumbersAreMarked() {
        let k = Clinic.knowledge
        let marked = k.candidates.flatMap(\.rules).filter { $0.secondaryNumber == true }
        #expect(marked.count >= 3)
        for r in marked {
            let kinds = r.sources.compactMap { k.source($0)?.kind }
            #expect(kinds.contains { ["secondary", "patientInformation"].contains($0) }, "rule \(r.id) marks a secondary number but cites \(kinds)")
        }
    }

    @Test("The candidates are exactly the ids of the issue, each in its category")
    func candidateIDs() {
        let ids = Clinic.knowledge.candidates.map(\.id)
        #expect(Set(ids) == Set(Clinic.requiredCandidates))
        #expect(ids.count == Clinic.requiredCandidates.count)
        for c in Clinic.knowledge.candidates {
            #expect(c.id.hasPrefix(c.category), "\(c.id) is in category \(c.category)")
            #expect(c.rules.contains { $0.effect == .for }, "\(c.id) has no rule for it")
        }
    }

    @Test("The red flags the issue names exist, with an urgency")
    func redFlags() {
        let byID = Dictionary(uniqueKeysWithValues: Clinic.knowledge.redFlags.map { ($0.id, $0.urgency) })
        for id in ["newOrIncreasing", "eyeMovementsWithJerks", "dailyImpact", "hiccupsOver48h", "infantAwake",
                   "afterHeadInjury", "withConfusion", "withFever", "withWeakness"] {
            #expect(byID[id] != nil, "missing red flag \(id)")
        }
        #expect(byID["eyeMovementsWithJerks"] == .emergency)
        #expect(byID["hiccupsOver48h"] == .soon)
    }

    @Test("The drug catalogue holds the classes of Rissardo 2025 and maps brand names to generics")
    func catalogue() {
        let engine = Clinic.engine
        var intake = Intake()
        intake.medications = ["Lyrica 75 mg", "Depakote", "Zoloft", "Pepto-Bismol", "cefepime 2 g IV", "paracetamol"]
        let a = engine.assess(intake)
        #expect(a.matchedMedications.map(\.generic) == ["pregabalin", "valproate", "sertraline", "bismuth subsalicylate", "cefepime"])
        #expect(a.matchedMedications.map(\.classId) == ["antiseizure", "antiseizure", "ssri", "bismuth", "cephalosporins"])
        #expect(a.unknownAnswers.map(\.value) == ["paracetamol"])
        let generics = Set(Clinic.knowledge.catalogue.flatMap(\.members).map(\.generic))
        for g in ["etomidate", "ceftazidime", "ciprofloxacin", "citalopram", "escitalopram", "paroxetine", "amitriptyline",
                  "amantadine", "clozapine", "quetiapine", "carbamazepine", "oxcarbazepine", "phenytoin", "gabapentin",
                  "fentanyl", "morphine", "lithium"] {
            #expect(generics.contains(g), "missing \(g)")
        }
    }

    @Test("Every intake field has a question, and every choice offers exactly the allowed values")
    func questions() {
        for field in IntakeField.allCases {
            let q = Clinic.knowledge.questions.first { $0.field == field.rawValue }
            #expect(q != nil, "no question for \(field.rawValue)")
            if field.kind == .choice || field.kind == .choices {
                #expect(Set(q?.options?.map(\.value) ?? []) == Set(field.allowedValues), "\(field.rawValue)")
            }
        }
    }

    @Test("The shipped intake schema lists exactly the intake fields and their allowed values")
    func schemaMatchesParser() throws {
        let schemaURL = try #require(Clinic.schemaURL)
        let schema = try JSONParser.parse(try String(contentsOf: schemaURL, encoding: .utf8), file: "intake.schema.json")
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(Set(properties.map(\.0)).subtracting(["$schema"]) == Set(IntakeField.allCases.map(\.rawValue)))
        #expect(schema["additionalProperties"] == .bool(false))
        for field in IntakeField.allCases where !field.allowedValues.isEmpty {
            let p = try #require(schema["properties"]?[field.rawValue])
            let e = p["enum"] ?? p["items"]?["enum"]
            #expect(Set(e?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(field.allowedValues), "\(field.rawValue)")
        }
    }
}

@Test("The knowledge schema describes every kind of entry")
func knowledgeSchema() throws {
    let url = try #require(KnowledgeBase.bundledDirectory?.appendingPathComponent("knowledge.schema.json"))
    let schema = try JSONParser.parse(try String(contentsOf: url, encoding: .utf8), file: "knowledge.schema.json")
    let defs = Set(try #require(schema["$defs"]?.objectValue).map(\.0))
    for name in ["source", "condition", "rule", "candidate", "redFlag", "catalogueEntry", "advice", "feature", "question", "vocabulary", "engine"] {
        #expect(defs.contains(name), "missing $defs/\(name)")
    }
    let strengths = schema["$defs"]?["rule"]?["properties"]?["strength"]?["enum"]?.arrayValue?.compactMap(\.stringValue)
    #expect(Set(strengths ?? []) == Set(Strength.allCases.map(\.rawValue)))
}

extension Clinic {
    /// The intake schema in the bundle.
    static var schemaURL: URL? {
        KnowledgeBase.bundledDirectory?.appendingPathComponent("intake.schema.json")
    }
}
