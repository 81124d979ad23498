import Foundation

extension SimulationConfig {
    /// The longest recording Myotrace simulates: 31 days keeps every sample count far inside
    /// `Int` and the planned event list to a few megabytes.
    public static let maximumDurationSeconds: Double = 31 * 86_400

    /// Checks every setting, so a simulation never traps, allocates without bound or silently
    /// produces something other than what was asked.
    /// - Throws: ``SimulationError/invalidParameter(parameter:value:reason:)`` naming the key path.
    /// Complexity: O(number of muscles).
    public func validate() throws(SimulationError) {
        try check("durationSeconds", durationSeconds, durationSeconds > 0 && durationSeconds <= Self.maximumDurationSeconds,
                  "must be more than 0 and at most 31 days (2678400 s)")
        guard Self.parseDate(startDate) != nil else {
            throw .invalidParameter(parameter: "startDate", value: startDate, reason: "not an ISO 8601 date such as 2024-01-01T08:00:00Z")
        }
        try check("emg.sampleRate", emg.sampleRate, emg.sampleRate >= 250 && emg.sampleRate <= 4000 && emg.sampleRate == emg.sampleRate.rounded(),
                  "must be a whole number of Hz from 250 to 4000")
        guard !emg.muscles.isEmpty, emg.muscles.count <= 64 else {
            throw .invalidParameter(parameter: "emg.muscles", value: "\(emg.muscles.count) muscles", reason: "give 1 to 64 muscles")
        }
        for (i, m) in emg.muscles.enumerated() {
            let key = "emg.muscles[\(i)]"
            guard !m.label.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidParameter(parameter: "\(key).label", value: "\"\(m.label)\"", reason: "a muscle needs a label")
            }
            try check("\(key).distanceCm", m.distanceCm, m.distanceCm >= 0 && m.distanceCm <= 300, "must be 0 to 300 cm")
            try check("\(key).burstGain", m.burstGain, m.burstGain >= 0 && m.burstGain <= 10, "must be 0 to 10")
            try check("\(key).tonicGain", m.tonicGain, m.tonicGain >= 0 && m.tonicGain <= 10, "must be 0 to 10")
        }
        try check("emg.spreadVelocity", emg.spreadVelocity, emg.spreadVelocity >= 0.5 && emg.spreadVelocity <= 200, "must be 0.5 to 200 m/s")
        try range("emg.carrierBandHz", emg.carrierBandHz, 1...2000)
        guard emg.carrierBandHz.lowerBound < 0.45 * emg.sampleRate - 1 else {
            throw .invalidParameter(parameter: "emg.carrierBandHz", value: "\(emg.carrierBandHz)", reason: "the lower edge must be below 0.45 × emg.sampleRate")
        }
        try check("emg.restingNoiseUV", emg.restingNoiseUV, emg.restingNoiseUV > 0 && emg.restingNoiseUV <= 100, "must be more than 0 and at most 100 µV")

        try check("motion.sampleRate", motion.sampleRate, motion.sampleRate >= 10 && motion.sampleRate <= 1000 && motion.sampleRate == motion.sampleRate.rounded(),
                  "must be a whole number of Hz from 10 to 1000")
        try check("motion.sensorNoiseG", motion.sensorNoiseG, motion.sensorNoiseG >= 0 && motion.sensorNoiseG <= 1, "must be 0 to 1 g")
        try check("motion.swayG", motion.swayG, motion.swayG >= 0 && motion.swayG <= 1, "must be 0 to 1 g")
        try check("motion.gyroNoiseDps", motion.gyroNoiseDps, motion.gyroNoiseDps >= 0 && motion.gyroNoiseDps <= 100, "must be 0 to 100 deg/s")
        try check("motion.gyroDpsPerG", motion.gyroDpsPerG, motion.gyroDpsPerG >= 0 && motion.gyroDpsPerG <= 2000, "must be 0 to 2000")

