import Foundation
import MyoTestSupport
import Testing
@testable import MyoFormats
import MyoSignal

private func fixture(_ name: String) -> String { SharedData.repoPath("Tests/Fixtures/csv/\(name)") }

private func lineError(_ error: any Error, line: Int, column: String? = nil) -> Bool {
    guard case .invalidLine(_, let l, let c, _)? = error as? FormatError else { return false }
    return l == line && (column == nil || c == column)
}

@Suite struct CSVRecordingReaderTests {
    @Test func writerHeaderRoundTrips() throws {
        let reader = try CSVRecordingReader(path: fixture("roundtrip.csv"))
        let h = reader.header
        #expect(h.channels.map(\.label) == ["EMG L-Tib", "Accel X", "Gyro Z"])
        #expect(h.channels.map(\.unit) == ["uV", "g", "deg/s"])
        #expect(h.channels.map(\.kind) == [.emg, .acc, .gyro])
        #expect(h.channels[0].sampleRate == 500)
        #expect(h.start == nil)
        #expect(h.warnings.isEmpty)
        let rec = try reader.readAll()
        #expect(rec.signals[0].samples == [1.5, -2.25, 3.0, 4.5])
        #expect(rec.signals[2].samples == [10, 11, 12, 13])
    }

    @Test func unitSpellingsSemicolonsAndDecimalCommas() throws {
        let reader = try CSVRecordingReader(path: fixture("units_semicolon.csv"))
        let h = reader.header
        #expect(h.channels.map(\.label) == ["acc_x", "accX", "x", "gyro_z", "EMG"])
        #expect(h.channels.map(\.unit) == ["g", "m/s^2", "m/s^2", "deg/s", "uV"])
        #expect(h.channels.map(\.kind) == [.acc, .acc, .acc, .gyro, .emg])
        #expect(h.channels[0].sampleRate == 100)  // milliseconds named in the time heading
        let rec = try reader.readAll()
        #expect(rec.signals[0].samples == [1, 1.5, 1, 1])
    }

    @Test func isoTimestampsGiveStartAndRate() throws {
        let reader = try CSVRecordingReader(path: fixture("iso_tab.tsv"))
        #expect(reader.header.channels[0].sampleRate == 2)
        #expect(reader.header.start == Date(timeIntervalSince1970: 1_714_557_600))
        #expect(try reader.readAll().signals[0].samples == [1, 2, 3])
    }

    @Test func rateFromCommentsAndWhitespaceDelimiter() throws {
        let reader = try CSVRecordingReader(path: fixture("whitespace_rate.txt"))
        #expect(reader.header.channels.count == 2)
        #expect(reader.header.channels[0].sampleRate == 50)
        #expect(reader.header.channels.map(\.kind) == [.other, .other])
        let rec = try reader.readAll()
        #expect(rec.signals[1].samples == [2, 4, 6])
        let forced = try CSVRecordingReader(path: fixture("whitespace_rate.txt"), sampleRate: 10)
        #expect(forced.header.channels[0].sampleRate == 10)
    }

    @Test func gapsAndJitterAreReportedNotResampled() throws {
        let reader = try CSVRecordingReader(path: fixture("gaps.csv"))
        #expect(reader.header.channels[0].sampleRate == 100)
        let w = reader.header.warnings
        #expect(w.contains { $0.contains("1 gaps") && $0.contains("lines 5") })
        #expect(w.contains { $0.contains("2 irregular") && $0.contains("lines 8, 9") })
        #expect(try reader.readAll().signals[0].count == 8)
    }

    @Test func headerlessGenericColumns() throws {
        let reader = try CSVRecordingReader(path: fixture("headerless_two.csv"))
        #expect(reader.header.channels.map(\.label) == ["Channel 1", "Channel 2"])
        #expect(reader.header.channels[0].sampleRate == 2)
    }

    @Test func malformedFilesNameLineAndColumn() throws {
        #expect { try CSVRecordingReader(path: fixture("bad_backwards.csv")) } throws: { lineError($0, line: 4, column: "time_s") }
        #expect { try CSVRecordingReader(path: fixture("bad_count.csv")) } throws: { lineError($0, line: 3) }
        #expect { try CSVRecordingReader(path: fixture("bad_empty.csv")) } throws: { lineError($0, line: 1) }
        #expect { try CSVRecordingReader(path: fixture("bad_header_only.csv")) } throws: { lineError($0, line: 1) }
        let reader = try CSVRecordingReader(path: fixture("bad_cell.csv"))
        #expect { try reader.readAll() } throws: { lineError($0, line: 3, column: "emg") }
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-bom-\(UUID().uuidString).csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("1.0,2\n1.5,3\n2.0,4\n".utf8)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVRecordingReader(path: url.path)
        #expect(reader.header.channels[0].sampleRate == 2)
        #expect(try reader.readAll().signals[0].samples == [2, 3, 4])
    }

