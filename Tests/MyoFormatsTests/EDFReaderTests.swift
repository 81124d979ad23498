import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

/// The EDF/BDF reader on the small valid files of the corpus, whose every value is known from
/// Tools/fixtures/make_malformed_edf.py.
@Suite struct EDFReaderTests {
    static func fixture(_ name: String) -> String { SharedData.repoPath("Tests/Fixtures/malformed/\(name)") }

    /// The digital sawtooth the fixture script writes (16-bit; BDF values are x 256).
    static func expectedDigital(_ i: Int, bdf: Bool) -> Int32 {
        Int32((i * 997 % 60000 - 30000) * (bdf ? 256 : 1))
    }

    @Test func headerOfValidEDFPlus() throws {
        let reader = try EDFReader(path: Self.fixture("valid.edf"))
        let h = reader.header
        #expect(h.format == .edfPlus)
        #expect(h.channels.count == 1)
        let c = try #require(h.channels.first)
        #expect(c.label == "EMG")
        #expect(c.kind == .emg)
        #expect(c.unit == "uV")
        #expect(c.sampleRate == 20)
        #expect(c.sampleCount == 60)
        #expect(c.physicalRange == -500...500)
        #expect(c.digitalRange == -32768...32767)
        #expect(c.transducer == "AgAgCl electrode")
        #expect(c.prefilter == "HP:10Hz")
        #expect(h.subject.code == "MCH-0234567")
        #expect(h.subject.sex == "F")
        #expect(h.subject.birthdate == "02-MAY-1951")
        #expect(h.subject.name == "Haagse_Harry")
        #expect(h.recordingInfo.administrationCode == "EMR-123")
        #expect(h.recordingInfo.technician == "Dr._Jansen")
        #expect(h.recordingInfo.equipment == "Myotrace_fixture")
        #expect(h.start == Date(timeIntervalSince1970: 1_015_077_956))  // 2002-03-02 14:05:56 UTC
        #expect(h.warnings.isEmpty)
    }

    @Test(arguments: ["valid.edf", "valid.bdf"])
    func samplesAreScaledAsTheStandardSays(_ name: String) throws {
        let bdf = name.hasSuffix(".bdf")
        let reader = try EDFReader(path: Self.fixture(name))
        #expect(reader.header.format == (bdf ? .bdfPlus : .edfPlus))
        let digital = try reader.readDigital(channel: 0)
        #expect(digital == (0..<60).map { Self.expectedDigital($0, bdf: bdf) })
        let recording = try reader.readAll()
        let samples = recording.signals[0].samples
        let (dmin, dmax): (Double, Double) = bdf ? (-8_388_608, 8_388_607) : (-32768, 32767)
        for (i, d) in digital.enumerated() {
            let exact = (Double(d) - dmin) * 1000 / (dmax - dmin) - 500
            #expect(abs(Double(samples[i]) - exact) <= abs(exact) * 1e-7 + 1e-9)
        }
        #expect(throws: FormatError.self) { _ = try reader.readDigital(channel: 1) }
    }

