/// A parsed JSON value that keeps object keys in file order.
///
/// MyoClinic parses intakes and findings itself rather than through `JSONSerialization` so that
/// a malformed file is reported with its line and column, duplicate keys are caught, and
/// numbers, booleans and strings are never confused (Foundation bridges `true` and `1`).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Key-value pairs in the order the file gives them (keys are unique).
    case object([(String, JSONValue)])

    /// Structural equality (objects compare key by key, in order).
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value under `key` of an object, nil for other values or a missing key (linear: objects are small).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The text of a string value, nil for any other value.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The number of a number value, nil for any other value.
    public var numberValue: Double? { if case .number(let n) = self { return n } else { return nil } }
    /// The truth value of `true` or `false`, nil for any other value.
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    /// The items of a list, nil for any other value.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    /// The key-value pairs of an object in file order, nil for any other value.
    public var objectValue: [(String, JSONValue)]? { if case .object(let o) = self { return o } else { return nil } }

    /// The value as it would be written in JSON, shortened for an error message.
    public var snippet: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): return "\"" + (s.count > 40 ? String(s.prefix(40)) + "..." : s) + "\""
        case .array(let a): return "a list of \(a.count)"
        case .object: return "an object"
        }
    }
}
