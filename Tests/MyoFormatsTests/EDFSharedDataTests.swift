import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

/// The EDF/BDF reader on the public recordings under shared/data.
@Suite struct EDFSharedDataTests {
    /// Every .edf/.bdf below shared/data, relative to the shared folder.
    static let allFiles: [String] = {
        guard let root = SharedData.root else { return [] }
        let data = root.appendingPathComponent("data")
        guard let walker = FileManager.default.enumerator(atPath: data.path) else { return [] }
        return walker.compactMap { $0 as? String }
            .filter { ["edf", "bdf"].contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted().map { "data/\($0)" }
    }()

    /// The two EMG-BIDS example files whose fixed header is shifted by one byte.
    static let shifted: Set<String> = [
        "data/edf_bids_examples_emg/emg_Multimodal/sub-01/emg/sub-01_task-pullstand_emg.edf",
        "data/edf_bids_examples_emg/emg_Multimodal/sub-01/eeg/sub-01_task-pullstand_eeg.edf",
    ]

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func everyGoodFileOpensAndStreamsLikeReadAll() throws {
        #expect(Self.allFiles.count >= 20)
        for file in Self.allFiles where !Self.shifted.contains(file) {
            let reader = try EDFReader(path: SharedData.path(file))
            let whole = try reader.readAll()
            #expect(whole.signals.map(\.count) == reader.header.channels.map(\.sampleCount), "\(file)")
            try reader.rewind()
            var streamed = reader.header.channels.map { _ in [Float]() }
            while let chunk = try reader.nextChunk() {
                for i in chunk.samples.indices {
                    #expect(chunk.firstSample[i] == streamed[i].count)
                    streamed[i] += chunk.samples[i]
                }
            }
            #expect(streamed == whole.signals.map(\.samples), "\(file)")
        }
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason), arguments: shifted.sorted())
    func shiftedHeadersGiveAClearError(_ file: String) throws {
        let error = #expect(throws: FormatError.self) { _ = try EDFReader(path: SharedData.path(file)) }
        let e = try #require(error)
        // Shifted left by one byte, the signal count reads "0  E" / "31 E".
        #expect(e.offset == 252, "\(e)")
        #expect(e.field == "number of signals")
        #expect(e.description.contains("is not a whole number"))
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func unevenRates() throws {
        let h = try EDFReader(path: SharedData.path("data/edf_mne_python/test_uneven_samp.edf")).header
        #expect(h.channels.map(\.sampleRate) == [100, 12.8])
        #expect(h.channels.map(\.sampleCount) == [11000, 1408])
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func fractionalRecordDurations() throws {
        let stim = try EDFReader(path: SharedData.path("data/edf_mne_python/test_edf_stim_channel.edf"))
        #expect(stim.edfHeader.recordDuration == 9.59375)
        #expect(stim.header.channels.first?.sampleRate == 128)
        let half = try EDFReader(path: SharedData.path("data/edf_pyedflib/test_generator_datarec_generator_0_5.bdf"))
        #expect(half.edfHeader.recordDuration == 0.5)
        #expect(half.header.format == .bdfPlus)
        #expect(half.header.channels.map(\.sampleRate).prefix(4) == [2000, 1600, 1000, 1950])
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func duplicateLabelsAreKept() throws {
        let labels = try EDFReader(path: SharedData.path("data/edf_mne_python/duplicate_channel_labels.edf")).header.channels.map(\.label)
        #expect(labels.count == 3)
        #expect(Set(labels).count < labels.count)
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func utf8Annotations() throws {
        let notes = try EDFReader(path: SharedData.path("data/edf_pyedflib/test_utf8.edf")).annotations()
        #expect(notes.contains { $0.text == "中文测试八个字" })
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func subSecondStartComesFromTheFirstTimeKeepingTAL() throws {
        let reader = try EDFReader(path: SharedData.path("data/edf_pyedflib/test_subsecond.edf"))
        let start = try #require(reader.header.start)
        // 2020-01-24 04:05:56 plus the first record's onset +0.3945312.
        #expect(abs(start.timeIntervalSince1970 - (1_579_838_756 + 0.3945312)) < 1e-6)
        let first = try #require(try reader.annotations().first)
        #expect(abs(first.onset - 1.9511719) < 1e-9)
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func annotationOnlyFileWithSleepStagesAndChannels() throws {
        let reader = try EDFReader(path: SharedData.path("data/edf_wfdb_python/test_edfann.edf"))
        #expect(reader.header.channels.isEmpty)
        #expect(reader.edfHeader.recordDuration == 0)
        let notes = try reader.annotations()
        #expect(notes.count >= 856)
        #expect(notes.contains { $0.text.hasPrefix("Sleep stage") })
        #expect(notes.contains { $0.text == "Lights off" && $0.channel == "EEG F4-A1" })
        #expect(notes.map(\.onset) == notes.map(\.onset).sorted())
    }
}
