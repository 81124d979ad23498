import Foundation
import MyoSignal

/// Writes an EDF+C or BDF+C file record by record, with an annotation channel.
///
/// Samples arrive in physical units through ``append(_:)`` (a reader's chunk) or
/// ``append(_:toChannel:)``; a data record is encoded as soon as every channel has enough
/// samples for it, so memory stays at a few records whatever the recording length. The record
/// duration is chosen so every rate is kept exactly (see `EDFRecordLayout`); samples are
/// quantised over the full digital range (16 bits for EDF, 24 for BDF) between the channel's
/// physical minimum and maximum, which must be known beforehand (``RecordingConverter`` measures
/// them when the source does not say). ``finish()`` pads the last record with each channel's
/// last value, writes the remaining annotations and patches the number of records, which reads
/// -1 until then.
///
/// Nothing is changed silently: everything adapted to fit the format (non-ASCII header text,
/// clipped samples, a rate that cannot be kept exactly) is listed in ``warnings``.
///
/// ```swift
/// let writer = try EDFWriter(path: "out.edf", format: .edfPlus, header: .init(reader.header),
///                            channels: reader.header.channels, annotations: try reader.annotations())
/// while let chunk = try reader.nextChunk() { try writer.append(chunk) }
/// try writer.finish()
/// ```
public final class EDFWriter {
    /// The two variants written: 16-bit EDF+ and 24-bit BDF+, both continuous ("+C").
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case edfPlus
        case bdfPlus

