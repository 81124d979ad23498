import Foundation

/// How long an EDF data record lasts and how many samples of each channel it holds.
///
/// EDF stores a channel's rate only as "samples per record" over "record duration", so the
/// duration must make every channel's count an integer for the rate to survive: 1 s suits
/// integer rates, 5 s a 12.8 Hz channel, 2 s a 487.5 Hz one. Among the durations that are
/// exact, the first one in the order 1 s, shorter decimal fractions, then whole seconds up to
/// 1000 s whose record stays under the 61440 bytes the EDF specification recommends is taken.
struct EDFRecordLayout: Equatable {
    /// Seconds a record lasts.
    let duration: Double
    /// The duration as written in the 8-character header field.
    let durationText: String
    /// Samples of each signal channel in one record.
    let samplesPerRecord: [Int]
    /// Set when a rate could not be kept exactly; says which rate was written instead.
    let rateWarning: String?

    /// Bytes of one record without the annotation channel.
    func signalBytes(bytesPerSample: Int) -> Int { samplesPerRecord.reduce(0, +) * bytesPerSample }

    /// The record size the EDF specification recommends not to exceed.
    static let recommendedRecordBytes = 61440

    /// Candidate durations in order of preference, with their exact header text.
    private static let candidates: [(text: String, value: Double)] = {
        var list: [(String, Double)] = [("1", 1)]
        for text in ["0.5", "0.25", "0.2", "0.125", "0.1", "0.05", "0.04", "0.025", "0.02", "0.01",
                     "0.008", "0.005", "0.004", "0.002", "0.001"] {
            list.append((text, Double(text) ?? 1))
        }
        for seconds in 2...1000 { list.append((String(seconds), Double(seconds))) }
        return list
    }()

    /// Chooses the layout for channels at `rates` (all positive and finite).
    ///
    /// Complexity: O(number of candidates x channels), about 1000 x channels.
    static func choose(rates: [Double], bytesPerSample: Int, annotationBytesEstimate: Int) -> EDFRecordLayout {
        func counts(_ duration: Double) -> [Double] { rates.map { $0 * duration } }
        func isExact(_ n: Double) -> Bool {
            let r = n.rounded()
            return r >= 1 && r <= 99_999_999 && abs(n - r) <= 1e-9 * max(1, n)
        }
        func bytes(_ duration: Double) -> Int {
            counts(duration).reduce(0) { $0 + Int(min($1.rounded(), 1e8)) } * bytesPerSample + annotationBytesEstimate
        }
        let exact = candidates.filter { counts($0.value).allSatisfy(isExact) }
        if let pick = exact.first(where: { bytes($0.value) <= recommendedRecordBytes })
            ?? exact.min(by: { bytes($0.value) < bytes($1.value) }) {
            return EDFRecordLayout(duration: pick.value, durationText: pick.text,
                                   samplesPerRecord: counts(pick.value).map { Int($0.rounded()) }, rateWarning: nil)
        }
        // No duration keeps every rate exact (a measured rate such as 99.8734 Hz): take the one
        // with the smallest relative rate error among records of a sensible size, and say so.
        func error(_ duration: Double) -> Double {
            counts(duration).map { n in
                let r = max(1, n.rounded())
                return abs(r - n) / max(n, 1e-12)
            }.max() ?? 0
        }
        let usable = candidates.filter { bytes($0.value) <= recommendedRecordBytes && counts($0.value).allSatisfy { $0 <= 99_999_999 } }
        let pool = usable.isEmpty ? [candidates[0]] : usable
        let pick = pool.min(by: { error($0.value) < error($1.value) }) ?? candidates[0]
        let perRecord = counts(pick.value).map { max(1, Int(min($0.rounded(), 99_999_999))) }
        let written = perRecord.map { Double($0) / pick.value }
        let changed = zip(rates, written).filter { $0 != $1 }
            .map { "\(compactNumber($0)) Hz as \(compactNumber($1)) Hz" }
        return EDFRecordLayout(duration: pick.value, durationText: pick.text, samplesPerRecord: perRecord,
                               rateWarning: "no EDF record duration keeps every rate exact; written "
                                   + changed.joined(separator: ", "))
    }
}

/// The shortest text that reads back as `value`, without a trailing ".0" ("256", "12.8").
func compactNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}
