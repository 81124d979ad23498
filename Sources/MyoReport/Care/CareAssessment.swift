import Foundation

/// The latest assessment as the report shows it, read leniently from the JSON that
/// `myotrace assess` stores: keys that are missing or of an unexpected type are skipped rather
/// than failing the whole report, because the assessment format may grow while old
/// assessments stay in the store.
public struct CareAssessment: Sendable, Equatable {
    /// One ranked category with the reasons for and against it.
    public struct Candidate: Sendable, Equatable {
        public var id: String
        public var level: String
        public var score: Double?
        public var reasonsFor: [String]
        public var reasonsAgainst: [String]
        public var sources: [String]
    }

    /// A finding that should bring the person to a provider, with how soon.
    public struct RedFlag: Sendable, Equatable {
        public var id: String
        public var urgency: String
        public var reason: String
    }

    /// Wall-clock time the assessment was made.
    public var time: Date
    public var candidates: [Candidate]
    public var redFlags: [RedFlag]
    public var nextQuestion: String?

    /// Parses `json` (keys `candidates` [{id, level, score, for, against, sources}], `redFlags`
    /// [{id, urgency, reason}], `nextQuestion`); `nil` when it is not a JSON object.
    /// Complexity: O(size of the JSON).
    public static func parse(_ json: String, time: Date) -> CareAssessment? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return nil }
        let candidates = (object["candidates"] as? [Any] ?? []).compactMap { item -> Candidate? in
            guard let c = item as? [String: Any] else { return nil }
            return Candidate(id: text(c["id"]) ?? text(c["name"]) ?? "unnamed", level: text(c["level"]) ?? "",
                             score: (c["score"] as? NSNumber)?.doubleValue, reasonsFor: texts(c["for"]),
                             reasonsAgainst: texts(c["against"]), sources: texts(c["sources"]))
        }
        let flags = (object["redFlags"] as? [Any] ?? []).compactMap { item -> RedFlag? in
            if let s = item as? String { return RedFlag(id: "", urgency: "", reason: s) }
            guard let f = item as? [String: Any] else { return nil }
            return RedFlag(id: text(f["id"]) ?? "", urgency: text(f["urgency"]) ?? "",
                           reason: text(f["reason"]) ?? text(f["text"]) ?? text(f["id"]) ?? "")
        }
        var question = text(object["nextQuestion"])
        if question == nil, let q = object["nextQuestion"] as? [String: Any] {
            question = text(q["text"]) ?? text(q["question"]) ?? text(q["id"])
        }
        return CareAssessment(time: time, candidates: candidates, redFlags: flags, nextQuestion: question)
    }

    /// A string, number or boolean as text; anything else `nil`.
    static func text(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s.isEmpty ? nil : s
        case let n as NSNumber: return n.stringValue
        default: return nil
        }
    }

    /// A list of reasons or sources: strings, or objects whose text, title, citation or id is
    /// used; a single string counts as a list of one.
    static func texts(_ value: Any?) -> [String] {
        if let single = text(value) { return [single] }
        guard let list = value as? [Any] else { return [] }
        return list.compactMap { item in
            if let s = text(item) { return s }
            guard let o = item as? [String: Any] else { return nil }
            return text(o["text"]) ?? text(o["title"]) ?? text(o["citation"]) ?? text(o["reason"]) ?? text(o["id"])
        }
    }
}
