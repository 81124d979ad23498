import Foundation
import MyoSignal

/// Opens any recording file Myotrace reads, choosing the reader by content and extension.
public enum RecordingFile {
    /// Opens `path` with the reader for its format (`format` forces one).
    ///
    /// Recognition looks at the first bytes first (EDF "0       ", BDF 0xFF "BIOSEMI",
    /// RIFF/WAVE, zip for GT3X, the CWA "MD" header, GENEActiv's "Device Identity") and at the
    /// extension only for text formats (`.hea`, `.csv`, `.txt`).
    public static func open(_ path: String, format: FileFormat? = nil) throws -> any RecordingReader {
        let detected = try format ?? detectFormat(path)
        switch detected {
        case .edf, .edfPlus, .bdf, .bdfPlus: return try EDFReader(path: path)
        case .wfdb: return try WFDBReader(path: path)
        case .axivityCWA: return try CWAReader(path: path)
        case .geneActiv: return try GENEActivReader(path: path)
        case .actiGraphGT3X: return try GT3XReader(path: path)
        case .csv: return try CSVRecordingReader(path: path)
        case .wav: return try WAVReader(path: path)
        }
    }

    /// Reads a whole file into memory.
    public static func read(_ path: String, format: FileFormat? = nil) throws -> Recording {
        try open(path, format: format).readAll()
    }

    /// Guesses the format of `path` from its first bytes and its extension.
    public static func detectFormat(_ path: String) throws -> FileFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "hea" { return .wfdb }
        let file = try BinaryFile(path: path)
        let n = min(file.size, 256)
        let head = try file.bytes(offset: 0, count: n, field: "file signature")
        if n >= 8, head[0] == 0xFF, Array(head[1..<8]) == Array("BIOSEMI".utf8) { return .bdf }
        if n >= 8, Array(head[0..<8]) == Array("0       ".utf8) { return .edf }
        if n >= 12, Array(head[0..<4]) == Array("RIFF".utf8), Array(head[8..<12]) == Array("WAVE".utf8) { return .wav }
        if n >= 4, head[0] == 0x50, head[1] == 0x4B, head[2] == 3, head[3] == 4 { return .actiGraphGT3X }
        if n >= 2, head[0] == 0x4D, head[1] == 0x44, ext == "cwa" || n >= 4 && head[2] == 0xFC && head[3] == 0x03 { return .axivityCWA }
        if let text = String(bytes: head.prefix(64), encoding: .ascii), text.hasPrefix("Device Identity") { return .geneActiv }
        switch ext {
        case "edf", "rec": return .edf
        case "bdf": return .bdf
        case "cwa": return .axivityCWA
        case "bin": return .geneActiv
        case "gt3x": return .actiGraphGT3X
        case "wav": return .wav
        case "csv", "txt", "tsv": return .csv
        case "dat":
            throw FormatError.unrecognizedFormat(file: path, reason: "a WFDB signal file: open its .hea header instead")
        default: break
        }
        throw FormatError.unrecognizedFormat(
            file: path,
            reason: "neither EDF/BDF, WFDB (.hea), Axivity .cwa, GENEActiv .bin, ActiGraph .gt3x, WAV nor CSV")
    }
}
