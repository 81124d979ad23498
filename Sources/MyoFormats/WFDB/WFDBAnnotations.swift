import Foundation
import MyoSignal

/// Reads WFDB annotation files in the MIT binary format (`.atr`, `.qrs`, ...).
///
/// The format is a stream of little-endian 16-bit words: the top 6 bits are an annotation code,
/// the low 10 bits a time increment in samples. Codes 59...63 are pseudo-annotations: SKIP
/// (a 32-bit increment follows), NUM, SUB and CHN (set fields of the annotation just read) and
/// AUX (a byte count, then that many bytes of text, padded to an even length). A zero word ends
/// the file.
public enum WFDBAnnotations {
    /// Reads every annotation of the file at `path`.
    ///
    /// Onsets are in seconds: the sample time divided by the file's own "## time resolution"
    /// note when it has one, else by `sampleRate` (the record's frame rate). The text is the
    /// code's mnemonic ("N", "V", "+"), followed by a space and the aux text when there is one
    /// ("+ (N"). `channel` is the CHN field when it is not 0. Complexity: O(file size).
    public static func read(path: String, sampleRate: Double) throws -> [Annotation] {
        let file = try BinaryFile(path: path)
        guard sampleRate.isFinite, sampleRate > 0 else {
            throw FormatError.invalidField(file: path, offset: 0, field: "sample rate", value: "\(sampleRate)",
                                           reason: "is not a positive sampling rate")
        }
        let bytes = try file.bytes(offset: 0, count: file.size, field: "annotations")
        var rate = sampleRate
        var time = 0
        var channel = 0
        var out: [(time: Int, code: Int, aux: String, channel: Int)] = []
        var offset = 0
        func word(_ at: Int) throws -> Int {
            guard at >= 0, at + 1 < bytes.count else {
                throw FormatError.truncated(file: path, offset: at, field: "annotation word", expectedBytes: 2,
                                            availableBytes: max(0, bytes.count - at))
            }
            return Int(bytes[at]) | Int(bytes[at + 1]) << 8
        }
        while offset + 1 < bytes.count {
            let w = try word(offset)
            let code = w >> 10, value = w & 0x3FF
            let here = offset
            offset += 2
            switch code {
            case 0 where value == 0:
                return finish(out, rate: rate)
            case 59: // SKIP: a signed 32-bit increment, high 16 bits first.
                let high = try word(offset), low = try word(offset + 2)
                offset += 4
                let skip = Int(Int32(bitPattern: UInt32(high << 16 | low)))
                time += skip
            case 60, 61: // NUM and SUB do not map to Annotation fields.
                break
            case 62:
                channel = value
                if !out.isEmpty { out[out.count - 1].channel = value }
            case 63:
                guard value <= bytes.count - offset else {
                    throw FormatError.truncated(file: path, offset: offset, field: "aux text", expectedBytes: value,
                                                availableBytes: bytes.count - offset)
                }
                let textBytes = bytes[offset..<offset + value].prefix { $0 != 0 }
                let text = String(decoding: textBytes, as: UTF8.self)
                offset += value + value % 2
                if out.isEmpty {
                    throw FormatError.invalidField(file: path, offset: here, field: "AUX", value: text,
                                                   reason: "comes before any annotation")
                }
                out[out.count - 1].aux = text
            default:
                time += value
                guard time >= 0 else {
                    throw FormatError.invalidField(file: path, offset: here, field: "annotation time", value: "\(time)",
                                                   reason: "is before the start of the record")
                }
                out.append((time, code, "", channel))
            }
            // The "## time resolution: N" note of an annotation file gives its own tick rate.
            if code == 63, let last = out.last, last.code == 0 || last.code == 22,
               last.aux.hasPrefix("## time resolution:"),
               let r = Double(last.aux.dropFirst("## time resolution:".count).trimmingCharacters(in: .whitespaces)),
               r > 0, r.isFinite {
                rate = r
            }
        }
        return finish(out, rate: rate)
    }

    private static func finish(_ raw: [(time: Int, code: Int, aux: String, channel: Int)], rate: Double) -> [Annotation] {
        var result: [Annotation] = []
        for a in raw {
            // Code 0 is "not an annotation"; notes starting "##" are the file's own metadata.
            if a.code == 0 || a.aux.hasPrefix("##") { continue }
            let mnemonic = mnemonics[a.code] ?? "[\(a.code)]"
            let text = a.aux.isEmpty ? mnemonic : "\(mnemonic) \(a.aux)"
            result.append(Annotation(onset: Double(a.time) / rate, text: text,
                                     channel: a.channel == 0 ? nil : String(a.channel)))
        }
        return result.sorted { $0.onset < $1.onset }
    }

    /// The mnemonics of the standard annotation codes (WFDB's ecgcodes.h).
    static let mnemonics: [Int: String] = [
        1: "N", 2: "L", 3: "R", 4: "a", 5: "V", 6: "F", 7: "J", 8: "A", 9: "S", 10: "E", 11: "j", 12: "/",
        13: "Q", 14: "~", 16: "|", 18: "s", 19: "T", 20: "*", 21: "D", 22: "\"", 23: "=", 24: "p", 25: "B",
        26: "^", 27: "t", 28: "+", 29: "u", 30: "?", 31: "!", 32: "[", 33: "]", 34: "e", 35: "n", 36: "@",
        37: "x", 38: "f", 39: "(", 40: ")", 41: "r",
    ]
}
