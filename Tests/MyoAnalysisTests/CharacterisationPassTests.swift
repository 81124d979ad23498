import MyoDetect
import MyoFormats
import MyoSignal
import Testing
@testable import MyoAnalysis

/// The streaming characterisations fed during detection's read give exactly what a pass of
/// their own over the file gives.
@Suite("Characterisation during the detection pass")
struct CharacterisationPassTests {
    /// A cortical simulation: two EMG channels (agonist and antagonist).
    private static func recording(seconds: Double = 120) throws -> SimulatedRecording {
        var config = SimulationConfig.preset(.cortical)
        config.durationSeconds = seconds
        config.seed = 4
        config.motion.accelerometer = false
        return try SimulatedRecording(config: config)
    }

    @Test func oneEMGChannelIsFollowedDuringDetection() throws {
        let recording = try Self.recording()
        let emg = try #require(recording.header.channels.first { $0.kind == .emg })
        var options = CharacterisationOptions()
        options.channels = [emg.label]

        var pass = CharacterisationPass(header: recording.header, options: options)
        #expect(pass.needsSamples)
        #expect(pass.envelope?.channel == recording.header.channelIndex(named: emg.label))
        let analysis = try RecordingAnalyzer.analyze(reader: recording, options: AnalysisOptions(channels: [emg.label]),
                                                     version: "test", observer: { pass.feed($0) })
        let fed = try Characteriser.run(reader: recording, analysis: analysis, options: options, pass: pass)
        let own = try Characteriser.run(reader: recording, analysis: analysis, options: options)
        #expect(fed.rhythm?.envelope != nil)
        #expect(fed == own)

        // A pass that saw no samples gives no envelope: the comparison above can fail.
        let unfed = try Characteriser.run(reader: recording, analysis: analysis, options: options,
                                          pass: CharacterisationPass(header: recording.header, options: options))
        #expect(unfed.rhythm?.envelope == nil)
    }

    @Test func severalEMGChannelsReadTheBusiestAgain() throws {
        // Which of the two saw the most jerks is known only after detection.
        let recording = try Self.recording()
        #expect(recording.header.channels.filter { $0.kind == .emg }.count >= 2)
        var pass = CharacterisationPass(header: recording.header)
        #expect(pass.envelope == nil)
        let analysis = try RecordingAnalyzer.analyze(reader: recording, version: "test", observer: { pass.feed($0) })
        let fed = try Characteriser.run(reader: recording, analysis: analysis, pass: pass)
        let own = try Characteriser.run(reader: recording, analysis: analysis)
        #expect(fed.rhythm?.envelope != nil)
        #expect(fed == own)
    }

    @Test func backAveragingAndCoherenceShareOneReadWithTheEnvelope() throws {
        // Two EMG channels (the envelope of the busiest is read after detection) and EEG.
        var config = SimulationConfig.preset(.cortical)
        config.durationSeconds = 240
        config.seed = 4
        config.motion.accelerometer = false
        config.eeg.enabled = true
        let recording = try SimulatedRecording(config: config)
        let analysis = try RecordingAnalyzer.analyze(reader: recording, version: "test")
        let counted = RewindCountingReader(recording)
        let shared = try Characteriser.run(reader: counted, analysis: analysis)
        #expect(counted.rewinds == 1)

        // The same as each analysis reading for itself, on the channel that saw the most jerks.
        let busiest = try #require(shared.coherence?.emgChannel)
        let averager = BackAverager()
        let own = try averager.analyze(reader: recording, triggers: averager.triggers(from: analysis.events, channel: busiest))
        #expect(own.backAveraging.contains { $0.epochsUsed > 0 })
        #expect(shared.backAveraging == own)
        #expect(shared.coherence == (try CoherenceAnalyzer().analyze(reader: recording, emgChannel: busiest)))
        #expect(shared.rhythm?.envelope != nil)
    }

    @Test func kindOverridesAndChannelChoiceDecideWhatIsFollowed() throws {
        let recording = try Self.recording(seconds: 30)
        let emg = try #require(recording.header.channels.first { $0.kind == .emg })
        var options = CharacterisationOptions()
        options.kindOverrides = [(emg.label, .resp)]
        options.channels = [emg.label]
        let pass = CharacterisationPass(header: recording.header, options: options)
        #expect(pass.envelope == nil)
        #expect(pass.hiccupDetectors.map(\.index) == [recording.header.channelIndex(named: emg.label)])
    }
}

/// A reader that counts how often it is sent back to the start: how many reads an analysis makes.
private final class RewindCountingReader: RecordingReader {
    private let inner: any RecordingReader
    private(set) var rewinds = 0

    init(_ inner: any RecordingReader) { self.inner = inner }

    var header: RecordingHeader { inner.header }
    var path: String { inner.path }
    func nextChunk() throws -> RecordingChunk? { try inner.nextChunk() }
    func rewind() throws {
        rewinds += 1
        try inner.rewind()
    }
    func annotations() throws -> [Annotation] { try inner.annotations() }
}