    @Test func columnNames() {
        #expect(CSVColumnName("EMG [uV]") == CSVColumnName(label: "EMG", unit: "uV"))
        #expect(CSVColumnName("acc_x (g)") == CSVColumnName(label: "acc_x", unit: "g"))
        #expect(CSVColumnName("accX_m/s^2") == CSVColumnName(label: "accX", unit: "m/s^2"))
        #expect(CSVColumnName("x [m/s²]") == CSVColumnName(label: "x", unit: "m/s^2"))
        #expect(CSVColumnName("gyro_z (deg/s)") == CSVColumnName(label: "gyro_z", unit: "deg/s"))
        #expect(CSVColumnName("acc_x") == CSVColumnName(label: "acc_x", unit: ""))
    }

    @Test func numberParsing() {
        func parse(_ s: String) -> Double? {
            let bytes = Array(s.utf8)
            return bytes.withUnsafeBufferPointer { CSVValueParser.number($0, 0..<bytes.count, decimalComma: true) }
        }
        #expect(parse("1572339786.3100") == 1572339786.31)
        #expect(parse("-0.518555") == -0.518555)
        #expect(parse("1,5") == 1.5)
        #expect(parse("3e-4") == 3e-4)
        #expect(parse("12345678901234567890.5") == 12345678901234567890.5)
        #expect(parse("abc") == nil)
        #expect(parse("-") == nil)
        #expect(parse("1.2.3") == nil)
        #expect(parse("") == nil)
    }

    // Real files; expected values computed with numpy.loadtxt.
    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func emgGoTibialis() throws {
        let reader = try CSVRecordingReader(path: SharedData.path("data/emggo_tibialis_emg/tibialis_ballistic_250Hz.csv"))
        #expect(reader.header.channels.count == 1)
        #expect(reader.header.channels[0].sampleRate == 250)
        #expect(reader.header.channels[0].kind == .emg)
        #expect(reader.header.warnings.isEmpty)
        let s = try reader.readAll().signals[0]
        #expect(s.count == 137_420)
        #expect(s.samples.first == 121.4759)
        #expect(s.samples.last == 578.8831)
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func wearableExports() throws {
        let skdh = try CSVRecordingReader(path: SharedData.path("data/skdh_wearable_imu/example_data_2min.csv"))
        #expect(skdh.header.channels.map(\.kind) == [.acc, .acc, .acc, .gyro, .gyro, .gyro])
        #expect(skdh.header.channels.map(\.unit) == ["g", "g", "g", "deg/s", "deg/s", "deg/s"])
        #expect(abs(skdh.header.channels[0].sampleRate - 1 / 0.0102) < 0.01)
        #expect(skdh.header.start == Date(timeIntervalSince1970: 1_572_339_786.3))
        #expect(skdh.header.warnings.contains { $0.contains("assumed") })
        let r1 = try skdh.readAll()
        #expect(r1.signals[0].count == 10_360)
        #expect(r1.signals[0].samples.first == -0.518555)
        #expect(r1.signals[5].samples.last == 16.479492)

        let ax3 = try CSVRecordingReader(path: SharedData.path("data/ggir_accel_testfiles/ax3_testfile_unix_timestamps.csv"))
        #expect(ax3.header.channels.count == 3)
        #expect(ax3.header.channels[0].sampleRate == 100)
        #expect(ax3.header.warnings.contains { $0.contains("1 gaps") })
        let r2 = try ax3.readAll()
        #expect(r2.signals[2].count == 210)
        #expect(r2.signals[0].samples.first == 0.328125)
        #expect(r2.signals[2].samples.last == -0.453125)

        let ax6 = try CSVRecordingReader(path: SharedData.path("data/ggir_accel_testfiles/ax6_testfile_formatted_timestamps.csv"))
        #expect(ax6.header.channels.map(\.kind) == [.acc, .acc, .acc, .gyro, .gyro, .gyro])
        #expect(ax6.header.channels[0].sampleRate == 100)
        #expect(ax6.header.start == Date(timeIntervalSince1970: 1_577_135_046.690))
        let r3 = try ax6.readAll()
        #expect(r3.signals[0].count == 210)
        #expect(r3.signals[3].samples.first == 0.274658)
        #expect(r3.signals[5].samples.last == 15.792846)
    }

    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func bioSPPySimpleText() throws {
        let emg = try CSVRecordingReader(path: SharedData.path("data/biosppy_examples/emg.txt"))
        #expect(emg.header.channels.map(\.label) == ["EMG"])
        #expect(emg.header.channels[0].kind == .emg)
        #expect(emg.header.channels[0].sampleRate == 1000)
        let e = try emg.readAll().signals[0]
        #expect(e.count == 100_000)
        #expect(e.samples.first == 2055)
        #expect(e.samples.last == 2057)

        let acc = try CSVRecordingReader(path: SharedData.path("data/biosppy_examples/acc.txt"))
        #expect(acc.header.channels.map(\.label) == ["acc_x", "acc_y", "acc_z"])
        #expect(acc.header.channels.map(\.unit) == ["m/s^2", "m/s^2", "m/s^2"])
        #expect(acc.header.channels.map(\.kind) == [.acc, .acc, .acc])
        #expect(acc.header.channels[0].sampleRate == 100)
        let a = try acc.readAll()
        #expect(a.signals[0].count == 2000)
        #expect(a.signals[0].samples.first == 0.28467)
        #expect(a.signals[2].samples.last == 0.2334)
    }
}
