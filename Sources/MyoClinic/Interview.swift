import Foundation

/// The interactive intake: one question at a time, in the order of `questions.json`.
///
/// Input and output are closures so the same logic runs on a terminal and in tests. An empty
/// line skips a question; `q` (or `quit`) stops without an assessment; the end of input answers
/// the remaining questions with "unknown". A wrong answer is explained and asked again, at most
/// `maximumAttempts` times, so piped input can never loop forever.
public struct Interview {
    /// How the interview ended.
    public enum Outcome: Equatable, Sendable {
        case completed(Intake)
        case quit
    }

    /// Asks of one question before it is skipped.
    public static let maximumAttempts = 3

    public let questions: [Question]

    public init(questions: [Question]) {
        self.questions = questions
    }

    /// Runs the interview. `readLine` returns nil at the end of input.
    public func run(readLine: () -> String?, write: (String) -> Void) -> Outcome {
        var intake = Intake()
        write("Answer each question, or press Enter to skip it; type q to stop (nothing is saved).")
        for (number, q) in questions.enumerated() {
            guard let field = IntakeField(rawValue: q.field) else { continue }
            var attempt = 0
            while attempt < Self.maximumAttempts {
                attempt += 1
                write("")
                write("\(number + 1)/\(questions.count). \(q.prompt)")
                for (i, o) in (q.options ?? []).enumerated() { write("    \(i + 1)) \(o.label)") }
                if field.kind == .choices { write("    (numbers or names separated by commas; 'none' if none fits)") }
                guard let line = readLine() else {
                    write("(End of input: the remaining questions count as unknown.)")
                    return .completed(intake)
                }
                let answer = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if answer.isEmpty { break }
                if ["q", "quit", "exit"].contains(answer.lowercased()) { return .quit }
                do {
                    var trial = intake
                    try trial.set(field, from: try Self.value(of: answer, for: field, question: q), file: "answer")
                    try trial.validate(file: "answer")
                    intake = trial
                    break
                } catch let error as ClinicError {
                    write("  Not understood: \(Self.plain(error)). Please try again, or press Enter to skip.")
                } catch {
                    write("  Not understood. Please try again, or press Enter to skip.")
                }
            }
        }
        return .completed(intake)
    }

    /// The error without the "answer: field ..." prefix that only makes sense for files.
    private static func plain(_ e: ClinicError) -> String {
        let text = e.description
        return text.hasPrefix("answer: ") ? String(text.dropFirst("answer: ".count)) : text
    }

    /// Turns a typed answer into the JSON value the intake parser takes.
    static func value(of answer: String, for field: IntakeField, question: Question) throws -> JSONValue {
        let options = question.options ?? []
        func option(_ token: String) -> JSONValue {
            let t = token.trimmingCharacters(in: .whitespaces)
            if let n = Int(t), n >= 1, n <= options.count { return .string(options[n - 1].value) }
            if let o = options.first(where: { $0.value.lowercased() == t.lowercased() || $0.label.lowercased() == t.lowercased() }) {
                return .string(o.value)
            }
            return .string(t)
        }
        let lower = answer.lowercased()
        switch field.kind {
        case .number:
            guard let n = Double(answer.replacingOccurrences(of: ",", with: ".")), n.isFinite else {
                throw ClinicError.invalidValue(file: "answer", field: field.rawValue, value: "\"\(answer)\"", reason: "is not a number")
            }
            return .number(n)
        case .yesNo:
            if ["y", "yes", "true"].contains(lower) { return .bool(true) }
            if ["n", "no", "false"].contains(lower) { return .bool(false) }
            throw ClinicError.invalidValue(file: "answer", field: field.rawValue, value: "\"\(answer)\"", reason: "is not yes or no")
        case .choice:
            return option(answer)
        case .choices:
            if lower == "none" { return .array([]) }
            return .array(answer.split(separator: ",").map { option(String($0)) })
        case .names:
            if lower == "none" { return .array([]) }
            return .array(answer.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        }
    }
}