        try rate("positive.ratePerMinute", positive.ratePerMinute, maximum: 300)
        try range("positive.durationMs", positive.durationMs, 5...1000)
        try range("positive.amplitudeUV", positive.amplitudeUV, 1...5000)
        try range("positive.riseMs", positive.riseMs, 0.5...100)
        try range("positive.fallMs", positive.fallMs, 0.5...200)
        try check("positive.clusterProbability", positive.clusterProbability, (0...1).contains(positive.clusterProbability), "must be 0 to 1")
        guard positive.clusterSize.lowerBound >= 2, positive.clusterSize.upperBound <= 20 else {
            throw .invalidParameter(parameter: "positive.clusterSize", value: "\(positive.clusterSize)", reason: "a cluster has 2 to 20 bursts")
        }
        try range("positive.clusterGapMs", positive.clusterGapMs, 10...5000)
        try check("positive.accPeakGPer100uV", positive.accPeakGPer100uV, positive.accPeakGPer100uV >= 0 && positive.accPeakGPer100uV <= 2, "must be 0 to 2 g")
        try range("positive.accDelayMs", positive.accDelayMs, 0...500)

        try rate("voluntary.ratePerMinute", voluntary.ratePerMinute, maximum: 20)
        try range("voluntary.durationS", voluntary.durationS, 0.2...30)
        try range("voluntary.amplitudeUV", voluntary.amplitudeUV, 1...5000)
        try range("voluntary.rampMs", voluntary.rampMs, 1...2000)
        guard 2 * voluntary.rampMs.upperBound <= 1000 * voluntary.durationS.lowerBound else {
            throw .invalidParameter(parameter: "voluntary.rampMs", value: "\(voluntary.rampMs)", reason: "two ramps must fit in the shortest contraction (voluntary.durationS)")
        }
        try range("voluntary.accPeakG", voluntary.accPeakG, 0...2)

        try range("tonic.segmentDurationS", tonic.segmentDurationS, 2...3600)
        try range("tonic.gapS", tonic.gapS, 0.5...86_400)
        try range("tonic.levelUV", tonic.levelUV, 1...1000)
        try check("tonic.modulation", tonic.modulation, (0...0.9).contains(tonic.modulation), "must be 0 to 0.9")

        try rate("negative.ratePerMinuteOfTonic", negative.ratePerMinuteOfTonic, maximum: 60)
        try range("negative.durationMs", negative.durationMs, 20...1000)
        try check("negative.residualFraction", negative.residualFraction, (0...1).contains(negative.residualFraction), "must be 0 to 1")
        try range("negative.accDipG", negative.accDipG, 0...2)

        try rate("rhythmic.runsPerHour", rhythmic.runsPerHour, maximum: 600)
        try check("rhythmic.rateHz", rhythmic.rateHz, rhythmic.rateHz >= 0.2 && rhythmic.rateHz <= 15, "must be 0.2 to 15 Hz")
        guard rhythmic.burstsPerRun.lowerBound >= 2, rhythmic.burstsPerRun.upperBound <= 1000 else {
            throw .invalidParameter(parameter: "rhythmic.burstsPerRun", value: "\(rhythmic.burstsPerRun)", reason: "a run has 2 to 1000 bursts")
        }
        try range("rhythmic.durationMs", rhythmic.durationMs, 5...1000)
        guard rhythmic.durationMs.upperBound / 1000 < 0.8 / rhythmic.rateHz else {
            throw .invalidParameter(parameter: "rhythmic.durationMs", value: "\(rhythmic.durationMs)", reason: "bursts must be shorter than 80 % of the interval 1/rhythmic.rateHz")
        }
        try range("rhythmic.amplitudeUV", rhythmic.amplitudeUV, 1...5000)

        try range("walking.boutDurationS", walking.boutDurationS, 2...86_400)
        try range("walking.gapS", walking.gapS, 1...86_400)
        try range("walking.cadenceStepsPerMinute", walking.cadenceStepsPerMinute, 30...200)
        try range("walking.peakG", walking.peakG, 0...4)

