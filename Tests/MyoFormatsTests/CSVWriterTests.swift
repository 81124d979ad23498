import Foundation
import Testing
@testable import MyoFormats
import MyoSignal

/// Splits CSV text into rows of cells, honouring RFC 4180 quotes (enough for the writer's output).
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], cell = ""
    var quoted = false, iterator = Array(text).makeIterator()
    while let c = iterator.next() {
        if quoted {
            if c == "\"" {
                if let n = iterator.next() {
                    if n == "\"" { cell.append("\"") } else {
                        quoted = false
                        if n == "," { row.append(cell); cell = "" } else if n == "\n" { row.append(cell); rows.append(row); row = []; cell = "" }
                    }
                } else { quoted = false }
            } else { cell.append(c) }
        } else if c == "\"" { quoted = true }
        else if c == "," { row.append(cell); cell = "" }
        else if c == "\n" { row.append(cell); rows.append(row); row = []; cell = "" }
        else { cell.append(c) }
    }
    if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
    return rows
}

@Suite("CSVWriter")
struct CSVWriterTests {
    @Test func writesAHeaderAndOneRowPerSampleThatReadsBackExactly() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("out.csv")
        let a: [Float] = [0.1, -3.5, 1e-5, 123456.79, .pi, 0, -0.000123, 42]
        let b: [Float] = [1, 2, 3, 4, 5, 6, 7, 8]
        let channels = [ChannelInfo(label: "EMG, left", unit: "uV", sampleRate: 256, sampleCount: 8),
                        ChannelInfo(label: "Trigger", unit: "", sampleRate: 256, sampleCount: 8)]
        let writer = try CSVWriter(path: path, channels: channels)
        try writer.append(RecordingChunk(onset: 0, firstSample: [0, 0], samples: [Array(a[0..<3]), Array(b[0..<5])]))
        try writer.append(RecordingChunk(onset: 0, firstSample: [3, 5], samples: [Array(a[3...]), Array(b[5...])]))
        let files = try writer.finish()
        #expect(files == [path])
        let rows = parseCSV(try String(contentsOfFile: path, encoding: .utf8))
        #expect(rows.first == ["time_s", "EMG, left [uV]", "Trigger"])
        #expect(rows.count == 9)
        #expect(rows[1] == ["0", "0.1", "1"])
        #expect(rows[2][0] == "0.00390625" && rows[8][0] == "0.02734375")
        #expect(rows.dropFirst().map { Float($0[1]) } == a.map { Optional($0) })
        #expect(rows.dropFirst().map { Float($0[2]) } == b.map { Optional($0) })
        #expect(rows[8][2] == "8")
    }

    @Test func channelsAtOtherRatesGoToTheirOwnFiles() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("night.csv")
        let recording = mixedRateRecording()
        let reader = MemoryRecordingReader(recording, chunkSeconds: 1.3)
        let writer = try CSVWriter(path: path, channels: reader.header.channels)
        while let chunk = try reader.nextChunk() { try writer.append(chunk) }
        let files = try writer.finish()
        #expect(files == [path, folder.path("night_12.8Hz.csv"), folder.path("night_25Hz.csv")])
        for (file, signal) in zip(files, recording.signals) {
            let rows = parseCSV(try String(contentsOfFile: file, encoding: .utf8))
            #expect(rows[0] == ["time_s", "\(signal.label) [\(signal.unit)]"])
            #expect(rows.count == signal.count + 1)
            #expect(rows.dropFirst().map { Float($0[1]) } == signal.samples.map { Optional($0) })
            let times = rows.dropFirst().compactMap { Double($0[0]) }
            #expect(times.count == signal.count)
            #expect(times.enumerated().allSatisfy { abs($1 - Double($0) / signal.sampleRate) < 1e-9 })
        }
    }

    @Test func shorterChannelsLeaveEmptyCellsAtTheEnd() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ragged.csv")
        let channels = [ChannelInfo(label: "A", unit: "g", sampleRate: 3, sampleCount: 3),
                        ChannelInfo(label: "B", unit: "g", sampleRate: 3, sampleCount: 1)]
        let writer = try CSVWriter(path: path, channels: channels)
        try writer.append([1, 2, 3], toChannel: 0)
        try writer.append([9], toChannel: 1)
        try writer.finish()
        let rows = parseCSV(try String(contentsOfFile: path, encoding: .utf8))
        #expect(rows == [["time_s", "A [g]", "B [g]"], ["0", "1", "9"], ["0.3333", "2", ""], ["0.6667", "3", ""]])
    }

    @Test func timeDecimalsSuitTheRate() {
        #expect(CSVWriter.timeDecimals(1) == 0)
        #expect(CSVWriter.timeDecimals(100) == 2)
        #expect(CSVWriter.timeDecimals(12.8) == 6)
        #expect(CSVWriter.timeDecimals(3) == 4)
        #expect(CSVWriter.timeDecimals(487.3) == 6)
        #expect(CSVWriter.number(1) == "1" && CSVWriter.number(-0.25) == "-0.25" && CSVWriter.number(1e-5) == "1e-05")
    }

    @Test func badInputIsRefused() throws {
        let ok = ChannelInfo(label: "A", unit: "", sampleRate: 10, sampleCount: 0)
        #expect(throws: FormatError.cannotWrite(file: "/nonexistent-myotrace-dir/a.csv", reason: "No such file or directory")) {
            try CSVWriter(path: "/nonexistent-myotrace-dir/a.csv", channels: [ok])
        }
        let folder = try TemporaryFolder()
        #expect(throws: FormatError.self) { try CSVWriter(path: folder.path("b.csv"), channels: []) }
        var zero = ok; zero.sampleRate = 0
        #expect(throws: FormatError.self) { try CSVWriter(path: folder.path("c.csv"), channels: [zero]) }
    }
}
