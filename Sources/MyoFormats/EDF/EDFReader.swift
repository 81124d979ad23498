import Foundation
import MyoSignal

/// Reads EDF, EDF+, BDF and BDF+ files, streaming whole data records in bounded chunks.
///
/// Opening parses and validates the header (``EDFHeader``) and the first record's time-keeping
/// TAL (for the sub-second start); samples are read only by ``nextChunk()``, about 64 KiB at a time
/// with one `pread` per chunk, and decoded straight to physical `Float`. Annotation channels are
/// not listed as channels; their TALs come from ``annotations()`` and each chunk's
/// `annotations`. EDF+D files report their gaps through ``segments()`` and chunk onsets.
public final class EDFReader: RecordingReader {
    /// Target bytes of raw data per chunk (a chunk is always whole records, at least one): 64 KiB
    /// is about 25 s of a 1 kHz channel, so one channel's decoded chunk stays under the C
    /// allocator's 128 KiB threshold for mapping fresh pages. Chunks of 2 MiB were mapped and
    /// unmapped one after the other, and faulting their pages in again cost about a fifth of
    /// the time of an hour's analysis (11,500 page faults against 4,200 now; peak memory 46 MiB
    /// against 30 MiB). The extra system calls cost far less.
    public static let targetChunkBytes = 1 << 16

    /// The file's path, for messages.
    public let path: String
    /// The header as every reader gives it: data channels only, start with sub-seconds.
    public let header: RecordingHeader
    /// The parsed EDF header, with every signal (annotation channels included).
    public let edfHeader: EDFHeader

    private let file: BinaryFile
    private let dataSignals: [Int]
    private let annotationSignals: [Int]
    /// Onset of the first record (its time-keeping TAL): the zero of every onset reported.
    private let origin: Double
    private var nextRecord = 0
    private var buffer: [UInt8] = []
    /// Record onsets from the time-keeping TALs, read on first need (EDF+D only).
    private var recordOnsets: [Double]?

    /// Opens `path` and reads its header.
    /// - Throws: `FormatError` naming the field and byte offset of anything malformed.
    public init(path: String) throws {
        self.path = path
        let file = try BinaryFile(path: path)
        self.file = file
        let fixed = try file.bytes(offset: 0, count: min(file.size, 256), field: "fixed header")
        // Read the signal headers too when the signal count is plausible; parse reports the rest.
        var headerBytes = fixed
        if fixed.count == 256,
           let ns = Int(String(decoding: fixed[252..<256], as: UTF8.self).trimmingCharacters(in: .whitespaces)),
           let size = EDFHeader.headerSize(signalCount: ns) {
            headerBytes = try file.bytes(offset: 0, count: min(file.size, size), field: "signal headers")
        }
        let h = try EDFHeader.parse(headerBytes, fileSize: file.size, path: path)
        self.edfHeader = h
        self.dataSignals = h.dataSignalIndices
        self.annotationSignals = h.annotationSignalIndices

        var warnings = h.warnings
        var origin = 0.0
        if h.isPlus {
            if annotationSignals.isEmpty {
                warnings.append("an \(h.format) file without an annotation channel; record times assumed contiguous")
            } else if h.recordCount > 0, let first = annotationSignals.first {
                let s = h.signals[first]
                let at = h.headerBytes + s.offsetInRecord
                let bytes = try file.bytes(offset: at, count: s.samplesPerRecord * h.bytesPerSample,
                                           field: "annotations of data record 0")
                origin = try Self.timeKeepingOnset(bytes[...], fileOffset: at, record: 0, path: path)
            }
        }
        self.origin = origin
        if !h.isContinuous && annotationSignals.isEmpty {
            throw FormatError.inconsistent(file: path, offset: 192, field: "reserved",
                                           reason: "a discontinuous (+D) file needs an annotation channel for record times")
        }

        let rate = { (s: EDFSignalHeader) in h.recordDuration > 0 ? Double(s.samplesPerRecord) / h.recordDuration : 0 }
        let channels = dataSignals.map { i -> ChannelInfo in
            let s = h.signals[i]
            return ChannelInfo(label: s.label, unit: s.physicalDimension, sampleRate: rate(s),
                               sampleCount: s.samplesPerRecord * h.recordCount, transducer: s.transducer,
                               prefilter: s.prefilter,
                               physicalRange: min(s.physicalMinimum, s.physicalMaximum)...max(s.physicalMinimum, s.physicalMaximum),
                               digitalRange: s.digitalMinimum...s.digitalMaximum)
        }
        self.header = RecordingHeader(format: h.format, start: h.start.addingTimeInterval(origin),
                                      subject: h.subject, recordingInfo: h.recordingInfo, channels: channels,
                                      warnings: warnings)
    }

