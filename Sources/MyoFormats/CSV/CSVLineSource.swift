import Foundation

/// Hands out the lines of a text file one at a time from a fixed-size buffer, so a file of any
/// size is read with bounded memory, and splits them into cells without allocating.
final class CSVLineSource {
    let file: BinaryFile
    /// The 1-based number of the line last handed out.
    private(set) var lineNumber = 0
    /// The byte offset in the file of the next line to hand out.
    var nextLineOffset: Int { fileOffset - (filled - position) }

    private var buffer: [UInt8]
    private var filled = 0
    private var position = 0
    private var fileOffset = 0
    private var block = [UInt8]()
    /// The longest line accepted; a longer one is not a table row.
    private let maxLineBytes = 16 << 20

    init(file: BinaryFile, blockSize: Int = 1 << 20) {
        self.file = file
        buffer = [UInt8](repeating: 0, count: blockSize)
    }

    /// Continues from `offset`, which must be the start of line `line`.
    func seek(offset: Int, line: Int) {
        fileOffset = offset
        filled = 0
        position = 0
        lineNumber = line - 1
    }

    /// Calls `body` with the next line (without its "\n" or "\r\n") and returns its result, or
    /// returns `nil` at the end of the file. Complexity: amortised O(line length).
    func nextLine<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        while true {
            if let newline = buffer[position..<filled].firstIndex(of: 0x0A) {
                let start = position
                position = newline + 1
                lineNumber += 1
                let end = newline > start && buffer[newline - 1] == 0x0D ? newline - 1 : newline
                return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            }
            // No newline in what is buffered: move the partial line to the front and read more.
            if position > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    for i in 0..<(filled - position) { b[i] = b[position + i] }
                }
                filled -= position
                position = 0
            }
            if fileOffset >= file.size {
                guard filled > 0 else { return nil }
                let end = buffer[filled - 1] == 0x0D ? filled - 1 : filled
                position = filled
                lineNumber += 1
                return try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<end])) }
            }
            if filled == buffer.count {
                guard buffer.count < maxLineBytes else {
                    throw FormatError.invalidLine(file: file.path, line: lineNumber + 1, field: nil,
                                                  reason: "a line longer than \(maxLineBytes) bytes is not a table row")
                }
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let count = min(buffer.count - filled, file.size - fileOffset)
            try file.read(into: &block, offset: fileOffset, count: count, field: "text")
            buffer.withUnsafeMutableBufferPointer { b in
                for i in 0..<count { b[filled + i] = block[i] }
            }
            filled += count
            fileOffset += count
        }
    }
}

/// How the cells of a row are separated.
enum CSVDelimiter: Equatable {
    case byte(UInt8)
    /// Runs of spaces or tabs.
    case whitespace

    var name: String {
        switch self {
        case .byte(0x2C): return "comma"
        case .byte(0x3B): return "semicolon"
        case .byte(0x09): return "tab"
        case .byte(let b): return "byte \(b)"
        case .whitespace: return "whitespace"
        }
    }

    /// Guesses the delimiter of a first row: tab, then semicolon, then comma, then spaces.
    static func detect(_ line: UnsafeBufferPointer<UInt8>) -> CSVDelimiter {
        var inQuotes = false
        var counts: [UInt8: Int] = [:]
        for b in line {
            if b == 0x22 { inQuotes.toggle() }
            if !inQuotes, b == 0x09 || b == 0x3B || b == 0x2C { counts[b, default: 0] += 1 }
        }
        for b: UInt8 in [0x09, 0x3B, 0x2C] where counts[b, default: 0] > 0 { return .byte(b) }
        return .whitespace
    }

    /// Splits `line` into cell ranges, written into `cells` (reused, so no allocation once it
    /// has grown). Quotes protect delimiters; the quotes themselves stay in the range.
    func split(_ line: UnsafeBufferPointer<UInt8>, into cells: inout [Range<Int>]) {
        cells.removeAll(keepingCapacity: true)
        switch self {
        case .byte(let d):
            var start = 0
            var inQuotes = false
            for i in 0..<line.count {
                let b = line[i]
                if b == 0x22 { inQuotes.toggle() } else if b == d && !inQuotes {
                    cells.append(start..<i)
                    start = i + 1
                }
            }
            cells.append(start..<line.count)
        case .whitespace:
            var i = 0
            while i < line.count {
                while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
                guard i < line.count else { break }
                let start = i
                while i < line.count, line[i] != 0x20 && line[i] != 0x09 { i += 1 }
                cells.append(start..<i)
            }
        }
    }
}
