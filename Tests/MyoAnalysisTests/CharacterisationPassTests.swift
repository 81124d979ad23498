import MyoDetect
import MyoFormats
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
