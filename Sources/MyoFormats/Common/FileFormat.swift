import Foundation

/// The recording formats Myotrace reads, with how each is recognised.
public enum FileFormat: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// European Data Format, 16-bit (1992), with no annotations.
    case edf = "EDF"
    /// EDF+ (2003): EDF with structured header fields and annotation channels; continuous or discontinuous.
    case edfPlus = "EDF+"
    /// BioSemi Data Format: EDF with 24-bit samples.
    case bdf = "BDF"
    /// BDF+: BDF with EDF+ conventions and annotation channels.
    case bdfPlus = "BDF+"
    /// PhysioNet WFDB record (`.hea` header plus signal files).
    case wfdb = "WFDB"
    /// Axivity AX3/AX6 native binary (`.cwa`).
    case axivityCWA = "CWA"
    /// GENEActiv native (`.bin`).
    case geneActiv = "GENEActiv"
    /// ActiGraph GT3X (`.gt3x`, a zip container with `log.bin`).
    case actiGraphGT3X = "GT3X"
    /// Comma-separated values: a time column and channels (wearable exports, lab exports).
    case csv = "CSV"
    /// RIFF WAVE audio, PCM.
    case wav = "WAV"

    public var description: String { rawValue }
}
