import Testing
@testable import MyoSignal

@Suite("Channel kind inference")
struct ChannelKindTests {
    @Test("EDF+ style type prefixes", arguments: [
        ("EMG Chin", ChannelKind.emg), ("EMG L-Tib", .emg), ("EEG Fpz-Cz", .eeg), ("ECG", .ecg),
        ("EOG horizontal", .eog), ("Resp oro-nasal", .resp), ("Accel X", .acc), ("Gyro Z", .gyro),
        ("EDF Annotations", .annotation), ("BDF Annotations", .annotation), ("Audio", .audio),
    ])
    func prefixes(label: String, expected: ChannelKind) {
        #expect(ChannelKind.infer(label: label) == expected)
    }

    @Test("10-20 and 10-10 electrode names and derivations", arguments: ["C3-A2", "Fp1", "Cz", "O2-M1", "T7", "FC5", "POz"])
    func electrodes(label: String) {
        #expect(ChannelKind.infer(label: label) == .eeg)
    }

    @Test("Muscle names used in polysomnography and neurophysiology", arguments: ["LAT", "RAT", "Chin", "Tibialis anterior R", "Deltoid", "SCM left"])
    func muscles(label: String) {
        #expect(ChannelKind.infer(label: label) == .emg)
    }

    @Test("Units decide when the label does not")
    func units() {
        #expect(ChannelKind.infer(label: "X", unit: "g") == .acc)
        #expect(ChannelKind.infer(label: "axis 1", unit: "m/s^2") == .acc)
        #expect(ChannelKind.infer(label: "axis 2", unit: "deg/s") == .gyro)
        #expect(ChannelKind.infer(label: "Ch 1", transducer: "AgAgCl electrode EMG") == .emg)
    }

    @Test("Unknown channels are other, never guessed as EMG")
    func unknown() {
        #expect(ChannelKind.infer(label: "Temperature", unit: "degC") == .other)
        #expect(ChannelKind.infer(label: "Status") == .other)
        #expect(ChannelKind.infer(label: "Ch 7", unit: "uV") == .other)
    }

    @Test("User text for overrides")
    func userText() {
        #expect(ChannelKind(userText: "EMG") == .emg)
        #expect(ChannelKind(userText: " accelerometer ") == .acc)
        #expect(ChannelKind(userText: "muscle") == nil)
    }
}
