/// Why a recording file could not be read or written, and exactly where.
///
/// Every case names the file; binary formats give the byte offset and the header field,
/// text formats the line and column. The description is written for the person who has to fix
/// or replace the file:
///
/// ```
/// eeg.edf: byte 236, field "number of data records": "-5" is not a positive integer
/// ```
public enum FormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be opened or read.
    case cannotOpen(file: String, reason: String)
    /// The file is none of the formats Myotrace reads (or not the one asked for).
    case unrecognizedFormat(file: String, reason: String)
    /// The file ends before a field or a data block that it announces.
    case truncated(file: String, offset: Int, field: String, expectedBytes: Int, availableBytes: Int)
    /// A field holds a value that cannot be right (not a number, out of range, not ASCII).
    case invalidField(file: String, offset: Int, field: String, value: String, reason: String)
    /// Two fields, or a field and the file size, disagree.
    case inconsistent(file: String, offset: Int?, field: String, reason: String)
    /// A valid file that uses a feature Myotrace does not read (yet).
    case unsupported(file: String, offset: Int?, feature: String)
    /// A line of a text format (CSV, WFDB header) that cannot be parsed.
    case invalidLine(file: String, line: Int, field: String?, reason: String)
    /// A file could not be written.
    case cannotWrite(file: String, reason: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .cannotOpen(let f, _), .unrecognizedFormat(let f, _), .truncated(let f, _, _, _, _),
             .invalidField(let f, _, _, _, _), .inconsistent(let f, _, _, _), .unsupported(let f, _, _),
             .invalidLine(let f, _, _, _), .cannotWrite(let f, _):
            return f
        }
    }

    /// The byte offset the error is about, when the format is binary and the place is known.
    public var offset: Int? {
        switch self {
        case .truncated(_, let o, _, _, _), .invalidField(_, let o, _, _, _): return o
        case .inconsistent(_, let o, _, _), .unsupported(_, let o, _): return o
        default: return nil
        }
    }

    /// The field (header field, column, data block) the error is about, when there is one.
    public var field: String? {
        switch self {
        case .truncated(_, _, let f, _, _), .invalidField(_, _, let f, _, _), .inconsistent(_, _, let f, _):
            return f
        case .invalidLine(_, _, let f, _): return f
        case .unsupported(_, _, let feature): return feature
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case let .cannotOpen(file, reason):
            return "\(file): cannot open: \(reason)"
        case let .unrecognizedFormat(file, reason):
            return "\(file): not a recording Myotrace can read: \(reason)"
        case let .truncated(file, offset, field, expected, available):
            return "\(file): byte \(offset), \(quoted(field)): file ends early (needs \(expected) bytes, \(available) left); the file is truncated"
        case let .invalidField(file, offset, field, value, reason):
            return "\(file): byte \(offset), field \(quoted(field)): \(quoted(printable(value))) \(reason)"
        case let .inconsistent(file, offset, field, reason):
            let place = offset.map { "byte \($0), " } ?? ""
            return "\(file): \(place)field \(quoted(field)): \(reason)"
        case let .unsupported(file, offset, feature):
            let place = offset.map { "byte \($0), " } ?? ""
            return "\(file): \(place)unsupported: \(feature)"
        case let .invalidLine(file, line, field, reason):
            let col = field.map { ", column \(quoted($0))" } ?? ""
            return "\(file): line \(line)\(col): \(reason)"
        case let .cannotWrite(file, reason):
            return "\(file): cannot write: \(reason)"
        }
    }
}

private func quoted(_ s: String) -> String { "\"\(s)\"" }

/// Shows control and non-ASCII bytes of a raw field as escapes, so an error message never
/// prints garbage into a terminal.
func printable(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        if scalar.value >= 0x20 && scalar.value < 0x7F { out.unicodeScalars.append(scalar) }
        else { out += "\\u{\(String(scalar.value, radix: 16))}" }
    }
    return out
}
