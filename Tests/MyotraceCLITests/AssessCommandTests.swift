import Foundation
import MyoTestSupport
import Testing

@Suite("myotrace assess")
struct AssessCommandTests {
    @Test("--answers with --findings and --json: candidates sorted with reasons, red flags, matched medicines, next question")
    func answersAndFindings() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let answers = dir.appendingPathComponent("intake.json").path
        let findings = dir.appendingPathComponent("analysis.json").path
        try #"{"ageYears": 55, "onset": "months", "conditions": ["cardiac arrest"], "context": ["action"], "medications": ["Keppra"]}"#
            .write(toFile: answers, atomically: true, encoding: .utf8)
        try #"{"file": "r.edf", "summary": {"count": 300, "positiveCount": 300, "negativeCount": 0, "groups": [{"polarity": "positive", "count": 300, "durationMs": {"median": 30}}], "origin": {"hint": "cortical"}}}"#
            .write(toFile: findings, atomically: true, encoding: .utf8)
        let r = try CLI.run(["assess", "--answers", answers, "--findings", findings, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        #expect(candidates.count == 22)
        #expect(candidates.first?["id"] as? String == "secondary.hypoxic")
        #expect(candidates.first?["level"] as? String == "likely")
        let reasons = try #require(candidates.first?["for"] as? [[String: Any]])
        #expect(reasons.contains { ($0["text"] as? String)?.contains("cortical") == true })
        let scores = candidates.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        for key in ["redFlags", "matchedMedications", "unknownAnswers"] { #expect(object[key] is [Any], "\(key)") }
        #expect((object["unknownAnswers"] as? [[String: Any]])?.first?["value"] as? String == "Keppra")
        #expect(object["nextQuestion"] is [String: Any])
        #expect(r.stdout.trimmingCharacters(in: .whitespaces).hasPrefix("{\n  \"redFlags\""))
    }

    @Test("The plain-text assessment shows red flags before what fits, and never a diagnosis")
    func text() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let answers = dir.appendingPathComponent("intake.json").path
        try #"{"ageYears": 1.5, "onset": "weeks", "eyeMovements": true, "otherSymptoms": ["unsteady"]}"#.write(toFile: answers, atomically: true, encoding: .utf8)
        let r = try CLI.run(["assess", "--answers", answers])
        #expect(r.status == 0, "\(r.stderr)")
        let flags = try #require(r.stdout.range(of: "RED FLAGS"))
        let fits = try #require(r.stdout.range(of: "What fits"))
        #expect(flags.lowerBound < fits.lowerBound)
        #expect(r.stdout.contains("[EMERGENCY]"))
        #expect(r.stdout.contains("Opsoclonus-myoclonus syndrome: fits well"))
        #expect(r.stdout.contains("not a diagnosis"))
        #expect(!r.stdout.lowercased().contains("you have"))
    }

    @Test("Bad intakes are clear errors naming the file and the field, or the line and column", arguments: [
        (#"{"ageYears": -2}"#, "field \"ageYears\""),
        (#"{"hiccupHours": -1}"#, "field \"hiccupHours\""),
        (#"{"age": 40}"#, "field \"age\" is not an intake field"),
        (#"{"onset": "soon"}"#, "is not one of new, weeks"),
        ("{\n  \"ageYears\": 40,\n  \"onset\": \"new\",\n}", "line 4, column 1"),
    ])
    func badIntake(text: String, message: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let answers = dir.appendingPathComponent("bad.json").path
        try text.write(toFile: answers, atomically: true, encoding: .utf8)
        let r = try CLI.run(["assess", "--answers", answers])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.json"), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let missing = try CLI.run(["assess", "--answers", dir.appendingPathComponent("none.json").path])
        #expect(missing.status == 1 && missing.stderr.contains("no such file"))
    }

    @Test("Interactive: one question at a time from piped answers, skips allowed, the assessment at the end, answers saved")
    func interactive() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let saved = dir.appendingPathComponent("answers.json").path
        // age, eyes, onset (by number), course skipped, context, then end of input.
        let r = try CLI.run(["assess", "--save-answers", saved], input: "34\nno\n4\n\nfallingAsleep\n")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1/18. How old"))
        #expect(r.stdout.contains("5/18. When do they happen?"))
        #expect(r.stdout.contains("Sleep starts") || r.stdout.contains("Hypnic jerks"))
        let text = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(text.contains("\"ageYears\": 34"))
        #expect(text.contains("\"onset\": \"years\""))
        #expect(!text.contains("course"))
        let reread = try CLI.run(["assess", "--answers", saved, "--json"])
        #expect(reread.status == 0, "\(reread.stderr)")
        #expect(reread.stdout.contains("\"physiological.hypnic\""))
    }

    @Test("Interactive: q quits safely, writing nothing")
    func quit() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let saved = dir.appendingPathComponent("answers.json").path
        let r = try CLI.run(["assess", "--save-answers", saved], input: "40\nq\n")
        #expect(r.status == 0)
        #expect(r.stdout.contains("Nothing was written and no assessment was made"))
        #expect(!r.stdout.contains("What fits"))
        #expect(!FileManager.default.fileExists(atPath: saved))
    }

    @Test("--vignettes prints top-1 and top-3 accuracy")
    func vignettes() throws {
        let r = try CLI.run(["assess", "--vignettes", "Tests/Fixtures/vignettes/vignettes.json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("top-1 accuracy 1.000"))
        #expect(r.stdout.contains("top-3 accuracy"))
    }
}
