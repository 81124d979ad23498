/// A test on the facts, written as data in the knowledge base.
///
/// JSON forms (one per object):
/// `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`, and `{"fact": NAME, OP: VALUE}` where OP is
/// `is` (true/false), `equals` (text), `in` (list of texts), `has` (a list fact contains the text),
/// `hasAny` (contains any of), `hasOnly` (non-empty and nothing outside), `nonEmpty` (true/false),
/// `lt`, `le`, `gt`, `ge` (numbers) or `known` (true/false: whether the fact is known at all).
/// A test on an unknown fact is false, except `known: false`.
public indirect enum Condition: Sendable, Equatable, Decodable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    case test(fact: String, op: Operator)

    /// One comparison of a fact with a value.
    public enum Operator: Sendable, Equatable {
        case isTrue(Bool)
        case equals(String)
        case isIn([String])
        case has(String)
        case hasAny([String])
        case hasOnly([String])
        case nonEmpty(Bool)
        case lessThan(Double)
        case atMost(Double)
        case greaterThan(Double)
        case atLeast(Double)
        case known(Bool)

        /// The texts this operator compares with, to check them against the fact's vocabulary.
        var texts: [String] {
            switch self {
            case .equals(let s), .has(let s): return [s]
            case .isIn(let l), .hasAny(let l), .hasOnly(let l): return l
            default: return []
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let keys = Set(c.allKeys.map(\.stringValue))
        func k(_ s: String) -> Key { Key(stringValue: s) }
        if keys == ["all"] { self = .all(try c.decode([Condition].self, forKey: k("all"))); return }
        if keys == ["any"] { self = .any(try c.decode([Condition].self, forKey: k("any"))); return }
        if keys == ["not"] { self = .not(try c.decode(Condition.self, forKey: k("not"))); return }
        guard keys.contains("fact"), keys.count == 2, let opName = keys.subtracting(["fact"]).first else {
            throw DecodingError.dataCorruptedError(forKey: k("fact"), in: c, debugDescription:
                "a condition is {\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}} or {\"fact\": NAME, OP: VALUE}; got keys \(keys.sorted())")
        }
        let fact = try c.decode(String.self, forKey: k("fact"))
        let key = k(opName)
        let op: Operator
        switch opName {
        case "is": op = .isTrue(try c.decode(Bool.self, forKey: key))
        case "equals": op = .equals(try c.decode(String.self, forKey: key))
        case "in": op = .isIn(try c.decode([String].self, forKey: key))
        case "has": op = .has(try c.decode(String.self, forKey: key))
        case "hasAny": op = .hasAny(try c.decode([String].self, forKey: key))
        case "hasOnly": op = .hasOnly(try c.decode([String].self, forKey: key))
        case "nonEmpty": op = .nonEmpty(try c.decode(Bool.self, forKey: key))
        case "lt": op = .lessThan(try c.decode(Double.self, forKey: key))
        case "le": op = .atMost(try c.decode(Double.self, forKey: key))
        case "gt": op = .greaterThan(try c.decode(Double.self, forKey: key))
        case "ge": op = .atLeast(try c.decode(Double.self, forKey: key))
        case "known": op = .known(try c.decode(Bool.self, forKey: key))
        default:
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "unknown operator \"\(opName)\"")
        }
        self = .test(fact: fact, op: op)
    }

    /// Whether the facts satisfy the condition. O(size of the condition times list lengths).
    public func holds(in facts: Facts) -> Bool {
        switch self {
        case .all(let parts): return parts.allSatisfy { $0.holds(in: facts) }
        case .any(let parts): return parts.contains { $0.holds(in: facts) }
        case .not(let inner): return !inner.holds(in: facts)
        case let .test(fact, op):
            let value = facts[fact]
            if case .known(let wanted) = op { return (value != nil) == wanted }
            guard let value else { return false }
            switch (op, value) {
            case let (.isTrue(w), .bool(b)): return b == w
            case let (.equals(w), .text(t)): return t == w
            case let (.isIn(ws), .text(t)): return ws.contains(t)
            case let (.has(w), .list(l)): return l.contains(w)
            case let (.hasAny(ws), .list(l)): return l.contains { ws.contains($0) }
            case let (.hasOnly(ws), .list(l)): return !l.isEmpty && l.allSatisfy { ws.contains($0) }
            case let (.nonEmpty(w), .list(l)): return !l.isEmpty == w
            case let (.lessThan(x), .number(n)): return n < x
            case let (.atMost(x), .number(n)): return n <= x
            case let (.greaterThan(x), .number(n)): return n > x
            case let (.atLeast(x), .number(n)): return n >= x
            default: return false
            }
        }
    }

    /// Every (fact, operator) test inside, to check names and values against the vocabulary.
    public var tests: [(fact: String, op: Operator)] {
        switch self {
        case .all(let parts), .any(let parts): return parts.flatMap(\.tests)
        case .not(let inner): return inner.tests
        case let .test(fact, op): return [(fact, op)]
        }
    }

    /// The intake fields the condition reads, to find which unanswered question would matter.
    public var intakeFields: Set<IntakeField> {
        Set(tests.compactMap { IntakeField(rawValue: $0.fact) }
            + tests.compactMap { Condition.derivedFrom[$0.fact] })
    }

    /// Facts derived from an intake field (catalogue matches), mapped back to the field.
    static let derivedFrom: [String: IntakeField] = [
        "drugClasses": .medications, "toxins": .exposures, "substanceClasses": .substances,
    ]

    /// Whether the condition contains a number comparison (the data must name a source for it).
    public var hasNumber: Bool {
        tests.contains { t in
            switch t.op {
            case .lessThan, .atMost, .greaterThan, .atLeast: return true
            default: return false
            }
        }
    }
}
