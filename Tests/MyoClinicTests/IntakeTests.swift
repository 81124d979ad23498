import Testing
@testable import MyoClinic

@Suite("Intake")
struct IntakeTests {
    @Test("A full intake reads every field; $schema is allowed; null means unknown")
    func fullIntake() throws {
        let i = try Clinic.intake("""
        {"$schema": "intake.schema.json", "ageYears": 0.25, "onset": "weeks", "course": "worsening",
         "context": ["asleep", "rest", "asleep"], "bodyParts": ["arms", "wholeBody"], "polarity": "both", "rhythmic": true,
         "sounds": ["earClicking"], "eyeMovements": false, "hiccupHours": 0, "medications": [" Keppra ", ""],
         "substances": [], "exposures": ["lead"], "conditions": ["epilepsy"], "seizuresOrLapses": true,
         "familyHistory": false, "impact": ["walking"], "otherSymptoms": ["fever"]}
        """)
        #expect(i.ageYears == 0.25)
        #expect(i.onset == .weeks)
        #expect(i.context == [.asleep, .rest])
        #expect(i.medications == ["Keppra"])
        #expect(i.substances == [])
        #expect(i.eyeMovements == false)
        let unknown = try Clinic.intake(#"{"onset": null, "ageYears": null}"#)
        #expect(unknown == Intake())
    }

    @Test("Out-of-range answers name the field and say why", arguments: [
        (#"{"ageYears": -3}"#, "ageYears", "negative"),
        (#"{"hiccupHours": -1}"#, "hiccupHours", "negative"),
        (#"{"ageYears": 400}"#, "ageYears", "plausible"),
        (#"{"ageYears": "ten"}"#, "ageYears", "not a number"),
        (#"{"onset": "yesterday"}"#, "onset", "new, weeks, months, years, lifelong"),
        (#"{"context": ["sneezing"]}"#, "context", "fallingAsleep"),
        (#"{"context": "rest"}"#, "context", "not a list"),
        (#"{"eyeMovements": "yes"}"#, "eyeMovements", "true or false"),
        (#"{"medications": [3]}"#, "medications", "not a name"),
    ])
    func invalidValues(json: String, field: String, words: String) {
        do {
            _ = try Clinic.intake(json)
            Issue.record("accepted \(json)")
        } catch let e as ClinicError {
            #expect(e.description.contains("field \"\(field)\""), "\(e)")
            #expect(e.description.contains(words), "\(e)")
            #expect(e.description.hasPrefix("test.json: "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("An unknown field is an error that lists the real fields")
    func unknownField() {
        #expect(throws: ClinicError.unknownField(file: "test.json", field: "ageInYears", known: IntakeField.allCases.map(\.rawValue))) {
            try Clinic.intake(#"{"ageInYears": 30}"#)
        }
    }

    @Test("Contradictory answers name both fields")
    func contradictions() throws {
        for json in [#"{"ageYears": 0.5, "onset": "years"}"#, #"{"ageYears": 0.01, "hiccupHours": 200}"#] {
            do {
                _ = try Clinic.intake(json)
                Issue.record("accepted \(json)")
            } catch let ClinicError.contradiction(_, fields, reason) {
                #expect(fields.count == 2)
                #expect(!reason.isEmpty)
            }
        }
        _ = try Clinic.intake(#"{"ageYears": 30, "hiccupHours": 200, "onset": "years"}"#)
    }

    @Test("Malformed JSON is reported with its line and column")
    func malformed() {
        let cases: [(String, Int, Int)] = [
            ("{\n  \"ageYears\": 30\n  \"onset\": \"new\"\n}", 3, 3),
            ("{\"ageYears\": 3O}", 1, 15),
            ("{\"a\": 1, \"a\": 2}", 1, 10),
            ("", 1, 1),
            ("[1, 2", 1, 6),
            ("{\"x\": \"é\" ,}", 1, 12),
        ]
        for (text, line, column) in cases {
            do {
                _ = try JSONParser.parse(text, file: "f.json")
                Issue.record("accepted \(text)")
            } catch let ClinicError.malformedJSON(file, l, c, reason) {
                #expect(file == "f.json")
                #expect(l == line && c == column, "\(text): got line \(l) column \(c): \(reason)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test("Deep nesting, escapes and large numbers never crash the parser")
    func parserRobustness() throws {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: ClinicError.self) { try JSONParser.parse(deep, file: "deep.json") }
        #expect(throws: ClinicError.self) { try JSONParser.parse("1e400", file: "big.json") }
        #expect(throws: ClinicError.self) { try JSONParser.parse("\"\\ud800\"", file: "s.json") }
        let v = try JSONParser.parse(#"{"s": "a\u00e9\n\ud83d\ude00", "n": -1.5e2, "t": true}"#, file: "ok.json")
        #expect(v["s"] == .string("aé\n😀"))
        #expect(v["n"] == .number(-150))
        #expect(v["t"] == .bool(true))
        #expect(throws: ClinicError.self) { try Clinic.intake(#"{"ageYears": 1e308}"#) }
    }
}
