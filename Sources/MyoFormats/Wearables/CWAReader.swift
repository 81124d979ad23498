import Foundation
import MyoSignal

/// Reads Axivity AX3/AX6 `.cwa` files: a 1024-byte metadata header ("MD") followed by
/// 512-byte data blocks ("AX"), each holding up to 120 samples with its own timestamp.
///
/// Channels: accelerometer x/y/z in g (`.acc`); for AX6 also gyroscope x/y/z in deg/s
/// (`.gyro`); for 9-axis files magnetometer x/y/z in µT; then temperature (°C) and light (raw
/// sensor units), one value a block, at the block rate.
///
/// The sample rate reported is the *effective* rate implied by the block timestamps (an AX3 set
/// to 200 Hz may really sample at ~197 Hz), since the configured rate would misplace samples by
/// seconds over an hour; a warning gives both. Blocks whose checksum fails are skipped (never
/// trusted) and reported; a block after skipped blocks, or after a jump of more than a second
/// in the timestamps, starts a new ``TimeSegment``. Times are the device's local clock, which
/// the file does not relate to UTC; `start` carries them as if they were UTC.
///
/// Opening scans every block once (checksums and timestamps) so the header's counts and rate
/// are exact; reading then streams ``blocksPerChunk`` blocks a chunk. Complexity: O(file size)
/// to open and to read, memory O(chunk).
public final class CWAReader: RecordingReader {
    public let path: String
    public let header: RecordingHeader
    /// Data blocks decoded into one chunk (32 blocks: about 20 s at 200 Hz, ~15 KB a channel).
    public static let blocksPerChunk = 32
    static let headerSize = 1024

    /// A run of good blocks with continuous timestamps.
    struct Run {
        var firstBlock: Int
        var firstSample: Int
        var sampleCount: Int
        /// Device clock of the run's first sample, seconds since 1970.
        var start: Double
    }

    private let file: BinaryFile
    private let blockCount: Int
    private let runs: [Run]
    private let axes: Int
    /// The effective sample rate of the motion channels.
    public let sampleRate: Double
    private var nextBlock = 0
    private var samplesDone = 0
    private var blocksDone = 0
    private var buffer = [UInt8]()

    /// Opens `path`, checks the metadata header and scans every block.
    public init(path: String) throws {
        self.path = path
        let file = try BinaryFile(path: path)
        self.file = file
        let md = try file.bytes(offset: 0, count: Self.headerSize, field: "CWA metadata header")
        guard md[0] == 0x4D, md[1] == 0x44 else {
            throw FormatError.invalidField(file: path, offset: 0, field: "CWA header signature",
                                           value: String(decoding: md[0..<2], as: UTF8.self), reason: "is not \"MD\"")
        }
        guard md.u16(2) == 1020 else {
            throw FormatError.invalidField(file: path, offset: 2, field: "CWA header packet length",
                                           value: String(md.u16(2)), reason: "is not 1020")
        }
        let dataBytes = file.size - Self.headerSize
        if dataBytes % CWABlock.size != 0 {
            let partial = Self.headerSize + dataBytes / CWABlock.size * CWABlock.size
            throw FormatError.truncated(file: path, offset: partial, field: "CWA data block",
                                        expectedBytes: CWABlock.size, availableBytes: file.size - partial)
        }
        blockCount = dataBytes / CWABlock.size
        let scan = try CWAScan(file: file, blockCount: blockCount, headerSize: Self.headerSize)
        runs = scan.runs
        axes = scan.axes

        let hardware = md[4]
        let deviceID = UInt32(md.u16(5)) | (md.u16(11) == 0xFFFF ? 0 : UInt32(md.u16(11)) << 16)
        let sensorConfig = md[35]
        let headerAxes = (sensorConfig == 0 || sensorConfig == 0xFF) ? 3 : (sensorConfig >> 4 != 0 ? 9 : 6)
        let configuredRate = 3200.0 / Double(1 << (15 - Int(md[36] & 0x0F)))
        let range = 16 >> Int(md[36] >> 6)
        var warnings = scan.warnings
        let fileAxes = scan.axes == 0 ? headerAxes : scan.axes
        if scan.axes != 0 && scan.axes != headerAxes {
            warnings.append("the header announces \(headerAxes) axes but the data blocks hold \(scan.axes); the blocks are followed")
        }
        let rate = scan.effectiveRate ?? configuredRate
        sampleRate = rate
        if let eff = scan.effectiveRate {
            warnings.append(String(format: "sample rate %.4f Hz from the block timestamps (configured %g Hz); the timestamp rate is used", eff, configuredRate))
        } else {
            warnings.append("too few blocks to measure the sample rate; the configured \(configuredRate) Hz is used")
        }
        warnings.append("times are the device's local clock (the file gives no time zone), shown as if UTC")

        let total = scan.runs.reduce(0) { $0 + $1.sampleCount }
        let blockRate = scan.samplesPerBlock > 0 ? rate / Double(scan.samplesPerBlock) : 0
        var channels: [ChannelInfo] = ["X", "Y", "Z"].map {
            ChannelInfo(label: "Accel \($0)", kind: .acc, unit: "g", sampleRate: rate, sampleCount: total,
                        transducer: "Axivity accelerometer", physicalRange: -Double(range)...Double(range))
        }
        if fileAxes >= 6 {
            let gyro = Double(scan.gyroRange)
            channels += ["X", "Y", "Z"].map {
                ChannelInfo(label: "Gyro \($0)", kind: .gyro, unit: "deg/s", sampleRate: rate, sampleCount: total,
                            transducer: "Axivity gyroscope", physicalRange: gyro > 0 ? -gyro...gyro : nil)
            }
        }
        if fileAxes == 9 {
            channels += ["X", "Y", "Z"].map {
                ChannelInfo(label: "Mag \($0)", kind: .other, unit: "uT", sampleRate: rate, sampleCount: total,
                            transducer: "Axivity magnetometer")
            }
        }
        channels.append(ChannelInfo(label: "Temperature", kind: .other, unit: "degC", sampleRate: blockRate,
                                    sampleCount: scan.goodBlocks, transducer: "Axivity thermometer (one value a block)"))
        channels.append(ChannelInfo(label: "Light", kind: .other, unit: "raw", sampleRate: blockRate,
                                    sampleCount: scan.goodBlocks, transducer: "Axivity light sensor (one value a block)"))
        let model = hardware == 0x64 ? "AX6" : (hardware == 0x65 ? "AX9" : "AX3")
        let note = String(decoding: md[64..<512].filter { $0 >= 0x20 && $0 < 0x7F }, as: UTF8.self)
            .trimmingCharacters(in: .whitespaces)
        let session = md.u32(7)
        header = RecordingHeader(
            format: .axivityCWA,
            start: scan.runs.first.map { Date(timeIntervalSince1970: $0.start) },
            recordingInfo: RecordingInfoFields(text: note.isEmpty ? "Axivity \(model) device \(deviceID) session \(session)" : note,
                                               equipment: "Axivity \(model) #\(deviceID)"),
            channels: channels, warnings: warnings)
    }

