import Foundation
import MyoSignal

/// How a motion sensor's samples are brought to the unit Myotrace reports: g for accelerometers,
/// deg/s for gyroscopes.
///
/// Reporting one unit per sensor kind makes jerks comparable across devices and lets the
/// detector's absolute floors (``MotionDetectorParameters/minimumPeakG``) mean the same thing
/// everywhere. An unrecognised unit is taken as already g or deg/s (the units wearables most often
/// store), and ``assumed`` says so, so a report can flag it.
struct MotionSensorUnit: Sendable, Equatable {
    /// Factor from the file's unit to the reported one.
    var scale: Float
    /// "g" or "deg/s".
    var reported: String
    /// Whether the file's unit was not recognised and the reported unit was assumed.
    var assumed: Bool

    /// Standard gravity, m/s² per g (CGPM 1901).
    static let standardGravity: Float = 9.80665

    init(unit: String, kind: ChannelKind) {
        let u = unit.trimmingCharacters(in: .whitespaces).lowercased()
        if kind == .gyro {
            reported = "deg/s"
            switch u {
            case "deg/s", "dps", "°/s", "deg s-1", "degree/s", "degrees/s", "deg/sec": (scale, assumed) = (1, false)
            case "rad/s", "rad s-1", "rad/sec": (scale, assumed) = (Float(180 / Double.pi), false)
            case "mdps", "mdeg/s": (scale, assumed) = (0.001, false)
            default: (scale, assumed) = (1, true)
            }
        } else {
            reported = "g"
            switch u {
            case "g": (scale, assumed) = (1, false)
            case "mg": (scale, assumed) = (0.001, false)
            case "m/s^2", "m/s2", "m/s²", "ms^-2", "m s-2", "m.s-2", "mss", "m/s/s":
                (scale, assumed) = (1 / Self.standardGravity, false)
            default: (scale, assumed) = (1, true)
            }
        }
    }

    /// A name for the sensor from its axis labels: their common prefix without trailing
    /// separators ("ACC_X", "ACC_Y", "ACC_Z" → "ACC"), else the labels joined with "/".
    static func sensorName(_ labels: [String]) -> String {
        guard let first = labels.first else { return "motion" }
        if labels.count == 1 { return first }
        var prefix = Substring(first)
        for label in labels.dropFirst() {
            while !prefix.isEmpty && !label.hasPrefix(prefix) { prefix = prefix.dropLast() }
        }
        let trimmed = prefix.trimmingCharacters(in: CharacterSet(charactersIn: " _-.:/"))
        return trimmed.count >= 2 ? trimmed : labels.joined(separator: "/")
    }
}
