/// What `myotrace analyze --json` measured, read leniently for the clinic's rules.
///
/// Every key is optional and read by name, so the engine works with today's analysis JSON
/// (`summary` with counts, rates, durations and polarity) and with the characterisation keys
/// that MyoAnalysis adds under `summary` (`origin`, `rhythm`, `backAveraging`, `sleep`, `clicks`,
/// `hiccups`). A key with an unexpected type is ignored, never fatal: findings support the
/// answers, they are not required. The keys read are listed in `docs/intake.md`.
public struct AnalysisFindings: Sendable, Equatable, Codable {
    public var count: Int?
    public var ratePerMinute: Double?
    public var positiveCount: Int?
    public var negativeCount: Int?
    /// Median duration of the positive events (bursts) over all channels, ms.
    public var burstMedianMs: Double?
    /// Median duration of the negative events (silent periods, lapses), ms.
    public var lapseMedianMs: Double?
    /// `cortical`, `corticalSubcortical`, `subcortical`, `spinal` or `functional`.
    public var origin: String?
    public var rhythmic: Bool?
    public var frequencyHz: Double?
    /// Coefficient of variation of the inter-event intervals.
    public var rhythmCV: Double?
    /// A reproducible EEG transient before the jerks on jerk-locked back-averaging.
    public var backAveragedTransient: Bool?
    public var hypnicJerks: Bool?
    public var fragmentaryMyoclonus: Bool?
    /// `sleepOnset`, `asleep` or `awake`: when most events happened.
    public var sleepRelation: String?
    public var clicks: Bool?
    public var clickRatePerMinute: Double?
    public var hiccups: Bool?
    public var hiccupRatePerMinute: Double?

    public init() {}

    /// The fact names findings provide (each prefixed `finding.`).
    public static let factNames = [
        "finding.count", "finding.ratePerMinute", "finding.polarity", "finding.burstMedianMs", "finding.lapseMedianMs",
        "finding.origin", "finding.rhythmic", "finding.frequencyHz", "finding.rhythmCV", "finding.backAveragedTransient",
        "finding.hypnicJerks", "finding.fragmentaryMyoclonus", "finding.sleepRelation", "finding.clicks",
        "finding.clickRatePerMinute", "finding.hiccups", "finding.hiccupRatePerMinute",
    ]

    /// The values the text findings take.
    public static let factValues: [String: [String]] = [
        "finding.polarity": JerkPolarity.allCases.map(\.rawValue),
        "finding.origin": ["cortical", "corticalSubcortical", "subcortical", "spinal", "functional"],
        "finding.sleepRelation": ["sleepOnset", "asleep", "awake"],
    ]

    /// Reads findings from the text of an analysis JSON file (the whole result, or its summary).
    /// Only malformed JSON is an error (with its line and column); missing keys are unknown.
    public static func parse(_ text: String, file: String) throws -> AnalysisFindings {
        let json = try JSONParser.parse(text, file: file)
        guard json.objectValue != nil else {
            throw ClinicError.invalidValue(file: file, field: "(top level)", value: json.snippet,
                                           reason: "is not an object: expected what `myotrace analyze --json` writes")
        }
        return AnalysisFindings(json: json)
    }

    /// Reads findings from a parsed analysis result or summary.
    public init(json: JSONValue) {
        let s = json["summary"] ?? json
        count = s["count"]?.numberValue.flatMap(Self.int)
        ratePerMinute = s["ratePerMinute"]?.numberValue
        positiveCount = s["positiveCount"]?.numberValue.flatMap(Self.int)
        negativeCount = s["negativeCount"]?.numberValue.flatMap(Self.int)
        for group in s["groups"]?.arrayValue ?? [] where group["channel"] == nil || group["channel"] == .null {
            let median = group["durationMs"]?["median"]?.numberValue
            switch group["polarity"]?.stringValue {
            case "positive": burstMedianMs = median
            case "negative": lapseMedianMs = median
            default: break
            }
        }
        if let o = s["origin"] {
            origin = Self.normaliseOrigin(o["hint"]?.stringValue ?? o.stringValue)
        }
        if let r = s["rhythm"] {
            rhythmic = r["rhythmic"]?.boolValue
            frequencyHz = r["frequencyHz"]?.numberValue
            rhythmCV = r["cv"]?.numberValue
        }
        if let b = s["backAveraging"] {
            // `analyze` writes one entry per EEG channel; a transient on any channel that had
            // enough epochs counts. A single object or a flag is read too.
            if let channels = b.arrayValue ?? b["backAveraging"]?.arrayValue {
                let judged = channels.filter { ($0["status"]?.stringValue ?? "ok") == "ok" }.compactMap { $0["transientFound"]?.boolValue }
                backAveragedTransient = judged.isEmpty ? nil : judged.contains(true)
            } else {
                backAveragedTransient = Self.flag(in: b, keys: ["transientFound", "transient", "corticalTransient", "found",
                                                                 "present", "significant", "reproducible"])
            }
        }
        if let sleep = s["sleep"] { readSleep(sleep) }
        if let c = s["clicks"] {
            let (found, rate) = Self.transientCounts(c)
            clicks = found
            clickRatePerMinute = rate
        }
        if let h = s["hiccups"] {
            let (found, rate) = Self.transientCounts(h)
            hiccups = found
            hiccupRatePerMinute = rate
        }
    }

