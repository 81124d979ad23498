import Foundation
import MyoAnalysis
import MyoFormats
import MyoSignal
import MyoTestSupport
import Testing

@Suite("Sleep hypnogram")
struct SleepHypnogramTests {
    @Test func stagesParseInAASMAndRKForms() {
        #expect(SleepStage(annotationText: "Sleep stage W") == .wake)
        #expect(SleepStage(annotationText: "sleep stage n2") == .n2)
        #expect(SleepStage(annotationText: "Sleep stage 3") == .n3)
        #expect(SleepStage(annotationText: "Sleep stage 4") == .n3)
        #expect(SleepStage(annotationText: "Sleep stage R") == .rem)
        #expect(SleepStage(annotationText: "Sleep stage ?") == .unscored)
        #expect(SleepStage(annotationText: "Movement time") == .movement)
        #expect(SleepStage(annotationText: "Lights off") == nil)
        #expect(SleepStage(annotationText: "Obstructive apnea") == nil)
    }

    @Test func sleepTimeOnsetAndStagesFromAnnotations() {
        let a: [Annotation] = [
            .init(onset: 0, duration: 30, text: "Sleep stage W"), .init(onset: 30, duration: 30, text: "Sleep stage W"),
            .init(onset: 45, text: "Lights off"),
            .init(onset: 60, duration: 30, text: "Sleep stage 1"), .init(onset: 90, duration: 60, text: "Sleep stage 2"),
            .init(onset: 150, text: "Sleep stage 4"), .init(onset: 180, duration: 30, text: "Sleep stage W"),
            .init(onset: 210, duration: 30, text: "Sleep stage R"),
        ]
        let h = Hypnogram(annotations: a)
        #expect(h.epochs.count == 7)
        #expect(h.sleepOnset == 60)
        #expect(h.sleepSeconds == 30 + 60 + 30 + 30)
        #expect(h.nremSeconds == 30 + 60 + 30)
        #expect(h.epochCounts[.n3] == 1)
        #expect(h.stage(at: 100) == .n2)
        #expect(h.stage(at: 239.9) == .rem)
        #expect(h.stage(at: 240) == nil)
        #expect(h.wakeToSleepTransitions == [60, 210])
    }

    @Test func csvTableParsesAndReportsTheBadLine() throws {
        let h = try HypnogramFile.parse(text: "onset,duration,stage\n0,30,W\n30,30,N1\n# comment\n60,30,N2\n", file: "h.csv")
        #expect(h.epochs.map(\.stage) == [.wake, .n1, .n2])
        #expect(throws: SleepError.invalidLine(file: "h.csv", line: 3, column: "duration",
                                               reason: "\"-30\" is not a positive number of seconds")) {
            try HypnogramFile.parse(text: "onset,duration,stage\n0,30,W\n30,-30,N1\n", file: "h.csv")
        }
        #expect(throws: SleepError.self) { try HypnogramFile.parse(text: "0 30 N5\n", file: "h.txt") }
        #expect(throws: SleepError.self) { try HypnogramFile.parse(text: "0,30\n", file: "h.txt") }
    }

    @Test func hypnogramFilesLoadOrFailWithTheirName() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("hypnogram-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let table = dir.appendingPathComponent("night.txt").path
        try "0\t30\tSleep stage W\n30\t30\tSleep stage 2\n".write(toFile: table, atomically: true, encoding: .utf8)
        #expect(try HypnogramFile.load(table).epochs.map(\.stage) == [.wake, .n2])
        let empty = dir.appendingPathComponent("empty.csv").path
        try "onset,duration,stage\n".write(toFile: empty, atomically: true, encoding: .utf8)
        #expect(throws: SleepError.noStages(file: empty)) { try HypnogramFile.load(empty) }
        let missing = dir.appendingPathComponent("missing.csv").path
        #expect(throws: FormatError.self) { try HypnogramFile.load(missing) }
    }

    /// Counts checked with mne.read_annotations on the same file: 854 stage epochs
    /// (W 151, N1 109, N2 430, N3 23, R 141) of 30 s, first sleep (N1) at 240 s, 21090 s asleep.
    @Test(.enabled(if: SharedData.available, SharedData.missingReason))
    func realAnnotationOnlyHypnogram() throws {
        let h = try HypnogramFile.load(SharedData.path("data/edf_wfdb_python/test_edfann.edf"))
        #expect(h.epochs.count == 854)
        let c = h.epochCounts
        #expect(c[.wake] == 151 && c[.n1] == 109 && c[.n2] == 430 && c[.n3] == 23 && c[.rem] == 141)
        #expect(h.epochs.allSatisfy { $0.duration == 30 })
        #expect(h.sleepOnset == 240)
        #expect(h.sleepSeconds == 21090)
    }
}
