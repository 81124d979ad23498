import Foundation
import MyoSignal

/// The parsed and validated header of an EDF, EDF+, BDF or BDF+ file.
///
/// Parsing needs only the header bytes and the file size, so it works on a buffer (a fuzzer's
/// input) as well as on a file. Every number is checked before it is used to size anything: a
/// header claiming 10^12 samples is rejected, never allocated.
public struct EDFHeader: Sendable, Equatable {
    /// Largest signal count accepted; real files have at most a few hundred.
    public static let maxSignals = 4096
    /// Largest samples per record for one signal (the 8-character field allows 99,999,999).
    public static let maxSamplesPerRecord = 10_000_000
    /// Largest record duration in seconds (a day); longer ones are a corrupt field.
    public static let maxRecordDuration = 86_400.0
    /// Physical extremes beyond this are a corrupt field, not a measurement.
    public static let maxPhysicalMagnitude = 1e30

    /// .edf, .edfPlus, .bdf or .bdfPlus.
    public var format: FileFormat
    /// 2 for EDF (16-bit samples), 3 for BDF (24-bit).
    public var bytesPerSample: Int
    /// The reserved field, trimmed ("EDF+C", "EDF+D", "24BIT", "").
    public var reserved: String
    /// False only for EDF+D/BDF+D, whose records may have gaps between them.
    public var isContinuous: Bool
    public var subject: SubjectInfo
    public var recordingInfo: RecordingInfoFields
    /// The start as the header's whole seconds give it (sub-seconds come from the first TAL).
    public var start: Date
    public var headerBytes: Int
    /// The record count used for reading (derived from the file size when the header says -1).
    public var recordCount: Int
    /// Seconds per data record; 0 only in annotation-only files.
    public var recordDuration: Double
    /// Every signal in file order, annotation channels included.
    public var signals: [EDFSignalHeader]
    /// Bytes of one data record.
    public var recordSize: Int
    /// Things that do not stop reading (record count -1, trailing bytes).
    public var warnings: [String]

    /// True for EDF+ and BDF+ (reserved field "EDF+C", "EDF+D", "BDF+C" or "BDF+D").
    public var isPlus: Bool { format == .edfPlus || format == .bdfPlus }
    /// True for BDF and BDF+ (24-bit samples).
    public var isBDF: Bool { bytesPerSample == 3 }

    /// Indices into `signals` of the ordinary (non-annotation) signals.
    public var dataSignalIndices: [Int] { signals.indices.filter { !signals[$0].isAnnotation } }
    /// Indices into `signals` of the annotation channels.
    public var annotationSignalIndices: [Int] { signals.indices.filter { signals[$0].isAnnotation } }

    /// Byte offset of data record `index` in the file.
    public func recordOffset(_ index: Int) -> Int { headerBytes + index * recordSize }

    /// The number of header bytes needed for `ns` signals, or nil when `ns` is out of range.
    public static func headerSize(signalCount ns: Int) -> Int? {
        (1...maxSignals).contains(ns) ? 256 * (ns + 1) : nil
    }

