/// Why the store refused a request or could not do it.
///
/// Every case names what was wrong (the person's code, the field, the value and what would be
/// accepted), so the command line can print it as it is. Nothing is written when one is thrown:
/// the checks run before, or inside, the transaction that would have written.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No person with this pseudonymous code.
    case unknownPerson(String)
    /// A person with this code exists already.
    case personExists(String)
    /// A code that is empty, too long or has characters other than letters, digits, `-`, `_`, `.`.
    case invalidPersonCode(String, reason: String)
    /// A field outside what it may hold (an intensity of 11, a date in the future).
    case invalidValue(field: String, value: String, reason: String)
    /// A treatment would stop before it starts.
    case stopBeforeStart(treatment: String, start: String, stop: String)
    /// No treatment with this id or name for the person, or several with this name.
    case unknownTreatment(person: String, treatment: String, reason: String)
    /// Text that should be JSON is not (intake answers, assessments), with line and column.
    case invalidJSON(field: String, line: Int, column: Int, reason: String)
    /// The file is a recording imported for another person already.
    case recordingOfAnotherPerson(file: String, person: String)
    /// A file that cannot be opened or read (hashing, backup, restore).
    case cannotRead(file: String, reason: String)
    /// A file that cannot be written (backup, export).
    case cannotWrite(file: String, reason: String)
    /// The file is not a Myotrace store, or was written by a newer Myotrace.
    case notAStore(file: String, reason: String)
    /// SQLite reported an error the store did not expect (a full disk, a locked file).
    case database(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownPerson(code):
            return "no person \"\(code)\" in the store (see `myotrace person list`; add one with `myotrace person add \(code)`)"
        case let .personExists(code):
            return "a person \"\(code)\" exists already"
        case let .invalidPersonCode(code, reason):
            return "person code \"\(code)\": \(reason)"
        case let .invalidValue(field, value, reason):
            return "\(field) \"\(value)\": \(reason)"
        case let .stopBeforeStart(treatment, start, stop):
            return "treatment \(treatment): the stop \(stop) is before the start \(start)"
        case let .unknownTreatment(person, treatment, reason):
            return "person \"\(person)\": treatment \"\(treatment)\": \(reason) (see `myotrace treatment list \(person)`)"
        case let .invalidJSON(field, line, column, reason):
            return "\(field): not valid JSON at line \(line), column \(column): \(reason)"
        case let .recordingOfAnotherPerson(file, person):
            return "\(file): the same recording (same content) is already stored for person \"\(person)\""
        case let .cannotRead(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .cannotWrite(file, reason):
            return "\(file): cannot write: \(reason)"
        case let .notAStore(file, reason):
            return "\(file): not a Myotrace store: \(reason)"
        case let .database(file, reason):
            return "\(file): database error: \(reason)"
        }
    }
}