        var bytesPerSample: Int { self == .edfPlus ? 2 : 3 }
        var digitalRange: ClosedRange<Int32> { self == .edfPlus ? -32768...32767 : -8_388_608...8_388_607 }
        var annotationLabel: String { self == .edfPlus ? "EDF Annotations" : "BDF Annotations" }
    }

    /// Who and what the recording is about, and when it started: the non-channel part of the header.
    public struct Header: Sendable, Equatable {
        /// When the first sample was taken; written in UTC. `nil` writes the EDF+ anonymous date.
        public var start: Date?
        public var subject: SubjectInfo
        public var recordingInfo: RecordingInfoFields

        public init(start: Date? = nil, subject: SubjectInfo = .init(), recordingInfo: RecordingInfoFields = .init()) {
            self.start = start
            self.subject = subject
            self.recordingInfo = recordingInfo
        }

        /// The identification part of a reader's header.
        public init(_ header: RecordingHeader) {
            self.init(start: header.start, subject: header.subject, recordingInfo: header.recordingInfo)
        }
    }

    /// The file being written.
    public let path: String
    public let format: Format
    /// Seconds per data record.
    public let recordDuration: Double
    /// Samples of each channel per data record, in channel order.
    public let samplesPerRecord: [Int]
    /// The physical ranges as written in the header (rounded outward to fit 8 characters).
    public let physicalRanges: [ClosedRange<Double>]
    /// Data records written so far.
    public private(set) var recordCount = 0
    /// Every adaptation made to fit the format, for the user to see.
    public private(set) var warnings: [String] = []

    private let channels: [ChannelInfo]
    private let header: Header
    private let layout: EDFRecordLayout
    private let quantizers: [Quantizer]
    private let channelByteOffsets: [Int]
    private let bytesPerSample: Int
    private var headerEncoding = EDFHeaderEncoding()
    private var subsecond = 0.0

    private var descriptor: Int32
    private var finished = false
    private var pending: [[Float]]
    private var consumed: [Int]
    private var lastValue: [Float]
    private var paddedSamples: [Int]
    private var clippedSamples: [Int]
    private var nonFiniteSamples: [Int]

    /// TALs waiting for a record, sorted by onset from `queueHead` on.
    private var queue: [EncodedTAL] = []
    private var queueHead = 0
    private var nextSequence = 0
    /// Bytes of the annotation channel per record; fixed when the header is written.
    private var annotationBytes: Int?
    /// Encoded bytes not yet on disk; the last record stays here until its annotations are in.
    private var output: [UInt8] = []
    private var unfilledRecordStart: Int?

    /// Creates the file and checks everything that can be checked before data arrive.
    ///
    /// - Parameters:
    ///   - channels: the signal channels; each needs a positive rate and a `physicalRange`.
    ///     Their `sampleCount` (0 when unknown) sizes the annotation channel so that
    ///     annotations land in the record holding their onset.
    ///   - annotations: annotations known now; more can be added with ``add(annotations:)``
    ///     until ``finish()``, preferably before the first record is complete.
    /// - Throws: `FormatError.cannotWrite` for no channels, a zero, negative or non-finite rate,
    ///   a missing or non-finite physical range, a number that does not fit the header, or a
    ///   path that cannot be created.
    public init(path: String, format: Format, header: Header, channels: [ChannelInfo],
                annotations: [Annotation] = []) throws {
        func fail(_ reason: String) -> FormatError { .cannotWrite(file: path, reason: reason) }
        guard !channels.isEmpty else { throw fail("the recording has no signal channels") }
        guard channels.count < 9999 else { throw fail("\(channels.count) channels; EDF holds at most 9998 and an annotation channel") }
        for (i, c) in channels.enumerated() {
            guard c.sampleRate.isFinite, c.sampleRate > 0 else {
                throw fail("channel \(i + 1) \"\(printable(c.label))\" has sample rate \(c.sampleRate) Hz; it must be positive")
            }
            guard let range = c.physicalRange, range.lowerBound.isFinite, range.upperBound.isFinite else {
                throw fail("channel \(i + 1) \"\(printable(c.label))\" has no finite physical range (measure it first)")
            }
        }
        self.path = path
        self.format = format
        self.header = header
        self.channels = channels
        self.bytesPerSample = format.bytesPerSample

        var notes: [String] = []
        var quantizers: [Quantizer] = []
        for (i, c) in channels.enumerated() {
            guard let q = Quantizer(requested: c.physicalRange ?? 0...0, digital: format.digitalRange) else {
                throw fail("channel \(i + 1) \"\(printable(c.label))\" physical range \(c.physicalRange ?? 0...0) does not fit the 8-character header fields")
            }
            if q.widened { notes.append("channel \(i + 1) \"\(printable(c.label))\" is constant; physical range widened to \(q.minText)...\(q.maxText)") }
            if q.lostPrecision { notes.append("channel \(i + 1) \"\(printable(c.label))\" range written as \(q.minText)...\(q.maxText), more than twice as wide as the signal: precision is lost (use a smaller unit)") }
            quantizers.append(q)
        }
        self.quantizers = quantizers
        self.physicalRanges = quantizers.map { $0.physicalMin...$0.physicalMax }

        let layout = EDFRecordLayout.choose(rates: channels.map(\.sampleRate), bytesPerSample: format.bytesPerSample,
                                            annotationBytesEstimate: 120)
        if let note = layout.rateWarning { notes.append(note) }
        self.layout = layout
        self.recordDuration = layout.duration
        self.samplesPerRecord = layout.samplesPerRecord
        var offsets: [Int] = []
        var offset = 0
        for n in layout.samplesPerRecord { offsets.append(offset); offset += n * format.bytesPerSample }
        self.channelByteOffsets = offsets

        self.pending = channels.map { _ in [] }
        self.consumed = channels.map { _ in 0 }
        self.lastValue = channels.map { _ in 0 }
        self.paddedSamples = channels.map { _ in 0 }
        self.clippedSamples = channels.map { _ in 0 }
        self.nonFiniteSamples = channels.map { _ in 0 }

        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw fail(String(cString: strerror(errno))) }
        self.descriptor = fd
        self.warnings = notes
        var scratch = EDFHeaderEncoding()
        self.subsecond = scratch.startFields(header.start).subsecond
        try add(annotations: annotations)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    // MARK: Input

    /// Adds annotations (onsets in seconds from the first sample). Those whose record is already
    /// on disk go into the next record written, which EDF+ allows.
    /// - Throws: `FormatError.cannotWrite` after ``finish()``.
    public func add(annotations: [Annotation]) throws {
        guard !finished else { throw FormatError.cannotWrite(file: path, reason: "annotations added after finish()") }
        var encoded: [EncodedTAL] = []
        for a in annotations {
            guard var tal = EDFAnnotationEncoding.encode(a, subsecond: subsecond, warnings: &warnings) else { continue }
            tal.sequence = nextSequence
            nextSequence += 1
            encoded.append(tal)
        }
        guard !encoded.isEmpty else { return }
        var waiting = Array(queue[queueHead...]) + encoded
        waiting.sort { $0.onset != $1.onset ? $0.onset < $1.onset : $0.sequence < $1.sequence }
        queue = waiting
        queueHead = 0
    }

    /// Appends a reader's chunk: `chunk.samples[i]` continues channel `i`.
    /// Complexity: O(samples in the chunk).
    public func append(_ chunk: RecordingChunk) throws {
        guard chunk.samples.count == channels.count else {
            throw FormatError.cannotWrite(file: path, reason: "a chunk has \(chunk.samples.count) channels, the file \(channels.count)")
        }
        for (i, samples) in chunk.samples.enumerated() { try stage(samples, channel: i) }
        try writeCompleteRecords()
    }

    /// Appends samples (physical units) to one channel. Records are written once every channel
    /// has caught up, so feed channels in step to keep memory small.
    public func append(_ samples: [Float], toChannel channel: Int) throws {
        try stage(samples, channel: channel)
        try writeCompleteRecords()
    }

    private func stage(_ samples: [Float], channel: Int) throws {
        guard !finished else { throw FormatError.cannotWrite(file: path, reason: "samples appended after finish()") }
        guard channels.indices.contains(channel) else {
            throw FormatError.cannotWrite(file: path, reason: "channel \(channel) does not exist (the file has \(channels.count))")
        }
        pending[channel].append(contentsOf: samples)
    }

    // MARK: Records

    private var recordBytes: Int { layout.signalBytes(bytesPerSample: bytesPerSample) + (annotationBytes ?? 0) }

    private func writeCompleteRecords() throws {
        while channels.indices.allSatisfy({ pending[$0].count - consumed[$0] >= samplesPerRecord[$0] }) {
            try encodeRecord()
        }
        for i in channels.indices where consumed[i] > 0 {
            pending[i].removeFirst(consumed[i])
            consumed[i] = 0
        }
        if output.count >= 1 << 20 { try flush() }
    }

    /// Encodes the next record from the staged samples, padding channels that ran out.
    private func encodeRecord() throws {
        if annotationBytes == nil { try writeHeader() }
        if unfilledRecordStart != nil { fillAnnotations(isLast: false) }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: recordBytes))
        for i in channels.indices {
            let n = samplesPerRecord[i]
            let available = min(n, pending[i].count - consumed[i])
            let q = quantizers[i]
            var clipped = 0, nonFinite = 0
            let bps = bytesPerSample
            let from = consumed[i]
            let padDigital = q.digital(lastValue[i]).value
            pending[i].withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer { bytes in
                    var p = start + channelByteOffsets[i]
                    for k in 0..<n {
                        var d = padDigital
                        if k < available {
                            let x = source[from + k]
                            let result = q.digital(x)
                            d = result.value
                            if !x.isFinite { nonFinite += 1 } else if result.clipped { clipped += 1 }
                        }
                        bytes[p] = UInt8(truncatingIfNeeded: d)
                        bytes[p + 1] = UInt8(truncatingIfNeeded: d >> 8)
                        if bps == 3 { bytes[p + 2] = UInt8(truncatingIfNeeded: d >> 16) }
                        p += bps
                    }
                }
            }
            if available > 0 { lastValue[i] = pending[i][from + available - 1] }
            consumed[i] += available
            paddedSamples[i] += n - available
            clippedSamples[i] += clipped
            nonFiniteSamples[i] += nonFinite
        }
        unfilledRecordStart = start
        recordCount += 1
    }

    /// Writes the time-keeping TAL and the due annotations into the record kept in `output`.
    /// The last record takes every annotation left that fits.
    private func fillAnnotations(isLast: Bool) {
        guard let start = unfilledRecordStart, let capacity = annotationBytes else { return }
        let index = recordCount - 1
        let recordEnd = Double(index + 1) * recordDuration
        var p = start + layout.signalBytes(bytesPerSample: bytesPerSample)
        let end = p + capacity
        let keeping = EDFAnnotationEncoding.timeKeepingTAL(recordOnset: Double(index) * recordDuration + subsecond)
        for b in keeping { output[p] = b; p += 1 }
        while queueHead < queue.count {
            let tal = queue[queueHead]
            guard isLast || tal.onset < recordEnd, tal.bytes.count <= end - p else { break }
            for b in tal.bytes { output[p] = b; p += 1 }
            queueHead += 1
        }
        if queueHead > 4096 && queueHead * 2 > queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        unfilledRecordStart = nil
    }

    /// Fixes the annotation channel size from the annotations known now and encodes the header.
    private func writeHeader() throws {
        let expected = channels.indices.map { i -> Int in
            let (q, r) = channels[i].sampleCount.quotientAndRemainder(dividingBy: samplesPerRecord[i])
            return q + (r > 0 ? 1 : 0)
        }.max() ?? 0
        let keeping = EDFAnnotationEncoding.timeKeepingTAL(recordOnset: Double(max(expected, 1) + 1) * recordDuration + subsecond + 0.5).count
        let signalBytes = layout.signalBytes(bytesPerSample: bytesPerSample)
        let capacity = EDFAnnotationEncoding.channelBytes(
            tals: Array(queue[queueHead...]), recordDuration: recordDuration, expectedRecords: expected,
            keepingBytes: keeping, preferredLimit: EDFRecordLayout.recommendedRecordBytes - signalBytes,
            bytesPerSample: bytesPerSample)
        annotationBytes = capacity
        output.insert(contentsOf: try encodeHeader(annotationBytes: capacity), at: 0)
        warnings.append(contentsOf: headerEncoding.warnings)
    }

    // MARK: Finishing

    /// Writes the remaining samples and annotations, patches the record count and closes the file.
    ///
    /// A channel shorter than the others, or whose samples do not fill the last record, is
    /// padded with its last value (listed in ``warnings`` when it is more than that record).
    /// Annotations that did not fit get records of their own, also listed in ``warnings``.
    public func finish() throws {
        guard !finished else { return }
        try writeCompleteRecords()
        while channels.indices.contains(where: { pending[$0].count > consumed[$0] }) { try encodeRecord() }
        if recordCount == 0 && queueHead < queue.count { try encodeRecord() }
        if annotationBytes == nil { try writeHeader() }
        fillAnnotations(isLast: true)
        var extra = 0
        while queueHead < queue.count {
            try encodeRecord()
            fillAnnotations(isLast: true)
            extra += 1
        }
        finished = true
        if extra > 0 {
            warnings.append("\(extra) record(s) of padding added after the signal to hold annotations that did not fit")
        }
        for i in channels.indices {
            let name = "channel \(i + 1) \"\(printable(channels[i].label))\""
            if paddedSamples[i] >= samplesPerRecord[i] {
                warnings.append("\(name) padded with \(paddedSamples[i]) samples of its last value to the length of the longest channel")
            }
            if clippedSamples[i] > 0 {
                warnings.append("\(name): \(clippedSamples[i]) samples outside \(quantizers[i].minText)...\(quantizers[i].maxText) clipped")
            }
            if nonFiniteSamples[i] > 0 {
                warnings.append("\(name): \(nonFiniteSamples[i]) NaN or infinite samples written as the nearest digital limit (NaN as the minimum)")
            }
        }
        try flush(all: true)
        guard let count = EDFHeaderEncoding.integerField(recordCount, width: 8) else {
            throw FormatError.cannotWrite(file: path, reason: "\(recordCount) records do not fit the 8-character field")
        }
        try writeFully(count, at: 236)
        if close(descriptor) != 0 { descriptor = -1; throw FormatError.cannotWrite(file: path, reason: String(cString: strerror(errno))) }
        descriptor = -1
    }

    // MARK: File output

    private var bytesOnDisk = 0

    private func flush(all: Bool = false) throws {
        let keep = all ? output.count : (unfilledRecordStart ?? output.count)
        guard keep > 0 else { return }
        try output.withUnsafeBufferPointer { buffer in
            var done = 0
            while done < keep {
                let n = pwrite(descriptor, buffer.baseAddress! + done, keep - done, off_t(bytesOnDisk + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FormatError.cannotWrite(file: path, reason: String(cString: strerror(errno)))
                }
                done += n
            }
        }
        bytesOnDisk += keep
        output.removeFirst(keep)
        if let s = unfilledRecordStart { unfilledRecordStart = s - keep }
    }

    private func writeFully(_ bytes: [UInt8], at offset: Int) throws {
        let n = bytes.withUnsafeBufferPointer { pwrite(descriptor, $0.baseAddress!, $0.count, off_t(offset)) }
        guard n == bytes.count else {
            throw FormatError.cannotWrite(file: path, reason: n < 0 ? String(cString: strerror(errno)) : "short write")
        }
    }

    // MARK: Header

    private func encodeHeader(annotationBytes: Int) throws -> [UInt8] {
        func fail(_ reason: String) -> FormatError { .cannotWrite(file: path, reason: reason) }
        let signalCount = channels.count + 1
        var e = headerEncoding
        var bytes: [UInt8] = format == .edfPlus ? Array("0       ".utf8) : [0xFF] + Array("BIOSEMI".utf8)
        bytes += e.field(e.patientField(header.subject), width: 80, name: "patient identification")
        bytes += e.field(e.recordingField(header.recordingInfo, start: header.start), width: 80, name: "recording identification")
        let start = e.startFields(header.start)
        bytes += EDFHeaderEncoding.padded(start.date, width: 8)
        bytes += EDFHeaderEncoding.padded(start.time, width: 8)
        guard let headerSize = EDFHeaderEncoding.integerField(256 * (signalCount + 1), width: 8) else { throw fail("header too large") }
        bytes += headerSize
        bytes += EDFHeaderEncoding.padded(format == .edfPlus ? "EDF+C" : "BDF+C", width: 44)
        bytes += EDFHeaderEncoding.padded("-1", width: 8)
        bytes += EDFHeaderEncoding.padded(layout.durationText, width: 8)
        bytes += EDFHeaderEncoding.padded(String(signalCount), width: 4)

        let annotationSamples = annotationBytes / bytesPerSample
        let digitalMin = String(format.digitalRange.lowerBound), digitalMax = String(format.digitalRange.upperBound)
        for (i, c) in channels.enumerated() { bytes += e.field(c.label, width: 16, name: "channel \(i + 1) label") }
        bytes += EDFHeaderEncoding.padded(format.annotationLabel, width: 16)
        for (i, c) in channels.enumerated() { bytes += e.field(c.transducer, width: 80, name: "channel \(i + 1) transducer") }
        bytes += EDFHeaderEncoding.padded("", width: 80)
        for (i, c) in channels.enumerated() { bytes += e.field(c.unit, width: 8, name: "channel \(i + 1) unit") }
        bytes += EDFHeaderEncoding.padded("", width: 8)
        for q in quantizers { bytes += EDFHeaderEncoding.padded(q.minText, width: 8) }
        bytes += EDFHeaderEncoding.padded("-1", width: 8)
        for q in quantizers { bytes += EDFHeaderEncoding.padded(q.maxText, width: 8) }
        bytes += EDFHeaderEncoding.padded("1", width: 8)
        for _ in 0...channels.count { bytes += EDFHeaderEncoding.padded(digitalMin, width: 8) }
        for _ in 0...channels.count { bytes += EDFHeaderEncoding.padded(digitalMax, width: 8) }
        for (i, c) in channels.enumerated() { bytes += e.field(c.prefilter, width: 80, name: "channel \(i + 1) prefiltering") }
        bytes += EDFHeaderEncoding.padded("", width: 80)
        for n in samplesPerRecord { bytes += EDFHeaderEncoding.padded(String(n), width: 8) }
        guard let annotationField = EDFHeaderEncoding.integerField(annotationSamples, width: 8) else {
            throw fail("the annotation channel would need \(annotationSamples) samples per record")
        }
        bytes += annotationField
        bytes += [UInt8](repeating: UInt8(ascii: " "), count: 32 * signalCount)
        headerEncoding = e
        return bytes
    }
}
