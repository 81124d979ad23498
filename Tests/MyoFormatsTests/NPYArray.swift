import Foundation
import MyoFormats

/// A numpy array read from a `.npy` file or an entry of a `.npz` archive, as `Double`s in C
/// order, so the wearable reader tests can compare against reference decodes directly.
///
/// Handles what the reference files use: little-endian `f8`, `f4`, `i8`, `i4`, C order.
struct NPYArray {
    var shape: [Int]
    var values: [Double]

    enum Failure: Error, CustomStringConvertible {
        case malformed(String)
        var description: String { if case .malformed(let s) = self { return s }; return "" }
    }

    /// Column `column` of a 2-D array (or the whole of a 1-D one).
    func column(_ column: Int) -> [Double] {
        guard shape.count == 2 else { return values }
        let width = shape[1]
        return stride(from: column, to: values.count, by: width).map { values[$0] }
    }

    /// Reads every array of a `.npz` archive (stored or deflated zip of `.npy` files).
    static func readNPZ(_ path: String) throws -> [String: NPYArray] {
        let zip = try ZipArchive(path: path)
        var out: [String: NPYArray] = [:]
        for entry in zip.entries where entry.name.hasSuffix(".npy") {
            let bytes = try zip.contents(of: entry, limit: 256 << 20)
            out[String(entry.name.dropLast(4))] = try parse(bytes)
        }
        return out
    }

    /// Parses the bytes of one `.npy` file.
    static func parse(_ b: [UInt8]) throws -> NPYArray {
        guard b.count >= 10, b[0] == 0x93, Array(b[1..<6]) == Array("NUMPY".utf8) else {
            throw Failure.malformed("not an .npy file")
        }
        let major = b[6]
        let headerLength: Int, headerStart: Int
        if major == 1 {
            headerLength = Int(b[8]) | Int(b[9]) << 8
            headerStart = 10
        } else {
            guard b.count >= 12 else { throw Failure.malformed("short .npy header") }
            headerLength = Int(b[8]) | Int(b[9]) << 8 | Int(b[10]) << 16 | Int(b[11]) << 24
            headerStart = 12
        }
        guard headerStart + headerLength <= b.count else { throw Failure.malformed("short .npy header") }
        let text = String(decoding: b[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        guard !text.contains("'fortran_order': True") else { throw Failure.malformed("Fortran order") }
        guard let descr = field(text, "descr"), let shapeText = field(text, "shape") else {
            throw Failure.malformed("no descr or shape in \(text)")
        }
        let shape = shapeText.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        let count = shape.reduce(1, *)
        let data = Array(b[(headerStart + headerLength)...])
        var values = [Double]()
        values.reserveCapacity(count)
        let width: Int
        switch descr {
        case "<f8", "<i8": width = 8
        case "<f4", "<i4": width = 4
        default: throw Failure.malformed("dtype \(descr) not handled")
        }
        guard data.count >= count * width else { throw Failure.malformed("data shorter than shape \(shape)") }
        data.withUnsafeBytes { raw in
            for i in 0..<count {
                switch descr {
                case "<f8": values.append(Double(bitPattern: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                case "<i8": values.append(Double(raw.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self)))
                case "<f4": values.append(Double(Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
                default: values.append(Double(raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                }
            }
        }
        return NPYArray(shape: shape, values: values)
    }

    /// The value text of `'key': value` in a numpy header dict: a quoted string or a tuple.
    private static func field(_ text: String, _ key: String) -> String? {
        guard let r = text.range(of: "'\(key)':") else { return nil }
        let rest = text[r.upperBound...].drop(while: { $0 == " " })
        if rest.first == "'" {
            return String(rest.dropFirst().prefix(while: { $0 != "'" }))
        }
        if rest.first == "(" {
            return String(rest.prefix(while: { $0 != ")" }).dropFirst())
        }
        return nil
    }
}
