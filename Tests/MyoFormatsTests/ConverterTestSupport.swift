import Foundation
import MyoTestSupport
import Testing
import MyoFormats
import MyoSignal

/// A `RecordingReader` over a `Recording` held in memory: the source side of the writer and
/// converter tests. It hands out chunks of `chunkSeconds` like a file reader does.
final class MemoryRecordingReader: RecordingReader {
    let path: String
    let header: RecordingHeader
    private let recording: Recording
    private let chunkSeconds: Double
    private var chunkIndex = 0

    /// - Parameter declareRanges: whether the header states each channel's physical range
    ///   (as EDF does) or leaves it unknown (as CSV does).
    init(_ recording: Recording, path: String = "memory", chunkSeconds: Double = 2.5, declareRanges: Bool = false) {
        self.recording = recording
        self.path = path
        self.chunkSeconds = chunkSeconds
        let channels = recording.signals.map { s in
            ChannelInfo(label: s.label, kind: s.kind, unit: s.unit, sampleRate: s.sampleRate, sampleCount: s.count,
                        transducer: s.transducer, prefilter: s.prefilter,
                        physicalRange: declareRanges ? Self.range(of: s.samples) : nil)
        }
        header = RecordingHeader(format: .csv, start: recording.start, subject: recording.subject,
                                 recordingInfo: recording.recordingInfo, channels: channels)
    }

    static func range(of samples: [Float]) -> ClosedRange<Double> {
        let low = Double(samples.min() ?? 0), high = Double(samples.max() ?? 0)
        return low...high
    }

    func nextChunk() throws -> RecordingChunk? {
        let t0 = Double(chunkIndex) * chunkSeconds, t1 = Double(chunkIndex + 1) * chunkSeconds
        var firsts: [Int] = [], blocks: [[Float]] = []
        var any = false
        for s in recording.signals {
            let a = min(s.count, Int((t0 * s.sampleRate).rounded(.down)))
            let b = min(s.count, Int((t1 * s.sampleRate).rounded(.down)))
            firsts.append(a)
            blocks.append(Array(s.samples[a..<b]))
            if a < s.count { any = true }
        }
        guard any else { return nil }
        chunkIndex += 1
        return RecordingChunk(onset: t0, firstSample: firsts, samples: blocks)
    }

    func rewind() throws { chunkIndex = 0 }

    func annotations() throws -> [Annotation] { recording.annotations }
}

/// Temporary files for one test, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("myotrace-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs `Tools/interop/check_written_edf.py` with the Python named by `MYOTRACE_PYTHON`.
enum InteropCheck {
    static let python = ProcessInfo.processInfo.environment["MYOTRACE_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { python != nil }
    static let missingReason: Comment = "set MYOTRACE_PYTHON to a Python with pyedflib, mne (and edfio) to check written files with independent readers"

    /// Writes the expectation beside `file`, runs the script and returns its exit status and output.
    /// With `MYOTRACE_KEEP_WRITTEN` naming a folder, the file is also copied there, to open it
    /// in a viewer such as EDFbrowser.
    static func run(file: String, expect: [String: Any]) throws -> (status: Int32, output: String) {
        if let keep = ProcessInfo.processInfo.environment["MYOTRACE_KEEP_WRITTEN"], !keep.isEmpty {
            let target = URL(fileURLWithPath: keep).appendingPathComponent((file as NSString).lastPathComponent)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: URL(fileURLWithPath: file), to: target)
        }
        let expectPath = file + ".expect.json"
        let data = try JSONSerialization.data(withJSONObject: expect, options: [.sortedKeys])
        try data.write(to: URL(fileURLWithPath: expectPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? "/usr/bin/false")
        process.arguments = [SharedData.repoPath("Tools/interop/check_written_edf.py"), file, "--expect", expectPath]
        var environment = ProcessInfo.processInfo.environment
        environment["MNE_DONTWRITE_HOME"] = "true"
        environment["MPLBACKEND"] = "Agg"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    /// The expectation for a file written from `recording` by `writer`.
    static func expectation(for recording: Recording, writer: EDFWriter) -> [String: Any] {
        let digitalSteps = writer.format == .edfPlus ? 65535.0 : 16_777_215.0
        return [
            "labels": recording.signals.map(\.label),
            "rates": recording.signals.map(\.sampleRate),
            "file_samples": writer.samplesPerRecord.map { $0 * writer.recordCount },
            "signals": recording.signals.map { $0.samples.map(Double.init) },
            "tolerance": writer.physicalRanges.map { ($0.upperBound - $0.lowerBound) / digitalSteps * 0.5 * 1.0001 + 1e-9 },
            "annotations": recording.annotations.map { a -> [String: Any] in
                ["onset": a.onset, "duration": a.duration.map { $0 as Any } ?? NSNull(), "text": a.text]
            },
        ]
    }
}