    /// Parses and validates a header.
    ///
    /// - Parameters:
    ///   - bytes: at least the 256-byte fixed header and the ns x 256 signal headers (more is fine).
    ///   - fileSize: the size of the whole file, to check the data size against the header.
    ///   - path: the file name used in errors.
    /// - Throws: `FormatError` naming the field and its byte offset.
    /// - Complexity: O(ns) fields.
    public static func parse(_ bytes: [UInt8], fileSize: Int, path: String) throws -> EDFHeader {
        guard bytes.count >= 256 else {
            throw FormatError.truncated(file: path, offset: 0, field: "fixed header", expectedBytes: 256,
                                        availableBytes: bytes.count)
        }
        let fields = EDFFieldReader(bytes: bytes, path: path)
        let bytesPerSample: Int
        if bytes[0] == 0xFF && Array(bytes[1..<8]) == Array("BIOSEMI".utf8) {
            bytesPerSample = 3
        } else if Array(bytes[0..<8]) == Array("0       ".utf8) {
            bytesPerSample = 2
        } else {
            throw FormatError.invalidField(file: path, offset: 0, field: "version",
                                           value: String(decoding: bytes[0..<8], as: UTF8.self),
                                           reason: "is neither EDF \"0\" nor BDF 0xFF\"BIOSEMI\"")
        }
        let patientText = try fields.ascii(offset: 8, width: 80, field: "local patient identification")
        let recordingText = try fields.ascii(offset: 88, width: 80, field: "local recording identification")
        let headerBytesField = try fields.integer(offset: 184, width: 8, field: "number of bytes in header record")
        let reserved = try fields.trimmed(offset: 192, width: 44, field: "reserved")
        let declaredRecords = try fields.integer(offset: 236, width: 8, field: "number of data records")
        let recordDuration = try fields.decimal(offset: 244, width: 8, field: "duration of a data record")
        let ns = try fields.integer(offset: 252, width: 4, field: "number of signals")

        let isPlus = reserved.hasPrefix("EDF+C") || reserved.hasPrefix("EDF+D")
            || reserved.hasPrefix("BDF+C") || reserved.hasPrefix("BDF+D")
        let format: FileFormat = bytesPerSample == 3 ? (isPlus ? .bdfPlus : .bdf) : (isPlus ? .edfPlus : .edf)
        let subject = EDFTimeKeeping.subject(patientText.trimmingCharacters(in: .whitespaces), isPlus: isPlus)
        let (recordingInfo, plusStartdate) = EDFTimeKeeping.recording(
            recordingText.trimmingCharacters(in: .whitespaces), isPlus: isPlus)
        let start = try EDFTimeKeeping.startDate(fields: fields, plusStartdate: plusStartdate)

        guard let headerSize = headerSize(signalCount: ns) else {
            throw fields.invalid(offset: 252, width: 4, field: "number of signals",
                                 "must be between 1 and \(maxSignals)")
        }
        guard headerBytesField == headerSize else {
            throw FormatError.inconsistent(
                file: path, offset: 184, field: "number of bytes in header record",
                reason: "says \(headerBytesField) but \(ns) signals need 256 x (\(ns) + 1) = \(headerSize) bytes")
        }
        guard bytes.count >= headerSize else {
            throw FormatError.truncated(file: path, offset: bytes.count, field: "signal headers",
                                        expectedBytes: headerSize - bytes.count, availableBytes: 0)
        }
        guard declaredRecords >= -1 else {
            throw fields.invalid(offset: 236, width: 8, field: "number of data records",
                                 "is negative (only -1, \"unknown while recording\", is allowed)")
        }
        // A positive duration below a microsecond would give sample rates beyond any ADC (or infinite).
        guard recordDuration >= 0, recordDuration <= maxRecordDuration, recordDuration == 0 || recordDuration >= 1e-6 else {
            throw fields.invalid(offset: 244, width: 8, field: "duration of a data record",
                                 "must be 0 or between 1e-6 and \(Int(maxRecordDuration)) seconds")
        }

        let signals = try parseSignals(fields: fields, ns: ns, bytesPerSample: bytesPerSample, isPlus: isPlus)
        var recordSize = 0
        for s in signals { recordSize += s.samplesPerRecord * bytesPerSample }  // bounded: ns x 10^7 x 3 < 2^63
        if recordDuration == 0, signals.contains(where: { !$0.isAnnotation }) {
            throw fields.invalid(offset: 244, width: 8, field: "duration of a data record",
                                 "is 0, which EDF+ allows only in files without ordinary signals")
        }

        var warnings: [String] = []
        let dataBytes = fileSize - headerSize
        let recordCount: Int
        if declaredRecords == -1 {
            guard dataBytes >= 0 else {
                throw FormatError.truncated(file: path, offset: fileSize, field: "data record 0",
                                            expectedBytes: recordSize, availableBytes: 0)
            }
            recordCount = dataBytes / recordSize
            let rest = dataBytes % recordSize
            if rest != 0 {
                throw FormatError.truncated(file: path, offset: headerSize + recordCount * recordSize,
                                            field: "data record \(recordCount)", expectedBytes: recordSize,
                                            availableBytes: rest)
            }
            warnings.append("the header gives the number of data records as -1 (file not closed while recording); "
                            + "read \(recordCount) records from the file size")
        } else {
            recordCount = declaredRecords
            let (dataSize, overflow) = recordCount.multipliedReportingOverflow(by: recordSize)
            if overflow || dataSize > dataBytes {
                let whole = dataBytes < 0 ? 0 : dataBytes / recordSize
                let offset = headerSize + whole * recordSize
                throw FormatError.truncated(
                    file: path, offset: offset, field: "data record \(whole)",
                    expectedBytes: recordSize,
                    availableBytes: max(0, fileSize - offset))
            }
            if dataSize < dataBytes {
                warnings.append("\(dataBytes - dataSize) bytes after the last of \(recordCount) data records are ignored")
            }
        }

        return EDFHeader(format: format, bytesPerSample: bytesPerSample, reserved: reserved,
                         isContinuous: !(reserved.hasPrefix("EDF+D") || reserved.hasPrefix("BDF+D")),
                         subject: subject, recordingInfo: recordingInfo, start: start, headerBytes: headerSize,
                         recordCount: recordCount, recordDuration: recordDuration, signals: signals,
                         recordSize: recordSize, warnings: warnings)
    }

