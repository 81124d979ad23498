import Foundation
import MyoSignal

/// Writes channels as comma-separated values, streaming: a `time_s` column, then one column
/// per channel headed `<label> [<unit>]`, one row per sample time.
///
/// A row needs one time for all its columns, so channels at different rates go to different
/// files: the channels at the first channel's rate to `path`, every other rate to
/// `<name>_<rate>Hz.csv` beside it (`night_12.8Hz.csv`). Values are written in Float's shortest
/// round-trippable form ("0.1", "-3.5", "1e-05"); times with as many decimals as the rate needs
/// to be exact (256 Hz: up to 8) or, for rates without a short period, three more than the
/// period's leading zeros, trailing zeros dropped. Complexity: O(samples); memory: the rows not yet complete plus a 1 MB buffer.
public final class CSVWriter {
    /// Every file written, the main one first.
    public let paths: [String]

    private struct Group {
        let path: String
        let rate: Double
        let channels: [Int]
        let timeDecimals: Int
        var descriptor: Int32
        var rowsWritten = 0
        var buffer: [UInt8] = []
    }

    private var groups: [Group]
    private var groupOf: [Int]
    private var pending: [[Float]]
    private let channelCount: Int
    private var finished = false

    /// Creates the files and writes their header lines.
    /// - Throws: `FormatError.cannotWrite` for no channels, a zero, negative or non-finite rate,
    ///   or a file that cannot be created.
    public init(path: String, channels: [ChannelInfo]) throws {
        guard !channels.isEmpty else { throw FormatError.cannotWrite(file: path, reason: "the recording has no signal channels") }
        for (i, c) in channels.enumerated() where !(c.sampleRate.isFinite && c.sampleRate > 0) {
            throw FormatError.cannotWrite(file: path, reason: "channel \(i + 1) \"\(printable(c.label))\" has sample rate \(c.sampleRate) Hz; it must be positive")
        }
        var rates: [Double] = []
        var groupOf: [Int] = []
        for c in channels {
            if let k = rates.firstIndex(of: c.sampleRate) { groupOf.append(k) } else { groupOf.append(rates.count); rates.append(c.sampleRate) }
        }
        let base = (path as NSString).deletingPathExtension
        var groups: [Group] = []
        for (k, rate) in rates.enumerated() {
            let file = k == 0 ? path : "\(base)_\(compactNumber(rate))Hz.csv"
            let members = channels.indices.filter { groupOf[$0] == k }
            let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                for g in groups { close(g.descriptor) }
                throw FormatError.cannotWrite(file: file, reason: reason)
            }
            var group = Group(path: file, rate: rate, channels: members, timeDecimals: Self.timeDecimals(rate), descriptor: fd)
            let titles = ["time_s"] + members.map { i in
                let c = channels[i]
                return Self.quoted(c.unit.isEmpty ? c.label : "\(c.label) [\(c.unit)]")
            }
            group.buffer.append(contentsOf: (titles.joined(separator: ",") + "\n").utf8)
            groups.append(group)
        }
        self.groups = groups
        self.groupOf = groupOf
        self.paths = groups.map(\.path)
        self.pending = channels.map { _ in [] }
        self.channelCount = channels.count
    }

    deinit {
        for g in groups where g.descriptor >= 0 { close(g.descriptor) }
    }

    /// Appends a reader's chunk: `chunk.samples[i]` continues channel `i`.
    public func append(_ chunk: RecordingChunk) throws {
        guard chunk.samples.count == channelCount else {
            throw FormatError.cannotWrite(file: paths[0], reason: "a chunk has \(chunk.samples.count) channels, the file \(channelCount)")
        }
        for (i, s) in chunk.samples.enumerated() { try stage(s, channel: i) }
        for k in groups.indices { try writeRows(group: k, final: false) }
    }

    /// Appends samples to one channel; rows are written once all channels of its rate caught up.
    public func append(_ samples: [Float], toChannel channel: Int) throws {
        try stage(samples, channel: channel)
        try writeRows(group: groupOf[channel], final: false)
    }

    private func stage(_ samples: [Float], channel: Int) throws {
        guard !finished else { throw FormatError.cannotWrite(file: paths[0], reason: "samples appended after finish()") }
        guard pending.indices.contains(channel) else {
            throw FormatError.cannotWrite(file: paths[0], reason: "channel \(channel) does not exist (the file has \(channelCount))")
        }
        pending[channel].append(contentsOf: samples)
    }

    /// Writes the rows that every channel of the group can fill; with `final`, also the rows of
    /// the longer channels, leaving the shorter ones' cells empty.
    private func writeRows(group k: Int, final: Bool) throws {
        let members = groups[k].channels
        let counts = members.map { pending[$0].count }
        let rows = (final ? counts.max() : counts.min()) ?? 0
        guard rows > 0 else { return }
        var buffer = groups[k].buffer
        let first = groups[k].rowsWritten
        let rate = groups[k].rate
        let format = "%.\(groups[k].timeDecimals)f"
        for r in 0..<rows {
            buffer.append(contentsOf: Self.trimmed(String(format: format, Double(first + r) / rate)).utf8)
            for i in members {
                buffer.append(UInt8(ascii: ","))
                if r < pending[i].count { buffer.append(contentsOf: Self.number(pending[i][r]).utf8) }
            }
            buffer.append(UInt8(ascii: "\n"))
            if buffer.count >= 1 << 20 { try write(&buffer, group: k) }
        }
        for i in members { pending[i].removeFirst(min(rows, pending[i].count)) }
        groups[k].rowsWritten += rows
        try write(&buffer, group: k)
        groups[k].buffer = buffer
    }

    /// Writes `buffer` (not the group's own, which would alias `groups`) and empties it.
    private func write(_ buffer: inout [UInt8], group k: Int) throws {
        let fd = groups[k].descriptor
        var done = 0
        try buffer.withUnsafeBufferPointer { b in
            while done < b.count {
                let n = Foundation.write(fd, b.baseAddress! + done, b.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FormatError.cannotWrite(file: groups[k].path, reason: String(cString: strerror(errno)))
                }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes the last rows and closes the files. Returns every file written, the main one first.
    @discardableResult
    public func finish() throws -> [String] {
        guard !finished else { return paths }
        finished = true
        for k in groups.indices {
            try writeRows(group: k, final: true)
            var rest = groups[k].buffer
            try write(&rest, group: k)
            groups[k].buffer = rest
            let status = close(groups[k].descriptor)
            groups[k].descriptor = -1
            if status != 0 { throw FormatError.cannotWrite(file: groups[k].path, reason: String(cString: strerror(errno))) }
        }
        return paths
    }

    // MARK: Formatting

    /// Float's shortest round-trippable text, without a trailing ".0" ("3", "0.1", "1e-05", "nan").
    static func number(_ x: Float) -> String {
        var text = x.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A fixed-decimals number without its trailing zeros ("0.50" -> "0.5", "2.000" -> "2").
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var t = Substring(text)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }

    /// Decimals that write every sample time of `rate` exactly when its period is a short
    /// decimal (0.00390625 s at 256 Hz), else three more than the period needs to be told apart.
    static func timeDecimals(_ rate: Double) -> Int {
        let period = 1 / rate
        for d in 0...9 {
            let scaled = period * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) <= 1e-6 { return d }
        }
        return min(12, max(3, Int(log10(rate).rounded(.up)) + 3))
    }

    /// A CSV cell, quoted when it holds a comma, a quote or a line break (RFC 4180).
    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
