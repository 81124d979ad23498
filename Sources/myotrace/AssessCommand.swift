import ArgumentParser
import Foundation
import MyoClinic
import MyoStore

extension ClinicError: UserFacingError {}

/// `myotrace assess`: weighs a person's answers, and optionally what `analyze` measured,
/// against the knowledge base. Decision support, never a diagnosis.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Sort what may explain the jerks: candidates with reasons, red flags first.",
        discussion: """
        Without --answers, asks one question at a time on the terminal: press Enter to skip a \
        question, type q to stop (nothing is written). With --answers, reads the intake from a \
        JSON file (schema: Sources/MyoClinic/Knowledge/intake.schema.json; see docs/intake.md). \
        The result lists red flags first, then every explanation that fits with its reasons \
        for and against and their sources, matched medicines, information on prevention and \
        treatment, and the question that would help most next. It shows what fits and when to \
        see a provider; it never says which condition a person has.

        Examples:
          myotrace assess
          myotrace assess --answers intake.json
          myotrace analyze rec.edf --json analysis.json
          myotrace assess --answers intake.json --findings analysis.json --json
          myotrace assess --save-answers intake.json        (interactive, keeps the answers)
          myotrace assess --vignettes Tests/Fixtures/vignettes/vignettes.json
        """)

    @Option(help: "The intake answers as JSON (see docs/intake.md).")
    var answers: String?

    @Option(help: "What `myotrace analyze --json` wrote for this person's recording.")
    var findings: String?

    @Flag(help: "Print the assessment as JSON.")
    var json = false

    @Flag(help: "List every candidate, also those that fit poorly.")
    var all = false

    @Option(help: "Interactive mode: write the answers to this JSON file once all questions are done.")
    var saveAnswers: String?

    @Option(help: "Evaluate the engine on a vignette file and print top-1 and top-3 accuracy.")
    var vignettes: String?

    func validate() throws {
        if saveAnswers != nil && answers != nil {
            throw ValidationError("--save-answers is for the interactive questions; it cannot be used with --answers")
        }
        if vignettes != nil && (answers != nil || findings != nil) {
            throw ValidationError("--vignettes evaluates the whole suite; it cannot be combined with --answers or --findings")
        }
    }

    @Option(help: "Keep the answers and the assessment in this person's record in the store (see myotrace person).")
    var person: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        try reportingErrors {
            let engine = AssessmentEngine(knowledge: try KnowledgeBase.bundled())
            // Open the store and check the person first, so a wrong code fails before any question is asked.
            let record = try person.map { code in (code: code, store: try store.open()) }
            if let record { _ = try record.store.person(code: record.code) }
            if let vignettes {
                let suite = try Vignette.load(try readClinicText(vignettes), file: vignettes)
                print(VignetteEvaluation(vignettes: suite, engine: engine).report())
                return
            }
            let measured = try findings.map { try AnalysisFindings.parse(try readClinicText($0), file: $0) }
            let intake: Intake
            if let answers {
                intake = try Intake.parse(try readClinicText(answers, maximumBytes: 1 << 20), file: answers)
            } else {
                let interview = Interview(questions: engine.knowledge.questions)
                switch interview.run(readLine: { Swift.readLine(strippingNewline: true) }, write: { print($0) }) {
                case .quit:
                    print("Stopped. Nothing was written and no assessment was made.")
                    return
                case .completed(let answered):
                    intake = answered
                    print("")
                }
                if let saveAnswers { try write(try intake.jsonText() + "\n", to: saveAnswers) }
            }
            let assessment = engine.assess(intake, findings: measured)
            print(json ? try assessment.jsonText() : AssessmentText.render(assessment, showAll: all))
            if let record {
                try record.store.setIntake(code: record.code, json: try intake.jsonText())
                _ = try record.store.addAssessment(person: record.code, json: try assessment.jsonText(), time: Date())
                FileHandle.standardError.write(Data("kept the answers and the assessment in \(record.code)'s record\n".utf8))
            }
        }
    }
}

/// Reads an intake, findings or vignette file with a typed error naming it. Files over
/// `maximumBytes` are refused before they are read, so a wrong path to a recording cannot
/// exhaust memory.
func readClinicText(_ path: String, maximumBytes: Int = 256 << 20) throws -> String {
    if let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber, size.int64Value > Int64(maximumBytes) {
        throw ClinicError.cannotRead(file: path, reason: "the file has \(size.int64Value) bytes, more than the \(maximumBytes >> 20) MB an intake, findings or vignette file can have (for findings, pass only the summary of the analysis)")
    }
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw ClinicError.cannotRead(file: path, reason: FileManager.default.fileExists(atPath: path)
            ? "not readable as UTF-8 text" : "no such file")
    }
}
