import Foundation
import MyoFormats
import MyoSignal

/// A recording that is generated, not read: a ``RecordingReader`` over a ``SimulationConfig``
/// with exact ground truth, for tests, demos and checking a detector's settings.
///
/// ```swift
/// var config = SimulationConfig(); config.durationSeconds = 86_400
/// let recording = try SimulatedRecording(config: config)
/// try RecordingConverter.convert(reader: recording, to: "day.edf", format: .edfPlus)
/// let truth = recording.truth
/// ```
/// The events are planned once at creation (O(events) memory); samples are synthesised chunk by
/// chunk from the events that overlap each chunk, so a day-long recording streams in a few
/// megabytes. The samples do not depend on the chunk length, and ``rewind()`` gives the same
/// samples again. Not safe to share between tasks (it has a read position).
public final class SimulatedRecording: RecordingReader {
    public let config: SimulationConfig
    public let header: RecordingHeader
    /// A name for messages: `simulation(seed 1, 600 s)`.
    public var path: String { "simulation(seed \(config.seed), \(config.durationSeconds) s)" }
    /// The scored events (positive, negative, voluntary), sorted by onset.
    public let truth: [SimulatedEvent]
    /// Context that is not scored: tonic segments, walking bouts and electrode pops, sorted by onset.
    public let context: [SimulatedEvent]

    private let plan: SimulationPlan
    private let chunkSeconds: Int
    private var emg: EMGSynthesizer
    private var motion: MotionSynthesizer
    private var eeg: EEGSynthesizer?
    private var chunkIndex = 0
    private let emgCount: Int
    private let motionCount: Int
    private let eegCount: Int
    /// Accelerometer and gyroscope channels, listed after the EMG channels.
    private let motionChannelCount: Int

    /// Plans a simulation.
    /// - Parameter chunkSeconds: seconds per chunk (1...60); changes memory per chunk, never the samples.
    /// - Throws: ``SimulationError`` for an invalid configuration.
    /// Complexity: O(events · log events) to plan.
    public init(config: SimulationConfig, chunkSeconds: Int = 4) throws(SimulationError) {
        try config.validate()
        guard (1...60).contains(chunkSeconds) else {
            throw .invalidParameter(parameter: "chunkSeconds", value: "\(chunkSeconds)", reason: "must be 1 to 60")
        }
        self.config = config
        self.chunkSeconds = chunkSeconds
        plan = SimulationPlan(config: config)
        emg = try EMGSynthesizer(config: config, plan: plan)
        motion = MotionSynthesizer(config: config, plan: plan)
        let emgCount = Int((config.durationSeconds * config.emg.sampleRate).rounded(.down))
        let motionCount = Int((config.durationSeconds * config.motion.sampleRate).rounded(.down))
        self.emgCount = emgCount
        self.motionCount = motionCount
        let eegCount = config.eeg.enabled ? Int((config.durationSeconds * config.eeg.sampleRate).rounded(.down)) : 0
        self.eegCount = eegCount
        eeg = config.eeg.enabled ? EEGSynthesizer(config: config, plan: plan) : nil

        let emgRange = EMGSynthesizer.bound(config)
        var channels = config.emg.muscles.map { m in
            ChannelInfo(label: m.label, kind: .emg, unit: "uV", sampleRate: config.emg.sampleRate, sampleCount: emgCount,
                        transducer: "simulated surface EMG", prefilter: "none",
                        physicalRange: -emgRange...emgRange)
        }
        // The gyroscope's recordings always carry the accelerometer too (as every IMU does).
        if config.motion.accelerometer || config.motion.gyroscope {
            let a = MotionSynthesizer.accBound(config)
            for axis in ["X", "Y", "Z"] {
                channels.append(ChannelInfo(label: "ACC \(axis)", kind: .acc, unit: "g", sampleRate: config.motion.sampleRate,
                                            sampleCount: motionCount, transducer: "simulated accelerometer", physicalRange: -a...a))
            }
        }
        if config.motion.gyroscope {
            let g = MotionSynthesizer.gyroBound(config)
            for axis in ["X", "Y", "Z"] {
                channels.append(ChannelInfo(label: "GYRO \(axis)", kind: .gyro, unit: "deg/s", sampleRate: config.motion.sampleRate,
                                            sampleCount: motionCount, transducer: "simulated gyroscope", physicalRange: -g...g))
            }
        }
        motionChannelCount = channels.count - config.emg.muscles.count
        if config.eeg.enabled {
            let bound = EEGSynthesizer.bound(config)
            for c in config.eeg.channels {
                channels.append(ChannelInfo(label: c.label, kind: .eeg, unit: "uV", sampleRate: config.eeg.sampleRate,
                                            sampleCount: eegCount, transducer: "simulated EEG", prefilter: "none",
                                            physicalRange: -bound...bound))
            }
        }
        header = RecordingHeader(format: .edfPlus, start: config.start,
                                 subject: SubjectInfo(code: "SIMULATED"),
                                 recordingInfo: RecordingInfoFields(administrationCode: "seed_\(config.seed)", equipment: "myotrace_simulate"),
                                 channels: channels, duration: config.durationSeconds)
        let all = plan.events.map(\.truth)
        truth = all.filter(\.isScored)
        context = (all.filter { !$0.isScored } + plan.tonic.map(\.truth) + plan.walking.map(\.truth)).sorted { $0.onset < $1.onset }
    }

