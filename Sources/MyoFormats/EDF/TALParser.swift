import Foundation
import MyoSignal

/// Parses EDF+ Time-stamped Annotation Lists (TALs) from the bytes of an annotation channel.
///
/// A TAL is `+onset[0x15 duration]0x14 text 0x14 [text 0x14 ...] 0x00`; a record's annotation
/// signal holds TALs back to back, padded with 0x00. Onsets carry a sign, durations do not; texts
/// are UTF-8. Parsing is a single forward pass with no backtracking, so any input ends in time
/// linear in its length, and every malformed TAL is reported with its byte offset in the file.
public enum TALParser {
    /// One TAL: an onset with an optional duration and its texts (possibly empty, as in the
    /// time-keeping TAL that starts every data record).
    public struct TAL: Sendable, Equatable {
        /// Seconds, as written (relative to the header's start time, not yet to the first record).
        public var onset: Double
        /// Seconds, or nil when the TAL has no duration.
        public var duration: Double?
        /// The texts, in order; the time-keeping TAL has one empty text.
        public var texts: [String]
        /// Byte offset of the TAL's first byte in the file.
        public var offset: Int
    }

    private static let durationMark: UInt8 = 0x15
    private static let textMark: UInt8 = 0x14

    /// Parses every TAL in `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: the annotation channel's bytes of one data record.
    ///   - fileOffset: where `bytes` starts in the file, for error offsets.
    ///   - path: the file name for errors.
    /// - Complexity: O(bytes.count).
    public static func parse(_ bytes: ArraySlice<UInt8>, fileOffset: Int, path: String) throws -> [TAL] {
        var tals: [TAL] = []
        let base = bytes.startIndex
        var i = base
        let end = bytes.endIndex
        func fileOffsetOf(_ index: Int) -> Int { fileOffset + (index - base) }
        func fail(_ index: Int, _ value: String, _ reason: String) -> FormatError {
            FormatError.invalidField(file: path, offset: fileOffsetOf(index), field: "annotation (TAL)",
                                     value: value, reason: reason)
        }
        while i < end {
            if bytes[i] == 0 { i += 1; continue }  // padding between or after TALs
            let talStart = i
            // Onset: sign, then up to the duration or text mark.
            var j = i
            while j < end, bytes[j] != durationMark, bytes[j] != textMark, bytes[j] != 0 { j += 1 }
            guard j < end, bytes[j] != 0 else {
                throw fail(talStart, String(decoding: bytes[talStart..<j], as: UTF8.self),
                           "onset is not followed by 0x14 (or 0x15 and a duration)")
            }
            guard let onset = number(bytes[talStart..<j], signed: true) else {
                throw fail(talStart, String(decoding: bytes[talStart..<j], as: UTF8.self),
                           "onset is not a signed decimal number such as +12.5")
            }
            var duration: Double? = nil
            if bytes[j] == durationMark {
                let k0 = j + 1
                var k = k0
                while k < end, bytes[k] != textMark, bytes[k] != 0, bytes[k] != durationMark { k += 1 }
                guard k < end, bytes[k] == textMark else {
                    throw fail(k0, String(decoding: bytes[k0..<k], as: UTF8.self),
                               "duration is not followed by 0x14")
                }
                guard let d = number(bytes[k0..<k], signed: false) else {
                    throw fail(k0, String(decoding: bytes[k0..<k], as: UTF8.self),
                               "duration is not an unsigned decimal number")
                }
                duration = d
                j = k
            }
            // Texts: each ends with 0x14; the TAL ends with 0x14 0x00.
            var texts: [String] = []
            var t = j + 1
            while true {
                guard t < end else {
                    throw fail(talStart, "", "TAL does not end with 0x14 0x00 before the end of the annotation signal")
                }
                if bytes[t] == 0 { t += 1; break }
                var u = t
                while u < end, bytes[u] != textMark, bytes[u] != 0 { u += 1 }
                guard u < end, bytes[u] == textMark else {
                    throw fail(t, String(decoding: bytes[t..<u], as: UTF8.self), "annotation text is not ended by 0x14")
                }
                guard let text = String(validating: bytes[t..<u], as: UTF8.self) else {
                    throw fail(t, String(decoding: bytes[t..<u], as: UTF8.self), "annotation text is not valid UTF-8")
                }
                texts.append(text)
                t = u + 1
            }
            tals.append(TAL(onset: onset, duration: duration, texts: texts, offset: fileOffsetOf(talStart)))
            i = t
        }
        return tals
    }

    /// Turns TALs into annotations, skipping empty texts and splitting a "text@@channel" suffix.
    /// `origin` is subtracted from onsets (the first record's time-keeping onset).
    public static func annotations(from tals: [TAL], origin: Double) -> [Annotation] {
        var out: [Annotation] = []
        for tal in tals {
            for text in tal.texts where !text.isEmpty {
                var body = text
                var channel: String? = nil
                if let at = text.range(of: "@@") {
                    body = String(text[..<at.lowerBound])
                    channel = String(text[at.upperBound...])
                }
                out.append(Annotation(onset: tal.onset - origin, duration: tal.duration, text: body, channel: channel))
            }
        }
        return out
    }

    /// A decimal "[+-]digits[.digits]" (sign required when `signed`), or nil.
    private static func number(_ b: ArraySlice<UInt8>, signed: Bool) -> Double? {
        guard !b.isEmpty, b.count <= 40 else { return nil }
        var i = b.startIndex
        if signed {
            guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
            i += 1
        }
        var digits = 0, dots = 0
        for k in i..<b.endIndex {
            if (48...57).contains(b[k]) { digits += 1 } else if b[k] == UInt8(ascii: ".") { dots += 1 } else { return nil }
        }
        guard digits > 0, dots <= 1 else { return nil }
        return Double(String(decoding: b, as: UTF8.self))
    }
}
