import Foundation
import Testing
@testable import MyoFormats
import MyoSignal

/// Writes `recording` with an `EDFWriter` fed chunk by chunk from an in-memory reader.
@discardableResult
func writeEDF(_ recording: Recording, to path: String, format: EDFWriter.Format,
              chunkSeconds: Double = 2.5) throws -> EDFWriter {
    let reader = MemoryRecordingReader(recording, chunkSeconds: chunkSeconds, declareRanges: true)
    let writer = try EDFWriter(path: path, format: format, header: .init(reader.header),
                               channels: reader.header.channels, annotations: recording.annotations)
    while let chunk = try reader.nextChunk() { try writer.append(chunk) }
    try writer.finish()
    return writer
}

/// Twelve seconds at 512 Hz, 12.8 Hz and 25 Hz (one channel constant and negative), with
/// UTF-8 annotations, starting 2002-03-02 10:20:30 UTC.
func mixedRateRecording() -> Recording {
    let emg = (0..<6144).map { i -> Float in
        let t = Double(i) / 512
        return Float(40 * sin(2 * .pi * 7 * t) + (i % 700 < 20 ? 350 : 0) - 12.5)
    }
    let acc = (0..<153).map { i in Float(sin(Double(i) / 5) * 1.5) }
    let offset = [Float](repeating: -3.5, count: 300)
    var subject = SubjectInfo(code: "MCH-0234567", sex: "F", birthdate: "1969-06-30", name: "Anna Müller")
    subject.text = ""
    return Recording(
        start: Date(timeIntervalSince1970: 1_015_064_430),
        subject: subject,
        recordingInfo: RecordingInfoFields(administrationCode: "EMG-04", technician: "J Doe", equipment: "Myotrace test"),
        signals: [
            Signal(label: "EMG L-Tib", unit: "uV", sampleRate: 512, samples: emg, prefilter: "HP:10Hz"),
            Signal(label: "Accel X", unit: "g", sampleRate: 12.8, samples: acc),
            Signal(label: "Offset", unit: "mV", sampleRate: 25, samples: offset),
        ],
        annotations: [
            Annotation(onset: 0, duration: 12, text: "Ruhe"),
            Annotation(onset: 3.25, text: "Myoclonus – left leg"),
            Annotation(onset: 3.25, duration: 0.75, text: "Zuckung äöü"),
            Annotation(onset: 7.125, text: "肌阵挛"),
            Annotation(onset: 10, duration: 0.5, text: "tap"),
            Annotation(onset: 11.5, text: "end"),
        ])
}

@Suite("EDFWriter")
struct EDFWriterTests {
    @Test func headerFieldsSitAtTheirPositionsAndTheRecordCountIsPatched() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("mixed.edf")
        let writer = try writeEDF(mixedRateRecording(), to: path, format: .edfPlus)
        let file = try EDFTestFile(path: path)

