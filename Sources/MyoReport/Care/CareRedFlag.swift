import Foundation
import MyoStore

/// A finding that should bring the person to a provider, with where it came from, so a reader
/// can weigh a measured change against a rule fired by the intake answers.
public struct CareRedFlag: Sendable, Equatable {
    /// "measured trend", "assessment" or "intake".
    public var source: String
    /// How soon, as the assessment words it ("today", "soon"), or empty when not stated.
    public var urgency: String
    /// The finding in plain words.
    public var text: String

    public init(source: String, urgency: String = "", text: String) {
        self.source = source
        self.urgency = urgency
        self.text = text
    }

    /// Every red flag the store has for a person: the trend's change test ("see a provider"),
    /// the latest assessment's red flags, and a `redFlags` list in the intake answers when the
    /// intake has one. The diary holds no red-flag field, so it adds none.
    public static func collect(trend: TrendReport, assessment: CareAssessment?, intakeJSON: String?) -> [CareRedFlag] {
        var flags = trend.redFlags.map { CareRedFlag(source: "measured trend", urgency: "soon", text: $0) }
        for f in assessment?.redFlags ?? [] {
            flags.append(CareRedFlag(source: "assessment", urgency: f.urgency, text: f.reason.isEmpty ? f.id : f.reason))
        }
        if let intakeJSON,
           let object = (try? JSONSerialization.jsonObject(with: Data(intakeJSON.utf8))) as? [String: Any],
           let list = object["redFlags"] as? [Any] {
            for item in list {
                if let s = CareAssessment.text(item) {
                    flags.append(CareRedFlag(source: "intake", text: s))
                } else if let o = item as? [String: Any] {
                    let reason = CareAssessment.text(o["reason"]) ?? CareAssessment.text(o["text"]) ?? CareAssessment.text(o["id"]) ?? ""
                    if !reason.isEmpty {
                        flags.append(CareRedFlag(source: "intake", urgency: CareAssessment.text(o["urgency"]) ?? "", text: reason))
                    }
                }
            }
        }
        return flags
    }
}