    @Test func annotationsWithDurationUTF8AndChannel() throws {
        let notes = try EDFReader(path: Self.fixture("valid.edf")).annotations()
        #expect(notes == [
            Annotation(onset: 0.5, duration: 0.25, text: "Jerk", channel: "EMG"),
            Annotation(onset: 1.2, text: "Arousal"),
            Annotation(onset: 1.2, text: "Ünicode — text"),
        ])
    }

    @Test func chunksCarryTheirAnnotationsAndFirstSamples() throws {
        let reader = try EDFReader(path: Self.fixture("valid.edf"))
        var notes: [Annotation] = []
        var samples: [Float] = []
        while let chunk = try reader.nextChunk() {
            #expect(chunk.firstSample == [samples.count])
            samples += chunk.samples[0]
            notes += chunk.annotations
        }
        #expect(samples.count == 60)
        #expect(notes.count == 3)
        try reader.rewind()
        #expect(try reader.nextChunk()?.onset == 0)
    }

    @Test func discontinuousFileGivesMergedSegmentsAndChunkOnsets() throws {
        let reader = try EDFReader(path: Self.fixture("valid_discontinuous.edf"))
        #expect(try reader.segments() == [
            TimeSegment(dataStart: 0, onset: 0, duration: 2),
            TimeSegment(dataStart: 2, onset: 5, duration: 1),
            TimeSegment(dataStart: 3, onset: 6.5, duration: 1),
        ])
        var onsets: [Double] = []
        var counts: [Int] = []
        while let chunk = try reader.nextChunk() {
            onsets.append(chunk.onset)
            counts.append(chunk.samples[0].count)
        }
        #expect(onsets == [0, 5, 6.5])
        #expect(counts == [40, 20, 20])
        #expect(try reader.readAll().segments.count == 3)
    }

    @Test func continuousFileHasNoSegments() throws {
        #expect(try EDFReader(path: Self.fixture("valid.edf")).segments().isEmpty)
    }

    @Test func openedThroughRecordingFile() throws {
        #expect(try RecordingFile.detectFormat(Self.fixture("valid.bdf")) == .bdf)
        let recording = try RecordingFile.read(Self.fixture("valid.bdf"))
        #expect(recording.signals.map(\.label) == ["EMG"])
        #expect(recording.annotations.count == 3)
    }
}

/// The TAL grammar on hand-made byte strings.
@Suite struct TALParserTests {
    func parse(_ bytes: [UInt8], at offset: Int = 1000) throws -> [TALParser.TAL] {
        try TALParser.parse(bytes[...], fileOffset: offset, path: "t.edf")
    }

    @Test func severalTALsAndTextsWithPadding() throws {
        let tals = try parse(Array("+0\u{14}\u{14}\0-1.5\u{15}2.25\u{14}a\u{14}b@@C3\u{14}\0\0\0".utf8))
        #expect(tals.count == 2)
        #expect(tals[0].onset == 0 && tals[0].texts == [""])
        #expect(tals[1].onset == -1.5 && tals[1].duration == 2.25 && tals[1].texts == ["a", "b@@C3"])
        #expect(tals[1].offset == 1005)
        let notes = TALParser.annotations(from: tals, origin: 0.5)
        #expect(notes == [Annotation(onset: -2, duration: 2.25, text: "a"),
                          Annotation(onset: -2, duration: 2.25, text: "b", channel: "C3")])
    }

    @Test func allZeroBytesHoldNoTAL() throws {
        #expect(try parse([0, 0, 0]).isEmpty)
        #expect(try parse([]).isEmpty)
    }

    @Test(arguments: [
        ("12\u{14}x\u{14}\0", 1000),      // no sign
        ("+1.2.3\u{14}x\u{14}\0", 1000),  // two decimal points
        ("+\u{14}x\u{14}\0", 1000),       // sign without digits
        ("+1\u{15}-2\u{14}x\u{14}\0", 1003),  // signed duration
        ("+1\u{15}2", 1003),              // duration without 0x14
        ("+1", 1000),                     // onset runs off the end
        ("+1\u{14}abc", 1003),            // text runs off the end
        ("+1\u{14}x\u{14}", 1000),        // no closing 0x00
    ])
    func brokenTALsAreTypedErrors(_ text: String, _ offset: Int) throws {
        let error = #expect(throws: FormatError.self) { _ = try parse(Array(text.utf8)) }
        #expect(error?.offset == offset, "\(String(describing: error))")
    }

    @Test func invalidUTF8IsAnError() {
        let bytes: [UInt8] = Array("+1\u{14}".utf8) + [0xC3, 0x28] + [0x14, 0]
        let error = #expect(throws: FormatError.self) { _ = try parse(bytes) }
        #expect(error?.offset == 1003)
    }
}