        #expect(file.field(0, 8) == "0       ")
        #expect(file.field(8, 80).hasPrefix("MCH-0234567 F 30-JUN-1969 Anna_Muller "))
        #expect(file.field(88, 80).hasPrefix("Startdate 02-MAR-2002 EMG-04 J_Doe Myotrace_test "))
        #expect(file.field(168, 8) == "02.03.02")
        #expect(file.field(176, 8) == "10.20.30")
        #expect(file.field(184, 8) == "1280    ")
        #expect(file.field(192, 44).hasPrefix("EDF+C "))
        #expect(file.field(236, 8) == "3       ")
        #expect(file.field(244, 8) == "5       ")
        #expect(file.field(252, 4) == "4   ")
        #expect(file.headerBytes == 256 * 5)
        #expect(file.samplesPerRecord.dropLast() == [2560, 64, 125])
        #expect(file.signalField(0, signal: 3) == "EDF Annotations")
        #expect(file.signalField(0, signal: 0) == "EMG L-Tib")
        #expect(file.signalField(2, signal: 1) == "g")
        #expect(file.signalField(5, signal: 0) == "-32768")
        #expect(file.signalField(6, signal: 0) == "32767")
        #expect(file.signalField(7, signal: 0) == "HP:10Hz")
        #expect(file.bytes.count == file.headerBytes + file.recordCount * file.recordBytes)
        #expect(writer.recordCount == 3)
        // Every header byte is printable ASCII.
        #expect(file.bytes[0..<file.headerBytes].allSatisfy { $0 >= 0x20 && $0 < 0x7F })
        #expect(writer.warnings.contains { $0.contains("Anna Muller") || $0.contains("Anna Müller") })
    }

    @Test func physicalRangesAreWrittenExactlyOrRoundedOutward() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ranges.edf")
        let writer = try writeEDF(mixedRateRecording(), to: path, format: .edfPlus)
        let file = try EDFTestFile(path: path)
        let recording = mixedRateRecording()
        for (i, signal) in recording.signals.enumerated() {
            let low = try #require(Double(file.signalField(3, signal: i)))
            let high = try #require(Double(file.signalField(4, signal: i)))
            #expect(low < high)
            #expect(file.signalField(3, signal: i).count <= 8 && file.signalField(4, signal: i).count <= 8)
            #expect(low <= Double(signal.samples.min() ?? 0) && high >= Double(signal.samples.max() ?? 0))
            #expect(writer.physicalRanges[i] == low...high)
        }
        // The constant -3.5 mV channel is widened symmetrically and reads back as -3.5.
        #expect(file.signalField(3, signal: 2) == "-7" && file.signalField(4, signal: 2) == "0")
        let digital = file.digital(signal: 2)
        let step = 7.0 / 65535
        let decoded = digital.prefix(300).map { Double($0 + 32768) * step - 7 }
        let worst = decoded.map { abs($0 + 3.5) }.max() ?? 1
        #expect(worst <= step / 2 + 1e-12)
        #expect(writer.warnings.contains { $0.contains("constant") })
    }

    @Test func outwardNumbersFitEightCharacters() {
        #expect(EDFHeaderEncoding.outwardNumber(-3276.8, down: true)?.text == "-3276.8")
        #expect(EDFHeaderEncoding.outwardNumber(12.5, down: false)?.text == "12.5")
        #expect(EDFHeaderEncoding.outwardNumber(0.000123456, down: false)?.text == "0.000124")
        #expect(EDFHeaderEncoding.outwardNumber(-0.000123456, down: true)?.text == "-0.00013")
        #expect(EDFHeaderEncoding.outwardNumber(-123456.789, down: true)?.text == "-123457")
        #expect(EDFHeaderEncoding.outwardNumber(1.0 / 3, down: true)?.text == "0.333333")
        #expect(EDFHeaderEncoding.outwardNumber(1.0 / 3, down: false)?.text == "0.333334")
        #expect(EDFHeaderEncoding.outwardNumber(-1e-12, down: false)?.text == "0")
        #expect(EDFHeaderEncoding.outwardNumber(1e9, down: false) == nil)
    }

    @Test func recordDurationKeepsEveryRateExact() {
        func layout(_ rates: [Double]) -> EDFRecordLayout {
            EDFRecordLayout.choose(rates: rates, bytesPerSample: 2, annotationBytesEstimate: 120)
        }
        #expect(layout([256, 100]).duration == 1)
        #expect(layout([12.8, 256]).duration == 5)
        #expect(layout([487.5]).samplesPerRecord == [975])
        #expect(layout([1.0 / 3]).duration == 3)
        let fast = layout([100_000])
        #expect(fast.duration < 1 && fast.samplesPerRecord[0] * 2 <= 61440)
        #expect(Double(fast.samplesPerRecord[0]) / fast.duration == 100_000)
        #expect(layout([256]).rateWarning == nil)
        let measured = layout([99.8734])
        #expect(measured.rateWarning != nil)
        #expect(abs(Double(measured.samplesPerRecord[0]) / measured.duration - 99.8734) / 99.8734 < 1e-4)
    }

    @Test func annotationsLandInTheRecordOfTheirOnsetAfterATimeKeepingTAL() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("tal.edf")
        try writeEDF(mixedRateRecording(), to: path, format: .edfPlus)
        let file = try EDFTestFile(path: path)
        let records = (0..<file.recordCount).map { file.tals(record: $0) }
        #expect(records.map { $0.first?.onset } == ["+0", "+5", "+10"])
        #expect(records.allSatisfy { $0.first?.texts.isEmpty == true && $0.first?.duration == nil })
        #expect(records[0].dropFirst().map(\.texts) == [["Ruhe"], ["Myoclonus – left leg"], ["Zuckung äöü"]])
        #expect(records[0][1].duration == "12")
        #expect(records[0][3].onset == "+3.25" && records[0][3].duration == "0.75")
        #expect(records[1].dropFirst().map(\.texts) == [["肌阵挛"]])
        #expect(records[2].dropFirst().map(\.onset) == ["+10", "+11.5"])
    }

    @Test func aFractionalSecondStartShiftsTheTALs() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("subsecond.edf")
        let recording = Recording(start: Date(timeIntervalSince1970: 1_600_000_000.25),
                                  signals: [Signal(label: "EMG", unit: "uV", sampleRate: 100, samples: (0..<250).map { Float($0) })],
                                  annotations: [Annotation(onset: 1, text: "a")])
        try writeEDF(recording, to: path, format: .bdfPlus)
        let file = try EDFTestFile(path: path)
        #expect(file.field(176, 8) == "12.26.40")
        #expect(file.tals(record: 0).map(\.onset) == ["+0.25"])
        #expect(file.tals(record: 1).map(\.onset) == ["+1.25", "+1.25"])
        #expect(file.tals(record: 2).map(\.onset) == ["+2.25"])
    }

    @Test func aLongAnnotationListIsSpreadOverRecordsAndNoneIsLost() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("many.edf")
        let samples = (0..<(60 * 200)).map { Float(sin(Double($0) / 9)) }
        let many = (0..<6000).map { Annotation(onset: Double($0) * 0.0001, duration: 0.01, text: "jerk \($0)") }
        let recording = Recording(start: Date(timeIntervalSince1970: 1_600_000_000),
                                  signals: [Signal(label: "EMG", unit: "uV", sampleRate: 200, samples: samples)],
                                  annotations: many)
        let writer = try writeEDF(recording, to: path, format: .edfPlus)
        let file = try EDFTestFile(path: path)
        #expect(file.recordCount == 60)
        #expect(file.recordBytes <= EDFRecordLayout.recommendedRecordBytes)
        var seen: [String] = []
        for r in 0..<file.recordCount {
            let tals = file.tals(record: r)
            #expect(tals.first?.onset == "+\(r)")
            seen += tals.dropFirst().flatMap(\.texts)
        }
        #expect(seen == many.map(\.text))
        // The first second alone holds more text than a record should: it had to spill over.
        #expect(file.tals(record: 0).count < many.count)
        #expect(!writer.warnings.contains { $0.contains("padding") })
        if InteropCheck.available {
            let result = try InteropCheck.run(file: path, expect: InteropCheck.expectation(for: recording, writer: writer))
            #expect(result.status == 0, "\(result.output)")
        }
    }

    @Test func aTwentyFiveHourRecordingCrossesMidnightAndKeepsItsDate() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("long.bdf")
        let start = Date(timeIntervalSince1970: 1_956_526_200) // 2031-12-31 23:30:00 UTC
        let recording = Recording(start: start,
                                  signals: [Signal(label: "Resp", unit: "", sampleRate: 1, samples: (0..<90_000).map { Float($0 % 17) }),
                                            Signal(label: "Light", unit: "lx", sampleRate: 0.5, samples: [Float](repeating: 7, count: 45_000))],
                                  annotations: [Annotation(onset: 89_999.5, text: "last")])
        let writer = try writeEDF(recording, to: path, format: .bdfPlus, chunkSeconds: 3600)
        let file = try EDFTestFile(path: path)
        #expect(file.bytes[0] == 0xFF && file.field(1, 7) == "BIOSEMI")
        #expect(file.field(168, 8) == "31.12.31" && file.field(176, 8) == "23.30.00")
        #expect(file.field(88, 80).hasPrefix("Startdate 31-DEC-2031 X X X "))
        #expect(file.field(192, 44).hasPrefix("BDF+C"))
        #expect(file.recordCount == 45_000 && file.recordDuration == 2)
        #expect(file.field(236, 8) == "45000   ")
        #expect(file.signalField(0, signal: 2) == "BDF Annotations")
        #expect(file.signalField(5, signal: 0) == "-8388608" && file.signalField(6, signal: 0) == "8388607")
        #expect(file.bytes.count == file.headerBytes + 45_000 * file.recordBytes)
        #expect(file.tals(record: 44_999).map(\.onset) == ["+89998", "+89999.5"])
        #expect(writer.warnings == ["channel 2 \"Light\" is constant; physical range widened to 0...14"])
    }

    @Test func yearsAfter2084AreWrittenAsYY() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("future.edf")
        let recording = Recording(start: Date(timeIntervalSince1970: 3_786_912_000), // 2090-01-01 UTC
                                  signals: [Signal(label: "EMG", unit: "uV", sampleRate: 10, samples: [1, 2, 3])])
        try writeEDF(recording, to: path, format: .edfPlus)
        let file = try EDFTestFile(path: path)
        #expect(file.field(168, 8) == "01.01.yy")
        #expect(file.field(88, 80).hasPrefix("Startdate 01-JAN-2090 "))
    }

    @Test func nonASCIIHeaderTextIsApproximatedAndReported() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ascii.edf")
        let recording = Recording(signals: [Signal(label: "EMG Zürich ✓", unit: "µV", sampleRate: 10, samples: [1, 2, 3])])
        let writer = try writeEDF(recording, to: path, format: .edfPlus)
        let file = try EDFTestFile(path: path)
        #expect(file.signalField(0, signal: 0) == "EMG Zurich _")
        #expect(file.signalField(2, signal: 0) == "uV")
        #expect(file.field(8, 80).hasPrefix("X X X X "))
        #expect(file.field(88, 80).hasPrefix("Startdate X X X X "))
        #expect(file.field(168, 16) == "01.01.8500.00.00")
        #expect(writer.warnings.filter { $0.contains("ASCII") }.count == 2)
    }

    @Test func samplesOutsideTheDeclaredRangeAreClippedAndReported() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("clip.edf")
        let channel = ChannelInfo(label: "EMG", unit: "uV", sampleRate: 4, sampleCount: 8, physicalRange: -100...100)
        let writer = try EDFWriter(path: path, format: .edfPlus, header: .init(), channels: [channel])
        try writer.append([0, 50, 100, 150, -500, .nan, .infinity, -100], toChannel: 0)
        try writer.finish()
        let digital = try EDFTestFile(path: path).digital(signal: 0)
        #expect(digital == [-1, 16383, 32767, 32767, -32768, -32768, 32767, -32768])
        #expect(writer.warnings.contains { $0.contains("2 samples outside") })
        #expect(writer.warnings.contains { $0.contains("2 NaN or infinite") })
    }

    @Test func badInputIsRefusedWithTheReason() throws {
        let folder = try TemporaryFolder()
        let ok = ChannelInfo(label: "EMG", unit: "uV", sampleRate: 100, sampleCount: 0, physicalRange: -1...1)
        func reason(_ path: String, _ channels: [ChannelInfo]) -> String? {
            do { _ = try EDFWriter(path: path, format: .edfPlus, header: .init(), channels: channels); return nil }
            catch let error as FormatError {
                guard case .cannotWrite(let file, let reason) = error, file == path else { return "wrong error \(error)" }
                return reason
            } catch { return "unexpected \(error)" }
        }
        #expect(reason("/nonexistent-myotrace-dir/out.edf", [ok])?.contains("No such file") == true)
        #expect(reason(folder.path("a.edf"), [])?.contains("no signal channels") == true)
        var zero = ok; zero.sampleRate = 0
        #expect(reason(folder.path("b.edf"), [zero])?.contains("positive") == true)
        var negative = ok; negative.sampleRate = -250
        #expect(reason(folder.path("c.edf"), [ok, negative])?.contains("channel 2") == true)
        var unknown = ok; unknown.physicalRange = nil
        #expect(reason(folder.path("d.edf"), [unknown])?.contains("physical range") == true)
        var huge = ok; huge.physicalRange = -1e12...1e12
        #expect(reason(folder.path("e.edf"), [huge])?.contains("8-character") == true)
    }

    @Test(.enabled(if: InteropCheck.available, InteropCheck.missingReason))
    func pyedflibMNEAndEdfioReadTheEDFPlusFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("mixed.edf")
        let recording = mixedRateRecording()
        let writer = try writeEDF(recording, to: path, format: .edfPlus)
        let result = try InteropCheck.run(file: path, expect: InteropCheck.expectation(for: recording, writer: writer))
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("OK"))
    }

    @Test(.enabled(if: InteropCheck.available, InteropCheck.missingReason))
    func pyedflibMNEAndEdfioReadTheBDFPlusFile() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("mixed.bdf")
        let recording = mixedRateRecording()
        let writer = try writeEDF(recording, to: path, format: .bdfPlus, chunkSeconds: 0.7)
        let result = try InteropCheck.run(file: path, expect: InteropCheck.expectation(for: recording, writer: writer))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test(.enabled(if: InteropCheck.available, InteropCheck.missingReason))
    func theCheckerNoticesADisagreement() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("wrong.edf")
        let recording = mixedRateRecording()
        let writer = try writeEDF(recording, to: path, format: .edfPlus)
        var expect = InteropCheck.expectation(for: recording, writer: writer)
        var signals = recording.signals.map { $0.samples.map(Double.init) }
        signals[0][100] += 5
        expect["signals"] = signals
        let result = try InteropCheck.run(file: path, expect: expect)
        #expect(result.status == 1)
        #expect(result.output.contains("channel 0: sample 100"))
    }
}
