import Foundation

/// One signal's entry in an EDF/BDF header: its description, its ranges and its place in a
/// data record.
public struct EDFSignalHeader: Sendable, Equatable {
    /// The label as written, without padding ("EEG Fpz-Cz", "EDF Annotations").
    public var label: String
    /// The transducer type ("AgAgCl electrode").
    public var transducer: String
    /// The physical dimension (unit), e.g. "uV".
    public var physicalDimension: String
    /// The physical value of `digitalMinimum` (may exceed `physicalMaximum`: inverted polarity).
    public var physicalMinimum: Double
    /// The physical value of `digitalMaximum`.
    public var physicalMaximum: Double
    /// The lowest digital value the ADC gives; always below `digitalMaximum` for data signals.
    public var digitalMinimum: Int
    /// The highest digital value the ADC gives.
    public var digitalMaximum: Int
    /// The prefiltering as written ("HP:0.1Hz LP:75Hz").
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
