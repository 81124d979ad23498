import Foundation
import Testing

@Suite("myotrace simulate")
struct SimulateCommandTests {
    @Test("Writes an EDF+ that info reads, with the truth as annotations and as CSV")
    func writesFileAndTruth() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edf = dir.appendingPathComponent("sim.edf").path, csv = dir.appendingPathComponent("sim_truth.csv").path
        let r = try CLI.run(["simulate", edf, "--duration", "60", "--seed", "5", "--truth", csv, "--ecg-uv", "40", "--gyroscope"])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try CLI.run(["info", edf, "--json"])
        #expect(info.status == 0, "\(info.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "EDF+")
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.map { $0["label"] as? String } == ["EMG R-FDI", "EMG R-ECR", "ACC X", "ACC Y", "ACC Z", "GYRO X", "GYRO Y", "GYRO Z"])
        #expect(channels.map { $0["kind"] as? String } == ["emg", "emg", "acc", "acc", "acc", "gyro", "gyro", "gyro"])
        #expect(channels.first?["sampleCount"] as? Int == 60_000)
        #expect(channels[2]["sampleCount"] as? Int == 6000)

        let truth = try String(contentsOfFile: csv, encoding: .utf8)
        let lines = truth.split(separator: "\n")
        #expect(lines.first?.hasPrefix("onset_s,duration_s,kind,amplitude,acc_onset_s,acc_peak_g") == true)
        let scored = lines.dropFirst().count
        #expect(scored > 5)
        let annotations = try #require(object["annotations"] as? [[String: Any]])
        let texts = annotations.compactMap { $0["text"] as? String }
        let scoredAnnotations = texts.filter { ["myoclonus_positive", "myoclonus_negative", "voluntary_contraction"].contains($0) }
        #expect(scoredAnnotations.count == scored)
        #expect(r.stdout.contains("positive"))
    }

    @Test("The same seed writes the same bytes; BDF+ by flag or extension")
    func reproducibleAndBDF() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.bdf").path, b = dir.appendingPathComponent("b.bdf").path
        #expect(try CLI.run(["simulate", a, "--duration", "20"]).status == 0)
        #expect(try CLI.run(["simulate", b, "--duration", "20", "--bdf"]).status == 0)
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
        let info = try CLI.run(["info", a, "--json"])
        #expect(info.stdout.contains("\"BDF+\""))
        // An existing file is kept unless --force.
        let again = try CLI.run(["simulate", a, "--duration", "20"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("--force"))
    }

    @Test("A config file sets what it names; --print-config shows every setting")
    func configFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("sim.json")
        try Data(#"{"emg": {"muscles": [{"label": "EMG L-Deltoid"}]}, "motion": {"accelerometer": false}}"#.utf8).write(to: config)
        let edf = dir.appendingPathComponent("c.edf").path
        let r = try CLI.run(["simulate", edf, "--config", config.path, "--duration", "10"])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try CLI.run(["info", edf, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.map { $0["label"] as? String } == ["EMG L-Deltoid"])
        let printed = try CLI.run(["simulate", "--print-config", "--mains", "60"])
        #expect(printed.status == 0)
        #expect(printed.stdout.contains("\"mainsHz\" : 60"))
        #expect(printed.stdout.contains("\"ratePerMinute\""))
    }

    @Test("Bad options are clear errors", arguments: [
        (["--duration=-5"], "durationSeconds"),
        (["--emg-rate", "0"], "emg.sampleRate"),
        (["--mains", "55"], "artefacts.mainsHz"),
        (["--rate-per-minute=-1"], "positive.ratePerMinute"),
    ])
    func badOptions(_ options: [String], _ named: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.edf").path
        let r = try CLI.run(["simulate", out] + options)
        #expect(r.status == 1)
        #expect(r.stderr.contains("error") && r.stderr.contains(named), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("An unknown key in the config file is named")
    func unknownKey() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("bad.json")
        try Data(#"{"positive": {"rate": 3}}"#.utf8).write(to: config)
        let r = try CLI.run(["simulate", dir.appendingPathComponent("x.edf").path, "--config", config.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("positive.rate"))
    }
}

@Suite("myotrace simulate --eeg")
struct SimulateEEGCommandTests {
    @Test("The EEG options add EEG channels and set the transient and the Bereitschaftspotential")
    func eegOptions() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let edf = dir.appendingPathComponent("eeg.edf").path
        let r = try CLI.run(["simulate", edf, "--duration", "30", "--eeg", "--transient-latency-ms", "-30", "--transient-uv", "6", "--bereitschaft"])
        #expect(r.status == 0, "\(r.stderr)")
        let info = try CLI.run(["info", edf, "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.suffix(3).map { $0["label"] as? String } == ["EEG C3", "EEG Cz", "EEG C4"])
        #expect(channels.suffix(3).allSatisfy { $0["kind"] as? String == "eeg" })
        let config = try CLI.run(["simulate", "--print-config", "--eeg", "--transient-latency-ms", "-30", "--transient-uv", "6", "--bereitschaft"])
        let settings = try #require(try JSONSerialization.jsonObject(with: Data(config.stdout.utf8)) as? [String: Any])
        let eeg = try #require(settings["eeg"] as? [String: Any])
        let transient = try #require(eeg["transient"] as? [String: Any])
        #expect(eeg["enabled"] as? Bool == true && transient["latencyMs"] as? Double == -30 && transient["amplitudeUV"] as? Double == 6)
        #expect((eeg["bereitschaft"] as? [String: Any])?["enabled"] as? Bool == true)
        let bad = try CLI.run(["simulate", edf, "--force", "--eeg", "--transient-latency-ms", "9000"])
        #expect(bad.status != 0 && bad.stderr.contains("eeg.transient.latencyMs"))
    }
}
