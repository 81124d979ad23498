/// A column heading split into a label and a unit: "EMG [uV]", "acc_x (g)", "accX_m/s^2",
/// "x [m/s²]", "gyro_z (deg/s)".
struct CSVColumnName: Equatable {
    var label: String
    var unit: String

    /// Units recognised after an underscore ("accX_m/s^2", "emg_uV"), where brackets are absent.
    private static let suffixUnits: Set<String> = [
        "g", "mg", "m/s^2", "m/s2", "m/s²", "deg/s", "dps", "rad/s", "uv", "µv", "μv", "mv", "v",
        "s", "ms", "hz", "bpm", "°/s", "ut", "mt", "degc", "°c", "%",
    ]

    init(label: String, unit: String) {
        self.label = label
        self.unit = unit
    }

    /// Splits `heading`. Complexity: O(length).
    init(_ heading: String) {
        let h = heading.trimmingCharacters(in: .whitespaces)
        for (open, close) in [("[", "]"), ("(", ")")] where h.hasSuffix(close) {
            if let o = h.range(of: open, options: .backwards) {
                label = String(h[..<o.lowerBound]).trimmingCharacters(in: .whitespaces)
                unit = Self.normalise(String(h[o.upperBound..<h.index(before: h.endIndex)]))
                if !label.isEmpty { return }
            }
        }
        var scan = h.startIndex
        while let underscore = h[scan...].firstIndex(of: "_") {
            let rest = String(h[h.index(after: underscore)...])
            if Self.suffixUnits.contains(rest.lowercased()), underscore > h.startIndex {
                label = String(h[..<underscore])
                unit = Self.normalise(rest)
                return
            }
            scan = h.index(after: underscore)
        }
        label = h
        unit = ""
    }

    /// One spelling per unit: "m/s^2" for every way of writing metres per second squared,
    /// "deg/s" for degrees per second, "uV" for microvolts.
    static func normalise(_ unit: String) -> String {
        let u = unit.trimmingCharacters(in: .whitespaces)
        switch u.lowercased() {
        case "m/s^2", "m/s2", "m/s²", "ms^-2", "ms-2", "m s-2", "m.s-2", "m·s⁻²", "m*s^-2", "mss": return "m/s^2"
        case "deg/s", "dps", "°/s", "deg s-1", "degree/s", "degrees/s", "deg/sec": return "deg/s"
        case "uv", "µv", "μv", "microvolt", "microvolts": return "uV"
        case "mv": return "mV"
        case "g": return "g"
        case "mg": return "mg"
        default: return u
        }
    }
}
