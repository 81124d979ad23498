import Foundation
import MyoSignal

/// A machine-readable description of a recording file: what `myotrace info --json` prints.
///
/// The keys `format`, `start`, `durationSeconds`, `channels` (`label`, `kind`, `unit`,
/// `sampleRate`, `sampleCount`) and `annotations` (`onset`, `duration`, `text`) are a stable
/// interface that other tools rely on; new keys may be added, none of these will be renamed.
public struct RecordingDescription: Codable, Sendable, Equatable {
    /// One channel as described in the JSON.
    public struct Channel: Codable, Sendable, Equatable {
        public var label: String
        public var kind: String
        public var unit: String
        /// Samples per second, in Hz.
        public var sampleRate: Double
        public var sampleCount: Int
        public var durationSeconds: Double
        public var transducer: String
        public var prefilter: String
        public var physicalMinimum: Double?
        public var physicalMaximum: Double?
        public var digitalMinimum: Int?
        public var digitalMaximum: Int?
    }

    /// One annotation as described in the JSON (`duration` is null for an instant).
    public struct Note: Codable, Sendable, Equatable {
        public var onset: Double
        public var duration: Double?
        public var text: String
        public var channel: String?
    }

    public var file: String
    public var format: String
    /// ISO-8601 date and time of the first sample with milliseconds, or null when unknown.
    public var start: String?
    public var durationSeconds: Double
    public var subject: SubjectInfo
    public var recording: RecordingInfoFields
    public var channels: [Channel]
    public var annotations: [Note]
    /// Stretches of a discontinuous recording; empty when continuous.
    public var segments: [TimeSegment]
    public var warnings: [String]

    /// Describes the file behind `reader`, reading its annotations (but not its samples).
    public init(reader: any RecordingReader) throws {
        let h = reader.header
        file = reader.path
        format = h.format.rawValue
        start = h.start.map(Self.isoString)
        durationSeconds = h.duration
        subject = h.subject
        recording = h.recordingInfo
        channels = h.channels.map {
            Channel(label: $0.label, kind: $0.kind.rawValue, unit: $0.unit, sampleRate: $0.sampleRate,
                    sampleCount: $0.sampleCount, durationSeconds: $0.duration, transducer: $0.transducer,
                    prefilter: $0.prefilter, physicalMinimum: $0.physicalRange?.lowerBound,
                    physicalMaximum: $0.physicalRange?.upperBound, digitalMinimum: $0.digitalRange?.lowerBound,
                    digitalMaximum: $0.digitalRange?.upperBound)
        }
        annotations = try reader.annotations().map {
            Note(onset: $0.onset, duration: $0.duration, text: $0.text, channel: $0.channel)
        }
        segments = try reader.segments()
        warnings = h.warnings
    }

    /// The JSON text, pretty-printed with sorted keys so that output is stable across runs.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// `2026-11-24T10:15:30.250`: ISO-8601 local date and time with milliseconds and no zone,
    /// because recording files give the wall-clock time of the recording site (see `Recording.start`).
    public static func isoString(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let ms = min(999, Int((Double(c.nanosecond ?? 0) / 1_000_000).rounded()))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                      c.hour ?? 0, c.minute ?? 0, c.second ?? 0, ms)
    }
}
