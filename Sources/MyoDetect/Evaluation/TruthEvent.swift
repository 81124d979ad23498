import Foundation

/// One ground-truth event from a simulation or an expert's marking.
///
/// `kind` is `positive` (a myoclonic jerk), `negative` (a silent period or lapse) or
/// `voluntary` (a longer contraction that must not be counted as a jerk); other kinds are kept
/// and scored by name.
public struct TruthEvent: Sendable, Hashable, Codable {
    public var onset: Double
    public var duration: Double
    public var kind: String

    public init(onset: Double, duration: Double, kind: String) {
        self.onset = onset
        self.duration = duration
        self.kind = kind
    }
}

/// Errors in an events or truth table.
public enum EventTableError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingColumn(file: String, column: String, header: String)
    case invalidCell(file: String, line: Int, column: String, value: String)
    case empty(file: String)

    public var description: String {
        switch self {
        case let .missingColumn(file, column, header):
            return "\(file): line 1: no column \"\(column)\" in the header \"\(header)\""
        case let .invalidCell(file, line, column, value):
            return "\(file): line \(line), column \"\(column)\": \"\(value)\" is not a number"
        case let .empty(file):
            return "\(file): the file is empty (expected a header line)"
        }
    }
}

/// Reads the CSV tables `evaluate` compares: a truth table (`onset_s,duration_s,kind,...`) and
/// an events table as `analyze --events` writes it (`onset_s,offset_s,duration_s,polarity,...`).
public enum EventTable {
    /// Parses a truth CSV. Needs the columns `onset_s` and `kind`; `duration_s` is optional.
    public static func truth(csv text: String, file: String) throws -> [TruthEvent] {
        try rows(csv: text, file: file, kindColumn: "kind")
    }

    /// Parses an events CSV. Needs `onset_s` and `polarity`; `duration_s` is optional.
    /// Returns truth-shaped rows whose `kind` is the polarity.
    public static func events(csv text: String, file: String) throws -> [TruthEvent] {
        try rows(csv: text, file: file, kindColumn: "polarity")
    }

    private static func rows(csv text: String, file: String, kindColumn: String) throws -> [TruthEvent] {
        let (header, rows) = try split(text, file: file)
        let onset = try column("onset_s", in: header, file: file)
        let kind = try column(kindColumn, in: header, file: file)
        let duration = header.firstIndex(of: "duration_s")
        return try rows.map { line, cells in
            TruthEvent(onset: try number(cells, onset, "onset_s", line, file),
                       duration: try duration.map { try number(cells, $0, "duration_s", line, file) } ?? 0,
                       kind: cells.indices.contains(kind) ? cells[kind] : "")
        }
    }

    private static func split(_ text: String, file: String) throws -> ([String], [(Int, [String])]) {
        // "\r\n" is one Character in Swift, so split on newline characters, not on "\n".
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        guard let first = lines.first, !first.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw EventTableError.empty(file: file)
        }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        var rows: [(Int, [String])] = []
        for (i, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            rows.append((i + 1, line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }))
        }
        return (header, rows)
    }

    private static func column(_ name: String, in header: [String], file: String) throws -> Int {
        guard let i = header.firstIndex(of: name) else {
            throw EventTableError.missingColumn(file: file, column: name, header: header.joined(separator: ","))
        }
        return i
    }

    private static func number(_ cells: [String], _ i: Int, _ name: String, _ line: Int, _ file: String) throws -> Double {
        let value = cells.indices.contains(i) ? cells[i] : ""
        guard let x = Double(value), x.isFinite else {
            throw EventTableError.invalidCell(file: file, line: line, column: name, value: value)
        }
        return x
    }
}
