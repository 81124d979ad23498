import Testing
@testable import MyoClinic

@Suite("Assessment engine")
struct EngineTests {
    @Test("The same answers always give the same assessment, byte for byte")
    func deterministic() throws {
        let intake = try Clinic.intake(#"{"ageYears": 72, "onset": "new", "medications": ["cefepime"], "conditions": ["kidneyDisease"], "otherSymptoms": ["confusion"]}"#)
        let first = try Clinic.engine.assess(intake).jsonText()
        for _ in 0..<3 { #expect(try AssessmentEngine(knowledge: Clinic.knowledge).assess(intake).jsonText() == first) }
    }

    @Test("No answers: nothing fits, no red flag, and a question to start with")
    func empty() {
        let a = Clinic.engine.assess(Intake())
        #expect(a.redFlags.isEmpty)
        #expect(a.candidates.count == 22)
        #expect(a.candidates.allSatisfy { $0.level == .unlikely && $0.score == 0 })
        #expect(a.nextQuestion != nil)
        #expect(a.information.isEmpty)
    }

    @Test("Red flags come most urgent first, and candidates are sorted by score with reasons and sources")
    func ordering() throws {
        let intake = try Clinic.intake(#"{"ageYears": 45, "onset": "new", "medications": ["sertraline"], "otherSymptoms": ["fever", "confusion"]}"#)
        let a = Clinic.engine.assess(intake)
        let urgencies = a.redFlags.map(\.urgency)
        #expect(urgencies == urgencies.sorted())
        #expect(urgencies.first == .emergency)
        #expect(a.redFlags.map(\.id).contains("knownMedication"))
        let scores = a.candidates.map(\.score)
        #expect(scores == scores.sorted(by: >))
        let top = try #require(a.candidates.first)
        #expect(top.id == "secondary.drug")
        #expect(top.level == .likely)
        #expect(!top.supporting.isEmpty && top.supporting.allSatisfy { !$0.sources.isEmpty })
        #expect(a.sources.map(\.id).contains("rissardo2025"))
        #expect(a.information.contains { $0.id == "reviewMedicines" })
    }

    @Test("The JSON output has the documented keys, red flags first")
    func jsonShape() throws {
        let intake = try Clinic.intake(#"{"ageYears": 1.5, "eyeMovements": true, "otherSymptoms": ["ataxia", "sneezy"]}"#)
        let text = try Clinic.engine.assess(intake).jsonText()
        let json = try JSONParser.parse(text, file: "out.json")
        let keys = try #require(json.objectValue).map(\.0)
        #expect(keys.first == "redFlags")
        for k in ["candidates", "redFlags", "matchedMedications", "nextQuestion", "unknownAnswers"] { #expect(keys.contains(k)) }
        let c = try #require(json["candidates"]?.arrayValue?.first)
        for k in ["id", "level", "score", "for", "against", "sources"] { #expect(c[k] != nil, "candidate lacks \(k)") }
        #expect(c["id"] == .string("form.oms"))
        #expect(json["redFlags"]?.arrayValue?.first?["id"] == .string("eyeMovementsWithJerks"))
        #expect(json["unknownAnswers"]?.arrayValue?.first?["value"] == .string("sneezy"))
    }

    @Test("Negated names are reported back, not matched")
    func negations() throws {
        let a = Clinic.engine.assess(try Clinic.intake(#"{"conditions": ["no epilepsy", "stroke"], "medications": ["not sertraline"]}"#))
        #expect(Set(a.unknownAnswers.map(\.value)) == ["no epilepsy", "not sertraline"])
        #expect(a.matchedMedications.isEmpty)
        #expect(a.candidates.first?.id == "secondary.stroke")
    }

    @Test("Findings from today's analyze JSON and tomorrow's characterisation keys are read leniently")
    func findings() throws {
        let today = try AnalysisFindings.parse("""
        {"file": "a.edf", "summary": {"count": 10, "ratePerMinute": 2.5, "positiveCount": 4, "negativeCount": 6,
          "groups": [{"channel": null, "polarity": "positive", "count": 4, "durationMs": {"median": 42}},
                     {"channel": "EMG", "polarity": "positive", "count": 4, "durationMs": {"median": 99}},
                     {"polarity": "negative", "count": 6, "durationMs": {"median": 120}}],
          "silentPeriodBins": {"50-69": 1}}}
        """, file: "a.json")
        #expect(today.burstMedianMs == 42)
        #expect(today.lapseMedianMs == 120)
        #expect(today.facts["finding.polarity"] == .text("both"))
        #expect(today.origin == nil && today.rhythmic == nil)

        let tomorrow = try AnalysisFindings.parse("""
        {"summary": {"origin": {"hint": "subcortical/brainstem", "evidence": ["long bursts"]},
          "rhythm": {"rhythmic": true, "frequencyHz": 2.1, "cv": 0.08}, "backAveraging": {"transientFound": false},
          "sleep": {"hypnicJerks": 0, "relation": "wake"}, "clicks": {"count": 3}, "hiccups": "unexpected"}}
        """, file: "b.json")
        #expect(tomorrow.origin == "subcortical")
        #expect(tomorrow.rhythmic == true && tomorrow.frequencyHz == 2.1 && tomorrow.rhythmCV == 0.08)
        #expect(tomorrow.backAveragedTransient == false)
        #expect(tomorrow.hypnicJerks == false && tomorrow.sleepRelation == "awake")
        #expect(tomorrow.clicks == true)
        #expect(tomorrow.hiccups == nil)
        #expect(throws: ClinicError.self) { try AnalysisFindings.parse("[1]", file: "c.json") }
    }

    @Test("Findings change the ranking: a back-averaged cortical transient supports epileptic myoclonus")
    func findingsWeigh() throws {
        let intake = try Clinic.intake(#"{"ageYears": 40, "seizuresOrLapses": true}"#)
        var f = AnalysisFindings()
        f.backAveragedTransient = true
        let without = Clinic.engine.assess(intake).candidates.first { $0.id == "epileptic.other" }?.score ?? 0
        let with = Clinic.engine.assess(intake, findings: f).candidates.first { $0.id == "epileptic.other" }?.score ?? 0
        #expect(with > without)
    }

    @Test("The next question separates the leading candidates")
    func nextQuestion() throws {
        // Clicking in the ear fits middle ear and palatal myoclonus; whether the palate moves tells them apart.
        let intake = try Clinic.intake(#"{"sounds": ["earClicking"]}"#)
        let q = try #require(Clinic.engine.assess(intake).nextQuestion)
        #expect(["bodyParts", "sounds", "otherSymptoms", "rhythmic"].contains(q.field), "\(q.field)")
        #expect(q.why.contains("Middle ear myoclonus"))
        let complete = try Clinic.intake(#"{"ageYears": 30, "eyeMovements": false, "onset": "years", "course": "stable", "context": ["action"], "bodyParts": ["arms"], "polarity": "positive", "rhythmic": false, "sounds": [], "hiccupHours": 0, "medications": [], "substances": [], "exposures": [], "conditions": [], "seizuresOrLapses": false, "familyHistory": false, "impact": [], "otherSymptoms": []}"#)
        #expect(Clinic.engine.assess(complete).nextQuestion == nil)
        let json = try JSONParser.parse(try Clinic.engine.assess(complete).jsonText(), file: "out.json")
        #expect(json["nextQuestion"] == .null)
    }

    @Test("The wording is decision support: no diagnosis, reasons in plain words, red flags before candidates")
    func wording() throws {
        let intake = try Clinic.intake(#"{"ageYears": 60, "onset": "new", "eyeMovements": true, "otherSymptoms": ["ataxia"], "conditions": ["cancer"]}"#)
        let text = AssessmentText.render(Clinic.engine.assess(intake))
        let lower = text.lowercased()
        for banned in ["you have", "diagnosed with", "you suffer", "definitely", "is caused by"] {
            #expect(!lower.contains(banned), "text contains \"\(banned)\"")
        }
        let flagAt = try #require(text.range(of: "RED FLAGS"))
        let fitsAt = try #require(text.range(of: "What fits"))
        #expect(flagAt.lowerBound < fitsAt.lowerBound)
        #expect(text.contains("not a diagnosis"))
        for c in Clinic.knowledge.candidates {
            for r in c.rules {
                #expect(!r.reason.lowercased().contains("you have"), "\(c.id)/\(r.id)")
                #expect(r.reason.hasSuffix("."), "\(c.id)/\(r.id) reason should be a sentence")
            }
        }
    }
}
