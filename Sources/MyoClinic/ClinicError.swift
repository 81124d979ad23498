/// Why an intake, a findings file or the knowledge base could not be used, and exactly where.
///
/// Every case names the file (or `<stdin>`), and the field or the line and column, so the person
/// who wrote the answers can fix them:
///
/// ```
/// intake.json: field "hiccupHours": -1 is not possible: hours cannot be negative
/// intake.json: line 3, column 14: expected ',' or '}' after a value
/// ```
public enum ClinicError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case cannotRead(file: String, reason: String)
    /// The text is not well-formed JSON.
    case malformedJSON(file: String, line: Int, column: Int, reason: String)
    /// A field the intake does not have (a typo, or a field of another tool).
    case unknownField(file: String, field: String, known: [String])
    /// A field holds a value of the wrong type or outside its allowed set or range.
    case invalidValue(file: String, field: String, value: String, reason: String)
    /// Two answers that cannot both be true.
    case contradiction(file: String, fields: [String], reason: String)
    /// The bundled knowledge base is missing or inconsistent (a packaging or editing mistake).
    case knowledge(file: String, reason: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .cannotRead(let f, _), .malformedJSON(let f, _, _, _), .unknownField(let f, _, _),
             .invalidValue(let f, _, _, _), .contradiction(let f, _, _), .knowledge(let f, _):
            return f
        }
    }

    public var description: String {
        switch self {
        case let .cannotRead(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .malformedJSON(file, line, column, reason):
            return "\(file): line \(line), column \(column): \(reason)"
        case let .unknownField(file, field, known):
            return "\(file): field \"\(field)\" is not an intake field (the fields are: \(known.joined(separator: ", ")))"
        case let .invalidValue(file, field, value, reason):
            return "\(file): field \"\(field)\": \(value) \(reason)"
        case let .contradiction(file, fields, reason):
            return "\(file): fields \(fields.map { "\"\($0)\"" }.joined(separator: " and ")) contradict each other: \(reason)"
        case let .knowledge(file, reason):
            return "knowledge base \(file): \(reason)"
        }
    }
}
