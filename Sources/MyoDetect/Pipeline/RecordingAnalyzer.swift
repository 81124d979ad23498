import Foundation
import MyoFormats
import MyoSignal

/// Runs the detectors that fit each channel over a whole recording, streaming, and puts together
/// an `AnalysisResult`: fused events, long activity, the summary, the parameters used and,
/// when asked, example events for the report.
///
/// EMG channels get an `EMGDetector` (bursts and silent periods); accelerometer and gyroscope
/// channels are grouped into sensors (three axes together) and get a `MotionDetector`. The file
/// is read once chunk by chunk, so memory stays bounded by the detectors' look-back windows; a
/// second pass reads only the stretches around the gallery's example events.
///
/// Complexity: O(samples) for detection, O(events log events) for fusion and the summary.
public enum RecordingAnalyzer {
    /// The shortest recording with which a baseline can be estimated, in seconds (the EMG
    /// baseline spans about 1-2 s, docs/sources.md, signal processing; a few of them are needed).
    public static let minimumDuration = 5.0

    /// Detects the events of the recording behind `reader`.
    /// - Parameters:
    ///   - progress: called after each chunk with the share of the detection done (0...1).
    ///   - observer: called with every chunk of the detection pass, in order, so that analyses
    ///     needing each sample once can run in the same read (see `CharacterisationPass`).
    public static func analyze(reader: any RecordingReader, options: AnalysisOptions = .init(),
                               version: String, progress: ((Double) -> Void)? = nil,
                               observer: ((RecordingChunk) -> Void)? = nil) throws -> AnalysisResult {
        try options.emg.validate()
        try options.motion.validate()
        var header = reader.header
        let labels = header.channels.map(\.label)
        func resolve(_ name: String) throws -> Int {
            guard let i = header.channelIndex(named: name) else {
                throw AnalysisError.unknownChannel(file: reader.path, channel: name, channels: labels)
            }
            return i
        }
        for o in options.kindOverrides { header.channels[try resolve(o.channel)].kind = o.kind }
        let chosen = try options.channels.map { try $0.map(resolve) } ?? Array(header.channels.indices)
        var warnings = header.warnings

        let emgIndices = chosen.filter { header.channels[$0].kind == .emg }
        let motionIndices = chosen.filter { [.acc, .gyro].contains(header.channels[$0].kind) }
        if let explicit = options.channels {
            for (name, i) in zip(explicit, chosen)
            where !(emgIndices + motionIndices).contains(i) && !options.otherwiseAnalysedKinds.contains(header.channels[i].kind) {
                throw DetectorError.wrongChannelKind(channel: name, kind: header.channels[i].kind.rawValue,
                                                     detector: "analyze", expected: "EMG, accelerometer or gyroscope")
            }
        }
        let otherwiseAnalysed = chosen.contains { options.otherwiseAnalysedKinds.contains(header.channels[$0].kind) }
        if emgIndices.isEmpty && motionIndices.isEmpty && otherwiseAnalysed {
            warnings.append("no EMG, accelerometer or gyroscope channel: no jerks or lapses were looked for")
        }
        guard !emgIndices.isEmpty || !motionIndices.isEmpty || otherwiseAnalysed else {
            throw AnalysisError.noAnalysableChannel(file: reader.path,
                                                    channels: header.channels.map { "\($0.label) (\($0.kind))" })
        }
        guard header.duration >= minimumDuration else {
            throw AnalysisError.recordingTooShort(file: reader.path, seconds: header.duration, minimum: minimumDuration)
        }

        var emgDetectors: [(index: Int, detector: EMGDetector)] = []
        for i in emgIndices {
            let c = header.channels[i]
            emgDetectors.append((i, try EMGDetector(channelIndex: i, label: c.label, unit: c.unit,
                                                    sampleRate: c.sampleRate, parameters: options.emg)))
        }
        var motionDetectors: [(indices: [Int], detector: MotionDetector)] = []
        for group in MotionSensorGrouping.group(motionIndices, channels: header.channels) {
            let c = header.channels[group[0]]
            motionDetectors.append((group, try MotionDetector(channelIndices: group, labels: group.map { header.channels[$0].label },
                                                              unit: c.unit, sampleRate: c.sampleRate, kind: c.kind,
                                                              parameters: options.motion)))
        }

        var detections: [ChannelEvent] = []
        var longActivity: [LongActivity] = []
        var ranges = [ClosedRange<Float>?](repeating: nil, count: header.channels.count)
        let total = Double(max(1, chosen.reduce(0) { $0 + header.channels[$1].sampleCount }))
        var done = 0
        try reader.rewind()
        while let chunk = try reader.nextChunk() {
            observer?(chunk)
            for k in emgDetectors.indices {
                let samples = chunk.samples[emgDetectors[k].index]
                let out = emgDetectors[k].detector.process(samples)
                detections += out.events
                longActivity += out.longActivity
                done += samples.count
            }
            for k in motionDetectors.indices {
                let axes = motionDetectors[k].indices.map { chunk.samples[$0] }
                for (i, a) in zip(motionDetectors[k].indices, axes) { track(&ranges[i], a); done += a.count }
                let out = motionDetectors[k].detector.process(axes)
                detections += out.events
                longActivity += out.longActivity
            }
            progress?(min(1, Double(done) / total) * (options.gallerySize > 0 ? 0.9 : 1))
        }
        for k in emgDetectors.indices {
            let out = emgDetectors[k].detector.finish()
            detections += out.events
            longActivity += out.longActivity
            let label = header.channels[emgDetectors[k].index].label
            for w in emgDetectors[k].detector.warnings where w != .flat {  // flat channels are reported below
                warnings.append("channel \"\(label)\": \(w)")
            }
            if let hz = emgDetectors[k].detector.removedMainsFrequency {
                warnings.append("channel \"\(label)\": \(hz == hz.rounded() ? String(Int(hz)) : String(hz)) Hz mains hum found and removed")
            }
        }
        for k in motionDetectors.indices {
            let out = motionDetectors[k].detector.finish()
            detections += out.events
            longActivity += out.longActivity
        }
        // EMG detectors report flat channels themselves (above); motion channels are checked here.
        for i in emgIndices where emgDetectors.first(where: { $0.index == i })?.detector.warnings.contains(.flat) == true {
            warnings.append("channel \"\(header.channels[i].label)\" is flat (every sample has the same value): no event can be found on it")
        }
        for i in motionIndices {
            if let r = ranges[i], r.lowerBound == r.upperBound {
                warnings.append("channel \"\(header.channels[i].label)\" is flat (every sample is \(r.lowerBound) \(header.channels[i].unit)): no event can be found on it")
            } else if ranges[i] == nil {
                warnings.append("channel \"\(header.channels[i].label)\" has no samples")
            }
        }

        var events = options.fusion.fuse(detections)
        // With EMG recorded, the muscle is the reference: an accelerometer alone cannot tell a
        // jerk from a passive movement of the limb (the rebound after a lapse, a bump), so motion
        // detections count only when an EMG channel saw the event too. Without EMG (a wearable)
        // motion events stand on their own.
        var motionOnly = 0
        if !emgIndices.isEmpty && options.motionNeedsEMG {
            let before = events.count
            events.removeAll { e in e.channels.allSatisfy { $0.source == .motionJerk || $0.source == .motionLapse } }
            motionOnly = before - events.count
            if motionOnly > 0 {
                warnings.append("\(motionOnly) motion detections without an EMG counterpart were not counted (EMG is the reference when recorded; --motion-alone counts them)")
            }
        }
        longActivity.sort { ($0.onset, $0.channelIndex) < ($1.onset, $1.channelIndex) }
        let analysable = (emgIndices + motionIndices).map { header.channels[$0].duration }.max() ?? header.duration
        var summary = SummaryBuilder.summarize(events: events, longActivity: longActivity, analysableSeconds: analysable)
        summary.uncorroboratedMotionCount = motionOnly

        var analysed: [AnalysedChannel] = emgIndices.map { i in
            let c = header.channels[i]
            return AnalysedChannel(index: i, label: c.label, kind: c.kind.rawValue, unit: c.unit, sampleRate: c.sampleRate,
                                   detectors: options.emg.detectSilentPeriods ? ["emgBurst", "emgSilentPeriod"] : ["emgBurst"])
        }
        // A motion sensor is one row: its events carry the sensor's name, not an axis.
        analysed += motionDetectors.map { m in
            let c = header.channels[m.indices[0]]
            return AnalysedChannel(index: m.indices[0], label: m.detector.sensorLabel, kind: c.kind.rawValue, unit: c.unit,
                                   sampleRate: c.sampleRate, detectors: ["motionJerk", "motionLapse"])
        }
        analysed.sort { $0.index < $1.index }

        let snippets = options.gallerySize > 0
            ? try SnippetCollector.collect(reader: reader, header: header, events: events, count: options.gallerySize,
                                           emg: options.emg, motion: options.motion, motionGroups: motionDetectors.map(\.indices))
            : []
        progress?(1)
        var parameters = options.emg.described
        if !motionDetectors.isEmpty { parameters += options.motion.described }
        parameters += [
            Parameter(name: "fusion.window", value: "\(options.fusion.window) s",
                      source: "docs/sources.md: agonist-antagonist synchrony (Hallett 1977) and propriospinal spread 3-11 m/s (Brown 1994)"),
            Parameter(name: "fusion.motionWindow", value: "\(options.fusion.motionWindow) s",
                      source: "engineering: the mechanical response lags the EMG by tens of ms"),
        ]
        return AnalysisResult(file: reader.path, format: header.format.rawValue,
                              start: header.start.map(RecordingDescription.isoString),
                              durationSeconds: header.duration, channels: analysed, events: events,
                              longActivity: longActivity, summary: summary, parameters: parameters,
                              warnings: warnings, snippets: snippets, version: version)
    }

    private static func track(_ range: inout ClosedRange<Float>?, _ samples: [Float]) {
        guard var lo = samples.first(where: \.isFinite) else { return }
        var hi = lo
        samples.withUnsafeBufferPointer { b in
            for x in b where x.isFinite {
                if x < lo { lo = x }
                if x > hi { hi = x }
            }
        }
        if let r = range { range = min(r.lowerBound, lo)...max(r.upperBound, hi) } else { range = lo...hi }
    }
}
