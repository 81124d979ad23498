import Foundation

/// A whole recording in memory: its channels (at different rates if need be), when it started,
/// who and what it is about, and its annotations.
///
/// Readers in `MyoFormats` can also stream a file chunk by chunk without ever building a
/// `Recording`; build one only when the recording fits in memory comfortably.
public struct Recording: Sendable, Equatable {
    /// When the first sample was taken, or `nil` when the file does not say.
    ///
    /// Recording files give the wall-clock time at the recording site without a time zone
    /// (EDF, WFDB, most wearables), so Myotrace stores that wall-clock time as if it were UTC:
    /// format it with a UTC calendar to get the time the file states.
    public var start: Date?
    /// Subject identification as the file gives it (EDF "local patient identification").
    public var subject: SubjectInfo
    /// Recording identification as the file gives it (EDF "local recording identification").
    public var recordingInfo: RecordingInfoFields
    /// The channels, in file order. Annotation channels are not signals and are not listed here.
    public var signals: [Signal]
    /// Annotations, sorted by onset.
    public var annotations: [Annotation]
    /// For discontinuous recordings (EDF+D, multi-segment WFDB with gaps): where each stretch of
    /// samples really starts. Empty means the samples are continuous from `start`.
    public var segments: [TimeSegment]

    public init(start: Date? = nil, subject: SubjectInfo = .init(), recordingInfo: RecordingInfoFields = .init(),
                signals: [Signal], annotations: [Annotation] = [], segments: [TimeSegment] = []) {
        self.start = start
        self.subject = subject
        self.recordingInfo = recordingInfo
        self.signals = signals
        self.annotations = annotations
        self.segments = segments
    }

    /// The length in seconds: the longest channel's duration.
    public var duration: Double { signals.map(\.duration).max() ?? 0 }

    /// The first signal whose label matches `label` exactly, or after trimming and ignoring case.
    public func signal(named label: String) -> Signal? {
        signals.first { $0.label == label }
            ?? signals.first { $0.label.trimmingCharacters(in: .whitespaces).lowercased()
                == label.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// All signals of one kind.
    public func signals(of kind: ChannelKind) -> [Signal] { signals.filter { $0.kind == kind } }
}

/// Who a recording is of. EDF+ structures this ("code sex birthdate name"); other formats give
/// only free text, which goes into `text`.
public struct SubjectInfo: Sendable, Equatable, Codable {
    /// The whole field as written in the file.
    public var text: String
    /// The hospital or pseudonymous code, when structured.
    public var code: String?
    /// "M", "F", or `nil`.
    public var sex: String?
    /// Birth date as written ("30-JUN-1969"), or `nil`.
    public var birthdate: String?
    /// The name field, or `nil`. Myotrace never needs it; it is kept so a round trip is lossless.
    public var name: String?

    public init(text: String = "", code: String? = nil, sex: String? = nil, birthdate: String? = nil, name: String? = nil) {
        self.text = text
        self.code = code
        self.sex = sex
        self.birthdate = birthdate
        self.name = name
    }
}

/// What a recording is. EDF+ structures this ("Startdate dd-MMM-yyyy admincode technician
/// equipment"); other formats give free text.
public struct RecordingInfoFields: Sendable, Equatable, Codable {
    /// The whole field as written in the file.
    public var text: String
    public var administrationCode: String?
    public var technician: String?
    public var equipment: String?

    public init(text: String = "", administrationCode: String? = nil, technician: String? = nil, equipment: String? = nil) {
        self.text = text
        self.administrationCode = administrationCode
        self.technician = technician
        self.equipment = equipment
    }
}

/// A stretch of contiguous samples in a discontinuous recording.
///
/// Samples are stored back to back; `dataStart` is where the stretch begins in that
/// concatenated timeline and `onset` where it really begins, both in seconds from the
/// recording start. In a continuous recording the two are equal.
public struct TimeSegment: Sendable, Hashable, Codable {
    public var dataStart: Double
    public var onset: Double
    public var duration: Double

    public init(dataStart: Double, onset: Double, duration: Double) {
        self.dataStart = dataStart
        self.onset = onset
        self.duration = duration
    }
}
