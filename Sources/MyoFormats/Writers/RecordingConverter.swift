import Foundation
import MyoSignal

/// The formats Myotrace writes.
public enum OutputFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// EDF+C, 16-bit, with an annotation channel.
    case edfPlus
    /// BDF+C, 24-bit, with an annotation channel.
    case bdfPlus
    /// Comma-separated values, one file per sample rate, annotations in a sidecar file.
    case csv

    /// The format a file extension asks for: "edf" (EDF+), "bdf" (BDF+) or "csv", in any case,
    /// with or without the dot; `nil` for anything else.
    public init?(pathExtension: String) {
        var ext = pathExtension.lowercased()
        if ext.hasPrefix(".") { ext.removeFirst() }
        switch ext {
        case "edf": self = .edfPlus
        case "bdf": self = .bdfPlus
        case "csv": self = .csv
        default: return nil
        }
    }

    /// The format the extension of `path` asks for, or `nil`.
    public init?(path: String) { self.init(pathExtension: (path as NSString).pathExtension) }

    public var description: String {
        switch self {
        case .edfPlus: return "EDF+"
        case .bdfPlus: return "BDF+"
        case .csv: return "CSV"
        }
    }
}

/// Copies a recording from any reader to any writer without holding it in memory.
///
/// EDF+ and BDF+ need each channel's physical range before the first sample is written. When
/// the reader declares it (EDF, WFDB) it is kept; otherwise one extra pass over the file
/// measures it (the reader is rewound), so a conversion reads the file at most twice and keeps
/// at most a chunk and a few records in memory.
public enum RecordingConverter {
    /// Converts the recording `reader` streams into `path`.
    ///
    /// - Parameters:
    ///   - annotations: added to the reader's own annotations (e.g. detected jerks).
    ///   - progress: called with the fraction done, 0...1, after every chunk.
    ///   - warnings: called with each adaptation made to fit the output (ASCII header text,
    ///     clipped samples, padding), so the caller can show them.
    /// - Returns: every file written, the main one first (CSV writes one per rate and a
    ///   `<name>_annotations.csv` when there are annotations).
    /// - Throws: `FormatError` from the reader, or `.cannotWrite` for an unwritable path, no
    ///   channels, a bad rate, or a discontinuous source (EDF+D output is not written yet).
    ///
    /// The files are written into a staging folder beside `path` and moved into place only when
    /// the whole conversion has succeeded, so a failure (a broken input, a full disk, a kill)
    /// never leaves a half-written file and never destroys a file that was there before.
    public static func convert(reader: any RecordingReader, to path: String, format: OutputFormat,
                               annotations extra: [Annotation] = [], progress: ((Double) -> Void)? = nil,
                               warnings: ((String) -> Void)? = nil) throws -> [String] {
        let fm = FileManager.default
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let staging = directory.appendingPathComponent(".myotrace-staging-\(UUID().uuidString)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw FormatError.cannotWrite(file: path, reason: "cannot create a file in \(directory.path): \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(at: staging) }
        let staged = staging.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path
        let written = try convertInPlace(reader: reader, to: staged, format: format, annotations: extra,
                                         progress: progress, warnings: warnings)
        return try written.map { file in
            let target = directory.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent).path
            guard rename(file, target) == 0 else {
                throw FormatError.cannotWrite(file: target, reason: String(cString: strerror(errno)))
            }
            return target
        }
    }

    /// The conversion itself, writing straight to `path`.
    private static func convertInPlace(reader: any RecordingReader, to path: String, format: OutputFormat,
                                       annotations extra: [Annotation], progress: ((Double) -> Void)?,
                                       warnings: ((String) -> Void)?) throws -> [String] {
        var channels = reader.header.channels
        guard !channels.isEmpty else { throw FormatError.cannotWrite(file: path, reason: "\(reader.path) has no signal channels") }
        let gaps = try reader.segments().filter { abs($0.onset - $0.dataStart) > 1e-9 }
        guard gaps.isEmpty else {
            throw FormatError.cannotWrite(file: path, reason: "\(reader.path) is discontinuous (\(gaps.count) segments after a gap); writing EDF+D or gapped CSV is not supported yet")
        }
        var all = try reader.annotations() + extra
        all.sort { $0.onset < $1.onset }
        let total = Double(max(1, channels.reduce(0) { $0 + $1.sampleCount }))
        let needsScan = format != .csv && channels.contains { $0.physicalRange == nil }
        let passes = needsScan ? 2.0 : 1.0

        if needsScan {
            let measured = try measureRanges(reader: reader) { progress?($0 / passes) }
            for i in channels.indices where channels[i].physicalRange == nil { channels[i].physicalRange = measured[i] }
        }

        try reader.rewind()
        var done = 0
        func stream(_ append: (RecordingChunk) throws -> Void) throws {
            while let chunk = try reader.nextChunk() {
                try append(chunk)
                done += chunk.samples.reduce(0) { $0 + $1.count }
                progress?(((passes - 1) + min(1, Double(done) / total)) / passes)
            }
        }

        switch format {
        case .edfPlus, .bdfPlus:
            let writer = try EDFWriter(path: path, format: format == .edfPlus ? .edfPlus : .bdfPlus,
                                       header: .init(reader.header), channels: channels, annotations: all)
            try stream { try writer.append($0) }
            try writer.finish()
            writer.warnings.forEach { warnings?($0) }
            progress?(1)
            return [path]
        case .csv:
            let writer = try CSVWriter(path: path, channels: channels)
            try stream { try writer.append($0) }
            var files = try writer.finish()
            if !all.isEmpty {
                let sidecar = (path as NSString).deletingPathExtension + "_annotations.csv"
                try writeAnnotations(all, to: sidecar)
                files.append(sidecar)
            }
            progress?(1)
            return files
        }
    }

    /// The smallest and largest finite sample of each channel, from one pass over `reader`
    /// (rewound first). A channel without finite samples gets 0...0. Complexity: O(samples).
    public static func measureRanges(reader: any RecordingReader, progress: ((Double) -> Void)? = nil) throws -> [ClosedRange<Double>] {
        let channels = reader.header.channels
        var low = [Float](repeating: .infinity, count: channels.count)
        var high = [Float](repeating: -.infinity, count: channels.count)
        let total = Double(max(1, channels.reduce(0) { $0 + $1.sampleCount }))
        var done = 0
        try reader.rewind()
        while let chunk = try reader.nextChunk() {
            for (i, samples) in chunk.samples.enumerated() where i < channels.count {
                var lo = low[i], hi = high[i]
                samples.withUnsafeBufferPointer { buffer in
                    for x in buffer where x.isFinite {
                        if x < lo { lo = x }
                        if x > hi { hi = x }
                    }
                }
                low[i] = lo
                high[i] = hi
                done += samples.count
            }
            progress?(min(1, Double(done) / total))
        }
        return channels.indices.map { i in low[i] <= high[i] ? Double(low[i])...Double(high[i]) : 0...0 }
    }

    /// "onset_s,duration_s,text,channel" rows, for formats without annotations of their own.
    static func writeAnnotations(_ annotations: [Annotation], to path: String) throws {
        var text = "onset_s,duration_s,text,channel\n"
        for a in annotations {
            let duration = a.duration.map { compactNumber($0) } ?? ""
            text += "\(compactNumber(a.onset)),\(duration),\(CSVWriter.quoted(a.text)),\(CSVWriter.quoted(a.channel ?? ""))\n"
        }
        do { try text.write(toFile: path, atomically: false, encoding: .utf8) }
        catch { throw FormatError.cannotWrite(file: path, reason: error.localizedDescription) }
    }
}
