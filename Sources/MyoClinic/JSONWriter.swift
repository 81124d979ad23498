import Foundation

extension JSONValue {
    /// The value as pretty-printed JSON, objects in their stored key order, so output is
    /// byte-for-byte deterministic. O(size of the value).
    public func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n):
            if n.rounded() == n && abs(n) < 1e15 { return String(Int64(n)) }
            return "\(n)"
        case .string(let s): return Self.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { inner + Self.quote($0.0) + ": " + $0.1.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    private static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// The same object with the named keys first, in that order, then the rest as they were.
    func reordered(first keys: [String]) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        let front = keys.compactMap { k in pairs.first { $0.0 == k } }
        return .object(front + pairs.filter { !keys.contains($0.0) })
    }
}

extension Assessment {
    /// The assessment as JSON: red flags first, then the candidates, then the rest; nested keys
    /// sorted. Deterministic for the same assessment.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(self), as: UTF8.self)
        var value = try JSONParser.parse(text, file: "assessment")
        // An absent next question is written as null so that the key is always there.
        if value["nextQuestion"] == nil, case .object(let pairs) = value { value = .object(pairs + [("nextQuestion", .null)]) }
        return value.reordered(first: ["redFlags", "candidates", "matchedMedications", "matchedExposures", "information",
                                       "nextQuestion", "unknownAnswers", "notice"]).rendered()
    }
}

extension Intake {
    /// The intake as JSON in the schema's field order, for `--save-answers`.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(self), as: UTF8.self)
        return try JSONParser.parse(text, file: "intake").reordered(first: IntakeField.allCases.map(\.rawValue)).rendered()
    }
}