    /// The onset of the time-keeping TAL (the first TAL of a record's first annotation signal).
    static func timeKeepingOnset(_ bytes: ArraySlice<UInt8>, fileOffset: Int, record: Int, path: String) throws -> Double {
        let tals = try TALParser.parse(bytes, fileOffset: fileOffset, path: path)
        guard let first = tals.first else {
            throw FormatError.invalidField(file: path, offset: fileOffset, field: "annotations of data record \(record)",
                                           value: "", reason: "has no time-keeping TAL (EDF+ requires one per record)")
        }
        return first.onset
    }

    // MARK: Streaming

    /// Goes back to the first data record. O(1).
    public func rewind() throws { nextRecord = 0 }

    /// The next whole records (about ``targetChunkBytes`` of raw data), decoded, or nil at the end.
    /// Chunks of an EDF+D file never span a gap, so `onset` is exact for every sample.
    /// - Complexity: O(samples in the chunk).
    public func nextChunk() throws -> RecordingChunk? {
        let h = edfHeader
        guard nextRecord < h.recordCount else { return nil }
        var count = min(max(1, Self.targetChunkBytes / h.recordSize), h.recordCount - nextRecord)
        var onset = Double(nextRecord) * h.recordDuration
        if !h.isContinuous {
            let onsets = try allRecordOnsets()
            onset = onsets[nextRecord] - origin
            var n = 1
            while n < count, abs(onsets[nextRecord + n] - (onsets[nextRecord + n - 1] + h.recordDuration)) <= Self.gapTolerance {
                n += 1
            }
            count = n
        }
        let first = nextRecord
        try file.read(into: &buffer, offset: h.recordOffset(first), count: count * h.recordSize,
                      field: "data record \(first)")
        var samples: [[Float]] = []
        samples.reserveCapacity(dataSignals.count)
        buffer.withUnsafeBytes { raw in
            for i in dataSignals {
                let s = h.signals[i]
                let n = count * s.samplesPerRecord
                samples.append([Float](unsafeUninitializedCapacity: n) { out, initialized in
                    if h.bytesPerSample == 3 {
                        EDFDecoding.physical24(raw, records: count, recordSize: h.recordSize, signalOffset: s.offsetInRecord,
                                               samplesPerRecord: s.samplesPerRecord, gain: s.gain, offset: s.offset, into: out)
                    } else {
                        EDFDecoding.physical16(raw, records: count, recordSize: h.recordSize, signalOffset: s.offsetInRecord,
                                               samplesPerRecord: s.samplesPerRecord, gain: s.gain, offset: s.offset, into: out)
                    }
                    initialized = n
                })
            }
        }
        var notes: [Annotation] = []
        // Plain EDF/BDF has no annotation channel: skip the per-record slicing altogether.
        for r in 0..<count where !annotationSignals.isEmpty {
            notes += try recordAnnotations(buffer[(r * h.recordSize)..<((r + 1) * h.recordSize)], record: first + r)
        }
        nextRecord += count
        return RecordingChunk(onset: onset, firstSample: dataSignals.map { first * h.signals[$0].samplesPerRecord },
                              samples: samples, annotations: notes)
    }

    /// Two records are contiguous when the second starts within this many seconds of the end of
    /// the first (TAL onsets are decimal and may be rounded by writers).
    static let gapTolerance = 1e-6

    // MARK: Digital values

    /// The digital (raw ADC) values of data channel `channel` (an index into `header.channels`),
    /// for checks against other readers. Reads the whole file in chunks.
    /// - Complexity: O(file size) reading, O(channel samples) memory.
    public func readDigital(channel: Int) throws -> [Int32] {
        guard dataSignals.indices.contains(channel) else {
            throw FormatError.inconsistent(file: path, offset: nil, field: "channel",
                                           reason: "no channel \(channel); the file has \(dataSignals.count)")
        }
        let h = edfHeader
        let s = h.signals[dataSignals[channel]]
        var out = [Int32](repeating: 0, count: s.samplesPerRecord * h.recordCount)
        let perChunk = max(1, Self.targetChunkBytes / h.recordSize)
        var record = 0
        var raw: [UInt8] = []
        while record < h.recordCount {
            let count = min(perChunk, h.recordCount - record)
            try file.read(into: &raw, offset: h.recordOffset(record), count: count * h.recordSize, field: "data record \(record)")
            raw.withUnsafeBytes { src in
                out.withUnsafeMutableBufferPointer { dst in
                    let start = record * s.samplesPerRecord
                    let slice = UnsafeMutableBufferPointer(rebasing: dst[start..<(start + count * s.samplesPerRecord)])
                    EDFDecoding.digital(src, records: count, recordSize: h.recordSize, signalOffset: s.offsetInRecord,
                                        samplesPerRecord: s.samplesPerRecord, bytesPerSample: h.bytesPerSample, into: slice)
                }
            }
            record += count
        }
        return out
    }