    /// The labels of the EMG channels, in order (the columns of the truth latencies).
    public var emgLabels: [String] { config.emg.muscles.map(\.label) }

    /// The labels of the EEG channels, in order (empty when the EEG is off).
    public var eegLabels: [String] { config.eeg.enabled ? config.eeg.channels.map(\.label) : [] }

    /// The next `chunkSeconds` of every channel, or `nil` after the end. O(chunk samples).
    public func nextChunk() throws -> RecordingChunk? {
        let start = chunkIndex * chunkSeconds
        let emgFirst = start * Int(config.emg.sampleRate)
        let motionFirst = start * Int(config.motion.sampleRate)
        let eegFirst = start * Int(config.eeg.sampleRate)
        guard emgFirst < emgCount || (motionChannelCount > 0 && motionFirst < motionCount) || eegFirst < eegCount else { return nil }
        chunkIndex += 1
        let emgN = max(0, min(emgCount - emgFirst, chunkSeconds * Int(config.emg.sampleRate)))
        let motionN = max(0, min(motionCount - motionFirst, chunkSeconds * Int(config.motion.sampleRate)))
        var samples: [[Float]] = []
        var firsts: [Int] = []
        for i in config.emg.muscles.indices {
            samples.append(emgN > 0 ? emg.samples(channel: i, first: emgFirst, count: emgN) : [])
            firsts.append(emgFirst)
        }
        if motionChannelCount > 0 {
            let end = samples.count + motionChannelCount
            let axes = motionN > 0 ? motion.samples(first: motionFirst, count: motionN)
                : [[Float]](repeating: [], count: motionChannelCount)
            for axis in axes where samples.count < end {
                samples.append(axis)
                firsts.append(motionFirst)
            }
        }
        if eeg != nil {
            let eegN = max(0, min(eegCount - eegFirst, chunkSeconds * Int(config.eeg.sampleRate)))
            for i in config.eeg.channels.indices {
                samples.append(eegN > 0 ? eeg?.samples(channel: i, first: eegFirst, count: eegN) ?? [] : [])
                firsts.append(eegFirst)
            }
        }
        return RecordingChunk(onset: Double(start), firstSample: firsts, samples: samples)
    }

    /// Back to the first sample; the same samples follow.
    public func rewind() throws {
        chunkIndex = 0
        emg.reset()
        motion.reset()
        eeg?.reset()
    }

    /// The truth and the context as annotations (``SimulatedEvent/annotation(channelLabels:)``), by onset.
    public func annotations() throws -> [Annotation] {
        (truth + context).sorted { $0.onset < $1.onset }.map { $0.annotation(channelLabels: emgLabels) }
    }

    /// The times of the simulated ECG beats (empty when the ECG artefact is off).
    public var ecgBeats: [Double] { config.artefacts.ecgUV > 0 ? emg.ecgBeats(until: config.durationSeconds) : [] }
}
