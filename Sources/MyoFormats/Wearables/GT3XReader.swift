import Foundation
import MyoSignal

/// Reads ActiGraph `.gt3x` files (GT3X+, wGT3X-BT, GT9X and later): a zip holding `info.txt`
/// and `log.bin`.
///
/// Channels: accelerometer x/y/z in g (`.acc`), g = raw / scale, where the scale is
/// `info.txt`'s "Acceleration Scale", else the PARAMETERS record's ACCEL_SCALE, else 341
/// (256 for "MOS" serials). Samples come from ACTIVITY (12-bit packed) and ACTIVITY2 (16-bit)
/// records, one second each. Seconds with no record (idle sleep mode, or a record whose
/// checksum fails) are filled by repeating the last sample, as ActiGraph's software does; a
/// header warning says how many. The recording runs from "Start Date" to "Last Sample Time"
/// (.NET ticks, device local time, carried as if UTC). The older NHANES layout
/// (`activity.bin`) is refused with `.unsupported`.
///
/// Opening reads `log.bin` once to find the scale and count the gaps; reading streams it again.
/// Complexity: O(log size) to open and to read; memory O(chunk).
public final class GT3XReader: RecordingReader {
    public let path: String
    public let header: RecordingHeader
    /// Seconds of samples in one chunk.
    public static let secondsPerChunk = 30

    private let archive: ZipArchive
    private let log: ZipArchive.Entry
    private let rate: Int
    private let startSecond: Int
    private let total: Int
    private let scale: Float
    private var cursor: GT3XLogCursor
    private var emitted = 0
    private var last: (Float, Float, Float)?
    private var pending: (index: Int, samples: [(Int16, Int16, Int16)])?
    private var decoded: [(Int16, Int16, Int16)] = []

    /// Opens `path`, reads `info.txt` and scans `log.bin`.
    public init(path: String) throws {
        self.path = path
        let archive = try ZipArchive(path: path)
        self.archive = archive
        guard let log = archive.entry(named: "log.bin") else {
            if archive.entry(named: "activity.bin") != nil {
                throw FormatError.unsupported(file: path, offset: nil,
                                              feature: "the older NHANES-style .gt3x layout (activity.bin)")
            }
            throw FormatError.inconsistent(file: path, offset: nil, field: "log.bin", reason: "the .gt3x archive has no log.bin")
        }
        guard let infoEntry = archive.entry(named: "info.txt") else {
            throw FormatError.inconsistent(file: path, offset: nil, field: "info.txt", reason: "the .gt3x archive has no info.txt")
        }
        self.log = log
        let info = try GT3XInfo(bytes: archive.contents(of: infoEntry, limit: 1 << 20), path: path)
        rate = info.sampleRate

        var cursor = try GT3XLogCursor(stream: archive.stream(log), path: path)
        var warnings: [String] = []
        var parameterScale: Double?
        var firstSecond: Int?, lastSecond: Int?, previous: Int?
        var badRecords = 0, overlaps = 0, sensorData = 0, idleSleeps = 0
        while let record = try cursor.next() {
            switch record.type {
            case GT3XLogCursor.parameters where record.checksumIsValid:
                parameterScale = parameterScale ?? GT3XLogCursor.accelScale(in: record.payload)
            case GT3XLogCursor.activity, GT3XLogCursor.activity2:
                guard record.checksumIsValid else { badRecords += 1; continue }
                let t = Int(record.timestamp)
                if firstSecond == nil { firstSecond = t }
                if let p = previous, t <= p { overlaps += 1 }
                previous = t
                lastSecond = max(lastSecond ?? t, t)
            case GT3XLogCursor.event where record.payload.first == 0x09: idleSleeps += 1
            case GT3XLogCursor.sensorData: sensorData += 1
            default: break
            }
        }
        // info.txt bounds the recording, but a bound more than a day beyond the records would
        // only be filler (and a corrupt date could claim years): the records decide then.
        let slack = 86_400
        var start = info.startSecond ?? firstSecond ?? 0
        if let f = firstSecond, f - start > slack {
            warnings.append("info.txt's Start Date is \(f - start) s before the first record; the first record's time is used")
            start = f
        }
        var end = info.lastSampleSecond.flatMap { $0 > start ? $0 : nil } ?? ((lastSecond ?? start - 1) + 1)
        if let l = lastSecond, end - (l + 1) > slack {
            warnings.append("info.txt's Last Sample Time is \(end - l - 1) s after the last record; the last record's end is used")
            end = l + 1
        }
        if firstSecond == nil { end = start }
        startSecond = start
        let (seconds, o1) = max(0, end - start).multipliedReportingOverflow(by: rate)
        guard !o1, seconds <= 1 << 40 else {
            throw FormatError.inconsistent(file: path, offset: nil, field: "Last Sample Time",
                                           reason: "spans more samples than any recording holds")
        }
        total = seconds

        let serial = info.fields["Serial Number"] ?? ""
        let chosen: Double
        if let s = info.accelerationScale {
            chosen = s
            if let p = parameterScale, abs(p - s) > 0.5 {
                warnings.append("info.txt gives acceleration scale \(s) but the PARAMETERS record \(p); info.txt is used")
            }
        } else if let p = parameterScale {
            chosen = p
        } else {
            chosen = serial.hasPrefix("MOS") ? 256 : 341
            warnings.append("no acceleration scale in info.txt or PARAMETERS; \(chosen) counts/g assumed from the serial number")
        }
        scale = Float(chosen)

        // Seconds the records do not cover are filled.
        let recordSeconds = (firstSecond == nil) ? 0 : min(end, (lastSecond ?? 0) + 1) - max(start, firstSecond ?? 0)
        if firstSecond == nil {
            warnings.append("log.bin holds no activity record; the recording is empty")
        }
        warnings.append("seconds without an activity record (idle sleep mode\(idleSleeps > 0 ? ", entered \(idleSleeps) time(s)" : "")) are filled by repeating the last sample, as ActiGraph does; the records span \(recordSeconds) of \(end - start) s")
        if badRecords > 0 { warnings.append("\(badRecords) activity record(s) failed their checksum; their seconds are filled like idle sleep") }
        if overlaps > 0 { warnings.append("\(overlaps) activity record(s) repeat or go back in time; their overlapping samples are dropped") }
        if sensorData > 0 { warnings.append("\(sensorData) SENSOR_DATA (IMU) record(s) are not read") }
        warnings.append("times are the device's local clock (TimeZone \(info.fields["TimeZone"] ?? "not given")), shown as if UTC")

        let range = info.accelerationRange
        let channels = ["X", "Y", "Z"].map {
            ChannelInfo(label: "Accel \($0)", kind: .acc, unit: "g", sampleRate: Double(info.sampleRate), sampleCount: seconds,
                        transducer: "ActiGraph accelerometer", physicalRange: range)
        }
        let device = "\(info.fields["Device Type"] ?? "ActiGraph") \(serial)"
        let limb = info.fields["Limb"].map { " at \($0)" } ?? ""
        header = RecordingHeader(
            format: .actiGraphGT3X, start: Date(timeIntervalSince1970: Double(start)),
            subject: SubjectInfo(text: info.fields["Subject Name"] ?? ""),
            recordingInfo: RecordingInfoFields(text: "\(device)\(limb)", equipment: device),
            channels: channels, warnings: warnings)
        self.cursor = try GT3XLogCursor(stream: archive.stream(log), path: path)
    }