    // MARK: Annotations and segments

    /// Every annotation of every annotation channel, sorted by onset (stable), with onsets in
    /// seconds from the recording start. Reads only the annotation bytes of each record.
    /// - Complexity: O(records x annotation bytes per record).
    public func annotations() throws -> [Annotation] {
        var all: [Annotation] = []
        try forEachRecordAnnotations { record, slice in all += try recordAnnotations(slice, record: record) }
        return all.enumerated().sorted { a, b in
            a.element.onset != b.element.onset ? a.element.onset < b.element.onset : a.offset < b.offset
        }.map(\.element)
    }

    /// For EDF+D/BDF+D, the stretches of contiguous records (merged), in seconds from the
    /// recording start; empty for continuous files.
    public func segments() throws -> [TimeSegment] {
        let h = edfHeader
        guard !h.isContinuous else { return [] }
        let onsets = try allRecordOnsets()
        var segments: [TimeSegment] = []
        for (r, t) in onsets.enumerated() {
            if let last = segments.last, abs(t - origin - (last.onset + last.duration)) <= Self.gapTolerance {
                segments[segments.count - 1].duration += h.recordDuration
            } else {
                segments.append(TimeSegment(dataStart: Double(r) * h.recordDuration, onset: t - origin,
                                            duration: h.recordDuration))
            }
        }
        return segments
    }

    /// The time-keeping onset of every record (absolute, before subtracting the origin).
    private func allRecordOnsets() throws -> [Double] {
        if let known = recordOnsets { return known }
        var onsets: [Double] = []
        onsets.reserveCapacity(edfHeader.recordCount)
        try forEachRecordAnnotations { record, slice in
            let s = edfHeader.signals[annotationSignals[0]]
            let at = edfHeader.recordOffset(record) + s.offsetInRecord
            let bytes = slice[(slice.startIndex + s.offsetInRecord)...].prefix(s.samplesPerRecord * edfHeader.bytesPerSample)
            onsets.append(try Self.timeKeepingOnset(bytes, fileOffset: at, record: record, path: path))
        }
        recordOnsets = onsets
        return onsets
    }

    /// The annotations of one record, given the record's bytes (indexed from 0 at its start).
    private func recordAnnotations(_ record: ArraySlice<UInt8>, record index: Int) throws -> [Annotation] {
        let h = edfHeader
        var out: [Annotation] = []
        for a in annotationSignals {
            let s = h.signals[a]
            let from = record.startIndex + s.offsetInRecord
            let bytes = record[from..<(from + s.samplesPerRecord * h.bytesPerSample)]
            let tals = try TALParser.parse(bytes, fileOffset: h.recordOffset(index) + s.offsetInRecord, path: path)
            out += TALParser.annotations(from: tals, origin: origin)
        }
        return out
    }

    /// Calls `body` with each record's bytes, read in bounded batches; only the span of the
    /// record holding annotation channels is read when records are large. `body` sees a slice
    /// whose index `startIndex + k` is byte k of the record (bytes outside the span are zero).
    private func forEachRecordAnnotations(_ body: (Int, ArraySlice<UInt8>) throws -> Void) throws {
        let h = edfHeader
        guard let firstA = annotationSignals.first, let lastA = annotationSignals.last else { return }
        let spanStart = h.signals[firstA].offsetInRecord
        let spanEnd = h.signals[lastA].offsetInRecord + h.signals[lastA].samplesPerRecord * h.bytesPerSample
        var raw: [UInt8] = []
        if h.recordSize <= 65_536 || (spanEnd - spanStart) * 4 >= h.recordSize {
            let perChunk = max(1, Self.targetChunkBytes / h.recordSize)
            var record = 0
            while record < h.recordCount {
                let count = min(perChunk, h.recordCount - record)
                try file.read(into: &raw, offset: h.recordOffset(record), count: count * h.recordSize,
                              field: "data record \(record)")
                for r in 0..<count { try body(record + r, raw[(r * h.recordSize)..<((r + 1) * h.recordSize)]) }
                record += count
            }
        } else {
            var padded = [UInt8](repeating: 0, count: spanEnd)
            for record in 0..<h.recordCount {
                try file.read(into: &raw, offset: h.recordOffset(record) + spanStart, count: spanEnd - spanStart,
                              field: "annotations of data record \(record)")
                padded.replaceSubrange(spanStart..<spanEnd, with: raw.prefix(spanEnd - spanStart))
                try body(record, padded[...])
            }
        }
    }
}
