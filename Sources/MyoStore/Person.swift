import Foundation

/// A person the store follows, known only by a pseudonymous code (never a name).
public struct Person: Sendable, Codable, Equatable {
    public var id: Int64
    /// The pseudonymous code (`P001`, `sub-07`): letters, digits, `-`, `_` and `.`, up to 64.
    public var code: String
    /// Wall-clock time the person was added.
    public var createdAt: Date
    /// The intake answers of `myotrace assess`, as JSON text, or `nil` before an intake.
    public var intakeJSON: String?
    public var note: String

    /// Checks a code before it is stored: codes appear in commands and file names, so they are
    /// kept to a safe alphabet. Throws ``StoreError/invalidPersonCode(_:reason:)``.
    public static func validate(code: String) throws {
        guard !code.isEmpty else { throw StoreError.invalidPersonCode(code, reason: "it is empty") }
        guard code.count <= 64 else { throw StoreError.invalidPersonCode(code, reason: "it is longer than 64 characters") }
        guard code.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }) else {
            throw StoreError.invalidPersonCode(code, reason: "use only letters, digits, '-', '_' and '.' (a pseudonym, never a name)")
        }
    }
}

/// A person with how much the store holds about them, for `person list` and `person show`.
public struct PersonOverview: Sendable, Codable, Equatable {
    public var person: Person
    public var recordings: Int
    public var analyses: Int
    public var events: Int
    /// Hours of analysable signal over every recording (latest analysis of each).
    public var analysableHours: Double
    public var diaryEntries: Int
    public var treatments: Int
    public var assessments: Int
    public var ratings: Int
    /// Wall-clock start of the first and last dated recording.
    public var firstRecording: Date?
    public var lastRecording: Date?
}
