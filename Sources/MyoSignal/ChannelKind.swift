import Foundation

/// What a channel measures, which decides the detectors that run on it.
///
/// Myotrace infers the kind from what a recording file says about a channel (its label,
/// transducer and physical unit) with ``ChannelKind/infer(label:transducer:unit:)``. Inference is
/// a best guess: a user can always override it (`myotrace analyze --kind "Chan 3=emg"`).
public enum ChannelKind: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Surface or needle electromyogram.
    case emg
    /// Electroencephalogram (scalp electrodes, 10-20 or 10-10 names).
    case eeg
    /// Electrocardiogram.
    case ecg
    /// Electro-oculogram.
    case eog
    /// Accelerometer axis or magnitude.
    case acc
    /// Gyroscope axis or magnitude.
    case gyro
    /// Respiration: airflow, effort belts, abdominal or chest motion.
    case resp
    /// Sound (a microphone or a phone's audio clip).
    case audio
    /// An EDF+/BDF+ annotation channel; it carries text, not samples.
    case annotation
    /// Anything else: temperature, light, triggers, status channels.
    case other

    public var description: String { rawValue }

    /// Parses a user-supplied kind such as `emg`, `EEG` or `accelerometer`.
    public init?(userText: String) {
        let t = userText.lowercased().trimmingCharacters(in: .whitespaces)
        if let k = ChannelKind(rawValue: t) { self = k; return }
        switch t {
        case "accelerometer", "accel", "accelerometry": self = .acc
        case "gyroscope": self = .gyro
        case "respiration", "breathing": self = .resp
        case "sound", "microphone", "mic": self = .audio
        case "annotations": self = .annotation
        default: return nil
        }
    }

    /// Infers the kind of a channel from its label, transducer description and physical unit.
    ///
    /// The rules, in order: the EDF+ annotation label; an explicit type prefix or keyword in the
    /// label or transducer (as EDF+ advises: "EEG Fpz-Cz", "EMG Chin"); a 10-20/10-10 electrode
    /// name; then the physical unit (g or m/s² means an accelerometer, deg/s a gyroscope).
    /// Unknown channels are `.other`, never guessed as EMG.
    ///
    /// Complexity: O(length of the strings).
    public static func infer(label: String, transducer: String = "", unit: String = "") -> ChannelKind {
        let l = label.trimmingCharacters(in: .whitespaces)
        let lower = l.lowercased()
        if lower == "edf annotations" || lower == "bdf annotations" { return .annotation }
        let words = Self.tokens(lower)
        let trans = transducer.lowercased()
        let transWords = Self.tokens(trans)

        func has(_ keys: [String], in ws: [String]) -> Bool { ws.contains { keys.contains($0) } }
        func hasPrefix(_ keys: [String], in ws: [String]) -> Bool {
            ws.contains { w in keys.contains { w.hasPrefix($0) } }
        }

        // Explicit signal type words, label first, then transducer.
        let table: [(ChannelKind, [String], [String])] = [
            (.emg, ["emg", "semg", "chin", "submental", "tibialis", "tib", "lat", "rat", "leg", "legs",
                    "deltoid", "biceps", "triceps", "fdi", "apb", "ecr", "fcr", "masseter", "scm",
                    "sternocleidomastoid", "rectus", "quadriceps", "gastrocnemius", "soleus", "muscle",
                    "extensor", "flexor", "trapezius", "paraspinal"],
             ["emg", "tibia", "tibialis", "delt", "bicep", "tricep"]),
            (.ecg, ["ecg", "ekg", "heart", "cardiac"], []),
            (.eog, ["eog", "loc", "roc", "e1", "e2", "heog", "veog", "eye"], []),
            (.acc, ["acc", "accel", "acceleration", "accelerometer", "accx", "accy", "accz"], ["accel", "acceleration"]),
            (.gyro, ["gyro", "gyroscope", "gyrx", "gyry", "gyrz", "angular"], ["gyro"]),
            (.resp, ["resp", "respiration", "thorax", "thoracic", "abdomen", "abdominal", "abdo", "chest",
                     "airflow", "flow", "nasal", "oronasal", "effort", "belt", "pressure"], []),
            (.audio, ["audio", "sound", "mic", "microphone", "snore"], ["microphone"]),
            (.eeg, ["eeg"], []),
        ]
        for (kind, prefixes, transducerPrefixes) in table {
            if has(prefixes, in: words) { return kind }
            if !transducerPrefixes.isEmpty && hasPrefix(transducerPrefixes, in: transWords) { return kind }
        }
        if has(["emg"], in: transWords) || trans.contains("emg") { return .emg }
        if trans.contains("ecg") || trans.contains("ekg") { return .ecg }
        if trans.contains("eeg") { return .eeg }

        // Electrode names of the 10-20 and 10-10 systems, alone or as a derivation (C3-A2).
        let electrodeParts = lower.split(whereSeparator: { "-:/ ".contains($0) }).map(String.init)
        if let first = electrodeParts.first, TenTwenty.names.contains(first) { return .eeg }

        // Physical units.
        let u = unit.trimmingCharacters(in: .whitespaces).lowercased()
        switch u {
        case "g", "mg", "m/s^2", "m/s2", "m/s²", "ms^-2", "m s-2", "m.s-2", "mss": return .acc
        case "deg/s", "dps", "°/s", "rad/s", "deg s-1", "degree/s", "degrees/s": return .gyro
        default: break
        }
        // Axis-only labels in a motion sensor export ("X", "Y", "Z", "ax") with a motion unit
        // were handled above; with no unit they stay `.other`.
        return .other
    }

    private static func tokens(_ s: String) -> [String] {
        s.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
            + s.split(whereSeparator: { !$0.isLetter }).map(String.init)
    }
}

/// Electrode names of the international 10-20 system and its 10-10 extension, lower-cased,
/// with the old temporal names (T3/T4/T5/T6) and the mastoid and ear references.
enum TenTwenty {
    static let names: Set<String> = {
        var s: Set<String> = ["fp1", "fp2", "fpz", "f3", "f4", "f7", "f8", "fz", "c3", "c4", "cz",
                              "p3", "p4", "pz", "o1", "o2", "oz", "t3", "t4", "t5", "t6", "t7", "t8",
                              "p7", "p8", "a1", "a2", "m1", "m2", "nz", "iz", "poz", "cpz", "fcz", "afz"]
        let rows = ["af", "f", "fc", "c", "cp", "p", "po", "ft", "tp", "t", "o"]
        for r in rows { for n in 1...10 { s.insert("\(r)\(n)") } }
        return s
    }()
}
