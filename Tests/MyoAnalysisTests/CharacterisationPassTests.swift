import MyoDetect
import MyoFormats
import Testing
@testable import MyoAnalysis

/// The streaming characterisations fed during detection's read give exactly what a pass of
/// their own over the file gives.
@Suite("Characterisation during the detection pass")
struct CharacterisationPassTests {
    @Test func fedDuringDetectionEqualsOwnPass() throws {
        // Two EMG channels (agonist and antagonist), so the envelope of the one with the most
        // jerks must be picked after detection.
        var config = SimulationConfig.preset(.cortical)
        config.durationSeconds = 120
        config.seed = 4
        config.motion.accelerometer = false
        let recording = try SimulatedRecording(config: config)
        #expect(recording.header.channels.filter { $0.kind == .emg }.count >= 2)

        var pass = CharacterisationPass(header: recording.header)
        #expect(pass.needsSamples)
        let analysis = try RecordingAnalyzer.analyze(reader: recording, version: "test", observer: { pass.feed($0) })
        let fed = try Characteriser.run(reader: recording, analysis: analysis, pass: pass)
        let own = try Characteriser.run(reader: recording, analysis: analysis)
        #expect(fed.rhythm?.envelope != nil)
        #expect(fed == own)

        // A pass that saw no samples gives no envelope: the comparison above can fail.
        let unfed = try Characteriser.run(reader: recording, analysis: analysis, pass: CharacterisationPass(header: recording.header))
        #expect(unfed.rhythm?.envelope == nil)
    }

    @Test func kindOverridesAndChannelChoiceDecideWhatIsFollowed() throws {
        var config = SimulationConfig.preset(.cortical)
        config.durationSeconds = 30
        config.motion.accelerometer = false
        let recording = try SimulatedRecording(config: config)
        let emg = try #require(recording.header.channels.first { $0.kind == .emg })
        var options = CharacterisationOptions()
        options.kindOverrides = [(emg.label, .resp)]
        options.channels = [emg.label]
        let pass = CharacterisationPass(header: recording.header, options: options)
        #expect(pass.envelopes.isEmpty)
        #expect(pass.hiccupDetectors.map(\.index) == [recording.header.channelIndex(named: emg.label)])
    }
}