    private var axesPerSample: Int { axes }

    public func rewind() throws {
        nextBlock = 0
        samplesDone = 0
        blocksDone = 0
    }

    public func annotations() throws -> [Annotation] { [] }

    /// One segment per run of continuous blocks, or none when the whole file is one run.
    public func segments() throws -> [TimeSegment] {
        guard runs.count > 1, let first = runs.first else { return [] }
        return runs.map {
            TimeSegment(dataStart: Double($0.firstSample) / sampleRate, onset: $0.start - first.start,
                        duration: Double($0.sampleCount) / sampleRate)
        }
    }

    /// The next ``blocksPerChunk`` blocks (fewer at a segment boundary), or `nil` at the end.
    public func nextChunk() throws -> RecordingChunk? {
        guard nextBlock < blockCount, let firstRun = runs.first else { return nil }
        if nextBlock < firstRun.firstBlock { nextBlock = firstRun.firstBlock }
        let runIndex = runs.lastIndex { $0.firstBlock <= nextBlock } ?? 0
        let runEnd = runIndex + 1 < runs.count ? runs[runIndex + 1].firstBlock : blockCount
        let n = min(runEnd, nextBlock + Self.blocksPerChunk) - nextBlock
        guard n > 0 else { return nil }
        try file.read(into: &buffer, offset: Self.headerSize + nextBlock * CWABlock.size, count: n * CWABlock.size,
                      field: "CWA data block")
        let channelCount = axesPerSample
        let capacity = n * 120
        // One allocation for all motion channels, channel c at c * capacity.
        var flat = [Float](repeating: 0, count: channelCount * capacity)
        var temperature = [Float](), light = [Float]()
        temperature.reserveCapacity(n)
        light.reserveCapacity(n)
        var filled = 0
        let firstBlock = nextBlock
        try buffer.withUnsafeBytes { all in
            try flat.withUnsafeMutableBufferPointer { out in
                let base = out.baseAddress!
                let pointers = (0..<channelCount).map { base + $0 * capacity }
                for k in 0..<n {
                    let b = UnsafeRawBufferPointer(rebasing: all[(k * CWABlock.size)..<((k + 1) * CWABlock.size)])
                    guard CWABlock.isDataBlock(b), CWABlock.checksumIsValid(b) else { continue }
                    let offset = Self.headerSize + (firstBlock + k) * CWABlock.size
                    let block = try CWABlock(b, blockOffset: offset, file: path)
                    guard block.axes == channelCount else {
                        throw FormatError.inconsistent(file: path, offset: offset + 25, field: "CWA block number of axes",
                                                       reason: "\(block.axes) here, \(channelCount) in the blocks before")
                    }
                    block.decode(b, into: pointers, at: filled)
                    filled += block.sampleCount
                    temperature.append(CWABlock.celsius(block.temperatureRaw))
                    light.append(Float(block.light))
                }
            }
        }
        let motion = (0..<channelCount).map { Array(flat[($0 * capacity)..<($0 * capacity + filled)]) }
        let run = runs[runIndex]
        let onset = (run.start - firstRun.start) + Double(samplesDone - run.firstSample) / sampleRate
        let firstSample = [Int](repeating: samplesDone, count: channelCount) + [blocksDone, blocksDone]
        samplesDone += filled
        blocksDone += temperature.count
        nextBlock += n
        return RecordingChunk(onset: onset, firstSample: firstSample, samples: motion + [temperature, light])
    }
}
