import Testing
@testable import MyoClinic

@Suite("Interactive interview")
struct InterviewTests {
    /// Runs the interview on scripted lines; returns the outcome and everything written.
    func run(_ lines: [String?]) -> (Interview.Outcome, [String]) {
        var input = lines[...]
        var output: [String] = []
        let outcome = Interview(questions: Clinic.knowledge.questions).run(
            readLine: { input.isEmpty ? nil : input.removeFirst() }, write: { output.append($0) })
        return (outcome, output)
    }

    @Test("Answers by number, name or yes/no; empty lines skip; a wrong answer is explained and asked again")
    func answers() {
        let (outcome, output) = run(["-4", "70", "y", "1", "", "3,stimulus", "", "", "no", "none", "", "Keppra, cefepime"])
        guard case .completed(let intake) = outcome else { Issue.record("quit"); return }
        #expect(intake.ageYears == 70)
        #expect(intake.eyeMovements == true)
        #expect(intake.onset == .new)
        #expect(intake.course == nil)
        #expect(intake.context == [.rest, .stimulus])
        #expect(intake.rhythmic == false)
        #expect(intake.sounds == [])
        #expect(intake.medications == ["Keppra", "cefepime"])
        #expect(output.contains { $0.contains("Not understood") && $0.contains("negative") })
    }

    @Test("q stops without an assessment; end of input finishes with what was answered")
    func quitAndEnd() {
        #expect(run(["30", "q"]).0 == .quit)
        #expect(run(["30", "QUIT"]).0 == .quit)
        guard case .completed(let i) = run(["30"]).0 else { Issue.record("quit"); return }
        #expect(i.ageYears == 30 && i.onset == nil)
    }

    @Test("Endless wrong answers cannot loop: the question is skipped after three tries")
    func noEndlessLoop() {
        let (outcome, _) = run(Array(repeating: "banana", count: 200))
        guard case .completed(let i) = outcome else { Issue.record("quit"); return }
        #expect(i.ageYears == nil)
        #expect(i.medications == ["banana"])
    }
}
