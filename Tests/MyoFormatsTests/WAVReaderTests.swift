import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

private func fixture(_ name: String) -> String { SharedData.repoPath("Tests/Fixtures/wav/\(name)") }

@Suite struct WAVReaderTests {
    @Test(arguments: ["pcm16_stereo", "pcm24_mono", "pcm8_mono", "float32_ext_list", "int32_mono"])
    func matchesPython(name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixture("expected.json")))
        let all = try JSONDecoder().decode([String: [[Double]]].self, from: data)
        let want = try #require(all[name])
        let reader = try WAVReader(path: fixture("\(name).wav"))
        #expect(reader.header.format == .wav)
        #expect(reader.header.channels.count == want.count)
        let rec = try reader.readAll()
        for (s, w) in zip(rec.signals, want) {
            #expect(s.kind == .audio)
            #expect(s.unit == "FS")
            #expect(s.samples.count == w.count)
            let worst = zip(s.samples, w).map { abs(Double($0) - $1) }.max() ?? 0
            #expect(worst < 1e-6, "\(name) \(s.label): largest difference \(worst)")
        }
    }

    @Test func rateAndChunking() throws {
        let reader = try WAVReader(path: fixture("pcm16_stereo.wav"))
        #expect(reader.header.channels[0].sampleRate == 8000)
        #expect(reader.header.channels[1].sampleCount == 100)
        var total = 0
        while let c = try reader.nextChunk() {
            #expect(c.firstSample == [total, total])
            total += c.samples[0].count
        }
        #expect(total == 100)
        try reader.rewind()
        #expect(try reader.nextChunk()?.firstSample == [0, 0])
    }

    @Test func malformedFilesThrowTypedErrors() throws {
        #expect { try WAVReader(path: fixture("bad_truncated_header.wav")) } throws: { error in
            guard case .truncated? = error as? FormatError else { return false }
            return true
        }
        #expect { try WAVReader(path: fixture("bad_data_too_long.wav")) } throws: { error in
            guard case .truncated(_, 44, "data chunk", 400, 300)? = error as? FormatError else { return false }
            return true
        }
        #expect { try WAVReader(path: fixture("bad_codec.wav")) } throws: { error in
            guard case .unsupported(_, 20, let feature)? = error as? FormatError else { return false }
            return feature.contains("0x6")
        }
        #expect { try WAVReader(path: fixture("bad_zero_channels.wav")) } throws: { error in
            guard case .invalidField(_, 22, "channels", _, _)? = error as? FormatError else { return false }
            return true
        }
    }
}

@Suite struct TextAndAudioDetectionTests {
    @Test func recordingFileOpensTheRightReader() throws {
        #expect(try RecordingFile.open(SharedData.repoPath("Tests/Fixtures/wav/pcm16_stereo.wav")) is WAVReader)
        #expect(try RecordingFile.open(SharedData.repoPath("Tests/Fixtures/wfdb/fmt16.hea")) is WFDBReader)
        #expect(try RecordingFile.open(SharedData.repoPath("Tests/Fixtures/csv/iso_tab.tsv")) is CSVRecordingReader)
    }
}
