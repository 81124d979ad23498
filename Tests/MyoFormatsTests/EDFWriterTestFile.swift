import Foundation
import Testing

/// A minimal, independent parse of a written EDF/BDF file for the tests: header fields by
/// position, digital samples and the TALs of each record. It trusts nothing the writer reports.
struct EDFTestFile {
    let bytes: [UInt8]
    let signalCount: Int
    let headerBytes: Int
    let recordCount: Int
    let recordDuration: Double
    let samplesPerRecord: [Int]
    let bytesPerSample: Int

    init(path: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        func number(_ offset: Int, _ width: Int) throws -> Double {
            let text = bytes.count >= offset + width
                ? String(decoding: bytes[offset..<offset + width], as: UTF8.self).trimmingCharacters(in: .whitespaces) : ""
            return try #require(Double(text), "no number at byte \(offset)")
        }
        let ns = Int(try number(252, 4))
        let sprOffset = 256 + ns * (16 + 80 + 8 + 8 + 8 + 8 + 8 + 80)
        self.bytes = bytes
        bytesPerSample = bytes.first == 0xFF ? 3 : 2
        signalCount = ns
        headerBytes = Int(try number(184, 8))
        recordCount = Int(try number(236, 8))
        recordDuration = try number(244, 8)
        samplesPerRecord = try (0..<ns).map { Int(try number(sprOffset + 8 * $0, 8)) }
    }

    /// The text of a header field at `offset` with `width` bytes, spaces kept.
    func field(_ offset: Int, _ width: Int) -> String {
        String(decoding: bytes[offset..<min(bytes.count, offset + width)], as: UTF8.self)
    }

    /// Field `index` (0 = label ... 9 = reserved) of signal `signal`, trimmed.
    func signalField(_ index: Int, signal: Int) -> String {
        let widths = [16, 80, 8, 8, 8, 8, 8, 80, 8, 32]
        let start = 256 + widths[..<index].reduce(0, +) * signalCount + widths[index] * signal
        return field(start, widths[index]).trimmingCharacters(in: .whitespaces)
    }

    var recordBytes: Int { samplesPerRecord.reduce(0, +) * bytesPerSample }

    /// The raw bytes of signal `signal` in record `record`.
    func signalBytes(record: Int, signal: Int) -> ArraySlice<UInt8> {
        let start = headerBytes + record * recordBytes + samplesPerRecord[..<signal].reduce(0, +) * bytesPerSample
        return bytes[start..<start + samplesPerRecord[signal] * bytesPerSample]
    }

    /// Digital samples of signal `signal` across all records.
    func digital(signal: Int) -> [Int] {
        var out: [Int] = []
        for r in 0..<recordCount {
            let raw = Array(signalBytes(record: r, signal: signal))
            var k = 0
            while k + bytesPerSample <= raw.count {
                if bytesPerSample == 2 {
                    out.append(Int(Int16(bitPattern: UInt16(raw[k]) | UInt16(raw[k + 1]) << 8)))
                } else {
                    let u = Int32(raw[k]) | Int32(raw[k + 1]) << 8 | Int32(raw[k + 2]) << 16
                    out.append(Int((u << 8) >> 8))
                }
                k += bytesPerSample
            }
        }
        return out
    }

    /// Each record's TALs as (onset text, duration text or nil, texts), the annotation channel
    /// being the last signal.
    func tals(record: Int) -> [(onset: String, duration: String?, texts: [String])] {
        let raw = Array(signalBytes(record: record, signal: signalCount - 1))
        var result: [(String, String?, [String])] = []
        for tal in raw.split(separator: 0, omittingEmptySubsequences: true) {
            let parts = tal.split(separator: 0x14, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard let head = parts.first else { continue }
            let timing = head.split(separator: "\u{15}", omittingEmptySubsequences: false).map(String.init)
            let texts = Array(parts.dropFirst()).filter { !$0.isEmpty }
            result.append((timing[0], timing.count > 1 ? timing[1] : nil, texts))
        }
        return result
    }
}
