/// A time-stamped text attached to a recording: a technician's marker, a sleep stage, a
/// stimulus, or an event Myotrace detected.
///
/// Times are seconds from the recording start, as in EDF+ TALs.
public struct Annotation: Sendable, Hashable, Codable {
    /// Seconds from the start of the recording (may be negative in EDF+, before the first record).
    public var onset: Double
    /// Seconds, or `nil` when the annotation marks an instant.
    public var duration: Double?
    /// The text, UTF-8.
    public var text: String
    /// The channel the annotation refers to, when the file says (EDF+ "text@@channel"), or `nil`.
    public var channel: String?

    public init(onset: Double, duration: Double? = nil, text: String, channel: String? = nil) {
        self.onset = onset
        self.duration = duration
        self.text = text
        self.channel = channel
    }
}
