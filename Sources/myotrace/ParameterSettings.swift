import ArgumentParser
import MyoDetect

/// `--param NAME=VALUE` for `analyze`: sets a detector parameter by the name `--list-params`
/// shows (`emg.maximumBurstDuration=0.25`, or without the prefix when the name is unique).
/// Values are in the units the list gives (seconds, Hz, ratios).
enum ParameterSettings {
    private static var emg: [(String, WritableKeyPath<EMGDetectorParameters, Double>)] { [
        ("highPass", \.highPass), ("envelopeWindow", \.envelopeWindow), ("baselineWindow", \.baselineWindow),
        ("baselineQuantile", \.baselineQuantile), ("onsetRatio", \.onsetRatio), ("offsetRatio", \.offsetRatio),
        ("minimumPowerRatio", \.minimumPowerRatio), ("offsetFractionOfPeak", \.offsetFractionOfPeak),
        ("minimumEvidence", \.minimumEvidence), ("minimumBurstDuration", \.minimumBurstDuration),
        ("maximumBurstDuration", \.maximumBurstDuration), ("mergeGap", \.mergeGap),
        ("minimumSilentPeriod", \.minimumSilentPeriod), ("maximumSilentPeriod", \.maximumSilentPeriod),
        ("silentRatio", \.silentRatio), ("minimumTonicToFloor", \.minimumTonicToFloor),
        ("quietBeforeSilentPeriod", \.quietBeforeSilentPeriod), ("silentPeriodContext", \.silentPeriodContext),
        ("minimumBurstFrequency", \.minimumBurstFrequency),
    ] }
    private static var motion: [(String, WritableKeyPath<MotionDetectorParameters, Double>)] { [
        ("gravityCutoff", \.gravityCutoff), ("transientLow", \.transientLow), ("transientHigh", \.transientHigh),
        ("movementLow", \.movementLow), ("movementHigh", \.movementHigh), ("envelopeWindow", \.envelopeWindow),
        ("baselineTimeConstant", \.baselineTimeConstant), ("onsetFactor", \.onsetFactor), ("jerkFactor", \.jerkFactor),
        ("offsetFactor", \.offsetFactor), ("minimumPeakG", \.minimumPeakG),
        ("minimumPeakDegreesPerSecond", \.minimumPeakDegreesPerSecond), ("minimumDuration", \.minimumDuration),
        ("maximumDuration", \.maximumDuration), ("movementRatio", \.movementRatio),
        ("movementLookAround", \.movementLookAround), ("sustainedMovementLevel", \.sustainedMovementLevel),
        ("sustainedMovementDuration", \.sustainedMovementDuration), ("lapseMaximumFrequency", \.lapseMaximumFrequency),
        ("lapseGravityShare", \.lapseGravityShare),
    ] }

    static var names: [String] { emg.map { "emg." + $0.0 } + motion.map { "motion." + $0.0 } }

    /// Applies every `NAME=VALUE`; throws a ValidationError naming a bad one.
    static func apply(_ settings: [String], to options: inout AnalysisOptions) throws {
        for setting in settings {
            guard let eq = setting.firstIndex(of: "=") else {
                throw ValidationError("--param \(setting): write NAME=VALUE, e.g. emg.maximumBurstDuration=0.25")
            }
            let name = String(setting[..<eq]).trimmingCharacters(in: .whitespaces)
            let text = String(setting[setting.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            guard let value = Double(text), value.isFinite else {
                throw ValidationError("--param \(name)=\(text): the value must be a number")
            }
            let emgHit = emg.first { "emg." + $0.0 == name || (!name.contains(".") && $0.0 == name) }
            let motionHit = motion.first { "motion." + $0.0 == name || (!name.contains(".") && $0.0 == name) }
            switch (emgHit, motionHit) {
            case let (e?, nil): options.emg[keyPath: e.1] = value
            case let (nil, m?): options.motion[keyPath: m.1] = value
            case (_?, _?):
                throw ValidationError("--param \(name): both detectors have it; write emg.\(name) or motion.\(name)")
            case (nil, nil):
                throw ValidationError("--param \(name): no such parameter (see --list-params)")
            }
        }
        try options.emg.validate()
        try options.motion.validate()
    }

    /// The parameter table `--list-params` prints.
    static func list(_ options: AnalysisOptions) -> String {
        let rows = (options.emg.described + options.motion.described).map { p in
            [p.name, p.value, p.isDefault ? "default" : "set", p.source]
        }
        return InfoText.table(header: ["parameter", "value", "", "source"], rows: rows, rightAligned: []).joined(separator: "\n")
    }
}
