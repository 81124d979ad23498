import Foundation
import MyoSignal

/// What a reader knows about one channel before reading its samples.
public struct ChannelInfo: Sendable, Equatable {
    public var label: String
    public var kind: ChannelKind
    public var unit: String
    /// Samples per second, in Hz.
    public var sampleRate: Double
    /// Samples in the whole file for this channel.
    public var sampleCount: Int
    public var transducer: String
    public var prefilter: String
    /// The physical range the file declares (EDF/BDF, WFDB), used to keep precision on export.
    public var physicalRange: ClosedRange<Double>?
    /// The digital range the file declares (EDF/BDF), or `nil` for formats without one.
    public var digitalRange: ClosedRange<Int>?

    public init(label: String, kind: ChannelKind? = nil, unit: String, sampleRate: Double, sampleCount: Int,
                transducer: String = "", prefilter: String = "",
                physicalRange: ClosedRange<Double>? = nil, digitalRange: ClosedRange<Int>? = nil) {
        self.label = label
        self.kind = kind ?? ChannelKind.infer(label: label, transducer: transducer, unit: unit)
        self.unit = unit
        self.sampleRate = sampleRate
        self.sampleCount = sampleCount
        self.transducer = transducer
        self.prefilter = prefilter
        self.physicalRange = physicalRange
        self.digitalRange = digitalRange
    }

    /// Seconds of signal in this channel.
    public var duration: Double { sampleRate > 0 ? Double(sampleCount) / sampleRate : 0 }
}

/// What a reader knows about a whole file from its header, before reading samples.
public struct RecordingHeader: Sendable, Equatable {
    public var format: FileFormat
    public var start: Date?
    public var subject: SubjectInfo
    public var recordingInfo: RecordingInfoFields
    /// The signal channels, in file order (annotation channels are not listed).
    public var channels: [ChannelInfo]
    /// Seconds of signal (the longest channel).
    public var duration: Double
    /// Things a user should know that do not stop reading (irregular timestamps, clipped
    /// values, a record count the header did not state). Never silently dropped.
    public var warnings: [String]

    public init(format: FileFormat, start: Date?, subject: SubjectInfo = .init(),
                recordingInfo: RecordingInfoFields = .init(), channels: [ChannelInfo],
                duration: Double? = nil, warnings: [String] = []) {
        self.format = format
        self.start = start
        self.subject = subject
        self.recordingInfo = recordingInfo
        self.channels = channels
        self.duration = duration ?? (channels.map(\.duration).max() ?? 0)
        self.warnings = warnings
    }
}

/// A block of samples for every channel, covering the same stretch of time.
///
/// `samples[i]` belongs to `header.channels[i]` and starts at sample `firstSample[i]` of that
/// channel. Channels at different rates carry different counts.
public struct RecordingChunk: Sendable {
    /// Seconds from the recording start at which this chunk's first samples were taken
    /// (jumps forward across the gaps of a discontinuous recording).
    public var onset: Double
    public var firstSample: [Int]
    public var samples: [[Float]]
    /// Annotations found in this part of the file.
    public var annotations: [Annotation]

    public init(onset: Double, firstSample: [Int], samples: [[Float]], annotations: [Annotation] = []) {
        self.onset = onset
        self.firstSample = firstSample
        self.samples = samples
        self.annotations = annotations
    }
}

/// Streams a recording file chunk by chunk, so memory stays bounded whatever the file size.
///
/// ```swift
/// let reader = try RecordingFile.open("night.edf")
/// while let chunk = try reader.nextChunk() {
///     detector.consume(chunk.samples[0])
/// }
/// ```
/// A reader is a class with a file position; it is not safe to share between tasks.
public protocol RecordingReader: AnyObject {
    /// What the header says.
    var header: RecordingHeader { get }
    /// The file's path, for messages.
    var path: String { get }
    /// The next block of samples (a few seconds' worth, bounded in size), or `nil` at the end.
    func nextChunk() throws -> RecordingChunk?
    /// Goes back to the first sample.
    func rewind() throws
    /// Every annotation in the file, sorted by onset. May read the file once (EDF+ keeps
    /// annotations in its data records) without decoding samples.
    func annotations() throws -> [Annotation]
    /// Where each stretch of samples really starts, for discontinuous files; empty otherwise.
    func segments() throws -> [TimeSegment]
}

extension RecordingReader {
    public func segments() throws -> [TimeSegment] { [] }

    /// Reads the whole file into memory. `progress` is called with the fraction done (0...1).
    public func readAll(progress: ((Double) -> Void)? = nil) throws -> Recording {
        try rewind()
        let h = header
        var buffers: [[Float]] = h.channels.map { c in
            var a = [Float](); a.reserveCapacity(c.sampleCount); return a
        }
        let total = max(1, h.channels.reduce(0) { $0 + $1.sampleCount })
        var done = 0
        while let chunk = try nextChunk() {
            for i in chunk.samples.indices { buffers[i].append(contentsOf: chunk.samples[i]); done += chunk.samples[i].count }
            progress?(Double(done) / Double(total))
        }
        let signals = h.channels.enumerated().map { i, c in
            Signal(label: c.label, kind: c.kind, unit: c.unit, sampleRate: c.sampleRate, samples: buffers[i],
                   transducer: c.transducer, prefilter: c.prefilter)
        }
        return Recording(start: h.start, subject: h.subject, recordingInfo: h.recordingInfo, signals: signals,
                         annotations: try annotations(), segments: try segments())
    }
}

extension RecordingHeader {
    /// The index of the channel a user named: a 1-based channel number, the exact label, or
    /// the label ignoring case and surrounding spaces; `nil` when none matches.
    public func channelIndex(named name: String) -> Int? {
        if let n = Int(name), n >= 1, n <= channels.count { return n - 1 }
        return channels.firstIndex { $0.label == name }
            ?? channels.firstIndex { $0.label.trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() }
    }
}