        guard artefacts.mainsHz == 50 || artefacts.mainsHz == 60 else {
            throw .invalidParameter(parameter: "artefacts.mainsHz", value: "\(artefacts.mainsHz)", reason: "mains is 50 or 60 Hz")
        }
        try check("artefacts.mainsUV", artefacts.mainsUV, artefacts.mainsUV >= 0 && artefacts.mainsUV <= 5000, "must be 0 to 5000 µV")
        try check("artefacts.mainsHarmonicUV", artefacts.mainsHarmonicUV, artefacts.mainsHarmonicUV >= 0 && artefacts.mainsHarmonicUV <= 5000, "must be 0 to 5000 µV")
        try check("artefacts.baselineWanderUV", artefacts.baselineWanderUV, artefacts.baselineWanderUV >= 0 && artefacts.baselineWanderUV <= 5000, "must be 0 to 5000 µV")
        try check("artefacts.ecgUV", artefacts.ecgUV, artefacts.ecgUV >= 0 && artefacts.ecgUV <= 5000, "must be 0 to 5000 µV")
        try check("artefacts.heartRateBPM", artefacts.heartRateBPM, artefacts.heartRateBPM >= 20 && artefacts.heartRateBPM <= 250, "must be 20 to 250 beats per minute")
        try rate("artefacts.electrodePopsPerHour", artefacts.electrodePopsPerHour, maximum: 3600)
        try range("artefacts.popUV", artefacts.popUV, 1...5000)
        try validateEEG()
    }

    /// The start date, parsed.
    public var start: Date? { Self.parseDate(startDate) }

    static func parseDate(_ text: String) -> Date? {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }

    private func check(_ key: String, _ value: Double, _ ok: Bool, _ reason: String) throws(SimulationError) {
        guard value.isFinite, ok else { throw .invalidParameter(parameter: key, value: "\(value)", reason: reason) }
    }

    private func rate(_ key: String, _ value: Double, maximum: Double) throws(SimulationError) {
        try check(key, value, value >= 0 && value <= maximum, "must be 0 (off) to \(Int(maximum))")
    }

    private func range(_ key: String, _ r: ClosedRange<Double>, _ allowed: ClosedRange<Double>) throws(SimulationError) {
        guard r.lowerBound.isFinite, r.upperBound.isFinite, allowed.contains(r.lowerBound), allowed.contains(r.upperBound) else {
            throw .invalidParameter(parameter: key, value: "[\(r.lowerBound), \(r.upperBound)]",
                                    reason: "must lie within [\(allowed.lowerBound), \(allowed.upperBound)]")
        }
    }

    /// Reads a configuration from JSON that gives only the settings it changes: the JSON is laid
    /// over `base` key by key (arrays such as `emg.muscles` are replaced whole), and any key
    /// `SimulationConfig` does not have is an error rather than silently ignored.
    /// - Throws: ``SimulationError``; the result is not yet validated (call ``validate()``).
    public static func decode(json data: Data, over base: SimulationConfig = .init()) throws(SimulationError) -> SimulationConfig {
        do {
            let baseObject = try JSONSerialization.jsonObject(with: JSONEncoder().encode(base))
            let overlay = try JSONSerialization.jsonObject(with: data)
            let merged = try merge(overlay, onto: baseObject, path: "")
            return try JSONDecoder().decode(SimulationConfig.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let error as SimulationError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw .malformedConfig(reason: "\(path.hasPrefix(".") ? String(path.dropFirst()) : path): \(context.debugDescription)")
        } catch {
            throw .malformedConfig(reason: "not valid JSON (\((error as NSError).localizedDescription))")
        }
    }

    private static func merge(_ overlay: Any, onto base: Any, path: String) throws -> Any {
        guard let o = overlay as? [String: Any], let b = base as? [String: Any] else { return overlay }
        var result = b
        for (key, value) in o {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard let existing = b[key] else { throw SimulationError.unknownKey(path: keyPath, known: b.keys.sorted()) }
            result[key] = try merge(value, onto: existing, path: keyPath)
        }
        return result
    }

    /// The configuration as pretty JSON with sorted keys, to save and edit.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
