import Foundation

/// Reads the fixed-width ASCII fields of an EDF/BDF header with typed errors.
///
/// EDF stores every header value as left-aligned, space-padded printable ASCII. Each accessor
/// checks the bytes it reads (0x20...0x7E only) and reports a bad value with the byte offset of
/// the field, so a user can find it in a hex editor. Complexity: O(field width) per field.
struct EDFFieldReader {
    let bytes: [UInt8]
    let path: String

    /// The raw field text, after checking it is printable ASCII; trailing spaces kept.
    func ascii(offset: Int, width: Int, field: String) throws -> String {
        guard offset >= 0, width >= 0, offset <= bytes.count, width <= bytes.count - offset else {
            throw FormatError.truncated(file: path, offset: offset, field: field,
                                        expectedBytes: width, availableBytes: max(0, bytes.count - max(0, offset)))
        }
        for i in offset..<(offset + width) where bytes[i] < 0x20 || bytes[i] > 0x7E {
            let raw = String(decoding: bytes[offset..<(offset + width)], as: UTF8.self)
            throw FormatError.invalidField(
                file: path, offset: i, field: field, value: raw,
                reason: "holds byte 0x\(String(bytes[i], radix: 16, uppercase: true)), which is not printable ASCII as EDF requires")
        }
        // Checked above: every byte is printable ASCII, so this decoding is exact.
        return String(decoding: bytes[offset..<(offset + width)], as: UTF8.self)
    }

    /// The field text without its padding spaces.
    func trimmed(offset: Int, width: Int, field: String) throws -> String {
        try ascii(offset: offset, width: width, field: field).trimmingCharacters(in: .whitespaces)
    }

    /// The field as a whole number; an empty or non-integer field is an error.
    func integer(offset: Int, width: Int, field: String) throws -> Int {
        let text = try trimmed(offset: offset, width: width, field: field)
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }),
              let value = Int(text) else {
            throw FormatError.invalidField(file: path, offset: offset, field: field, value: text,
                                           reason: "is not a whole number")
        }
        return value
    }

    /// The field as a finite decimal number ("9.59375", "-3276.8", "1E-3").
    func decimal(offset: Int, width: Int, field: String) throws -> Double {
        let text = try trimmed(offset: offset, width: width, field: field)
        let allowed = Set("0123456789+-.eE")
        guard !text.isEmpty, text.allSatisfy({ allowed.contains($0) }), let value = Double(text), value.isFinite else {
            throw FormatError.invalidField(file: path, offset: offset, field: field, value: text,
                                           reason: "is not a finite decimal number")
        }
        return value
    }

    /// An error for a field whose syntax is right but whose value cannot be.
    func invalid(offset: Int, width: Int, field: String, _ reason: String) -> FormatError {
        let raw = (try? trimmed(offset: offset, width: width, field: field)) ?? ""
        return FormatError.invalidField(file: path, offset: offset, field: field, value: raw, reason: reason)
    }
}