    /// Parses the ns signal headers, each field stored for all signals in turn.
    private static func parseSignals(fields: EDFFieldReader, ns: Int, bytesPerSample: Int,
                                     isPlus: Bool) throws -> [EDFSignalHeader] {
        // Offsets of each field array, in the order EDF stores them.
        let widths = [16, 80, 8, 8, 8, 8, 8, 80, 8, 32]
        var starts: [Int] = []
        var at = 256
        for w in widths { starts.append(at); at += w * ns }
        let digitalLimit = bytesPerSample == 3 ? (-8_388_608...8_388_607) : (-32_768...32_767)
        var signals: [EDFSignalHeader] = []
        signals.reserveCapacity(ns)
        var offsetInRecord = 0
        for i in 0..<ns {
            func at(_ field: Int) -> Int { starts[field] + i * widths[field] }
            let label = try fields.trimmed(offset: at(0), width: 16, field: "label of signal \(i)")
            let transducer = try fields.trimmed(offset: at(1), width: 80, field: "transducer type of signal \(i)")
            let unit = try fields.trimmed(offset: at(2), width: 8, field: "physical dimension of signal \(i)")
            let physMinName = "physical minimum of signal \(i)", physMaxName = "physical maximum of signal \(i)"
            let digMinName = "digital minimum of signal \(i)", digMaxName = "digital maximum of signal \(i)"
            let physMin = try fields.decimal(offset: at(3), width: 8, field: physMinName)
            let physMax = try fields.decimal(offset: at(4), width: 8, field: physMaxName)
            let digMin = try fields.integer(offset: at(5), width: 8, field: digMinName)
            let digMax = try fields.integer(offset: at(6), width: 8, field: digMaxName)
            let prefilter = try fields.trimmed(offset: at(7), width: 80, field: "prefiltering of signal \(i)")
            let spr = try fields.integer(offset: at(8), width: 8, field: "samples per record of signal \(i)")
            _ = try fields.ascii(offset: at(9), width: 32, field: "reserved of signal \(i)")

            let isAnnotation = isPlus && (label == "EDF Annotations" || label == "BDF Annotations")
            guard spr > 0, spr <= maxSamplesPerRecord else {
                throw fields.invalid(offset: at(8), width: 8, field: "samples per record of signal \(i)",
                                     "must be between 1 and \(maxSamplesPerRecord)")
            }
            if !isAnnotation {
                guard abs(physMin) <= maxPhysicalMagnitude else {
                    throw fields.invalid(offset: at(3), width: 8, field: physMinName, "is absurdly large")
                }
                guard abs(physMax) <= maxPhysicalMagnitude else {
                    throw fields.invalid(offset: at(4), width: 8, field: physMaxName, "is absurdly large")
                }
                guard physMin != physMax else {
                    throw fields.invalid(offset: at(4), width: 8, field: physMaxName,
                                         "equals the physical minimum, so samples cannot be scaled")
                }
                guard digitalLimit.contains(digMin) else {
                    throw fields.invalid(offset: at(5), width: 8, field: digMinName,
                                         "is outside the \(bytesPerSample * 8)-bit range")
                }
                guard digitalLimit.contains(digMax) else {
                    throw fields.invalid(offset: at(6), width: 8, field: digMaxName,
                                         "is outside the \(bytesPerSample * 8)-bit range")
                }
                guard digMin < digMax else {
                    throw fields.invalid(offset: at(6), width: 8, field: digMaxName,
                                         "is not above the digital minimum \(digMin)")
                }
            }
            signals.append(EDFSignalHeader(
                label: label, transducer: transducer, physicalDimension: unit,
                physicalMinimum: physMin, physicalMaximum: physMax, digitalMinimum: digMin, digitalMaximum: digMax,
                prefilter: prefilter, samplesPerRecord: spr, isAnnotation: isAnnotation, offsetInRecord: offsetInRecord))
            offsetInRecord += spr * bytesPerSample
        }
        return signals
    }
}
