import Foundation

/// One signal's entry in an EDF/BDF header: its description, its ranges and its place in a
/// data record.
public struct EDFSignalHeader: Sendable, Equatable {
    /// The label as written, without padding ("EEG Fpz-Cz", "EDF Annotations").
    public var label: String
    public var transducer: String
    /// The physical dimension (unit), e.g. "uV".
    public var physicalDimension: String
    public var physicalMinimum: Double
    public var physicalMaximum: Double
    public var digitalMinimum: Int
    public var digitalMaximum: Int
    public var prefilter: String
    /// Samples of this signal in each data record.
    public var samplesPerRecord: Int
    /// True for an EDF+/BDF+ annotation channel, which holds TALs instead of samples.
    public var isAnnotation: Bool
    /// Byte offset of this signal's samples inside a data record.
    public var offsetInRecord: Int

    /// Physical units per digital step: (physMax - physMin) / (digMax - digMin).
    public var gain: Double {
        (physicalMaximum - physicalMinimum) / Double(digitalMaximum - digitalMinimum)
    }

    /// The physical value of digital 0, so that physical = gain * digital + offset, which is the
    /// EDF standard's (digital - digMin) * (physMax - physMin) / (digMax - digMin) + physMin.
    public var offset: Double { physicalMinimum - gain * Double(digitalMinimum) }
}