    /// Whether clicks or hiccups were found and their highest rate per minute. `analyze` writes an
    /// array with one analysis per channel (`[{channel, statistics: {count, ratePerMinute}, ...}]`);
    /// a single object or a plain count is read too.
    private static func transientCounts(_ value: JSONValue) -> (found: Bool?, ratePerMinute: Double?) {
        if let channels = value.arrayValue {
            let stats = channels.map { $0["statistics"] ?? $0 }
            let counts = stats.compactMap { $0["count"]?.numberValue }
            let rates = stats.compactMap { $0["ratePerMinute"]?.numberValue }
            return (counts.isEmpty ? nil : counts.contains { $0 > 0 }, rates.max())
        }
        let stats = value["statistics"] ?? value
        let found = flag(in: value, keys: ["detected", "present", "found"])
            ?? stats["count"]?.numberValue.map { $0 > 0 } ?? value.numberValue.map { $0 > 0 }
        return (found, stats["ratePerMinute"]?.numberValue)
    }

    private mutating func readSleep(_ sleep: JSONValue) {
        for (key, value) in sleep.objectValue ?? [] {
            let k = key.lowercased()
            let truthy = value.boolValue ?? value.numberValue.map { $0 > 0 }
            if k.contains("hypnic"), let truthy { hypnicJerks = truthy }
            if k.contains("fragmentary"), let truthy { fragmentaryMyoclonus = truthy }
            if k.hasPrefix("relation"), let text = value.stringValue?.lowercased() {
                if text.contains("onset") { sleepRelation = "sleepOnset" }
                else if text.contains("wake") { sleepRelation = "awake" }
                else if text.contains("sleep") || text.contains("nrem") || text.contains("rem") { sleepRelation = "asleep" }
            }
        }
    }

    private static func int(_ d: Double) -> Int? {
        d.isFinite && abs(d) < 1e15 ? Int(d) : nil
    }

    private static func flag(in value: JSONValue, keys: [String]) -> Bool? {
        if let b = value.boolValue { return b }
        for key in keys { if let b = value[key]?.boolValue { return b } }
        return nil
    }

    /// Maps the wordings an origin hint may use onto the five fact values.
    static func normaliseOrigin(_ text: String?) -> String? {
        guard let t = text?.lowercased().filter({ $0.isLetter }) else { return nil }
        if t.hasPrefix("corticalsubcortical") || t.hasPrefix("corticosubcortical") { return "corticalSubcortical" }
        if t.hasPrefix("cortical") { return "cortical" }
        if t.contains("subcortical") || t.contains("brainstem") || t.contains("reticular") { return "subcortical" }
        if t.contains("spinal") { return "spinal" }
        if t.contains("functional") || t.contains("psychogenic") { return "functional" }
        return nil
    }

    /// The findings as facts for the rules.
    public var facts: [String: FactValue] {
        var f: [String: FactValue] = [:]
        if let count { f["finding.count"] = .number(Double(count)) }
        if let ratePerMinute { f["finding.ratePerMinute"] = .number(ratePerMinute) }
        if let p = positiveCount, let n = negativeCount, p + n > 0 {
            f["finding.polarity"] = .text(p > 0 && n > 0 ? "both" : (p > 0 ? "positive" : "negative"))
        }
        if let burstMedianMs { f["finding.burstMedianMs"] = .number(burstMedianMs) }
        if let lapseMedianMs { f["finding.lapseMedianMs"] = .number(lapseMedianMs) }
        if let origin { f["finding.origin"] = .text(origin) }
        if let rhythmic { f["finding.rhythmic"] = .bool(rhythmic) }
        if let frequencyHz { f["finding.frequencyHz"] = .number(frequencyHz) }
        if let rhythmCV { f["finding.rhythmCV"] = .number(rhythmCV) }
        if let backAveragedTransient { f["finding.backAveragedTransient"] = .bool(backAveragedTransient) }
        if let hypnicJerks { f["finding.hypnicJerks"] = .bool(hypnicJerks) }
        if let fragmentaryMyoclonus { f["finding.fragmentaryMyoclonus"] = .bool(fragmentaryMyoclonus) }
        if let sleepRelation { f["finding.sleepRelation"] = .text(sleepRelation) }
        if let clicks { f["finding.clicks"] = .bool(clicks) }
        if let clickRatePerMinute { f["finding.clickRatePerMinute"] = .number(clickRatePerMinute) }
        if let hiccups { f["finding.hiccups"] = .bool(hiccups) }
        if let hiccupRatePerMinute { f["finding.hiccupRatePerMinute"] = .number(hiccupRatePerMinute) }
        return f
    }
}
