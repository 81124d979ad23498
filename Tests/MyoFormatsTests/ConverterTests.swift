import Foundation
import Testing
@testable import MyoFormats
import MyoSignal

/// A reader of a discontinuous recording: two stretches with a 10 s gap between them.
final class GappedReader: RecordingReader {
    let path = "gapped"
    let header = RecordingHeader(format: .edfPlus, start: nil,
                                 channels: [ChannelInfo(label: "EMG", unit: "uV", sampleRate: 10, sampleCount: 20)])
    func nextChunk() throws -> RecordingChunk? { nil }
    func rewind() throws {}
    func annotations() throws -> [Annotation] { [] }
    func segments() throws -> [TimeSegment] {
        [TimeSegment(dataStart: 0, onset: 0, duration: 1), TimeSegment(dataStart: 1, onset: 11, duration: 1)]
    }
}

@Suite("Converter")
struct ConverterTests {
    @Test func formatFollowsTheExtension() {
        #expect(OutputFormat(pathExtension: "edf") == .edfPlus)
        #expect(OutputFormat(pathExtension: ".BDF") == .bdfPlus)
        #expect(OutputFormat(pathExtension: "csv") == .csv)
        #expect(OutputFormat(pathExtension: "wav") == nil)
        #expect(OutputFormat(path: "recordings/night.Edf") == .edfPlus)
        #expect(OutputFormat(path: "night") == nil)
    }

    @Test func measuresRangesWhenTheReaderDoesNotKnowThemAndCopiesAnnotations() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("converted.edf")
        let recording = mixedRateRecording()
        let reader = MemoryRecordingReader(recording, chunkSeconds: 1.1, declareRanges: false)
        var fractions: [Double] = []
        var notes: [String] = []
        let extra = Annotation(onset: 6.5, duration: 0.2, text: "detected jerk")
        let files = try RecordingConverter.convert(reader: reader, to: path, format: .edfPlus, annotations: [extra],
                                                   progress: { fractions.append($0) }, warnings: { notes.append($0) })
        #expect(files == [path])
        #expect(fractions.count > 4)
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(fractions.last == 1)
        #expect(notes.contains { $0.contains("constant") })

        let file = try EDFTestFile(path: path)
        for (i, s) in recording.signals.enumerated() {
            let low = try #require(Double(file.signalField(3, signal: i)))
            let high = try #require(Double(file.signalField(4, signal: i)))
            #expect(low <= Double(s.samples.min() ?? 0) && high >= Double(s.samples.max() ?? 0))
        }
        let texts = (0..<file.recordCount).flatMap { file.tals(record: $0).dropFirst().flatMap(\.texts) }
        #expect(texts.count == recording.annotations.count + 1)
        #expect(file.tals(record: 1).contains { $0.texts == ["detected jerk"] && $0.onset == "+6.5" && $0.duration == "0.2" })
    }

    @Test func keepsTheRangesTheReaderDeclares() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("declared.bdf")
        let signal = Signal(label: "EMG", unit: "uV", sampleRate: 100, samples: (0..<300).map { Float($0 % 50) - 10 })
        let reader = MemoryRecordingReader(Recording(signals: [signal]), declareRanges: true)
        let files = try RecordingConverter.convert(reader: reader, to: path, format: .bdfPlus)
        #expect(files == [path])
        let file = try EDFTestFile(path: path)
        #expect(file.signalField(3, signal: 0) == "-10" && file.signalField(4, signal: 0) == "39")
        #expect(file.bytes[0] == 0xFF && file.recordCount == 3)
        let step = 49.0 / 16_777_215
        let decoded = file.digital(signal: 0).map { Double($0 + 8_388_608) * step - 10 }
        #expect(zip(decoded, signal.samples).allSatisfy { abs($0 - Double($1)) <= step / 2 + 1e-9 })
    }

    @Test func csvOutputWritesOneFilePerRateAndTheAnnotationsBeside() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("night.csv")
        let reader = MemoryRecordingReader(mixedRateRecording())
        let files = try RecordingConverter.convert(reader: reader, to: path, format: .csv)
        #expect(files == [path, folder.path("night_12.8Hz.csv"), folder.path("night_25Hz.csv"), folder.path("night_annotations.csv")])
        let rows = parseCSV(try String(contentsOfFile: files[3], encoding: .utf8))
        #expect(rows.first == ["onset_s", "duration_s", "text", "channel"])
        #expect(rows.dropFirst().map { $0[2] } == mixedRateRecording().annotations.map(\.text))
        #expect(rows[1] == ["0", "12", "Ruhe", ""])
    }

    @Test func refusesDiscontinuousSourcesAndEmptyOnes() throws {
        let folder = try TemporaryFolder()
        #expect(throws: FormatError.self) {
            try RecordingConverter.convert(reader: GappedReader(), to: folder.path("g.edf"), format: .edfPlus)
        }
        let empty = MemoryRecordingReader(Recording(signals: []))
        #expect(throws: FormatError.self) {
            try RecordingConverter.convert(reader: empty, to: folder.path("e.csv"), format: .csv)
        }
    }

    @Test(.enabled(if: InteropCheck.available, InteropCheck.missingReason))
    func independentReadersAgreeWithAConvertedFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("converted.edf")
        let recording = mixedRateRecording()
        let reader = MemoryRecordingReader(recording, chunkSeconds: 0.9)
        _ = try RecordingConverter.convert(reader: reader, to: path, format: .edfPlus)
        let file = try EDFTestFile(path: path)
        let ranges = try (0..<recording.signals.count).map { i in
            (try #require(Double(file.signalField(3, signal: i))))...(try #require(Double(file.signalField(4, signal: i))))
        }
        let expect: [String: Any] = [
            "labels": recording.signals.map(\.label),
            "rates": recording.signals.map(\.sampleRate),
            "file_samples": file.samplesPerRecord.dropLast().map { $0 * file.recordCount },
            "signals": recording.signals.map { $0.samples.map(Double.init) },
            "tolerance": ranges.map { ($0.upperBound - $0.lowerBound) / 65535 * 0.5001 + 1e-9 },
            "annotations": recording.annotations.map { a -> [String: Any] in
                ["onset": a.onset, "duration": a.duration.map { $0 as Any } ?? NSNull(), "text": a.text]
            },
        ]
        let result = try InteropCheck.run(file: path, expect: expect)
        #expect(result.status == 0, "\(result.output)")
    }
}
