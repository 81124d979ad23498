import Foundation

/// Reads frames of one single-segment WFDB record from its signal files.
///
/// Signals that share a file form a group whose samples are interleaved frame by frame; each
/// group is read with positioned reads of just the bytes a frame range needs, so memory stays
/// proportional to the range, not to the file.
final class WFDBSegmentSource {
    private struct Group {
        let file: BinaryFile
        let format: WFDBSampleFormat
        let byteOffset: Int
        /// Indices into `specs` of the signals in this file, in frame order.
        let signals: [Int]
        /// Samples of all the group's signals in one frame.
        let frameSamples: Int
    }

    let specs: [WFDBSignalSpec]
    let frameCount: Int
    private let groups: [Group]
    private let scales: [(baseline: Double, gain: Double, invalid: Int32)]
    private var raw = [UInt8]()
    private var decoded = [Int32]()

    /// Opens the signal files of `header` (found beside `headerPath`) and checks that each holds
    /// `header.frameCount` frames. Throws `.unsupported` for unknown formats and `.truncated`
    /// naming the byte offset where a short signal file ends.
    init(header: WFDBHeader, headerPath: String) throws {
        let directory = (headerPath as NSString).deletingLastPathComponent
        let specs = header.signals
        self.specs = specs
        var groups: [Group] = []
        var byName: [String: Int] = [:]
        var members: [[Int]] = []
        for (i, spec) in specs.enumerated() {
            guard WFDBSampleFormat(code: spec.format) != nil else {
                throw FormatError.unsupported(file: headerPath, offset: nil,
                                              feature: "WFDB signal format \(spec.format) (line \(spec.line)); formats 16, 24, 32, 61, 80, 160, 212, 310 and 311 are read")
            }
            if let g = byName[spec.fileName] {
                guard specs[members[g][0]].format == spec.format else {
                    throw FormatError.invalidLine(file: headerPath, line: spec.line, field: "format",
                                                  reason: "signals in one file must share a format")
                }
                members[g].append(i)
            } else {
                byName[spec.fileName] = members.count
                members.append([i])
            }
        }
        var frames: Int? = header.frameCount
        var shortest: Int?
        for m in members {
            let first = specs[m[0]]
            guard let format = WFDBSampleFormat(code: first.format) else { continue }
            let path = first.fileName.hasPrefix("/") ? first.fileName : (directory as NSString).appendingPathComponent(first.fileName)
            let file = try BinaryFile(path: path)
            let frameSamples = m.reduce(0) { $0 + specs[$1].samplesPerFrame }
            let available = max(0, file.size - first.byteOffset)
            let fileFrames = format.samples(inBytes: available) / max(1, frameSamples)
            if let n = frames {
                let (total, overflow) = n.multipliedReportingOverflow(by: frameSamples)
                guard !overflow, let needed = format.bytes(forSamples: total) else {
                    throw FormatError.invalidLine(file: headerPath, line: 1, field: "number of samples per signal",
                                                  reason: "\(n) frames cannot be addressed")
                }
                if needed > available {
                    throw FormatError.truncated(file: path, offset: first.byteOffset + available,
                                                field: "samples of \(m.map { specs[$0].description }.joined(separator: ", "))",
                                                expectedBytes: needed, availableBytes: available)
                }
            }
            shortest = min(shortest ?? fileFrames, fileFrames)
            groups.append(Group(file: file, format: format, byteOffset: first.byteOffset, signals: m, frameSamples: frameSamples))
        }
        if frames == nil { frames = shortest ?? 0 }
        frameCount = frames ?? 0
        self.groups = groups
        scales = specs.map { spec in
            (Double(spec.baseline), spec.gain, WFDBSampleFormat(code: spec.format)?.invalidValue ?? Int32.min)
        }
    }

    /// Appends the physical values of frames `frames` of every signal to `out[signal]`, NaN for
    /// WFDB's invalid sample, and counts those in `invalid[signal]`.
    /// Complexity: O(samples in the range), one read per signal file.
    func read(frames: Range<Int>, into out: inout [[Float]], invalid: inout [Int]) throws {
        guard frames.lowerBound >= 0, frames.upperBound <= frameCount, !frames.isEmpty else { return }
        for g in groups {
            let first = frames.lowerBound * g.frameSamples
            let skip = first % g.format.groupSamples
            let count = frames.count * g.frameSamples + skip
            let startByte = g.byteOffset + (first - skip) / g.format.groupSamples * g.format.groupBytes
            let groupsNeeded = (count + g.format.groupSamples - 1) / g.format.groupSamples
            let padded = groupsNeeded * g.format.groupBytes
            let wanted = min(padded, max(0, g.file.size - startByte))
            try g.file.read(into: &raw, offset: startByte, count: wanted, field: "signal samples")
            if raw.count < padded { raw.append(contentsOf: repeatElement(0, count: padded - raw.count)) }
            for i in wanted..<padded { raw[i] = 0 }
            if decoded.count < count { decoded = [Int32](repeating: 0, count: count) }
            raw.withUnsafeBufferPointer { bytes in
                decoded.withUnsafeMutableBufferPointer { d in
                    g.format.decode(UnsafeBufferPointer(rebasing: bytes[0..<padded]), count: count, into: d)
                }
            }
            var position = skip
            var starts: [Int] = []
            for s in g.signals { starts.append(position); position += specs[s].samplesPerFrame }
            decoded.withUnsafeBufferPointer { d in
                for (k, s) in g.signals.enumerated() {
                    let spf = specs[s].samplesPerFrame
                    let (baseline, gain, invalidValue) = scales[s]
                    var bad = 0
                    let base = out[s].count
                    out[s].append(contentsOf: repeatElement(0, count: frames.count * spf))
                    out[s].withUnsafeMutableBufferPointer { o in
                        var w = base
                        var r = starts[k]
                        for _ in 0..<frames.count {
                            for j in 0..<spf {
                                let v = d[r + j]
                                if v == invalidValue { o[w] = .nan; bad += 1 } else { o[w] = Float((Double(v) - baseline) / gain) }
                                w += 1
                            }
                            r += g.frameSamples
                        }
                    }
                    invalid[s] += bad
                }
            }
        }
    }
}