    public func rewind() throws {
        cursor = try GT3XLogCursor(stream: archive.stream(log), path: path)
        emitted = 0
        last = nil
        pending = nil
    }

    public func annotations() throws -> [Annotation] { [] }

    /// The next activity record with a good checksum, decoded, or `nil` at the end of log.bin.
    private func nextActivity() throws -> (index: Int, samples: [(Int16, Int16, Int16)])? {
        while let record = try cursor.next() {
            guard record.type == GT3XLogCursor.activity || record.type == GT3XLogCursor.activity2,
                  record.checksumIsValid else { continue }
            decoded.removeAll(keepingCapacity: true)
            GT3XLogCursor.decodeActivity(record, into: &decoded)
            if decoded.isEmpty { continue }
            let (index, overflow) = (Int(record.timestamp) - startSecond).multipliedReportingOverflow(by: rate)
            if overflow { continue }
            return (index, decoded)
        }
        return nil
    }

    /// The next ``secondsPerChunk`` seconds of samples (gaps filled), or `nil` at the end.
    public func nextChunk() throws -> RecordingChunk? {
        guard emitted < total else { return nil }
        let limit = min(total - emitted, Self.secondsPerChunk * rate)
        var xs = [Float](), ys = [Float](), zs = [Float]()
        xs.reserveCapacity(limit); ys.reserveCapacity(limit); zs.reserveCapacity(limit)
        let inv = 1 / scale
        func fill(_ n: Int, with v: (Float, Float, Float)) {
            xs.append(contentsOf: repeatElement(v.0, count: n))
            ys.append(contentsOf: repeatElement(v.1, count: n))
            zs.append(contentsOf: repeatElement(v.2, count: n))
        }
        while xs.count < limit {
            let here = emitted + xs.count
            if pending == nil { pending = try nextActivity() }
            guard let p = pending else {
                // Past the last record: the tail up to Last Sample Time repeats the last sample.
                fill(limit - xs.count, with: last ?? (0, 0, 0))
                break
            }
            if p.index > here {
                let first = p.samples[0]
                fill(min(p.index - here, limit - xs.count),
                     with: last ?? (Float(first.0) * inv, Float(first.1) * inv, Float(first.2) * inv))
                continue
            }
            // Samples before `here` were already covered by an earlier record: drop them.
            let skip = here - p.index
            let take = min(p.samples.count - min(skip, p.samples.count), limit - xs.count)
            if take > 0 {
                for s in p.samples[skip..<(skip + take)] {
                    xs.append(Float(s.0) * inv); ys.append(Float(s.1) * inv); zs.append(Float(s.2) * inv)
                }
                last = (xs[xs.count - 1], ys[ys.count - 1], zs[zs.count - 1])
            }
            if skip + take < p.samples.count && take > 0 {
                pending = (p.index, p.samples)  // the rest goes into the next chunk
            } else {
                pending = nil
            }
        }
        let first = emitted
        emitted += xs.count
        return RecordingChunk(onset: Double(first) / Double(rate), firstSample: [first, first, first], samples: [xs, ys, zs])
    }
}
