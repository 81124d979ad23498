import Foundation

/// One pass over every block of a CWA file, done when it is opened: which blocks are good,
/// where the timestamps jump, and the sample rate the timestamps imply.
///
/// Complexity: O(file size) read in 128 KB batches; memory O(batch + number of runs ≤ 100 000).
struct CWAScan {
    private(set) var runs: [CWAReader.Run] = []
    /// Axes of the good blocks (0 when there is none).
    private(set) var axes = 0
    /// Samples in the first good block: the block-rate channels' divisor.
    private(set) var samplesPerBlock = 0
    private(set) var goodBlocks = 0
    /// Full-scale gyroscope range of the first good block, deg/s.
    private(set) var gyroRange: Float = 0
    /// Samples per second implied by the timestamps, or `nil` with fewer than two blocks a run.
    private(set) var effectiveRate: Double?
    private(set) var warnings: [String] = []

    /// A jump between consecutive blocks larger than this (in seconds) splits the recording.
    static let gapThreshold = 1.0
    static let batchBlocks = 256
    static let maxRuns = 100_000

    init(file: BinaryFile, blockCount: Int, headerSize: Int) throws {
        var buffer = [UInt8]()
        var badOffsets: [Int] = []
        var badCount = 0, otherCount = 0, backwardJumps = 0
        var previousBad = false
        var previousEnd: Double? = nil
        // Per run: time from its first to its last block start, and the samples in between.
        var spanSeconds = 0.0, spanSamples = 0
        var runLastStart = 0.0, runSamplesBeforeLast = 0
        var lastCount = 0

        func closeRun() {
            if runSamplesBeforeLast > 0, let run = runs.last, runLastStart > run.start {
                spanSeconds += runLastStart - run.start
                spanSamples += runSamplesBeforeLast
            }
        }

        var block = 0
        while block < blockCount {
            let n = min(Self.batchBlocks, blockCount - block)
            try file.read(into: &buffer, offset: headerSize + block * CWABlock.size, count: n * CWABlock.size,
                          field: "CWA data block")
            try buffer.withUnsafeBytes { all in
                for k in 0..<n {
                    let index = block + k
                    let offset = headerSize + index * CWABlock.size
                    let b = UnsafeRawBufferPointer(rebasing: all[(k * CWABlock.size)..<((k + 1) * CWABlock.size)])
                    guard CWABlock.isDataBlock(b) else { otherCount += 1; continue }
                    guard CWABlock.checksumIsValid(b) else {
                        badCount += 1
                        if badOffsets.count < 5 { badOffsets.append(offset) }
                        previousBad = true
                        continue
                    }
                    let header = try CWABlock(b, blockOffset: offset, file: file.path)
                    if axes == 0 {
                        axes = header.axes
                        samplesPerBlock = header.sampleCount
                        gyroRange = header.axes >= 6 ? header.gyroRange : 0
                    } else if header.axes != axes {
                        throw FormatError.inconsistent(file: file.path, offset: offset + 25, field: "CWA block number of axes",
                                                       reason: "\(header.axes) here, \(axes) in the blocks before")
                    }
                    goodBlocks += 1
                    var newRun = previousEnd == nil || previousBad
                    if let expected = previousEnd {
                        let jump = header.start - expected
                        if jump > Self.gapThreshold { newRun = true }
                        if jump < -Self.gapThreshold { backwardJumps += 1 }
                    }
                    if newRun {
                        // Every run costs memory; a file split more often than this is damage, not data.
                        guard runs.count < Self.maxRuns else {
                            throw FormatError.inconsistent(file: file.path, offset: offset, field: "CWA block timestamps",
                                                           reason: "more than \(Self.maxRuns) breaks in the blocks; the file is too damaged to read")
                        }
                        closeRun()
                        let firstSample = (runs.last.map { $0.firstSample + $0.sampleCount }) ?? 0
                        runs.append(CWAReader.Run(firstBlock: index, firstSample: firstSample, sampleCount: 0,
                                                  start: header.start))
                        runSamplesBeforeLast = 0
                    } else {
                        runSamplesBeforeLast += lastCount
                    }
                    runLastStart = header.start
                    runs[runs.count - 1].sampleCount += header.sampleCount
                    lastCount = header.sampleCount
                    previousEnd = header.start + Double(header.sampleCount) / header.configuredRate
                    previousBad = false
                }
            }
            block += n
        }
        closeRun()
        if spanSeconds > 0 { effectiveRate = Double(spanSamples) / spanSeconds }
        if badCount > 0 {
            let places = badOffsets.map(String.init).joined(separator: ", ")
            warnings.append("\(badCount) data block(s) failed their checksum and were skipped (at bytes \(places)\(badCount > 5 ? ", …" : ""))")
        }
        if runs.count > 1 {
            warnings.append("the recording has \(runs.count) segments (timestamp jumps over \(Self.gapThreshold) s or skipped blocks); see segments()")
        }
        if backwardJumps > 0 {
            warnings.append("block timestamps go backwards \(backwardJumps) time(s); samples are kept in file order")
        }
        if otherCount > 0 && goodBlocks == 0 {
            warnings.append("no data blocks: \(otherCount) block(s) of other kinds")
        }
        if goodBlocks == 0 { warnings.append("the file holds no good data block") }
    }
}
