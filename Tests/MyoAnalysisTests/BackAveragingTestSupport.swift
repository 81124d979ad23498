import MyoDetect
import MyoFormats
import MyoSignal

/// Simulated recordings with EEG for the back-averaging and coherence tests: one EMG muscle,
/// no accelerometer (faster), the three default EEG channels (C3 with the transient, Cz with
/// half of it, C4 without).
enum BackAveragingFixture {
    static func config(seed: UInt64, minutes: Double = 10, transientUV: Double = 10, latencyMs: Double = -20,
                       bereitschaft: Bool = false) -> SimulationConfig {
        var c = SimulationConfig()
        c.seed = seed
        c.durationSeconds = minutes * 60
        c.emg.muscles = [.init(label: "EMG R-FDI")]
        c.motion.accelerometer = false
        c.eeg.enabled = true
        c.eeg.transient.amplitudeUV = transientUV
        c.eeg.transient.latencyMs = latencyMs
        c.eeg.bereitschaft.enabled = bereitschaft
        return c
    }

    /// The recording in memory, its EEG signals and the true jerk onsets.
    static func load(_ config: SimulationConfig) throws -> (recording: Recording, eeg: [Signal], jerks: [Double]) {
        let sim = try SimulatedRecording(config: config)
        let recording = try sim.readAll()
        let jerks = sim.truth.filter { $0.kind == "positive" }.map(\.onset)
        return (recording, recording.signals(of: .eeg), jerks)
    }
}
